//! Evaluation: three-valued, with reasons.
//!
//! Every condition evaluates to a [`Tri`]-like pair: its value *now* (`yes`, `no`, or unknown while a
//! question it reads is unanswered) and the set of open questions that could still change it. `and`/`or`
//! follow Kleene's three-valued logic; a `no` in an `and` (or a `yes` in an `or`) settles the result only
//! when nothing open could change that part. A rule fires when its condition is `yes` now. An outcome is
//! *provisional* when an open question could change a rule that matters for it, and those questions are
//! "what matters next". When every asked question is answered, nothing is open, so nothing is provisional.
//!
//! A question is asked when it has no `ask when` or its `ask when` is `yes`; while its `ask when` is
//! unknown, its answer is not used yet; when its `ask when` is `no`, its answer is ignored.
//!
//! Nothing here panics: model indices are read with `get`, arithmetic is checked (an overflow makes the
//! comparison unknown), and dates outside years 1000–9999 are unknown.
//!
//! The module by part: `result` the result types; `deps` the sets of open questions; `logic`
//! three-valued logic (the context and the evaluator of terms and conditions); `policy` how the rules
//! giving an outcome combine; `explain` the reasons, near misses and handovers; `sentence` reasons in
//! plain words; `probe` the analysis' entry (states without texts); `next` what matters next; `tries`
//! the answers tried per question; `search` the values a `collect` outcome could still add (the witness
//! search).

mod batch;
mod deps;
mod explain;
mod logic;
mod next;
mod policy;
mod probe;
mod result;
mod search;
mod sentence;
mod settle;
mod tries;

pub use batch::{Batch, CaseOutcome};
pub use next::{NEXT_SHOWN, NextChange, NextKind, NextQuestion, NextWords};
pub use probe::{OutcomeProbe, Probe, probe};
pub(crate) use probe::{probe_parts, probe_update};
pub(crate) use result::PLAIN;
pub use result::{
    Asked, ConditionPart, DeadlineInfo, Evaluation, FactState, HandoverResult, HandoverStatus,
    IgnoredAnswer, NearMiss, OutcomeResult, Reason, RequirementResult, RulesetRef, Shown, Status,
    UsedAnswer, UsedParameter, deadline_info, evaluate_parameters, shown, shown_type,
};
pub use search::{WITNESS_TRIES, witness};
pub use sentence::question_and_answer;

use deps::Deps;
use logic::{Ctx, Tri, answer_value};
use result::value_ids;

use crate::answers::Answers;
use crate::ast::Policy;
use crate::date::Date;
use crate::model::{FactType, Model, Text, ValueId};

/// Evaluates `model` on `answers` with the given `today`: everything [`evaluate_outcomes`] gives, and
/// what matters next ranked ([`Evaluation::next`]) with, per `collect` outcome, the values that could
/// still be added ([`OutcomeResult::could_add`]), as [`what_matters_next`] fills them.
///
/// The ranking and the search for `could_add` try answers to the open questions and cost far more than
/// the outcomes themselves (see docs/performance.md): a host that paints the outcome on every answer
/// can call [`evaluate_outcomes`] first and [`what_matters_next`] when it shows the ranking.
pub fn evaluate(model: &Model, answers: &Answers, today: Date) -> Evaluation {
    let mut evaluation = evaluate_outcomes(model, answers, today);
    what_matters_next(model, answers, today, &mut evaluation);
    evaluation
}

/// Evaluates `model` on `answers` with the given `today`, without trying answers: every outcome with
/// its status, values, reasons, `provisional`, `final_values` and `matters_next`, every question's
/// state, the handovers, parameters and ignored answers, exactly as [`evaluate`] gives them. Left
/// empty: [`Evaluation::next`] (the ranking) and each outcome's `could_add` / `could_add_labels`;
/// [`what_matters_next`] fills them.
pub fn evaluate_outcomes(model: &Model, answers: &Answers, today: Date) -> Evaluation {
    let ctx = Ctx::new(model, answers, today, true);
    let rule_tris: Vec<Tri> = model.rules.iter().map(|r| ctx.cond(&r.cond)).collect();

    let mut outcomes = Vec::with_capacity(model.outcomes.len());
    let mut all_next = Deps::new();
    for (oid, out) in model.outcomes.iter().enumerate() {
        let (result, next) = ctx.outcome(oid, out, &rule_tris);
        all_next.extend(next.iter().copied());
        outcomes.push(result);
    }

    let facts = fact_states(&ctx, &all_next);
    let complete = facts
        .iter()
        .all(|f| f.asked != Asked::Yes || f.answer.is_some());
    let ignored_answers = ignored_answers(model, &facts);
    Evaluation {
        ruleset: RulesetRef::of(model),
        today,
        complete,
        outcomes,
        matters_next: ctx.next_ids(&all_next),
        next: Vec::new(),
        facts,
        ignored_answers,
        answer_issues: Vec::new(),
        parameters: evaluate_parameters(model),
        handovers: model.handovers.iter().map(|h| ctx.handover(h)).collect(),
    }
}

/// Every question's state in an evaluation: asked, its answer in words (a timeline's records too),
/// whether the rules use it and whether it matters next (among `all_next`).
fn fact_states(ctx: &Ctx, all_next: &Deps) -> Vec<FactState> {
    let model = ctx.model;
    model
        .facts
        .iter()
        .enumerate()
        .map(|(f, def)| {
            let state = ctx.facts.get(f);
            let answer = answer_value(ctx.answers, f);
            FactState {
                id: def.id.clone(),
                section: model
                    .sections
                    .get(def.section)
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
                asked: state.map_or(Asked::Maybe, |s| s.asked),
                answer: answer.map(|v| shown(def, v)),
                used: state.is_some_and(|s| s.value.is_some()),
                matters_next: all_next.contains(&f),
                records: match (&def.ty, ctx.answers.list(f)) {
                    (FactType::Timeline { fields }, Some(list)) => Some(
                        list.iter()
                            .map(|r| {
                                fields
                                    .iter()
                                    .zip(r)
                                    .map(|(fd, v)| v.map(|v| shown_type(&fd.ty, v)))
                                    .collect()
                            })
                            .collect(),
                    ),
                    _ => None,
                },
            }
        })
        .collect()
}

/// The answers given to questions not asked now, each with why it is not used.
fn ignored_answers(model: &Model, facts: &[FactState]) -> Vec<IgnoredAnswer> {
    model
        .facts
        .iter()
        .zip(facts)
        .filter(|(_, st)| st.answer.is_some() && st.asked != Asked::Yes)
        .map(|(def, st)| {
            let cond = def.ask_when_text.clone().unwrap_or_default();
            let reason = if st.asked == Asked::No {
                Text {
                    nl: format!("Niet gevraagd: 'ask when {cond}' geldt niet, dus dit antwoord telt niet mee."),
                    en: format!("Not asked: 'ask when {cond}' does not hold, so this answer is not used."),
                }
            } else {
                Text {
                    nl: format!("Nog niet gebruikt: 'ask when {cond}' hangt af van onbeantwoorde vragen."),
                    en: format!("Not used yet: 'ask when {cond}' depends on unanswered questions."),
                }
            };
            IgnoredAnswer {
                fact: def.id.clone(),
                reason,
            }
        })
        .collect()
}

/// Fills what [`evaluate_outcomes`] leaves empty in `evaluation`, an evaluation of `model` on `answers`
/// with `today`: [`Evaluation::next`], the open questions ranked by what their answer could still
/// change, and for each `collect` outcome [`OutcomeResult::could_add`] and its labels, the values some
/// answers to the open questions add (each found with a witness, see [`witness`]). Both try answers to
/// the open questions, within bounds of their own, and are the costly part of [`evaluate`]. Whatever
/// `evaluation` held there before is replaced; the rest of it is left as it is.
pub fn what_matters_next(
    model: &Model,
    answers: &Answers,
    today: Date,
    evaluation: &mut Evaluation,
) {
    // The states the ranking starts from (no reasons or texts: the same statuses and values).
    let ctx = Ctx::new(model, answers, today, false);
    let rule_tris: Vec<Tri> = model.rules.iter().map(|r| ctx.cond(&r.cond)).collect();
    let (outcomes, relevant): (Vec<OutcomeResult>, Vec<Deps>) = model
        .outcomes
        .iter()
        .enumerate()
        .map(|(oid, out)| ctx.outcome(oid, out, &rule_tris))
        .unzip();
    // The answers to try and what they touch, worked out once for the ranking and `could_add`.
    let prep = next::Prep::new(model, today);
    evaluation.next = next::rank(
        &next::Base {
            ctx: &ctx,
            answers,
            tris: &rule_tris,
            relevant: &relevant,
            prep: &prep,
        },
        &outcomes,
    );
    let mut tries = WITNESS_TRIES.saturating_mul(8);
    for (oid, (out, result)) in model.outcomes.iter().zip(&outcomes).enumerate() {
        let Some(shown_now) = evaluation.outcomes.get_mut(oid) else {
            break;
        };
        if out.policy != Policy::Collect {
            continue;
        }
        let shown: Vec<ValueId> = (0..out.values.len())
            .filter(|&v| {
                out.values
                    .get(v)
                    .is_some_and(|d| result.values.contains(&d.id))
            })
            .collect();
        let add = search::could_add(&ctx, answers, &prep, oid, &shown, &rule_tris, &mut tries);
        shown_now.could_add = value_ids(out, &add);
        shown_now.could_add_labels = add
            .iter()
            .filter_map(|v| out.values.get(*v).map(|d| d.label.clone()))
            .collect();
    }
}

/// What one outcome comes to: the status, value ids and provisional flag [`evaluate`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The value ids (for a deadline: the date), as in [`OutcomeResult::values`].
    pub values: Vec<String>,
    /// True while an unanswered question could still change it.
    pub provisional: bool,
}

/// Decides one outcome (number `outcome` in model order) and nothing else: the same status, values and
/// provisional flag as [`evaluate`] gives it, without reasons, texts, question states or the other
/// outcomes, and evaluating only the rules that give it a value. For hosts that re-evaluate on every
/// answer and show one outcome. `None` when there is no such outcome.
pub fn decide(model: &Model, answers: &Answers, today: Date, outcome: usize) -> Option<Decision> {
    let out = model.outcomes.get(outcome)?;
    let ctx = Ctx::new(model, answers, today, false);
    let tris: Vec<Tri> = model
        .rules
        .iter()
        .map(|r| {
            let gives = r
                .assigns
                .iter()
                .any(|(o, _)| *o == outcome || out.follows.contains(o))
                || r.deadlines.iter().any(|d| d.outcome == outcome);
            if gives {
                ctx.cond(&r.cond)
            } else {
                Tri {
                    now: None,
                    deps: Deps::new(),
                }
            }
        })
        .collect();
    Some(ctx.decision(outcome, out, &tris, true))
}
