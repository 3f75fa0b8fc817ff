//! Explanations: the reasons of an outcome (the rule, its condition parts and the answers and
//! parameters they read), the near misses of an undecided outcome, and the handovers with their
//! requirements.

use super::logic::{Ctx, Tri};
use super::policy::{Earliest, handover_status};
use super::result::{used_parameter, value_ids};
use super::{
    ConditionPart, HandoverResult, NearMiss, Reason, RequirementResult, UsedAnswer, sentence, shown,
};
use crate::model::{Atom, Cond, FactId, OutcomeDef, RuleDef, Text, ValueId};

impl Ctx<'_> {
    pub(super) fn handover(&self, h: &crate::model::HandoverDef) -> HandoverResult {
        let lead = self.model.outcomes.get(h.lead);
        let value = |v: ValueId| {
            lead.and_then(|o| o.values.get(v))
                .map(|x| (x.id.clone(), x.label.clone()))
                .unwrap_or_default()
        };
        let (from, from_label) = value(h.from);
        let (to, to_label) = value(h.to);
        let when = self.cond(&h.when);
        let mut deps = when.deps.clone();
        let requirements: Vec<RequirementResult> = h
            .requires
            .iter()
            .map(|r| {
                let t = self.cond(&r.cond);
                deps.extend(t.deps.iter().copied());
                let mut facts = Vec::new();
                crate::walk::cond_facts(&r.cond, &mut facts);
                RequirementResult {
                    text: r.text.clone(),
                    label: r.label.clone(),
                    met: t.now,
                    answers: self.used_answers(&facts),
                }
            })
            .collect();
        let missing: Vec<Text> = requirements
            .iter()
            .filter(|r| r.met != Some(true))
            .map(|r| r.label.clone())
            .collect();
        let status = handover_status(when.now, missing.is_empty());
        HandoverResult {
            id: h.id.clone(),
            title: h.title.clone(),
            lead: lead.map(|o| o.id.clone()).unwrap_or_default(),
            from,
            from_label,
            to,
            to_label,
            status,
            requirements,
            missing,
            provisional: !deps.is_empty(),
            because: h.because.clone(),
            sources: h.sources.clone(),
            time_only: h.time_only,
            line: self.model.line_of(h.span.start),
        }
    }

    /// The answers to these facts, as shown in reasons.
    pub(super) fn used_answers(&self, facts: &[FactId]) -> Vec<UsedAnswer> {
        facts
            .iter()
            .filter_map(|&f| {
                let def = self.model.facts.get(f)?;
                Some(UsedAnswer {
                    fact: def.id.clone(),
                    question: def.label.clone(),
                    answer: self
                        .facts
                        .get(f)
                        .and_then(|s| s.value)
                        .map(|v| shown(def, v)),
                })
            })
            .collect()
    }

    pub(super) fn reason(
        &self,
        r: &RuleDef,
        out: &OutcomeDef,
        vals: &[ValueId],
        t: &Tri,
    ) -> Reason {
        let (kind, table, row) = match &r.origin {
            crate::model::RuleOrigin::Rule => ("rule", None, None),
            crate::model::RuleOrigin::Handover { handover, .. } => {
                ("handover", Some(handover.clone()), None)
            }
            crate::model::RuleOrigin::Row { table, row } => {
                ("row", Some(table.clone()), Some(*row))
            }
        };
        let mut conditions = Vec::new();
        self.explain(&r.cond, true, false, &mut conditions);
        sentence::drop_repeats(&mut conditions);
        Reason {
            kind,
            rule: r.id.clone(),
            table,
            row,
            line: self.model.line_of(r.span.start),
            title: r.title.clone(),
            values: value_ids(out, vals),
            priority: r.priority,
            because: r.because.clone(),
            sources: r.sources.clone(),
            conditions,
            provisional: !t.settled(),
        }
    }

    /// Up to three rules closest to deciding an undecided outcome: first those that may still fire
    /// (fewest missing answers first), then those that fail on the fewest parts.
    pub(super) fn nearest(
        &self,
        out: &OutcomeDef,
        rules: &[(&RuleDef, Vec<ValueId>, &Tri)],
    ) -> Vec<NearMiss> {
        // Each candidate with its rank (may it still fire, missing answers, failing parts, place): the
        // ranks are sorted, not the candidates (one small sort in the browser bundle).
        let mut ranks = Vec::with_capacity(rules.len());
        let mut cands: Vec<Option<NearMiss>> = rules
            .iter()
            .enumerate()
            .map(|(i, (r, vals, t))| {
                let missing = self.next_ids(&t.deps);
                let mut parts = Vec::new();
                self.explain(&r.cond, true, false, &mut parts);
                let failing: Vec<ConditionPart> = parts
                    .into_iter()
                    .filter(|p| p.holds == Some(false))
                    .collect();
                let may_fire = t.now.is_none() || !t.settled();
                let near = NearMiss {
                    rule: r.id.clone(),
                    line: self.model.line_of(r.span.start),
                    title: r.title.clone(),
                    values: value_ids(out, vals),
                    value_labels: vals
                        .iter()
                        .filter_map(|v| out.values.get(*v).map(|d| d.label.clone()))
                        .collect(),
                    because: r.because.clone(),
                    missing,
                    failing,
                };
                ranks.push((!may_fire, near.missing.len(), near.failing.len(), i));
                Some(near)
            })
            .collect();
        crate::order::sort(&mut ranks);
        ranks
            .iter()
            .take(3)
            .filter_map(|rank| cands.get_mut(rank.3).and_then(Option::take))
            .collect()
    }

    /// The parts of a condition that explain why it is `want` (or, for near misses, what it needs).
    /// `neg` is true under an odd number of `not`s: then `and` acts as `or` and texts get `not`.
    pub(super) fn explain(&self, c: &Cond, want: bool, neg: bool, out: &mut Vec<ConditionPart>) {
        match c {
            Cond::True => {}
            Cond::Atom(a) => out.push(self.part(a, neg)),
            Cond::Not(inner) => self.explain(inner, want, !neg, out),
            Cond::Definitely(inner) => self.explain(inner, want, neg, out),
            Cond::And(cs) | Cond::Or(cs) => {
                // Under `not`, and/or swap roles (De Morgan).
                let all_needed = matches!(c, Cond::And(_)) != neg;
                let shown_value = |ch: &Cond| self.cond(ch).now.map(|b| b != neg);
                if all_needed == want {
                    // Every child must be `want`: show them all.
                    for ch in cs {
                        self.explain(ch, want, neg, out);
                    }
                } else {
                    // One child being `want` is enough: show a settled one, else those that are `want`.
                    let settled = cs.iter().find(|ch| {
                        let t = self.cond(ch);
                        t.now.map(|b| b != neg) == Some(want) && t.settled()
                    });
                    match settled {
                        Some(ch) => self.explain(ch, want, neg, out),
                        None => {
                            let hits: Vec<&Cond> = cs
                                .iter()
                                .filter(|ch| shown_value(ch) == Some(want))
                                .collect();
                            if hits.is_empty() {
                                for ch in cs {
                                    self.explain(ch, want, neg, out);
                                }
                            } else {
                                for ch in hits {
                                    self.explain(ch, want, neg, out);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    pub(super) fn part(&self, a: &Atom, neg: bool) -> ConditionPart {
        let t = self.pred(&a.pred);
        ConditionPart {
            text: if neg && a.text.contains(' ') {
                format!("not ({})", a.text)
            } else if neg {
                format!("not {}", a.text)
            } else {
                a.text.clone()
            },
            holds: t.now.map(|b| b != neg),
            sentence: self.sentence(a, neg),
            answers: self.used_answers(&a.facts),
            parameters: a
                .params
                .iter()
                .filter_map(|&p| used_parameter(self.model, p))
                .collect(),
        }
    }

    /// The reason of a deadline outcome: the rule that gives the earliest date, with the date as a
    /// condition part (the answers it is computed from).
    pub(super) fn deadline_reason(&self, oid: usize, out: &OutcomeDef, best: Earliest) -> Reason {
        let (day, r, t, text) = best;
        let mut reason = self.reason(r, out, &[], t);
        reason.values = vec![day.to_string()];
        let dfacts: Vec<FactId> = r
            .deadlines
            .iter()
            .find(|d| d.outcome == oid)
            .map(|d| d.facts.clone())
            .unwrap_or_default();
        reason.conditions.push(ConditionPart {
            text: format!("{} = {text}", out.id),
            sentence: self.answers_sentence(&dfacts),
            holds: Some(true),
            answers: self.used_answers(&dfacts),
            parameters: Vec::new(),
        });
        sentence::drop_repeats(&mut reason.conditions);
        reason
    }
}
