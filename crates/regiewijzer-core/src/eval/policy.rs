//! Policies: how the rules giving an outcome combine (priority, unique, collect, deadline), its default,
//! whether it is provisional, and for an outcome that `follows` others which rules count.

use super::deps::{Carry, Deps};
use super::logic::{Ctx, Tri, both};
use super::result::value_ids;
use super::settle::{gives, settle};
use super::{Decision, HandoverStatus, OutcomeResult, Reason, Status, deadline_info};
use crate::ast::Policy;
use crate::date::Date;
use crate::model::{FallbackDef, OutcomeDef, RuleDef, Text, Value, ValueId};

/// A rule that gives an outcome a value: the rule, its values for that outcome, its truth now.
pub(super) type Giving<'m> = (&'m RuleDef, Vec<ValueId>, &'m Tri);

/// How the rules giving an outcome combine under its policy (not a deadline), before any default: the
/// status, the values, the deciding rules (for a conflict: the conflicting ones) and the open questions
/// that could still change it. What the policies mean is [`settle`]'s; this adds the open questions.
///
/// With `open` false the open questions are not worked out (the returned set is empty): the status and
/// values read only whether each rule holds now.
pub(super) fn combine<'r, 'm>(
    policy: Policy,
    rules: &'r [Giving<'m>],
    open_deps: bool,
) -> (Status, Vec<ValueId>, Vec<&'r Giving<'m>>, Deps) {
    let (mut at, mut values) = (Vec::new(), Vec::new());
    let gift = |i: usize| rules.get(i).map(|(r, v, t)| (*r, v.as_slice(), t.now));
    let status = settle(policy, rules.len(), gift, &mut at, &mut values);
    let deciding: Vec<&Giving> = at.iter().filter_map(|&i| rules.get(i)).collect();
    let mut relevant = Deps::new();
    if open_deps {
        match policy {
            Policy::Priority => priority_open(rules, &deciding, &mut relevant),
            Policy::Unique => every_rule_open(rules, &mut relevant),
            Policy::Deadline => {}
            Policy::Collect => collect_open(rules, &deciding, &mut relevant),
        }
    }
    (status, values, deciding, relevant)
}

/// Whether a rule's truth could still change.
#[inline]
fn open(t: &Tri) -> bool {
    !t.settled()
}

/// Adds the open questions of every rule to `relevant` (`unique`: every open rule matters, and
/// `priority` while no rule holds).
#[inline]
fn every_rule_open(rules: &[Giving], relevant: &mut Deps) {
    for (_, _, t) in rules {
        relevant.extend(t.deps.iter().copied());
    }
}

/// `priority`: an open rule matters while a deciding rule is open, or it could outrank them or add a
/// value to theirs.
#[inline]
fn priority_open(rules: &[Giving], tops: &[&Giving], relevant: &mut Deps) {
    let Some((first, ..)) = tops.first() else {
        every_rule_open(rules, relevant);
        return;
    };
    let top = (first.priority, first.rank);
    let top_open = tops.iter().any(|(_, _, t)| open(t));
    for (r, vals, t) in rules {
        if !open(t) {
            continue;
        }
        let key = (r.priority, r.rank);
        let adds = || {
            vals.iter()
                .any(|v| !tops.iter().any(|(_, tv, _)| tv.contains(v)))
        };
        if top_open || key > top || (key == top && adds()) {
            relevant.extend(t.deps.iter().copied());
        }
    }
}

/// `collect`: an open rule matters while it holds or could add a value not settled yet.
#[inline]
fn collect_open(rules: &[Giving], fired: &[&Giving], relevant: &mut Deps) {
    let settled_values: Vec<ValueId> = fired
        .iter()
        .filter(|(_, _, t)| !open(t))
        .flat_map(|(_, v, _)| v.iter().copied())
        .collect();
    for (_, vals, t) in rules {
        if open(t) && (t.now == Some(true) || vals.iter().any(|v| !settled_values.contains(v))) {
            relevant.extend(t.deps.iter().copied());
        }
    }
}

/// Whether an outcome is provisional, and for a `collect` outcome its final values. A `collect` outcome
/// is provisional while a value shown could still fall away; any other while an open question could
/// change it (`relevant` not empty).
pub(super) fn provisional(
    policy: Policy,
    status: Status,
    rules: &[Giving],
    values: &[ValueId],
    relevant: &Deps,
) -> (bool, Vec<ValueId>) {
    if policy != Policy::Collect {
        return (!relevant.is_empty(), Vec::new());
    }
    if status == Status::Default {
        // The default stays unless a rule could still fire.
        let fixed = if relevant.is_empty() {
            values.to_vec()
        } else {
            Vec::new()
        };
        return (!relevant.is_empty(), fixed);
    }
    let fixed = collect_final(rules);
    (values.iter().any(|v| !fixed.contains(v)), fixed)
}

/// Where a handover stands: not proposed while its `when` is no, open while that is unknown, else
/// complete when every requirement is met (`all_met`) and blocked when not.
pub(super) fn handover_status(when: Option<bool>, all_met: bool) -> HandoverStatus {
    match when {
        Some(false) => HandoverStatus::NotProposed,
        None => HandoverStatus::Open,
        Some(true) if all_met => HandoverStatus::Complete,
        Some(true) => HandoverStatus::Blocked,
    }
}

/// The deciding deadline: its date, the rule giving it, the rule's truth, the date as written.
pub(super) type Earliest<'m, D = Deps> = (Date, &'m RuleDef, &'m Tri<D>, &'m str);

/// For a `collect` outcome: the values given by a rule that fires for every completion (final).
fn collect_final(rules: &[Giving]) -> Vec<ValueId> {
    let mut out: Vec<ValueId> = rules
        .iter()
        .filter(|(_, _, t)| t.now == Some(true) && t.settled())
        .flat_map(|(_, vals, _)| vals.iter().copied())
        .collect();
    crate::order::sort_dedup(&mut out);
    out
}

/// A followed outcome: its number, its values now, the open questions that could change it.
pub(super) type Followed = (usize, Vec<ValueId>, Deps);

/// Whether the values of rule `r` (its condition `t`) count for an outcome that follows others: its
/// condition and, for each followed outcome the rule also sets, that its value there is the result.
pub(super) fn counts(r: &RuleDef, t: &Tri, followed: &[Followed]) -> Tri {
    followed.iter().fold(t.clone(), |t, (o, agreed, relevant)| {
        match r.assigns.iter().find(|(x, _)| x == o) {
            Some((_, v)) => both(
                t,
                Tri {
                    now: Some(agreed.contains(v)),
                    deps: relevant.clone(),
                },
            ),
            None => t,
        }
    })
}

impl Ctx<'_> {
    /// What outcome number `oid` (`out`) comes to under the rules' truth `tris`, without reasons or
    /// texts: [`decide`]'s result, and the status and values [`Ctx::outcome`] gives. With `open` false
    /// the open questions are not worked out: the status and values are the same, `provisional` is
    /// false and means nothing.
    pub(super) fn decision(
        &self,
        oid: usize,
        out: &OutcomeDef,
        tris: &[Tri],
        open: bool,
    ) -> Decision {
        if out.policy == Policy::Deadline {
            let (r, _) = self.deadline_outcome(oid, out, tris);
            return Decision {
                status: r.status,
                values: r.values,
                provisional: r.provisional,
            };
        }
        let counting = self.counting(oid, out, tris, open);
        let rules = self.givers(oid, counting.as_deref().unwrap_or(tris));
        let (mut status, mut values, _, relevant) = combine(out.policy, &rules, open);
        if status == Status::Undecided
            && let FallbackDef::Default { value, .. } = &out.fallback
        {
            status = Status::Default;
            values = vec![*value];
        }
        Decision {
            status,
            provisional: provisional(out.policy, status, &rules, &values, &relevant).0,
            values: value_ids(out, &values),
        }
    }
}

impl Ctx<'_> {
    /// Combines the rules of one outcome. Returns the result and the open questions that matter for it.
    /// The rules that give outcome `oid` a value, with their values and their truth now.
    pub(super) fn givers<'m>(&'m self, oid: usize, tris: &'m [Tri]) -> Vec<Giving<'m>> {
        self.model
            .rules
            .iter()
            .zip(tris)
            .filter_map(|(r, t)| {
                let vals = gives(r, oid);
                (!vals.is_empty()).then_some((r, vals, t))
            })
            .collect()
    }

    /// For a collect outcome with `follows`: per rule, whether its values count. That is its condition
    /// and, for each followed outcome the rule also sets, that its value there is that outcome's result
    /// (the rule won, or agrees with the winner; in a conflict, one of the conflicting values). While the
    /// followed outcome is provisional, so is this. `None` when the outcome follows nothing. `out` is
    /// outcome number `oid`; a rule that gives it no value is left out (false), as [`Ctx::givers`] skips it.
    ///
    /// With `open` false the followed outcomes' open questions are not worked out: each rule's truth now
    /// is the same (a Kleene `and` does not read them), the open questions it carries are not all there.
    pub(super) fn counting(
        &self,
        oid: usize,
        out: &OutcomeDef,
        tris: &[Tri],
        open: bool,
    ) -> Option<Vec<Tri>> {
        let followed = self.followed(out, tris, open)?;
        let counted = self
            .model
            .rules
            .iter()
            .zip(tris)
            .map(|(r, t)| match r.assigns.iter().any(|(o, _)| *o == oid) {
                true => counts(r, t, &followed),
                false => Tri::known(false),
            })
            .collect();
        Some(counted)
    }

    /// For a collect outcome with `follows`: per followed outcome, its values (in a conflict, the
    /// conflicting values) and the open questions that could change it. `None` when it follows nothing.
    /// With `open` false their open questions are not worked out (left empty).
    pub(super) fn followed(
        &self,
        out: &OutcomeDef,
        tris: &[Tri],
        open: bool,
    ) -> Option<Vec<Followed>> {
        if out.follows.is_empty() {
            return None;
        }
        let results: Vec<Followed> = out
            .follows
            .iter()
            .filter_map(|&o| {
                let od = self.model.outcomes.get(o)?;
                let rules = self.givers(o, tris);
                let (_, values, deciding, relevant) = combine(od.policy, &rules, open);
                let agreed = if values.is_empty() {
                    deciding.iter().flat_map(|(_, v, _)| v.clone()).collect()
                } else {
                    values
                };
                Some((o, agreed, relevant))
            })
            .collect();
        Some(results)
    }

    pub(super) fn outcome(
        &self,
        oid: usize,
        out: &OutcomeDef,
        tris: &[Tri],
    ) -> (OutcomeResult, Deps) {
        self.outcome_with(
            oid,
            out,
            tris,
            self.counting(oid, out, tris, true).as_deref(),
        )
    }

    /// [`Ctx::outcome`] with the outcome's [`Ctx::counting`] already worked out.
    pub(super) fn outcome_with(
        &self,
        oid: usize,
        out: &OutcomeDef,
        tris: &[Tri],
        counting: Option<&[Tri]>,
    ) -> (OutcomeResult, Deps) {
        if out.policy == Policy::Deadline {
            return self.deadline_outcome(oid, out, tris);
        }
        // The rules that give this outcome a value, with their values and evaluation (for a collect
        // outcome that follows others: whether their values count).
        let rules = self.givers(oid, counting.unwrap_or(tris));
        let (status, values, deciding, relevant) = combine(out.policy, &rules, true);

        let mut reasons: Vec<Reason> = if self.explain {
            deciding
                .iter()
                .map(|(r, vals, t)| self.reason(r, out, vals, t))
                .collect()
        } else {
            Vec::new()
        };
        let mut status = status;
        let mut values = values;
        let mut nearest = Vec::new();
        if status == Status::Undecided {
            match &out.fallback {
                FallbackDef::Default { value, because } => {
                    status = Status::Default;
                    values = vec![*value];
                    reasons.push(Reason {
                        kind: "default",
                        rule: out.id.clone(),
                        table: None,
                        row: None,
                        line: 0,
                        title: None,
                        values: value_ids(out, &[*value]),
                        priority: 0,
                        because: because.clone(),
                        sources: Vec::new(),
                        conditions: Vec::new(),
                        provisional: !relevant.is_empty(),
                    });
                }
                FallbackDef::Required => {
                    if self.explain {
                        nearest = self.nearest(out, &rules);
                    }
                }
            }
        }
        let matters_next = self.next_ids(&relevant);
        let (provisional, final_values) =
            provisional(out.policy, status, &rules, &values, &relevant);
        let result = OutcomeResult {
            id: out.id.clone(),
            label: out.label.clone(),
            policy: out.policy,
            status,
            values: value_ids(out, &values),
            value_labels: values
                .iter()
                .filter_map(|v| out.values.get(*v).map(|d| d.label.clone()))
                .collect(),
            provisional,
            final_values: value_ids(out, &final_values),
            could_add: Vec::new(),
            could_add_labels: Vec::new(),
            matters_next,
            reasons,
            nearest,
            deadline: None,
        };
        (result, relevant)
    }

    /// A deadline outcome: the earliest date among the rules that fire. Every rule that may still
    /// start or stop firing, and every open question in a fired rule's date, keeps it provisional.
    pub(super) fn deadline_outcome(
        &self,
        oid: usize,
        out: &OutcomeDef,
        tris: &[Tri],
    ) -> (OutcomeResult, Deps) {
        let (best, relevant) = self.earliest(oid, tris);
        let info = best.map(|(day, ..)| deadline_info(day, self.today));
        let mut reasons = Vec::new();
        let mut value_labels = Vec::new();
        if let (Some((day, r, t, text)), Some(info)) = (best, &info)
            && self.explain
        {
            reasons.push(self.deadline_reason(oid, out, (day, r, t, text)));
            let shown = day.label();
            value_labels.push(Text {
                nl: format!("{} ({})", shown.nl, info.status.nl),
                en: format!("{} ({})", shown.en, info.status.en),
            });
        }
        let (status, values) = match best {
            Some((day, ..)) => (Status::Decided, vec![day.to_string()]),
            None => (Status::Undecided, Vec::new()),
        };
        let deadline = info;
        let result = OutcomeResult {
            id: out.id.clone(),
            label: out.label.clone(),
            policy: out.policy,
            status,
            values,
            value_labels,
            provisional: !relevant.is_empty(),
            final_values: Vec::new(),
            could_add: Vec::new(),
            could_add_labels: Vec::new(),
            matters_next: self.next_ids(&relevant),
            reasons,
            nearest: Vec::new(),
            deadline,
        };
        (result, relevant)
    }
}

impl<D: Carry> Ctx<'_, D> {
    /// The earliest date among the rules that fire and give outcome `oid` a deadline, with the rule, its
    /// truth and the date as written; and the open questions that could change it: those of every rule
    /// giving it a deadline, and those of each fired rule's date.
    pub(super) fn earliest<'m>(
        &'m self,
        oid: usize,
        tris: &'m [Tri<D>],
    ) -> (Option<Earliest<'m, D>>, D) {
        let mut relevant = D::default();
        let mut best: Option<Earliest<D>> = None;
        for (r, t) in self.model.rules.iter().zip(tris) {
            let Some(d) = r.deadlines.iter().find(|d| d.outcome == oid) else {
                continue;
            };
            relevant.join(&t.deps);
            if t.now != Some(true) {
                continue;
            }
            let date = self.term(&d.date);
            relevant.join(&date.deps);
            if let Some(Value::Date(day)) = date.now
                && best.is_none_or(|(b, ..)| day < b)
            {
                best = Some((day, r, t, d.text.as_str()));
            }
        }
        (best, relevant)
    }
}
