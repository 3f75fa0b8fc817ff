//! Warnings about a ruleset that works: facts, values and parameters no rule uses.

use super::*;

impl Checker<'_> {
    /// Parameters no rule, deadline or ask-when reads.
    pub(super) fn param_warnings(&mut self, model: &Model, items: &[&ast::Parameter]) {
        let mut used = BTreeSet::new();
        let mut conds: Vec<&Cond> = model.rules.iter().map(|r| &r.cond).collect();
        conds.extend(model.facts.iter().filter_map(|f| f.ask_when.as_ref()));
        for c in conds {
            cond_params(c, &mut used);
        }
        for r in &model.rules {
            for d in &r.deadlines {
                term_params(&d.date, &mut used);
            }
        }
        for p in items {
            if let Some(&pid) = self.param_ids.get(&p.name.name)
                && !used.contains(&pid)
            {
                self.err(DiagKind::ParamUnused(p.name.name.clone()), p.name.span);
            }
        }
    }

    pub(super) fn warnings(&mut self, model: &Model, fact_items: &[(&ast::Fact, usize)]) {
        // Values no rule and no default gives.
        for (oid, od) in model.outcomes.iter().enumerate() {
            for (vid, v) in od.values.iter().enumerate() {
                let by_rule = model.rules.iter().any(|r| r.assigns.contains(&(oid, vid)));
                let by_default =
                    matches!(od.fallback, FallbackDef::Default { value, .. } if value == vid);
                if !by_rule && !by_default {
                    let span = self.value_span(oid, vid);
                    self.err(
                        DiagKind::ValueNeverGiven {
                            outcome: od.id.clone(),
                            value: v.id.clone(),
                        },
                        span,
                    );
                }
            }
        }
        // Facts no rule or ask-when reads.
        let mut used = BTreeSet::new();
        for r in &model.rules {
            let mut v = Vec::new();
            cond_facts(&r.cond, &mut v);
            used.extend(v);
            for d in &r.deadlines {
                used.extend(d.facts.iter().copied());
            }
        }
        for f in &model.facts {
            if let Some(c) = &f.ask_when {
                let mut v = Vec::new();
                cond_facts(c, &mut v);
                used.extend(v);
            }
        }
        for (fid, (f, _)) in fact_items.iter().enumerate() {
            if !used.contains(&fid) {
                self.err(DiagKind::FactUnused(f.name.name.clone()), f.name.span);
            }
        }
    }

    pub(super) fn value_span(&self, oid: OutcomeId, vid: ValueId) -> Span {
        self.value_spans
            .get(&(oid, vid))
            .copied()
            .unwrap_or_default()
    }
}
