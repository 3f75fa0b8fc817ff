//! Three-valued logic: the evaluation context (every question's state), and the evaluator of terms
//! and conditions, each giving its value now with the open questions that could still change it.

use std::cell::Cell;

use super::Asked;
use super::deps::{Carry, Deps, NoDeps};
use crate::answers::Answers;
use crate::ast::CmpOp;
use crate::date::Date;
use crate::model::{Cond, FactDef, FactId, Model, Pred, Record, Term, Value};

/// A three-valued truth with the open questions that could change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tri<D = Deps> {
    pub(super) now: Option<bool>,
    pub(super) deps: D,
}

impl<D: Carry> Tri<D> {
    pub(super) fn known(b: bool) -> Tri<D> {
        Tri {
            now: Some(b),
            deps: D::default(),
        }
    }

    pub(super) fn settled(&self) -> bool {
        self.deps.is_empty()
    }
}

/// A term's value now, with the open questions that could change it.
pub(super) struct TermVal<D = Deps> {
    pub(super) now: Option<Value>,
    pub(super) deps: D,
}

/// What evaluation knows about one question.
#[derive(Debug, Clone)]
pub(super) struct FactEval<D = Deps> {
    pub(super) asked: Asked,
    /// The value the rules see (the answer when asked, else none).
    pub(super) value: Option<Value>,
    /// Open questions that could change `value`.
    pub(super) deps: D,
}

/// The question states of a context: its own, or those of the context it was made from with a few
/// worked out again (see `Ctx::updated`), so that trying an answer does not copy every state.
pub(super) struct FactStates<'a, D: Carry = Deps> {
    pub(super) base: std::borrow::Cow<'a, [FactEval<D>]>,
    /// States worked out again, found before `base` (few: the questions answered while trying and
    /// those their answers show or hide).
    pub(super) over: Vec<(FactId, FactEval<D>)>,
}

impl<D: Carry> FactStates<'_, D> {
    /// The state of question `f`.
    pub(super) fn get(&self, f: FactId) -> Option<&FactEval<D>> {
        match self.over.iter().rev().find(|(g, _)| *g == f) {
            Some((_, state)) => Some(state),
            None => self.base.get(f),
        }
    }

    /// Every question's state, in model order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &FactEval<D>> {
        (0..self.base.len()).filter_map(|f| self.get(f))
    }
}

pub(super) struct Ctx<'a, D: Carry = Deps> {
    pub(super) model: &'a Model,
    pub(super) answers: &'a Answers,
    pub(super) today: Date,
    pub(super) facts: FactStates<'a, D>,
    /// The timeline record a `where` is looking at.
    pub(super) record: Cell<&'a [Option<Value>]>,
    /// False for [`probe`]: states only, no reasons or near misses.
    pub(super) explain: bool,
    /// The work done so far: one step per term, condition and question state evaluated, plus one per
    /// open question each carries (see [`Probe::work`]).
    pub(super) steps: Cell<usize>,
}

/// The answer of a fact as the rules see it: its value, or for a timeline the number of records.
pub(super) fn answer_value(answers: &Answers, f: FactId) -> Option<Value> {
    answers.get(f).or_else(|| {
        answers
            .list(f)
            .map(|l| Value::Int(i64::try_from(l.len()).unwrap_or(i64::MAX)))
    })
}

impl<'a> Ctx<'a> {
    /// A context with every question's state worked out, in ask order.
    pub(super) fn new(
        model: &'a Model,
        answers: &'a Answers,
        today: Date,
        explain: bool,
    ) -> Ctx<'a> {
        Ctx::with_states(model, answers, today, explain, Vec::new(), &model.ask_order)
    }
}

impl<'a> Ctx<'a, NoDeps> {
    /// [`Ctx::new`] without reasons and without the open questions (the values now are the same), its
    /// question states written into `room` (a buffer given back by [`Ctx::into_room`], so that a batch
    /// allocates none per case). Only the states of `facts` (in ask order, with every question their
    /// `ask when`s read) are worked out; the others stay unknown and must not be read.
    pub(super) fn now_only(
        model: &'a Model,
        answers: &'a Answers,
        today: Date,
        room: Vec<FactEval<NoDeps>>,
        facts: &[FactId],
    ) -> Ctx<'a, NoDeps> {
        Ctx::with_states(model, answers, today, false, room, facts)
    }
}

impl<'a, D: Carry> Ctx<'a, D> {
    /// The buffer of question states, for the next [`Ctx::now_only`].
    pub(super) fn into_room(self) -> Vec<FactEval<D>> {
        self.facts.base.into_owned()
    }

    /// A context with the states of the questions `order` (in ask order) worked out in `room` (its
    /// length made the model's).
    fn with_states(
        model: &'a Model,
        answers: &'a Answers,
        today: Date,
        explain: bool,
        mut room: Vec<FactEval<D>>,
        order: &[FactId],
    ) -> Ctx<'a, D> {
        room.clear();
        room.resize(
            model.facts.len(),
            FactEval {
                asked: Asked::Maybe,
                value: None,
                deps: D::default(),
            },
        );
        let mut ctx = Ctx {
            model,
            answers,
            today,
            record: Cell::new(&[]),
            explain,
            steps: Cell::new(0),
            facts: FactStates {
                base: std::borrow::Cow::Owned(room),
                over: Vec::new(),
            },
        };
        for &f in order {
            let Some(def) = model.facts.get(f) else {
                continue;
            };
            let state = ctx.fact_state(f, def);
            // Owned: no copy.
            if let Some(slot) = ctx.facts.base.to_mut().get_mut(f) {
                *slot = state;
            }
        }
        ctx
    }
}

impl<'a, D: Carry> Ctx<'a, D> {
    /// Counts `n` steps of work.
    pub(super) fn tick(&self, n: usize) {
        self.steps.set(self.steps.get().saturating_add(n));
    }

    /// Whether a question is asked, and what the rules see of it (counted as work).
    pub(super) fn fact_state(&self, f: FactId, def: &FactDef) -> FactEval<D> {
        let state = self.fact_state_of(f, def);
        self.tick(1 + state.deps.len());
        state
    }

    /// Whether a question is asked, and what the rules see of it. Facts its `ask when` reads come
    /// earlier in the ask order, so their states are final here.
    fn fact_state_of(&self, f: FactId, def: &FactDef) -> FactEval<D> {
        let vis = match &def.ask_when {
            None => Tri::known(true),
            Some(c) => self.cond(c),
        };
        let answer = answer_value(self.answers, f);
        let mut deps = vis.deps.clone();
        match vis.now {
            Some(true) => {
                if answer.is_none() {
                    deps.insert(f);
                }
                FactEval {
                    asked: Asked::Yes,
                    value: answer,
                    deps,
                }
            }
            Some(false) => {
                if !deps.is_empty() && answer.is_none() {
                    deps.insert(f);
                }
                FactEval {
                    asked: Asked::No,
                    value: None,
                    deps,
                }
            }
            // Unknown for good (it reads a question that is not asked): never asked.
            None if deps.is_empty() => FactEval {
                asked: Asked::No,
                value: None,
                deps,
            },
            None => {
                if answer.is_none() {
                    deps.insert(f);
                }
                FactEval {
                    asked: Asked::Maybe,
                    value: None,
                    deps,
                }
            }
        }
    }

    fn fact(&self, f: FactId) -> TermVal<D> {
        match self.facts.get(f) {
            Some(st) => TermVal {
                now: st.value,
                deps: st.deps.clone(),
            },
            None => TermVal {
                now: None,
                deps: D::default(),
            },
        }
    }

    /// A term's value (counted as work: one step, and one per open question it carries).
    pub(super) fn term(&self, t: &Term) -> TermVal<D> {
        let v = self.term_of(t);
        self.tick(1 + v.deps.len());
        v
    }

    fn term_of(&self, t: &Term) -> TermVal<D> {
        match t {
            Term::Fact(f) => self.fact(*f),
            Term::Lit(v) => TermVal {
                now: Some(*v),
                deps: D::default(),
            },
            Term::Today => TermVal {
                now: Some(Value::Date(self.today)),
                deps: D::default(),
            },
            Term::Field(i) => TermVal {
                now: self.record.get().get(*i).copied().flatten(),
                deps: D::default(),
            },
            Term::Count {
                list,
                filter,
                window,
            } => self.over_list(*list, filter.as_deref(), window.as_deref(), None),
            Term::Pick {
                latest,
                field,
                list,
                filter,
                window,
            } => self.over_list(
                *list,
                filter.as_deref(),
                window.as_deref(),
                Some((*latest, *field)),
            ),
            Term::Param(p) => TermVal {
                now: self.model.parameters.get(*p).map(|p| p.value),
                deps: D::default(),
            },
            Term::WorkdaysPlus(d, n) => self.binary(d, n, |d, n| match (d, n) {
                (Value::Date(d), Value::Int(n)) => d.add_working_days(n).map(Value::Date),
                _ => None,
            }),
            Term::Arith(op, a, b) => self.binary(a, b, |a, b| match (a, b) {
                (Value::Int(x), Value::Int(y)) => op.apply(x, y).map(Value::Int),
                _ => None,
            }),
            Term::Neg(a) => {
                let a = self.term(a);
                let now = match a.now {
                    Some(Value::Int(x)) => x.checked_neg().map(Value::Int),
                    _ => None,
                };
                TermVal { now, deps: a.deps }
            }
            Term::DatePlus(d, n) => self.binary(d, n, |d, n| match (d, n) {
                (Value::Date(d), Value::Int(n)) => d.add_days(n).map(Value::Date),
                _ => None,
            }),
            Term::DateDiff(a, b) => self.binary(a, b, |a, b| match (a, b) {
                (Value::Date(a), Value::Date(b)) => Some(Value::Int(b.days_until(a))),
                _ => None,
            }),
            Term::Cond(c) => {
                let t = self.cond(c);
                TermVal {
                    now: t.now.map(Value::Bool),
                    deps: t.deps,
                }
            }
        }
    }

    /// A term of two terms: `f` of their values when both are known, with the open questions of both.
    #[inline]
    fn binary(
        &self,
        a: &Term,
        b: &Term,
        f: impl FnOnce(Value, Value) -> Option<Value>,
    ) -> TermVal<D> {
        let (a, b) = (self.term(a), self.term(b));
        let now = match (a.now, b.now) {
            (Some(x), Some(y)) => f(x, y),
            _ => None,
        };
        TermVal {
            now,
            deps: union(a.deps, b.deps),
        }
    }

    /// `count(...)` (when `pick` is `None`) or `latest`/`earliest(FIELD of ...)` over a timeline's records.
    /// Unknown while the timeline is unanswered, or while a record's `where` is unknown.
    fn over_list(
        &self,
        list: FactId,
        filter: Option<&Cond>,
        window: Option<&Term>,
        pick: Option<(bool, usize)>,
    ) -> TermVal<D> {
        let unknown = |deps: D| TermVal { now: None, deps };
        let Some(state) = self.facts.get(list) else {
            return unknown(D::default());
        };
        let records = match (state.value, self.answers.list(list)) {
            (Some(_), Some(records)) => records,
            _ => return unknown(state.deps.clone()),
        };
        let mut deps = state.deps.clone();
        let oldest = match window {
            Some(w) => match self.window_start(w, &mut deps) {
                Some(d) => Some(d),
                None => return unknown(deps),
            },
            None => None,
        };
        let mut count: i64 = 0;
        let mut open = false;
        let mut best: Option<(Date, Option<Value>)> = None;
        for record in records {
            let Some(Some(Value::Date(day))) = record.first().copied() else {
                continue;
            };
            if let Some(oldest) = oldest
                && (day <= oldest || day > self.today)
            {
                continue;
            }
            if let Some(f) = filter {
                match self.record_holds(record, f, &mut deps) {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        open = true;
                        continue;
                    }
                }
            }
            count = count.saturating_add(1);
            if let Some((latest, field)) = pick {
                let better = best.is_none_or(|(b, _)| if latest { day >= b } else { day < b });
                if better {
                    best = Some((day, record.get(field).copied().flatten()));
                }
            }
        }
        if open {
            return unknown(deps);
        }
        let now = match pick {
            None => Some(Value::Int(count)),
            Some(_) => best.and_then(|(_, v)| v),
        };
        TermVal { now, deps }
    }

    /// The day a window `in the last N days` starts after (today included: dates after today - N days),
    /// with its open questions added to `deps`; `None` while N is unknown or the day out of range.
    #[inline]
    fn window_start(&self, window: &Term, deps: &mut D) -> Option<Date> {
        let w = self.term(window);
        deps.join(&w.deps);
        match w.now {
            Some(Value::Int(n)) => self.today.add_days(n.saturating_neg()),
            _ => None,
        }
    }

    /// Whether a timeline's `record` meets the `where` filter `f`, its open questions added to `deps`.
    #[inline]
    fn record_holds(&self, record: &'a Record, f: &Cond, deps: &mut D) -> Option<bool> {
        let saved = self.record.replace(record);
        let t = self.cond(f);
        self.record.replace(saved);
        deps.join(&t.deps);
        t.now
    }

    /// A condition's truth (counted as work: one step, and one per open question it carries).
    pub(super) fn cond(&self, c: &Cond) -> Tri<D> {
        let t = self.cond_of(c);
        self.tick(1 + t.deps.len());
        t
    }

    fn cond_of(&self, c: &Cond) -> Tri<D> {
        match c {
            Cond::True => Tri::known(true),
            Cond::Atom(a) => self.pred(&a.pred),
            Cond::Not(inner) => {
                let t = self.cond(inner);
                Tri {
                    now: t.now.map(|b| !b),
                    deps: t.deps,
                }
            }
            Cond::And(cs) => self.junction(cs, false),
            Cond::Or(cs) => self.junction(cs, true),
            Cond::Definitely(inner) => {
                let t = self.cond(inner);
                Tri {
                    now: Some(t.now == Some(true)),
                    deps: t.deps,
                }
            }
        }
    }

    /// `and` (absorbing `no`) or `or` (absorbing `yes`), Kleene style.
    fn junction(&self, cs: &[Cond], is_or: bool) -> Tri<D> {
        let absorbing = is_or;
        let mut deps = D::default();
        let mut saw_unknown = false;
        let mut saw_absorbing = false;
        for c in cs {
            let t = self.cond(c);
            match t.now {
                Some(b) if b == absorbing => {
                    if t.settled() {
                        return Tri::known(absorbing);
                    }
                    saw_absorbing = true;
                }
                Some(_) => {}
                None => saw_unknown = true,
            }
            deps.join_owned(t.deps);
        }
        let now = if saw_absorbing {
            Some(absorbing)
        } else if saw_unknown {
            None
        } else {
            Some(!absorbing)
        };
        Tri { now, deps }
    }

    pub(super) fn pred(&self, p: &Pred) -> Tri<D> {
        match p {
            Pred::Truth(t) => {
                let t = self.term(t);
                Tri {
                    now: match t.now {
                        Some(Value::Bool(b)) => Some(b),
                        _ => None,
                    },
                    deps: t.deps,
                }
            }
            Pred::Cmp(op, a, b) => {
                let (a, b) = (self.term(a), self.term(b));
                Tri {
                    now: match (a.now, b.now) {
                        (Some(x), Some(y)) => compare(*op, x, y),
                        _ => None,
                    },
                    deps: union(a.deps, b.deps),
                }
            }
            Pred::In {
                term,
                list,
                negated,
            } => self.member(term, list, *negated),
            Pred::Between { term, low, high } => self.between(term, low, high),
            Pred::Answered { fact, negated } => {
                let st = self.facts.get(*fact);
                let answered = st.is_some_and(|s| s.value.is_some());
                Tri {
                    now: Some(answered != *negated),
                    deps: st.map(|s| s.deps.clone()).unwrap_or_default(),
                }
            }
            Pred::Known { term, negated } => {
                let t = self.term(term);
                Tri {
                    now: Some(t.now.is_some() != *negated),
                    deps: t.deps,
                }
            }
            Pred::Nested(c) => self.cond(c),
        }
    }

    /// `term in (list)` (or `not in` when `negated`): yes when an item equals it, unknown while it or
    /// an item is.
    #[inline]
    fn member(&self, term: &Term, list: &[Term], negated: bool) -> Tri<D> {
        let t = self.term(term);
        let mut deps = t.deps;
        let mut found = false;
        let mut unknown = t.now.is_none();
        for item in list {
            let i = self.term(item);
            deps.join_owned(i.deps);
            match (t.now, i.now) {
                (Some(x), Some(y)) => found |= same(x, y),
                _ => unknown = true,
            }
        }
        let now = if found {
            Some(!negated)
        } else if unknown {
            None
        } else {
            Some(negated)
        };
        Tri { now, deps }
    }

    /// `term between low and high`, both ends included.
    #[inline]
    fn between(&self, term: &Term, low: &Term, high: &Term) -> Tri<D> {
        let (t, lo, hi) = (self.term(term), self.term(low), self.term(high));
        let now = match (t.now, lo.now, hi.now) {
            (Some(x), Some(l), Some(h)) => {
                match (compare(CmpOp::Ge, x, l), compare(CmpOp::Le, x, h)) {
                    (Some(a), Some(b)) => Some(a && b),
                    _ => None,
                }
            }
            _ => None,
        };
        Tri {
            now,
            deps: union(union(t.deps, lo.deps), hi.deps),
        }
    }
}

impl Ctx<'_> {
    /// The asked, unanswered questions among `deps`, as ids in checklist order.
    pub(super) fn next_ids(&self, deps: &Deps) -> Vec<String> {
        deps.iter()
            .filter(|&&f| {
                self.facts
                    .get(f)
                    .is_some_and(|s| s.asked == Asked::Yes && s.value.is_none())
            })
            .filter_map(|&f| self.model.facts.get(f).map(|d| d.id.clone()))
            .collect()
    }
}

/// `a and b`, Kleene style: a settled `no` on either side decides.
pub(super) fn both<D: Carry>(a: Tri<D>, b: Tri<D>) -> Tri<D> {
    if (a.now == Some(false) && a.settled()) || (b.now == Some(false) && b.settled()) {
        return Tri::known(false);
    }
    let now = match (a.now, b.now) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    Tri {
        now,
        deps: union(a.deps, b.deps),
    }
}

fn union<D: Carry>(mut a: D, b: D) -> D {
    a.join_owned(b);
    a
}

/// Equality of two values of the same kind.
fn same(a: Value, b: Value) -> bool {
    compare(CmpOp::Eq, a, b) == Some(true)
}

/// Compares two values of the same kind; `None` for different kinds.
fn compare(op: CmpOp, a: Value, b: Value) -> Option<bool> {
    let ord = match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(&y),
        (Value::Int(x), Value::Int(y)) => x.cmp(&y),
        (Value::Date(x), Value::Date(y)) => x.cmp(&y),
        (Value::Choice(x), Value::Choice(y)) => x.cmp(&y),
        _ => return None,
    };
    Some(match op {
        CmpOp::Eq => ord.is_eq(),
        CmpOp::Ne => ord.is_ne(),
        CmpOp::Lt => ord.is_lt(),
        CmpOp::Le => ord.is_le(),
        CmpOp::Gt => ord.is_gt(),
        CmpOp::Ge => ord.is_ge(),
    })
}
