//! Where the answers of each question split: the constants it is compared with, the questions it is
//! compared with or used in arithmetic with, the windows of timelines.

use super::reps::{ENUMERATED, numeric_bounds};
use crate::ast::CmpOp;
use crate::date::Date;
use crate::model::{Cond, FactId, FactType, Model, Pred, Term, Value};
use crate::walk::{self, Step};

/// What a constant is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Fact(FactId),
    /// A field of a timeline's records (in a `where`).
    Field(FactId, usize),
    /// The number of records of a timeline.
    Count(FactId),
}

/// The constants each fact, field and count is compared with, the window lengths of each timeline, and
/// the facts compared with other facts.
pub(super) struct Splits {
    consts: Vec<(Target, Value)>,
    /// Whole-number facts compared with a constant by `<`, `<=`, `>` or `>=`: `(f, k)` means the answers
    /// below `k` and from `k` on may differ. (Equality needs a point: it is among `consts`.)
    cuts: Vec<(FactId, i64)>,
    windows: Vec<(FactId, i64)>,
    related: Vec<FactId>,
    /// Pairs of questions compared with each other (both ways).
    partners: Vec<(FactId, FactId)>,
    /// Questions used in arithmetic (`+`, `-`, `*`, a minus sign, a number of days that is an answer).
    arith: Vec<FactId>,
    lists_read: Vec<FactId>,
}

impl Splits {
    pub(super) fn of(model: &Model, today: Date) -> Splits {
        let mut s = Splits {
            consts: Vec::new(),
            cuts: Vec::new(),
            windows: Vec::new(),
            related: Vec::new(),
            partners: Vec::new(),
            arith: Vec::new(),
            lists_read: Vec::new(),
        };
        let mut w = Walker {
            model,
            today,
            list: None,
            out: &mut s,
        };
        for r in &model.rules {
            w.cond(&r.cond);
            for d in &r.deadlines {
                w.term(&d.date);
            }
        }
        for f in &model.facts {
            if let Some(c) = &f.ask_when {
                w.cond(c);
            }
        }
        for h in &model.handovers {
            w.cond(&h.when);
            for r in &h.requires {
                w.cond(&r.cond);
            }
        }
        s
    }

    /// Where the answers of whole-number fact `f` may start to differ: every `k` such that `k - 1` and `k`
    /// can give different outcomes (a constant compared by equality gives `c` and `c + 1`).
    pub(super) fn int_cuts(&self, f: FactId) -> Vec<i64> {
        let mut cuts: Vec<i64> = self
            .cuts
            .iter()
            .filter(|(g, _)| *g == f)
            .map(|(_, k)| *k)
            .chain(
                self.ints(Target::Fact(f))
                    .flat_map(|c| [Some(c), c.checked_add(1)])
                    .flatten(),
            )
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    /// Like [`Splits::int_cuts`], and every value of a question whose values are all tried.
    pub(super) fn numeric_cuts(&self, model: &Model, f: FactId) -> Vec<i64> {
        let mut cuts = self.int_cuts(f);
        if let Some((Some(lo), Some(hi))) = self.enumerated(model, f) {
            cuts.extend(lo.saturating_add(1)..=hi);
            cuts.sort_unstable();
            cuts.dedup();
        }
        cuts
    }

    /// The bounds of a whole-number or scale question whose values are all tried: used in arithmetic or
    /// compared with another question, with at most [`ENUMERATED`] values.
    pub(super) fn enumerated(
        &self,
        model: &Model,
        f: FactId,
    ) -> Option<(Option<i64>, Option<i64>)> {
        let (lo, hi) = model.facts.get(f).and_then(|d| numeric_bounds(&d.ty))?;
        let size = hi?.checked_sub(lo?)?;
        (size < ENUMERATED && (self.related(f) || self.in_arith(f))).then_some((lo, hi))
    }

    /// True when the representatives of question `f` do not cover every case: a timeline that is read, a
    /// date or a large whole-number or scale question compared with another question or used in
    /// arithmetic.
    pub(super) fn approximates(&self, model: &Model, f: FactId) -> bool {
        let Some(def) = model.facts.get(f) else {
            return false;
        };
        if self.reads_list(f) {
            return true;
        }
        match def.ty {
            FactType::Bool | FactType::Choice { .. } | FactType::Timeline { .. } => false,
            FactType::Date => self.related(f) || self.in_arith(f),
            FactType::Int { .. } | FactType::Scale { .. } => {
                (self.related(f) || self.in_arith(f)) && self.enumerated(model, f).is_none()
            }
        }
    }

    /// The questions `f` is compared with.
    pub(super) fn partners(&self, f: FactId) -> impl Iterator<Item = FactId> + '_ {
        self.partners
            .iter()
            .filter(move |(a, _)| *a == f)
            .map(|(_, b)| *b)
    }

    pub(super) fn in_arith(&self, f: FactId) -> bool {
        self.arith.contains(&f)
    }

    pub(super) fn ints(&self, t: Target) -> impl Iterator<Item = i64> + '_ {
        self.consts.iter().filter_map(move |(tt, v)| match v {
            Value::Int(n) if *tt == t => Some(*n),
            _ => None,
        })
    }

    pub(super) fn dates(&self, t: Target) -> impl Iterator<Item = Date> + '_ {
        self.consts.iter().filter_map(move |(tt, v)| match v {
            Value::Date(d) if *tt == t => Some(*d),
            _ => None,
        })
    }

    pub(super) fn windows(&self, f: FactId) -> impl Iterator<Item = i64> + '_ {
        self.windows
            .iter()
            .filter(move |(l, _)| *l == f)
            .map(|(_, n)| *n)
    }

    pub(super) fn related(&self, f: FactId) -> bool {
        self.related.contains(&f)
    }

    pub(super) fn reads_list(&self, f: FactId) -> bool {
        self.lists_read.contains(&f)
    }
}

pub(super) struct Walker<'a, 'm> {
    model: &'m Model,
    today: Date,
    /// The timeline whose records a `where` is looking at.
    list: Option<FactId>,
    out: &'a mut Splits,
}

impl Walker<'_, '_> {
    pub(super) fn cond(&mut self, c: &Cond) {
        match c {
            Cond::True => {}
            Cond::And(cs) | Cond::Or(cs) => cs.iter().for_each(|c| self.cond(c)),
            Cond::Not(c) | Cond::Definitely(c) => self.cond(c),
            Cond::Atom(a) => self.pred(&a.pred),
        }
    }

    pub(super) fn pred(&mut self, p: &Pred) {
        match p {
            Pred::Truth(t) => self.term(t),
            Pred::Cmp(op, a, b) => {
                if self.cut(*op, a, b) {
                    self.term(a);
                    self.term(b);
                    return;
                }
                self.compare(a, b);
                self.term(a);
                self.term(b);
            }
            Pred::In { term, list, .. } => {
                for x in list {
                    self.compare(term, x);
                    self.term(x);
                }
                self.term(term);
            }
            Pred::Between { term, low, high } => {
                self.compare(term, low);
                self.compare(term, high);
                self.term(term);
                self.term(low);
                self.term(high);
            }
            Pred::Answered { .. } => {}
            Pred::Nested(c) => self.cond(c),
            Pred::Known { term, .. } => self.term(term),
        }
    }

    pub(super) fn term(&mut self, t: &Term) {
        match t {
            Term::Fact(_) | Term::Lit(_) | Term::Today | Term::Param(_) | Term::Field(_) => {}
            Term::Arith(_, a, b) => {
                facts_in(a, &mut self.out.arith);
                facts_in(b, &mut self.out.arith);
                self.term(a);
                self.term(b);
            }
            Term::WorkdaysPlus(a, b) | Term::DatePlus(a, b) => {
                // A date moved by a constant number of days is handled where it is compared; a number of
                // days that is (or reads) an answer is arithmetic.
                if konst(self.model, self.today, b).is_none() {
                    facts_in(a, &mut self.out.arith);
                    facts_in(b, &mut self.out.arith);
                }
                self.term(a);
                self.term(b);
            }
            Term::DateDiff(a, b) => {
                self.term(a);
                self.term(b);
            }
            Term::Neg(a) => {
                facts_in(a, &mut self.out.arith);
                self.term(a);
            }
            Term::Cond(c) => self.cond(c),
            Term::Count {
                list,
                filter,
                window,
            }
            | Term::Pick {
                list,
                filter,
                window,
                ..
            } => {
                self.out.lists_read.push(*list);
                if let Some(w) = window
                    && let Some(Value::Int(n)) = konst(self.model, self.today, w)
                {
                    self.out.windows.push((*list, n));
                }
                if let Some(c) = filter {
                    let saved = self.list.replace(*list);
                    self.cond(c);
                    self.list = saved;
                }
            }
        }
    }

    /// A whole-number fact ordered against a constant (`x >= 18`, `3 < x`): records where its answers
    /// split and returns true; false for anything else.
    pub(super) fn cut(&mut self, op: CmpOp, a: &Term, b: &Term) -> bool {
        let (f, c, op) = match (a, b) {
            (Term::Fact(f), other) => match konst(self.model, self.today, other) {
                Some(Value::Int(c)) => (*f, c, op),
                _ => return false,
            },
            (other, Term::Fact(f)) => match konst(self.model, self.today, other) {
                // `c < x` is `x > c`.
                Some(Value::Int(c)) => (*f, c, op.mirrored()),
                _ => return false,
            },
            _ => return false,
        };
        let is_int = self
            .model
            .facts
            .get(f)
            .is_some_and(|d| numeric_bounds(&d.ty).is_some());
        // `x < c` and `x >= c` split before c; `x <= c` and `x > c` after it.
        let k = match op {
            CmpOp::Lt | CmpOp::Ge => Some(c),
            CmpOp::Le | CmpOp::Gt => c.checked_add(1),
            _ => None,
        };
        match (is_int, k) {
            (true, Some(k)) => {
                self.out.cuts.push((f, k));
                true
            }
            _ => false,
        }
    }

    /// A comparison of two terms: records the split constants it implies.
    pub(super) fn compare(&mut self, a: &Term, b: &Term) {
        self.one_side(a, b);
        self.one_side(b, a);
    }

    pub(super) fn one_side(&mut self, x: &Term, other: &Term) {
        let Some(target) = self.target(x) else {
            // `x + n days` (a date fact moved by a constant) against a constant or another fact.
            if let Term::DatePlus(inner, n) = x
                && let Some(target) = self.target(inner)
                && let Some(Value::Int(n)) = konst(self.model, self.today, n)
            {
                match konst(self.model, self.today, other) {
                    Some(Value::Date(c)) => {
                        if let Some(d) = c.add_days(-n) {
                            self.out.consts.push((target, Value::Date(d)));
                        }
                    }
                    _ => self.relate(target, other),
                }
            }
            // `days since x` / a difference of dates against a number.
            if let Term::DateDiff(p, q) = x
                && let Some(Value::Int(n)) = konst(self.model, self.today, other)
            {
                for (fixed, free) in [(p, q), (q, p)] {
                    if let (Some(Value::Date(d)), Some(target)) =
                        (konst(self.model, self.today, fixed), self.target(free))
                    {
                        for shift in [n, -n] {
                            if let Some(day) = d.add_days(shift) {
                                self.out.consts.push((target, Value::Date(day)));
                            }
                        }
                    }
                }
            }
            return;
        };
        match konst(self.model, self.today, other) {
            Some(v) => self.out.consts.push((target, v)),
            None => self.relate(target, other),
        }
    }

    /// A comparison with something that is not a constant: a relation between facts.
    pub(super) fn relate(&mut self, target: Target, other: &Term) {
        if let Target::Fact(f) = target
            && mentions_fact(other)
        {
            self.out.related.push(f);
            let mut others = Vec::new();
            facts_in(other, &mut others);
            for g in others {
                self.out.related.push(g);
                self.out.partners.push((f, g));
            }
        }
    }

    pub(super) fn target(&self, t: &Term) -> Option<Target> {
        match t {
            Term::Fact(f) => Some(Target::Fact(*f)),
            Term::Field(i) => self.list.map(|l| Target::Field(l, *i)),
            Term::Count { list, .. } => Some(Target::Count(*list)),
            Term::Pick { list, field, .. } => Some(Target::Field(*list, *field)),
            _ => None,
        }
    }
}

/// The questions a term reads through arithmetic and dates (not inside a condition or a timeline),
/// appended to `out` in order of appearance without repeats.
pub(super) fn facts_in(t: &Term, out: &mut Vec<FactId>) {
    walk::term(t, &mut |n| match n {
        walk::Node::Term(Term::Fact(f)) => {
            walk::push_new(out, *f);
            Step::Over
        }
        walk::Node::Term(Term::Cond(_) | Term::Count { .. } | Term::Pick { .. }) => Step::Over,
        _ => Step::Into,
    });
}

/// True when a term reads an answer (a question or a timeline) through arithmetic and dates (not
/// inside a condition).
pub(super) fn mentions_fact(t: &Term) -> bool {
    let mut found = false;
    walk::term(t, &mut |n| match n {
        walk::Node::Term(Term::Fact(_) | Term::Count { .. } | Term::Pick { .. }) => {
            found = true;
            Step::Over
        }
        walk::Node::Term(Term::Cond(_)) => Step::Over,
        _ => Step::Into,
    });
    found
}

/// The value of a term that reads no answers (literals, parameters, `today`, arithmetic on those).
pub(crate) fn konst(model: &Model, today: Date, t: &Term) -> Option<Value> {
    match t {
        Term::Lit(v) => Some(*v),
        Term::Param(p) => model.parameters.get(*p).map(|d| d.value),
        Term::Today => Some(Value::Date(today)),
        Term::Neg(a) => match konst(model, today, a)? {
            Value::Int(n) => n.checked_neg().map(Value::Int),
            _ => None,
        },
        Term::Arith(op, a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Int(x), Value::Int(y)) => op.apply(x, y).map(Value::Int),
            _ => None,
        },
        Term::DatePlus(a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Date(d), Value::Int(n)) => d.add_days(n).map(Value::Date),
            _ => None,
        },
        Term::WorkdaysPlus(a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Date(d), Value::Int(n)) => d.add_working_days(n).map(Value::Date),
            _ => None,
        },
        Term::DateDiff(a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Date(a), Value::Date(b)) => Some(Value::Int(b.days_until(a))),
            _ => None,
        },
        _ => None,
    }
}
