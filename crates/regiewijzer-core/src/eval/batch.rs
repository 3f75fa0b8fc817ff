//! Many cases per call: what each outcome comes to (status, values, the deciding rules), without reasons,
//! texts, question states or open questions, for replaying a file of cases against two versions.
//!
//! The same statuses and values as [`super::evaluate`] (a property test holds them to it); what it leaves
//! out is what costs: the reasons in words, near misses, what matters next and `provisional`. A [`Batch`]
//! keeps its buffers between cases, so evaluating the next case allocates only the question states.

use super::Status;
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
}

impl<'m> Batch<'m> {
    /// A batch for `model`.
    pub fn new(model: &'m Model) -> Batch<'m> {
        Batch {
            model,
            tris: Vec::with_capacity(model.rules.len()),
        }
    }

    /// Decides every outcome of the model for one case into `out` (one entry per outcome, in model
    /// order; what `out` held is overwritten, its buffers reused).
    pub fn decide(&mut self, answers: &Answers, today: Date, out: &mut Vec<CaseOutcome>) {
        let model = self.model;
        let ctx = Ctx::new(model, answers, today, false);
        self.tris.clear();
        self.tris
            .extend(model.rules.iter().map(|r| ctx.cond(&r.cond)));
        out.resize_with(model.outcomes.len(), CaseOutcome::default);
        for ((oid, def), slot) in model.outcomes.iter().enumerate().zip(out.iter_mut()) {
            slot.values.clear();
            slot.rules.clear();
            slot.date = None;
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
