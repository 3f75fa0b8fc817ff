//! The one traversal over checked conditions and terms ([`Cond`], [`Pred`], [`Term`]).
//!
//! Every question of the kind "which facts, parameters or comparisons does this condition read?" is a
//! visitor given to [`cond`] or [`term`]; the shape of the tree is written down only here. A new kind of
//! condition or term is added to the match below, and every visitor sees it.

use crate::model::{Cond, FactId, ParamId, Pred, Term};
use std::collections::BTreeSet;

/// One node of a condition, as a visitor sees it.
#[derive(Clone, Copy)]
pub(crate) enum Node<'a> {
    /// A condition (also the nested ones: in `not`, `definitely`, a `where` filter, a condition used as
    /// a value).
    Cond(&'a Cond),
    /// The test of an atom.
    Pred(&'a Pred),
    /// A term.
    Term(&'a Term),
}

/// What the walk does after a visitor has seen a node.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Go on into the node's parts.
    Into,
    /// Leave the node's parts out (the walk goes on with its next sibling).
    Over,
}

/// Walks `c` depth-first, in the order of the source: the visitor sees each node before its parts.
pub(crate) fn cond<'a>(c: &'a Cond, visit: &mut impl FnMut(Node<'a>) -> Step) {
    if visit(Node::Cond(c)) == Step::Over {
        return;
    }
    match c {
        Cond::True => {}
        Cond::And(cs) | Cond::Or(cs) => cs.iter().for_each(|c| cond(c, visit)),
        Cond::Not(c) | Cond::Definitely(c) => cond(c, visit),
        Cond::Atom(a) => pred(&a.pred, visit),
    }
}

/// Walks the test `p` of an atom, as [`cond`] does.
pub(crate) fn pred<'a>(p: &'a Pred, visit: &mut impl FnMut(Node<'a>) -> Step) {
    if visit(Node::Pred(p)) == Step::Over {
        return;
    }
    match p {
        Pred::Truth(t) | Pred::Known { term: t, .. } => term(t, visit),
        Pred::Cmp(_, a, b) => {
            term(a, visit);
            term(b, visit);
        }
        Pred::In { term: t, list, .. } => {
            term(t, visit);
            list.iter().for_each(|t| term(t, visit));
        }
        Pred::Between { term: t, low, high } => {
            term(t, visit);
            term(low, visit);
            term(high, visit);
        }
        Pred::Answered { .. } => {}
        Pred::Nested(c) => cond(c, visit),
    }
}

/// Walks the term `t`, as [`cond`] does: a timeline's filter and window are parts of its term.
pub(crate) fn term<'a>(t: &'a Term, visit: &mut impl FnMut(Node<'a>) -> Step) {
    if visit(Node::Term(t)) == Step::Over {
        return;
    }
    match t {
        Term::Fact(_) | Term::Lit(_) | Term::Today | Term::Param(_) | Term::Field(_) => {}
        Term::WorkdaysPlus(a, b)
        | Term::Arith(_, a, b)
        | Term::DatePlus(a, b)
        | Term::DateDiff(a, b) => {
            term(a, visit);
            term(b, visit);
        }
        Term::Neg(a) => term(a, visit),
        Term::Cond(c) => cond(c, visit),
        Term::Count { filter, window, .. } | Term::Pick { filter, window, .. } => {
            if let Some(f) = filter {
                cond(f, visit);
            }
            if let Some(w) = window {
                term(w, visit);
            }
        }
    }
}

/// Adds `x` to `out` unless it is there already (keeps the order of first appearance).
pub(crate) fn push_new<T: PartialEq>(out: &mut Vec<T>, x: T) {
    if !out.contains(&x) {
        out.push(x);
    }
}

/// The visitor that gives `add` every fact read, in order of appearance: answers, timelines, the fact of
/// `is answered`, and each atom's facts as the checker recorded them (without looking inside the atom).
pub(crate) fn facts<'a>(add: impl FnMut(FactId)) -> impl FnMut(Node<'a>) -> Step {
    facts_then(add, Step::Over)
}

/// [`facts`], also looking inside each atom after its recorded facts: for a reader that must not depend
/// on those lists being whole (a model decoded from bytes).
pub(crate) fn all_facts<'a>(add: impl FnMut(FactId)) -> impl FnMut(Node<'a>) -> Step {
    facts_then(add, Step::Into)
}

/// The visitor of [`facts`] and [`all_facts`]: `atoms` says whether to go on into an atom.
fn facts_then<'a>(mut add: impl FnMut(FactId), atoms: Step) -> impl FnMut(Node<'a>) -> Step {
    move |n| match n {
        Node::Cond(Cond::Atom(a)) => {
            a.facts.iter().for_each(|f| add(*f));
            atoms
        }
        Node::Pred(Pred::Answered { fact, .. }) | Node::Term(Term::Fact(fact)) => {
            add(*fact);
            Step::Into
        }
        Node::Term(Term::Count { list, .. } | Term::Pick { list, .. }) => {
            add(*list);
            Step::Into
        }
        _ => Step::Into,
    }
}

/// The visitor that gives `add` every parameter read, in order of appearance (each atom's parameters as
/// the checker recorded them, without looking inside the atom).
pub(crate) fn params<'a>(mut add: impl FnMut(ParamId)) -> impl FnMut(Node<'a>) -> Step {
    move |n| match n {
        Node::Cond(Cond::Atom(a)) => {
            a.params.iter().for_each(|p| add(*p));
            Step::Over
        }
        Node::Term(Term::Param(p)) => {
            add(*p);
            Step::Into
        }
        _ => Step::Into,
    }
}

/// The facts a condition reads, appended to `out` without repeats in order of appearance.
pub(crate) fn cond_facts(c: &Cond, out: &mut Vec<FactId>) {
    cond(c, &mut facts(|f| push_new(out, f)));
}

/// The facts a test reads, in order of appearance: answers, timelines, and the fact of `is answered`.
pub(crate) fn pred_facts(p: &Pred) -> Vec<FactId> {
    let mut out = Vec::new();
    pred(p, &mut facts(|f| push_new(&mut out, f)));
    out
}

/// The facts a term reads (as [`pred_facts`]), appended to `out` without repeats.
pub(crate) fn term_facts(t: &Term, out: &mut Vec<FactId>) {
    term(t, &mut facts(|f| push_new(out, f)));
}

/// The parameters a condition reads.
pub(crate) fn cond_params(c: &Cond, out: &mut BTreeSet<ParamId>) {
    cond(
        c,
        &mut params(|p| {
            out.insert(p);
        }),
    );
}

/// The parameters a term reads.
pub(crate) fn term_params(t: &Term, out: &mut BTreeSet<ParamId>) {
    term(
        t,
        &mut params(|p| {
            out.insert(p);
        }),
    );
}

/// The parameters a test reads, in order of their number.
pub(crate) fn pred_params(p: &Pred) -> Vec<ParamId> {
    let mut set = BTreeSet::new();
    pred(
        p,
        &mut params(|p| {
            set.insert(p);
        }),
    );
    set.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::CmpOp;
    use crate::model::{Atom, Value};

    fn atom(pred: Pred) -> Cond {
        Cond::Atom(Box::new(Atom {
            pred,
            text: String::new(),
            facts: Vec::new(),
            params: Vec::new(),
        }))
    }

    #[test]
    fn sees_every_node_in_source_order_and_skips_what_the_visitor_passes_over() {
        // (f0 = 1 and not (p0 < f1)) or count(f2 where f3 answered in the last p1 days) = f4
        let c = Cond::Or(vec![
            Cond::And(vec![
                atom(Pred::Cmp(
                    CmpOp::Eq,
                    Term::Fact(0),
                    Term::Lit(Value::Int(1)),
                )),
                Cond::Not(Box::new(atom(Pred::Cmp(
                    CmpOp::Lt,
                    Term::Param(0),
                    Term::Fact(1),
                )))),
            ]),
            atom(Pred::Cmp(
                CmpOp::Eq,
                Term::Count {
                    list: 2,
                    filter: Some(Box::new(atom(Pred::Truth(Term::Fact(3))))),
                    window: Some(Box::new(Term::Param(1))),
                },
                Term::Fact(4),
            )),
        ]);
        let mut seen = Vec::new();
        cond(&c, &mut |n| {
            match n {
                Node::Term(Term::Fact(f)) => seen.push(format!("f{f}")),
                Node::Term(Term::Param(p)) => seen.push(format!("p{p}")),
                _ => {}
            }
            Step::Into
        });
        assert_eq!(seen, ["f0", "p0", "f1", "f3", "p1", "f4"]);
        let mut outside = Vec::new();
        cond(&c, &mut |n| match n {
            Node::Term(Term::Count { .. }) | Node::Cond(Cond::Not(_)) => Step::Over,
            Node::Term(Term::Fact(f)) => {
                push_new(&mut outside, *f);
                Step::Into
            }
            _ => Step::Into,
        });
        assert_eq!(outside, [0, 4]);
    }
}
