//! The probes: the analysis' entry into the evaluator. A probe evaluates like [`super::evaluate`] but
//! keeps only the states (no reasons, no texts), and can evaluate part of the model or reuse an earlier
//! probe after one answer changed.

use super::deps::Deps;
use super::logic::{Ctx, Tri};
use super::policy::handover_status;
use super::{Asked, HandoverStatus, Status};
use crate::answers::Answers;
use crate::date::Date;
use crate::model::{FactId, HandoverDef, Model};

/// What the analysis reads from one evaluation: the states, without reasons or texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// Per fact (model order): whether it is asked now, and the open questions that could change what
    /// the rules see of it.
    pub facts: Vec<(Asked, Vec<FactId>)>,
    /// Per rule (model order): its condition now (`None`: unknown) and the open questions that could
    /// change it.
    pub rules: Vec<(Option<bool>, Vec<FactId>)>,
    /// Per outcome (model order).
    pub outcomes: Vec<OutcomeProbe>,
    /// Per handover (model order): its status and the open questions that could change it.
    pub handovers: Vec<(HandoverStatus, Vec<FactId>)>,
    /// The work this evaluation did, in steps: one per term, condition and question state evaluated,
    /// plus one per open question each of those carries (a state copied from an earlier probe counts
    /// its open questions). The time an evaluation takes grows with it; the analysis charges its budget
    /// by it.
    pub work: usize,
}

/// A rule's state in a [`Probe`]: its condition now and the open questions that could change it.
type RuleState = (Option<bool>, Vec<FactId>);

/// One outcome in a [`Probe`].
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeProbe {
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The value ids (for a deadline: the date).
    pub values: Vec<String>,
    /// The open questions that could still change it (empty: final).
    pub next: Vec<FactId>,
    /// For a collect outcome that `follows` others: per rule (model order), whether its values count, as
    /// the evaluation decides it (its condition, and its value of each followed outcome it sets is that
    /// outcome's result), with the open questions that could change that. Empty for any other outcome.
    pub counts: Vec<(Option<bool>, Vec<FactId>)>,
}

/// Evaluates like [`evaluate`] but keeps only the states the analysis needs (much cheaper: no reasons,
/// no texts). The states are the same as `evaluate` gives.
pub fn probe(model: &Model, answers: &Answers, today: Date) -> Probe {
    probe_parts(model, answers, today, true, None)
}

/// Like [`probe`], for searches that look at part of the model. With `outcomes` false the (costlier)
/// outcome states are left out and [`Probe::outcomes`] is empty. With `rules` given (and `outcomes`
/// false) only those rules are evaluated; every other rule reads `(None, [])` and must not be used.
pub(crate) fn probe_parts(
    model: &Model,
    answers: &Answers,
    today: Date,
    outcomes: bool,
    rules: Option<&[usize]>,
) -> Probe {
    probe_reusing(model, answers, today, outcomes, rules, None)
}

/// Like [`probe_parts`] with `outcomes` false and only `rules`, after one answer changed since `prev`:
/// the rules whose `stale` flag is false cannot have changed (they read neither that question nor a
/// question whose `ask when` reads it) and are copied from `prev` instead of evaluated again.
pub(crate) fn probe_update(
    model: &Model,
    answers: &Answers,
    today: Date,
    rules: &[usize],
    prev: &Probe,
    stale: &[bool],
) -> Probe {
    probe_reusing(
        model,
        answers,
        today,
        false,
        Some(rules),
        Some((prev, stale)),
    )
}

fn probe_reusing(
    model: &Model,
    answers: &Answers,
    today: Date,
    outcomes: bool,
    rules: Option<&[usize]>,
    reuse: Option<(&Probe, &[bool])>,
) -> Probe {
    let ctx = Ctx::new(model, answers, today, false);
    let mut copied: Vec<(usize, RuleState)> = Vec::new();
    let rule_tris: Vec<Tri> = match rules {
        Some(only) if !outcomes => some_rules(&ctx, only, reuse, &mut copied),
        _ => model.rules.iter().map(|r| ctx.cond(&r.cond)).collect(),
    };
    let wanted = if outcomes { model.outcomes.len() } else { 0 };
    let outcomes = model
        .outcomes
        .iter()
        .take(wanted)
        .enumerate()
        .map(|(oid, out)| {
            let counting = ctx.counting(oid, out, &rule_tris, true);
            let (r, next) = ctx.outcome_with(oid, out, &rule_tris, counting.as_deref());
            OutcomeProbe {
                status: r.status,
                values: r.values,
                next: next.into_iter().collect(),
                counts: counting
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| (t.now, t.deps.into_iter().collect()))
                    .collect(),
            }
        })
        .collect();
    let handovers = model.handovers.iter().map(|h| handover(&ctx, h)).collect();
    let mut rules: Vec<RuleState> = rule_tris
        .into_iter()
        .map(|t| (t.now, t.deps.into_iter().collect()))
        .collect();
    for (r, old) in copied {
        if let Some(slot) = rules.get_mut(r) {
            *slot = old;
        }
    }
    Probe {
        facts: ctx
            .facts
            .iter()
            .map(|f| (f.asked, f.deps.iter().copied().collect()))
            .collect(),
        rules,
        outcomes,
        handovers,
        work: ctx.steps.get(),
    }
}

/// The truth of the rules `only` (every other rule unknown, `(None, [])`). With `reuse`, a rule not
/// `stale` is not evaluated: its state in the earlier probe is pushed to `copied` (its slot here stays
/// unknown) and counted as work.
fn some_rules(
    ctx: &Ctx,
    only: &[usize],
    reuse: Option<(&Probe, &[bool])>,
    copied: &mut Vec<(usize, RuleState)>,
) -> Vec<Tri> {
    let model = ctx.model;
    let mut tris: Vec<Tri> = model
        .rules
        .iter()
        .map(|_| Tri {
            now: None,
            deps: Deps::new(),
        })
        .collect();
    for &r in only {
        if let Some((prev, stale)) = reuse
            && !stale.get(r).copied().unwrap_or(true)
            && let Some(old) = prev.rules.get(r)
        {
            ctx.tick(1 + old.1.len());
            copied.push((r, old.clone()));
            continue;
        }
        if let (Some(def), Some(slot)) = (model.rules.get(r), tris.get_mut(r)) {
            *slot = ctx.cond(&def.cond);
        }
    }
    tris
}

/// A handover's status and the open questions that could change it.
fn handover(ctx: &Ctx, h: &HandoverDef) -> (HandoverStatus, Vec<FactId>) {
    let when = ctx.cond(&h.when);
    let mut deps = when.deps.clone();
    let mut all_met = true;
    for r in &h.requires {
        let t = ctx.cond(&r.cond);
        deps.extend(t.deps.iter().copied());
        all_met &= t.now == Some(true);
    }
    (
        handover_status(when.now, all_met),
        deps.into_iter().collect(),
    )
}
