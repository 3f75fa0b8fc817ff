//! Many cases per call: what each outcome comes to (status, values, the deciding rules), without reasons,
//! texts, question states or open questions, for replaying a file of cases against two versions.
//!
//! The same statuses and values as [`super::evaluate`] (a property test holds them to it); what it leaves
//! out is what costs: the reasons in words, near misses, what matters next and `provisional`. A [`Batch`]
//! keeps its buffers between cases, so evaluating the next case allocates only the question states.

use super::Status;
use super::deps::Deps;
use super::logic::{Ctx, Tri};
use super::policy::combine;
use crate::answers::Answers;
use crate::ast::Policy;
use crate::date::Date;
use crate::model::{FallbackDef, Model, OutcomeDef, RuleDef, ValueId};

/// What one outcome comes to in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOutcome {
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The values (indices into the outcome's values, in the order [`super::evaluate`] gives them);
    /// empty for a deadline.
    pub values: Vec<ValueId>,
    /// For a decided deadline outcome: its date.
    pub date: Option<Date>,
    /// The deciding rules (indices into `model.rules`; for a conflict the conflicting ones; none for a
    /// default).
    pub rules: Vec<usize>,
}

impl Default for CaseOutcome {
    fn default() -> CaseOutcome {
        CaseOutcome {
            status: Status::Undecided,
            values: Vec::new(),
            date: None,
            rules: Vec::new(),
        }
    }
}

/// Evaluates many cases of one model, reusing its buffers from case to case.
pub struct Batch<'m> {
    model: &'m Model,
    tris: Vec<Tri>,
    /// The outcomes decided (all, or those asked for), in model order.
    outcomes: Vec<usize>,
    /// Per rule, whether a decided outcome reads it.
    needed: Vec<bool>,
}

impl<'m> Batch<'m> {
    /// A batch for `model`.
    pub fn new(model: &'m Model) -> Batch<'m> {
        Batch::only(model, &(0..model.outcomes.len()).collect::<Vec<_>>())
    }

    /// A batch for `model` that decides only the outcomes numbered `outcomes` (the others stay
    /// undecided, without values), evaluating only the rules that give them (or the outcomes they
    /// follow) a value, as [`super::decide`] does. Numbers outside the model are ignored.
    pub fn only(model: &'m Model, outcomes: &[usize]) -> Batch<'m> {
        let mut chosen: Vec<usize> = outcomes
            .iter()
            .copied()
            .filter(|&o| o < model.outcomes.len())
            .collect();
        chosen.sort_unstable();
        chosen.dedup();
        let reads = |o: usize| {
            let follows = model
                .outcomes
                .get(o)
                .map(|d| d.follows.as_slice())
                .unwrap_or_default();
            move |r: &RuleDef| {
                r.assigns
                    .iter()
                    .any(|(x, _)| *x == o || follows.contains(x))
                    || r.deadlines.iter().any(|d| d.outcome == o)
            }
        };
        let needed = model
            .rules
            .iter()
            .map(|r| chosen.iter().any(|&o| reads(o)(r)))
            .collect();
        Batch {
            model,
            tris: Vec::with_capacity(model.rules.len()),
            outcomes: chosen,
            needed,
        }
    }

    /// The outcomes this batch decides, in model order.
    pub fn outcomes(&self) -> &[usize] {
        &self.outcomes
    }

    /// Decides every outcome of the model for one case into `out` (one entry per outcome, in model
    /// order; what `out` held is overwritten, its buffers reused).
    pub fn decide(&mut self, answers: &Answers, today: Date, out: &mut Vec<CaseOutcome>) {
        let model = self.model;
        let ctx = Ctx::new(model, answers, today, false);
        self.tris.clear();
        let needed = &self.needed;
        self.tris
            .extend(model.rules.iter().zip(needed).map(|(r, &n)| match n {
                true => ctx.cond(&r.cond),
                false => Tri {
                    now: None,
                    deps: Deps::new(),
                },
            }));
        out.resize_with(model.outcomes.len(), CaseOutcome::default);
        for (oid, slot) in out.iter_mut().enumerate() {
            slot.status = Status::Undecided;
            slot.values.clear();
            slot.rules.clear();
            slot.date = None;
            let Some(def) = model.outcomes.get(oid) else {
                continue;
            };
            if self.outcomes.binary_search(&oid).is_err() {
                continue;
            }
            if def.policy == Policy::Deadline {
                deadline(&ctx, oid, &self.tris, slot);
            } else {
                combined(&ctx, oid, def, &self.tris, slot);
            }
        }
    }
}

/// The index of rule `r` in `model.rules`.
fn rule_index(model: &Model, r: &RuleDef) -> Option<usize> {
    model.rules.iter().position(|x| std::ptr::eq(x, r))
}

/// A priority, unique or collect outcome, with its default.
fn combined(ctx: &Ctx, oid: usize, def: &OutcomeDef, tris: &[Tri], slot: &mut CaseOutcome) {
    let counting = ctx.counting(oid, def, tris, false);
    let rules = ctx.givers(oid, counting.as_deref().unwrap_or(tris));
    let (status, values, deciding, _) = combine(def.policy, &rules, false);
    slot.status = status;
    slot.values.extend_from_slice(&values);
    slot.rules.extend(
        deciding
            .iter()
            .filter_map(|(r, ..)| rule_index(ctx.model, r)),
    );
    if status == Status::Undecided
        && let FallbackDef::Default { value, .. } = &def.fallback
    {
        slot.status = Status::Default;
        slot.values.push(*value);
    }
}

/// A deadline outcome: the earliest date of the rules that fire.
fn deadline(ctx: &Ctx, oid: usize, tris: &[Tri], slot: &mut CaseOutcome) {
    let (best, _) = ctx.earliest(oid, tris);
    match best {
        Some((day, r, ..)) => {
            slot.status = Status::Decided;
            slot.date = Some(day);
            slot.rules.extend(rule_index(ctx.model, r));
        }
        None => slot.status = Status::Undecided,
    }
}
