//! The values a `collect` outcome could still add, each with a witness: answers to open questions under
//! which a rule giving that value fires for every completion. A search for it is bounded
//! ([`WITNESS_TRIES`]), so the list may miss a value, but never names one that cannot come.

use super::logic::{Ctx, Tri};
use super::next::{Prep, Tools};
use super::policy::counts;
use super::tries::with_answer;
use crate::answers::Answers;
use crate::date::Date;
use crate::model::{FactId, Model, OutcomeDef, RuleDef, ValueId};

/// The most evaluations one search for a witness of a `collect` value may use.
pub const WITNESS_TRIES: usize = 48;

/// For a `collect` outcome: the values not shown now that some completion adds, each found with a
/// witness (see [`witness`]); `tries` bounds the evaluations, shared over the outcomes.
pub(super) fn could_add(
    ctx: &Ctx,
    answers: &Answers,
    prep: &Prep,
    oid: usize,
    shown: &[ValueId],
    tris: &[Tri],
    tries: &mut usize,
) -> Vec<ValueId> {
    // An outcome that follows others counts a rule's values only where the rule also wins there.
    let follows = ctx
        .model
        .outcomes
        .get(oid)
        .filter(|o| !o.follows.is_empty());
    let counted = follows.and_then(|o| ctx.counting(oid, o, tris, true));
    let rules = ctx.givers(oid, counted.as_deref().unwrap_or(tris));
    let mut out: Vec<ValueId> = Vec::new();
    for (r, vals, t) in &rules {
        if t.settled() || vals.iter().all(|v| shown.contains(v) || out.contains(v)) {
            continue;
        }
        let goal = Goal::new(ctx.model, r, follows);
        let start = Start { ctx, answers, tris };
        if witness_with(&start, &goal, prep.tools(), tries).is_some() {
            out.extend(vals.iter().filter(|v| !shown.contains(v)));
        }
    }
    crate::order::sort_dedup(&mut out);
    out
}

/// Answers that extend `answers` (answering open questions with representative answers) under which
/// rule `rule` fires for every completion and, when `outcome` follows others, its values count there
/// (it wins the followed outcomes it sets); `None` when none was found within [`WITNESS_TRIES`]
/// evaluations (or `rule` is no rule of `model`).
pub fn witness(
    model: &Model,
    answers: &Answers,
    today: Date,
    rule: usize,
    outcome: usize,
) -> Option<Answers> {
    let def = model.rules.get(rule)?;
    let mut tries = WITNESS_TRIES;
    let ctx = Ctx::new(model, answers, today, false);
    let tris: Vec<Tri> = model.rules.iter().map(|r| ctx.cond(&r.cond)).collect();
    // For an outcome that follows others, the rule's values must count there too.
    let follows = model
        .outcomes
        .get(outcome)
        .filter(|o| !o.follows.is_empty());
    let goal = Goal::new(model, def, follows);
    let start = Start {
        ctx: &ctx,
        answers,
        tris: &tris,
    };
    let prep = Prep::new(model, today);
    witness_with(&start, &goal, prep.tools(), &mut tries)
}

/// What a witness must make hold for good: a rule's condition, and for an outcome that `follows`
/// others, also that the rule wins there (its values count).
struct Goal<'m> {
    rule: &'m RuleDef,
    follows: Option<&'m OutcomeDef>,
    /// Per rule: whether it gives a followed outcome a value (empty when `follows` is `None`).
    deciders: Vec<bool>,
}

impl<'m> Goal<'m> {
    fn new(model: &Model, rule: &'m RuleDef, follows: Option<&'m OutcomeDef>) -> Goal<'m> {
        let deciders = match follows {
            Some(out) => model
                .rules
                .iter()
                .map(|r| r.assigns.iter().any(|(o, _)| out.follows.contains(o)))
                .collect(),
            None => Vec::new(),
        };
        Goal {
            rule,
            follows,
            deciders,
        }
    }
}

/// Where a witness search starts: a context, its answers and the rules' truth in it.
struct Start<'c, 'a> {
    ctx: &'c Ctx<'a>,
    answers: &'c Answers,
    tris: &'c [Tri],
}

impl Goal<'_> {
    /// The goal under `ctx`, which differs from the start of the search only in the facts `changed`:
    /// the rule's condition, or whether its values count for the outcome. `tris` are the rules' truth
    /// at the start; only the rules that read a changed fact are evaluated again (and put back).
    fn under(&self, ctx: &Ctx, tris: &mut [Tri], changed: &[FactId], tools: &Tools) -> Tri {
        let cond = ctx.cond(&self.rule.cond);
        let Some(out) = self.follows else {
            return cond;
        };
        // A condition false for good makes the rule's values not count, whatever the followed
        // outcomes are (see `both`): no need to work them out.
        if cond.now == Some(false) && cond.settled() {
            return cond;
        }
        // Only the rules that give a followed outcome a value decide it.
        let followed = ctx.with_retried(
            tris,
            changed,
            &tools.readers,
            Some(&self.deciders),
            |tris| ctx.followed(out, tris, true),
        );
        match followed {
            Some(followed) => counts(self.rule, &cond, &followed),
            None => cond,
        }
    }
}

/// A depth-first search over the open questions the rule reads, each tried with its representative
/// answers, until the rule fires for good; at most [`WITNESS_TRIES`] evaluations (and no more than
/// `tries` left overall).
fn witness_with(start: &Start, goal: &Goal, tools: &Tools, tries: &mut usize) -> Option<Answers> {
    let (base, answers) = (start.ctx, start.answers);
    // Only an outcome that follows others reads the other rules' truth.
    let mut tris = match goal.follows {
        Some(_) => start.tris.to_vec(),
        None => Vec::new(),
    };
    let mut own = WITNESS_TRIES;
    // Each node: the answers, and the facts answered beyond `answers`.
    let mut stack: Vec<(Answers, Vec<FactId>)> = vec![(answers.clone(), Vec::new())];
    while let Some((a, changed)) = stack.pop() {
        if *tries == 0 || own == 0 {
            return None;
        }
        *tries -= 1;
        own -= 1;
        let ctx = base.updated(&a, &changed, &tools.askers);
        let t = goal.under(&ctx, &mut tris, &changed, tools);
        if t.settled() {
            if t.now == Some(true) {
                return Some(a);
            }
            continue;
        }
        let Some(&f) = t.deps.iter().next() else {
            continue;
        };
        for slot in tools
            .reps
            .get(f)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .rev()
        {
            let mut more = changed.clone();
            more.push(f);
            stack.push((with_answer(&a, f, slot), more));
        }
    }
    None
}
