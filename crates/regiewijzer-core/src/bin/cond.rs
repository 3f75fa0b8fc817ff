//! The binary forms of conditions and terms: each variant a tag byte, then its parts; every nested
//! condition or term is read one level deeper (see `Reader::nested`).

use super::wire::{Bin, Reader, Writer};
use crate::ast::CmpOp;
use crate::model::{ArithOp, Atom, Cond, Pred, Term};

impl Bin for Cond {
    fn put(&self, out: &mut Writer) {
        match self {
            Cond::True => out.push(0),
            Cond::And(parts) => {
                out.push(1);
                parts.put(out);
            }
            Cond::Or(parts) => {
                out.push(2);
                parts.put(out);
            }
            Cond::Not(c) => {
                out.push(3);
                c.put(out);
            }
            Cond::Atom(a) => {
                out.push(4);
                a.put(out);
            }
            Cond::Definitely(c) => {
                out.push(5);
                c.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(5) {
            0 => Cond::True,
            1 => Cond::And(r.nested()),
            2 => Cond::Or(r.nested()),
            3 => Cond::Not(Bin::get(r)),
            4 => Cond::Atom(Bin::get(r)),
            _ => Cond::Definitely(Bin::get(r)),
        }
    }
}

impl Bin for Atom {
    fn put(&self, out: &mut Writer) {
        self.pred.put(out);
        self.text.put(out);
        self.facts.put(out);
        self.params.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Atom {
            pred: Bin::get(r),
            text: Bin::get(r),
            facts: Bin::get(r),
            params: Bin::get(r),
        }
    }
}

impl Bin for CmpOp {
    fn put(&self, out: &mut Writer) {
        out.push(match self {
            CmpOp::Eq => 0,
            CmpOp::Ne => 1,
            CmpOp::Lt => 2,
            CmpOp::Le => 3,
            CmpOp::Gt => 4,
            CmpOp::Ge => 5,
        });
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(5) {
            0 => CmpOp::Eq,
            1 => CmpOp::Ne,
            2 => CmpOp::Lt,
            3 => CmpOp::Le,
            4 => CmpOp::Gt,
            _ => CmpOp::Ge,
        }
    }
}

impl Bin for Pred {
    fn put(&self, out: &mut Writer) {
        match self {
            Pred::Truth(t) => {
                out.push(0);
                t.put(out);
            }
            Pred::Cmp(op, a, b) => {
                out.push(1);
                op.put(out);
                a.put(out);
                b.put(out);
            }
            Pred::In {
                term,
                list,
                negated,
            } => {
                out.push(2);
                term.put(out);
                list.put(out);
                negated.put(out);
            }
            Pred::Between { term, low, high } => {
                out.push(3);
                term.put(out);
                low.put(out);
                high.put(out);
            }
            Pred::Answered { fact, negated } => {
                out.push(4);
                fact.put(out);
                negated.put(out);
            }
            Pred::Nested(c) => {
                out.push(5);
                c.put(out);
            }
            Pred::Known { term, negated } => {
                out.push(6);
                term.put(out);
                negated.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(6) {
            0 => Pred::Truth(r.nested()),
            1 => Pred::Cmp(Bin::get(r), r.nested(), r.nested()),
            2 => Pred::In {
                term: r.nested(),
                list: r.nested(),
                negated: Bin::get(r),
            },
            3 => Pred::Between {
                term: r.nested(),
                low: r.nested(),
                high: r.nested(),
            },
            4 => Pred::Answered {
                fact: Bin::get(r),
                negated: Bin::get(r),
            },
            5 => Pred::Nested(Bin::get(r)),
            _ => Pred::Known {
                term: r.nested(),
                negated: Bin::get(r),
            },
        }
    }
}

impl Bin for ArithOp {
    fn put(&self, out: &mut Writer) {
        out.push(match self {
            ArithOp::Add => 0,
            ArithOp::Sub => 1,
            ArithOp::Mul => 2,
        });
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(2) {
            0 => ArithOp::Add,
            1 => ArithOp::Sub,
            _ => ArithOp::Mul,
        }
    }
}

impl Bin for Term {
    fn put(&self, out: &mut Writer) {
        match self {
            Term::Fact(f) => {
                out.push(0);
                f.put(out);
            }
            Term::Lit(v) => {
                out.push(1);
                v.put(out);
            }
            Term::Today => out.push(2),
            Term::Param(p) => {
                out.push(3);
                p.put(out);
            }
            Term::WorkdaysPlus(a, b) => {
                out.push(4);
                a.put(out);
                b.put(out);
            }
            Term::Arith(op, a, b) => {
                out.push(5);
                op.put(out);
                a.put(out);
                b.put(out);
            }
            Term::Neg(a) => {
                out.push(6);
                a.put(out);
            }
            Term::DatePlus(a, b) => {
                out.push(7);
                a.put(out);
                b.put(out);
            }
            Term::DateDiff(a, b) => {
                out.push(8);
                a.put(out);
                b.put(out);
            }
            Term::Cond(c) => {
                out.push(9);
                c.put(out);
            }
            Term::Count {
                list,
                filter,
                window,
            } => {
                out.push(10);
                list.put(out);
                filter.put(out);
                window.put(out);
            }
            Term::Pick {
                latest,
                field,
                list,
                filter,
                window,
            } => {
                out.push(11);
                latest.put(out);
                field.put(out);
                list.put(out);
                filter.put(out);
                window.put(out);
            }
            Term::Field(f) => {
                out.push(12);
                f.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        match r.tag(12) {
            0 => Term::Fact(Bin::get(r)),
            1 => Term::Lit(Bin::get(r)),
            2 => Term::Today,
            3 => Term::Param(Bin::get(r)),
            4 => Term::WorkdaysPlus(Bin::get(r), Bin::get(r)),
            5 => Term::Arith(Bin::get(r), Bin::get(r), Bin::get(r)),
            6 => Term::Neg(Bin::get(r)),
            7 => Term::DatePlus(Bin::get(r), Bin::get(r)),
            8 => Term::DateDiff(Bin::get(r), Bin::get(r)),
            9 => Term::Cond(Bin::get(r)),
            10 => Term::Count {
                list: Bin::get(r),
                filter: Bin::get(r),
                window: Bin::get(r),
            },
            11 => Term::Pick {
                latest: Bin::get(r),
                field: Bin::get(r),
                list: Bin::get(r),
                filter: Bin::get(r),
                window: Bin::get(r),
            },
            _ => Term::Field(Bin::get(r)),
        }
    }
}
