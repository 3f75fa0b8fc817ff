//! Many cases per call: what each outcome comes to (status, values, the deciding rules), without reasons,
//! texts, question states or open questions, for replaying a file of cases against two versions.
//!
//! The same statuses and values as [`super::evaluate`] (a property test holds them to it); what it leaves
//! out is what costs: the reasons in words, near misses, what matters next and `provisional`. A [`Batch`]
//! keeps its buffers between cases, so evaluating the next case allocates nothing.

use super::Status;
use super::deps::NoDeps;
use super::logic::{Ctx, FactEval, Tri};
use super::settle::{gives, settle};
use crate::answers::Answers;
use crate::ast::Policy;
use crate::date::Date;
use crate::model::{Cond, FactId, FallbackDef, Model, OutcomeDef, RuleDef, ValueId};
use crate::walk;

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

/// Evaluates many cases of one model, reusing its buffers from case to case: deciding a case allocates
/// nothing once the buffers have grown (the question states, the rules' truth, the scratch of the
/// policies are kept), and the open questions are not tracked ([`Ctx::now_only`]).
pub struct Batch<'m> {
    model: &'m Model,
    /// Per outcome, the rules giving it values: rule number and its values for that outcome, in
    /// declaration order (what [`Ctx::givers`] finds per case, found once).
    givers: Vec<Vec<(usize, Vec<ValueId>)>>,
    /// The outcomes decided (all, or those asked for), in model order.
    outcomes: Vec<usize>,
    /// The questions those rules read, with those their `ask when`s read, in ask order: the only ones
    /// whose state is worked out.
    facts: Vec<FactId>,
    /// Per outcome, the rules worked out to decide it: for a priority outcome the rules giving it a value
    /// from the highest (priority, rank) down, for a deadline those giving it a date, else those giving it
    /// a value in declaration order.
    order: Vec<Vec<usize>>,
    /// The rules' truth in the current case, worked out when first needed.
    truths: Truths,
    /// The question states of the last case, kept for the next.
    room: Vec<FactEval<NoDeps>>,
    /// Per outcome followed by the one being decided: its number and its values (in a conflict, the
    /// conflicting values).
    followed: Vec<(usize, Vec<ValueId>)>,
    /// Scratch for [`settle`]: the positions of the deciding rules.
    at: Vec<usize>,
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
        let givers: Vec<Vec<(usize, Vec<ValueId>)>> = (0..model.outcomes.len())
            .map(|o| givers(model, o))
            .collect();
        let mut needed = vec![false; model.rules.len()];
        for &o in &chosen {
            let follows = model.outcomes.get(o).map(|d| d.follows.as_slice());
            for g in std::iter::once(&o).chain(follows.unwrap_or_default()) {
                for (r, _) in givers.get(*g).into_iter().flatten() {
                    if let Some(n) = needed.get_mut(*r) {
                        *n = true;
                    }
                }
            }
            for (r, rule) in model.rules.iter().enumerate() {
                if let Some(n) = needed.get_mut(r)
                    && rule.deadlines.iter().any(|d| d.outcome == o)
                {
                    *n = true;
                }
            }
        }
        Batch {
            model,
            order: (0..model.outcomes.len())
                .map(|o| work_order(model, o, &givers))
                .collect(),
            givers,
            facts: facts_read(model, &needed, &chosen),
            outcomes: chosen,
            truths: Truths::default(),
            room: Vec::new(),
            followed: Vec::new(),
            at: Vec::new(),
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
        let room = std::mem::take(&mut self.room);
        let ctx = Ctx::now_only(model, answers, today, room, &self.facts);
        self.truths.reset(model.rules.len());
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
            self.work(&ctx, oid);
            if def.policy == Policy::Deadline {
                let dating = self.order.get(oid).map(Vec::as_slice).unwrap_or_default();
                deadline(&ctx, oid, (&self.truths.tris, dating), slot);
            } else {
                self.combined(&ctx, oid, def, slot);
            }
        }
        self.room = ctx.into_room();
    }

    /// Works out the rules outcome `oid` needs: for a priority outcome, group by group from the highest
    /// (priority, rank) down until a rule holds (the rules below cannot decide); else all.
    fn work(&mut self, ctx: &Ctx<NoDeps>, oid: usize) {
        let (model, truths) = (self.model, &mut self.truths);
        let order = self.order.get(oid).map(Vec::as_slice).unwrap_or_default();
        let priority = model
            .outcomes
            .get(oid)
            .is_some_and(|d| d.policy == Policy::Priority);
        let key = |r: usize| model.rules.get(r).map(|x| (x.priority, x.rank));
        let mut top = None;
        for &r in order {
            if priority && top.is_some() && key(r) != top {
                return;
            }
            if truths.holds(ctx, model, r) == Some(true) {
                top = key(r);
            }
        }
    }

    /// A priority, unique or collect outcome, with its default. For one that follows others, a rule's
    /// values count only while they agree with what it gives the followed outcomes
    /// ([`Ctx::counting`]).
    fn combined(
        &mut self,
        ctx: &Ctx<NoDeps>,
        oid: usize,
        def: &OutcomeDef,
        slot: &mut CaseOutcome,
    ) {
        self.follow(ctx, def);
        let (model, truths, followed) = (self.model, &self.truths, &self.followed);
        let givers = self.givers.get(oid).map(Vec::as_slice).unwrap_or_default();
        let gift = |i: usize| {
            let (r, vals) = givers.get(i)?;
            let rule = model.rules.get(*r)?;
            let now = truths.now(*r);
            Some((rule, vals.as_slice(), counts_now(rule, now, followed)))
        };
        slot.status = settle(
            def.policy,
            givers.len(),
            gift,
            &mut self.at,
            &mut slot.values,
        );
        slot.rules.extend(
            self.at
                .iter()
                .filter_map(|&i| givers.get(i).map(|(r, _)| *r)),
        );
        if slot.status == Status::Undecided
            && let FallbackDef::Default { value, .. } = &def.fallback
        {
            slot.status = Status::Default;
            slot.values.push(*value);
        }
    }

    /// The outcomes `def` follows, each with its values now (in a conflict, the conflicting ones), into
    /// `self.followed` ([`Ctx::followed`] without the open questions).
    fn follow(&mut self, ctx: &Ctx<NoDeps>, def: &OutcomeDef) {
        for &o in &def.follows {
            self.work(ctx, o);
        }
        self.followed
            .resize_with(def.follows.len(), Default::default);
        let (model, truths) = (self.model, &self.truths);
        for (&o, (slot_o, agreed)) in def.follows.iter().zip(self.followed.iter_mut()) {
            *slot_o = o;
            let givers = self.givers.get(o).map(Vec::as_slice).unwrap_or_default();
            let gift = |i: usize| {
                let (r, vals) = givers.get(i)?;
                Some((model.rules.get(*r)?, vals.as_slice(), truths.now(*r)))
            };
            let policy = model.outcomes.get(o).map_or(Policy::Deadline, |d| d.policy);
            settle(policy, givers.len(), gift, &mut self.at, agreed);
            if agreed.is_empty() {
                let deciding = self.at.iter().filter_map(|&i| givers.get(i));
                agreed.extend(deciding.flat_map(|(_, v)| v.iter().copied()));
            }
        }
    }
}

/// The rules' truth in the case being decided, each worked out when first needed.
#[derive(Default)]
struct Truths {
    tris: Vec<Tri<NoDeps>>,
    done: Vec<bool>,
}

impl Truths {
    /// None worked out yet (for the next case).
    fn reset(&mut self, rules: usize) {
        self.done.clear();
        self.done.resize(rules, false);
        let unknown = Tri {
            now: None,
            deps: NoDeps,
        };
        self.tris.clear();
        self.tris.resize(rules, unknown);
    }

    /// Rule `r`'s truth, worked out now if not yet.
    fn holds(&mut self, ctx: &Ctx<NoDeps>, model: &Model, r: usize) -> Option<bool> {
        if let (Some(done), Some(t), Some(rule)) = (
            self.done.get_mut(r),
            self.tris.get_mut(r),
            model.rules.get(r),
        ) && !*done
        {
            *t = ctx.cond(&rule.cond);
            *done = true;
        }
        self.now(r)
    }

    /// Rule `r`'s truth as worked out (unknown when it was not: a rule that cannot decide).
    fn now(&self, r: usize) -> Option<bool> {
        self.tris.get(r).and_then(|t| t.now)
    }
}

/// The rules worked out for outcome `o` (see [`Batch::order`]).
fn work_order(model: &Model, o: usize, givers: &[Vec<(usize, Vec<ValueId>)>]) -> Vec<usize> {
    let Some(def) = model.outcomes.get(o) else {
        return Vec::new();
    };
    if def.policy == Policy::Deadline {
        let gives_date = |(_, r): &(usize, &RuleDef)| r.deadlines.iter().any(|d| d.outcome == o);
        return model
            .rules
            .iter()
            .enumerate()
            .filter(gives_date)
            .map(|(i, _)| i)
            .collect();
    }
    let mut rules: Vec<usize> = givers
        .get(o)
        .into_iter()
        .flatten()
        .map(|(r, _)| *r)
        .collect();
    if def.policy == Policy::Priority {
        let key = |r: &usize| {
            model
                .rules
                .get(*r)
                .map(|x| std::cmp::Reverse((x.priority, x.rank)))
        };
        rules.sort_by_key(key);
    }
    rules
}

/// The questions the `needed` rules and the deadlines of the `chosen` outcomes read, with every question
/// their `ask when`s read (those come earlier in the ask order), in ask order. Read from the tests
/// themselves as well as from each atom's recorded list, so that a model decoded from bytes with a list
/// short of a question still has that question's state worked out.
fn facts_read(model: &Model, needed: &[bool], chosen: &[usize]) -> Vec<FactId> {
    let mut read = Vec::new();
    for (rule, _) in model.rules.iter().zip(needed).filter(|(_, n)| **n) {
        cond_reads(&rule.cond, &mut read);
        for d in rule
            .deadlines
            .iter()
            .filter(|d| chosen.contains(&d.outcome))
        {
            walk::term(
                &d.date,
                &mut walk::all_facts(|f| walk::push_new(&mut read, f)),
            );
        }
    }
    for &f in model.ask_order.iter().rev() {
        if let Some(c) = model.facts.get(f).and_then(|d| d.ask_when.as_ref())
            && read.contains(&f)
        {
            cond_reads(c, &mut read);
        }
    }
    model
        .ask_order
        .iter()
        .copied()
        .filter(|f| read.contains(f))
        .collect()
}

/// The questions `c` reads, added to `read`: from its tests and each atom's recorded list.
fn cond_reads(c: &Cond, read: &mut Vec<FactId>) {
    walk::cond(c, &mut walk::all_facts(|f| walk::push_new(read, f)));
}

/// The rules giving outcome `o` values: rule number and its values for `o`, in declaration order.
fn givers(model: &Model, o: usize) -> Vec<(usize, Vec<ValueId>)> {
    model
        .rules
        .iter()
        .enumerate()
        .filter_map(|(r, rule)| {
            let vals = gives(rule, o);
            (!vals.is_empty()).then_some((r, vals))
        })
        .collect()
}

/// Whether `rule`'s values count now for an outcome that follows others: it holds (`now`), and for each
/// followed outcome it also gives a value, that value is among the outcome's (Kleene `and`, as
/// [`super::policy::counts`] without the open questions).
fn counts_now(
    rule: &RuleDef,
    now: Option<bool>,
    followed: &[(usize, Vec<ValueId>)],
) -> Option<bool> {
    followed.iter().fold(now, |now, (o, agreed)| {
        match rule.assigns.iter().find(|(x, _)| x == o) {
            Some((_, v)) => match (now, agreed.contains(v)) {
                (Some(false), _) | (_, false) => Some(false),
                (Some(true), true) => Some(true),
                (None, true) => None,
            },
            None => now,
        }
    })
}

/// A deadline outcome: the earliest date of the rules that fire. `dating` are the numbers of the rules
/// that give it a date (its [`Batch::order`]), among which the deciding one is found.
fn deadline(
    ctx: &Ctx<NoDeps>,
    oid: usize,
    (tris, dating): (&[Tri<NoDeps>], &[usize]),
    slot: &mut CaseOutcome,
) {
    let (best, _) = ctx.earliest(oid, tris);
    match best {
        Some((day, r, ..)) => {
            slot.status = Status::Decided;
            slot.date = Some(day);
            let is_r = |&i: &usize| ctx.model.rules.get(i).is_some_and(|x| std::ptr::eq(x, r));
            slot.rules.extend(dating.iter().copied().find(is_r));
        }
        None => slot.status = Status::Undecided,
    }
}
