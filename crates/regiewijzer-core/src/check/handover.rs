//! Handovers, and the two rules each compiles to.

use super::*;

impl Checker<'_> {
    /// The handovers, in order; each adds its rules to `rules`.
    pub(super) fn handovers(
        &mut self,
        items: &[&ast::Handover],
        outcomes: &[OutcomeDef],
        rules: &mut Vec<RuleDef>,
        names: &mut HashMap<String, Span>,
    ) -> Vec<HandoverDef> {
        let mut handovers = Vec::new();
        for h in items {
            let what = Decl::RuleTableOrHandover;
            self.rule_name(names, &h.name, what);
            if let Some(hd) = self.handover(h, outcomes, rules) {
                handovers.push(hd);
            }
        }
        handovers
    }

    /// A handover, and the two rules it compiles to: while proposed and not every requirement holds,
    /// the lead stays with the sender; when all hold, it goes to the receiver.
    pub(super) fn handover(
        &mut self,
        h: &ast::Handover,
        outcomes: &[OutcomeDef],
        rules: &mut Vec<RuleDef>,
    ) -> Option<HandoverDef> {
        let title = self.opt_text(&h.title);
        let because = self.required_text(&h.because, ItemType::Handover, "because", h.name.span);
        let (lid, od, from_to, when) = self.handover_lead(h, outcomes)?;
        let value = |c: &mut Checker, v: &Ident| -> Option<ValueId> {
            let found = od.values.iter().position(|x| x.id == v.name);
            if found.is_none() {
                c.err(
                    DiagKind::UnknownValue {
                        outcome: od.id.clone(),
                        value: v.name.clone(),
                        suggestion: c.near(&v.name, od.values.iter().map(|x| x.id.as_str())),
                    },
                    v.span,
                );
            }
            found
        };
        let from = value(self, &from_to.0);
        let to = value(self, &from_to.1);
        let when_cond = self.cond(when);
        let requires = self.requires(h);
        let (from, to, when_cond, requires) = (from?, to?, when_cond?, requires?);
        let time_only = !requires.is_empty() && requires.iter().all(|r| only_time(&r.cond));
        if time_only {
            self.err(DiagKind::HandoverOnlyTime(h.name.name.clone()), h.name.span);
        }
        let hd = HandoverDef {
            id: h.name.name.clone(),
            title,
            lead: lid,
            from,
            to,
            when: when_cond,
            when_text: expr_to_string(when),
            requires,
            because,
            sources: h.sources.iter().map(|s| s.value.value.clone()).collect(),
            time_only,
            span: h.name.span,
        };
        let priority = h.priority.as_ref().map_or(1000, |p| p.value.value);
        handover_rules(&hd, od, priority, rules);
        Some(hd)
    }

    /// The lead outcome of a handover (a `priority` outcome), its `from ... to` and `when`; a missing
    /// clause is `E206`.
    fn handover_lead<'h, 'o>(
        &mut self,
        h: &'h ast::Handover,
        outcomes: &'o [OutcomeDef],
    ) -> Option<(OutcomeId, &'o OutcomeDef, &'h (Ident, Ident), &'h Expr)> {
        let missing = |c: &mut Checker, clause: &str| {
            c.err(
                DiagKind::MissingClause {
                    item: ItemType::Handover,
                    clauses: vec![clause.into()],
                },
                h.name.span,
            );
        };
        let Some(lead) = &h.lead else {
            missing(self, "lead");
            return None;
        };
        let Some(from_to) = &h.from_to else {
            missing(self, "from ... to");
            return None;
        };
        let Some(when) = &h.when else {
            missing(self, "when");
            return None;
        };
        let Some(&lid) = self.outcome_ids.get(&lead.value.name) else {
            let kind = self.unknown_outcome_kind(&lead.value.name);
            self.unknown(kind, &lead.value.name, lead.value.span);
            return None;
        };
        let od = outcomes.get(lid)?;
        if od.policy != Policy::Priority {
            self.err(
                DiagKind::TypeMismatch {
                    expected: TypeDesc::PriorityLead,
                    found: TypeDesc::Code(od.id.clone()),
                },
                lead.value.span,
            );
            return None;
        }
        Some((lid, od, &from_to.value, &when.value))
    }

    /// The requirements of a handover with their labels; `None` when one does not check.
    fn requires(&mut self, h: &ast::Handover) -> Option<Vec<RequireDef>> {
        let mut requires = Vec::new();
        for r in &h.requires {
            let (e, label) = &r.value;
            let label = self.text(label);
            if let Some(cond) = self.cond(e) {
                requires.push(RequireDef {
                    cond,
                    text: expr_to_string(e),
                    label,
                });
            }
        }
        (requires.len() == h.requires.len()).then_some(requires)
    }
}

/// True when every test in the condition is about time relative to today (and there is at least one).
pub(super) fn only_time(c: &Cond) -> bool {
    fn term_time(t: &Term) -> bool {
        match t {
            Term::Today => true,
            Term::Count { window, .. } | Term::Pick { window, .. } => window.is_some(),
            Term::Arith(_, a, b)
            | Term::DatePlus(a, b)
            | Term::WorkdaysPlus(a, b)
            | Term::DateDiff(a, b) => term_time(a) || term_time(b),
            Term::Neg(a) => term_time(a),
            Term::Cond(c) => only_time(c),
            Term::Fact(_) | Term::Lit(_) | Term::Param(_) | Term::Field(_) => false,
        }
    }
    fn pred_time(p: &Pred) -> bool {
        match p {
            Pred::Truth(t) | Pred::Known { term: t, .. } => term_time(t),
            Pred::Cmp(_, a, b) => term_time(a) || term_time(b),
            Pred::In { term, list, .. } => term_time(term) || list.iter().any(term_time),
            Pred::Between { term, low, high } => {
                term_time(term) || term_time(low) || term_time(high)
            }
            Pred::Answered { .. } => false,
            Pred::Nested(c) => only_time(c),
        }
    }
    match c {
        Cond::True => false,
        Cond::Atom(a) => pred_time(&a.pred),
        Cond::Not(c) | Cond::Definitely(c) => only_time(c),
        Cond::And(v) | Cond::Or(v) => !v.is_empty() && v.iter().all(only_time),
    }
}

/// The rules a handover compiles to: while not every requirement holds (only when there are any), the
/// lead stays with the sender; when all hold, it goes to the receiver.
fn handover_rules(hd: &HandoverDef, od: &OutcomeDef, priority: i64, rules: &mut Vec<RuleDef>) {
    let label_of = |v: ValueId| {
        od.values
            .get(v)
            .map(|x| x.label.clone())
            .unwrap_or_default()
    };
    let (from_label, to_label) = (label_of(hd.from), label_of(hd.to));
    let all_met = Cond::And(hd.requires.iter().map(|r| r.cond.clone()).collect());
    let texts: Vec<&str> = hd.requires.iter().map(|r| r.text.as_str()).collect();
    let when_text = &hd.when_text;
    let rule =
        |complete: bool, title: Text, cond: Cond, cond_text: String, value, because| RuleDef {
            id: format!(
                "{}:{}",
                hd.id,
                if complete { "complete" } else { "blocked" }
            ),
            origin: RuleOrigin::Handover {
                handover: hd.id.clone(),
                complete,
            },
            title: Some(title),
            cond,
            cond_text,
            assigns: vec![(hd.lead, value)],
            deadlines: Vec::new(),
            priority,
            rank: 0,
            because,
            sources: hd.sources.clone(),
            span: hd.span,
        };
    if !hd.requires.is_empty() {
        let title = Text {
            nl: format!("Warme overdracht naar {}: nog niet rond", to_label.nl),
            en: format!("Warm handover to {}: not complete yet", to_label.en),
        };
        let not_met = Cond::Not(Box::new(Cond::Definitely(Box::new(all_met.clone()))));
        let because = Text {
            nl: format!(
                "{} blijft regiehouder tot aan alle voorwaarden van de overdracht is voldaan. {}",
                from_label.nl, hd.because.nl
            ),
            en: format!(
                "{} stays the lead until every condition of the handover is met. {}",
                from_label.en, hd.because.en
            ),
        };
        rules.push(rule(
            false,
            title,
            Cond::And(vec![hd.when.clone(), not_met]),
            format!("{when_text} and not ({})", texts.join(" and ")),
            hd.from,
            because,
        ));
    }
    let title = Text {
        nl: format!("Overdracht naar {} rond", to_label.nl),
        en: format!("Handover to {} complete", to_label.en),
    };
    let cond_text = if texts.is_empty() {
        when_text.clone()
    } else {
        format!("{when_text} and {}", texts.join(" and "))
    };
    rules.push(rule(
        true,
        title,
        Cond::And(vec![hd.when.clone(), all_met]),
        cond_text,
        hd.to,
        hd.because.clone(),
    ));
}
