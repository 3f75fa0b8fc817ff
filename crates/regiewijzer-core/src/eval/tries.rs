//! The answers tried for each open question (when ranking what matters next and searching witnesses):
//! a few representative answers per type, and the rules each question's answer can change.

use crate::analysis::ask_closure;
use crate::answers::Answers;
use crate::date::Date;
use crate::model::{Cond, FactId, FactType, Model, Pred, Record, Term, Value};
use crate::walk::{self, Node, Step};

/// One answer to try.
pub(super) enum TrySlot {
    /// A plain value.
    Value(Value),
    /// A timeline's records.
    List(Vec<Record>),
}

/// The answers tried for each fact (a few, so that trying stays cheap; what they miss is only not
/// ranked or not listed, never wrongly said): yes and no; every option; a scale's levels (its ends and
/// middle when it has more than 12); for whole numbers the bounds and the numbers around each constant or
/// parameter the rules compare it with; for dates today and 1, 7, 14, 30, 90 and 365 days before; for a
/// timeline no records, and 1, 3 or 6 records of today, with each option (or yes and no) of its first
/// choice or yes/no field.
pub(super) fn answers_to_try(model: &Model, today: Date) -> Vec<Vec<TrySlot>> {
    let mut consts: Vec<(FactId, i64)> = Vec::new();
    for r in &model.rules {
        compared(model, &r.cond, &mut consts);
    }
    for f in &model.facts {
        if let Some(c) = &f.ask_when {
            compared(model, c, &mut consts);
        }
    }
    model
        .facts
        .iter()
        .enumerate()
        .map(|(f, def)| match &def.ty {
            FactType::Timeline { fields } => timelines(fields, today),
            ty => {
                let mine = consts.iter().filter(|(g, _)| *g == f).map(|(_, c)| *c);
                plain(ty, mine, today)
                    .into_iter()
                    .map(TrySlot::Value)
                    .collect()
            }
        })
        .collect()
}

/// The values tried for a plain (not timeline) type; `consts` are what a whole number is compared with.
fn plain(ty: &FactType, consts: impl Iterator<Item = i64>, today: Date) -> Vec<Value> {
    let ints = |lo: i64, hi: i64, extra: Vec<i64>| -> Vec<Value> {
        let mut v: Vec<i64> = extra
            .into_iter()
            .filter(|n| (lo..=hi).contains(n))
            .collect();
        v.extend([lo, hi]);
        crate::order::sort_dedup(&mut v);
        v.into_iter().map(Value::Int).collect()
    };
    match ty {
        FactType::Bool => vec![Value::Bool(true), Value::Bool(false)],
        FactType::Choice { options } => (0..options.len()).map(Value::Choice).collect(),
        FactType::Scale { min, max, .. } if max.saturating_sub(*min) <= 12 => {
            (*min..=*max).map(Value::Int).collect()
        }
        FactType::Scale { min, max, .. } => {
            let mid = min.saturating_add(max.saturating_sub(*min) / 2);
            ints(*min, *max, consts.chain([mid]).flat_map(around).collect())
        }
        FactType::Int { min, max } => {
            let lo = min.unwrap_or(0);
            let hi = max.unwrap_or(lo.saturating_add(1000));
            ints(lo, hi, consts.flat_map(around).collect())
        }
        FactType::Date => [0, 1, 7, 14, 30, 90, 365]
            .into_iter()
            .filter_map(|d| today.add_days(-d).map(Value::Date))
            .collect(),
        FactType::Timeline { .. } => Vec::new(),
    }
}

fn around(c: i64) -> [i64; 3] {
    [c.saturating_sub(1), c, c.saturating_add(1)]
}

/// No records, and 1, 3 or 6 records of today, with each value of the first choice or yes/no field.
fn timelines(fields: &[crate::model::FieldDef], today: Date) -> Vec<TrySlot> {
    let base: Record = fields
        .iter()
        .enumerate()
        .map(|(i, fd)| match &fd.ty {
            _ if i == 0 => Some(Value::Date(today)),
            ty => plain(ty, std::iter::empty(), today).first().copied(),
        })
        .collect();
    let varied = fields
        .iter()
        .position(|fd| matches!(fd.ty, FactType::Choice { .. } | FactType::Bool));
    let variants: Vec<Record> = match varied.and_then(|i| Some((i, fields.get(i)?))) {
        Some((i, fd)) => plain(&fd.ty, std::iter::empty(), today)
            .into_iter()
            .map(|v| {
                let mut r = base.clone();
                if let Some(slot) = r.get_mut(i) {
                    *slot = Some(v);
                }
                r
            })
            .collect(),
        None => vec![base],
    };
    let mut out = vec![TrySlot::List(Vec::new())];
    for n in [1, 3, 6] {
        for r in &variants {
            out.push(TrySlot::List(vec![r.clone(); n]));
        }
    }
    out
}

/// The whole numbers (constants and parameters) questions are compared with directly in `c`.
fn compared(model: &Model, c: &Cond, out: &mut Vec<(FactId, i64)>) {
    let int = |t: &Term| match t {
        Term::Lit(Value::Int(n)) => Some(*n),
        Term::Param(p) => match model.parameters.get(*p).map(|p| p.value) {
            Some(Value::Int(n)) => Some(n),
            _ => None,
        },
        _ => None,
    };
    let mut pair = |a: &Term, b: &Term| match (a, b) {
        (Term::Fact(f), other) | (other, Term::Fact(f)) => {
            if let Some(n) = int(other) {
                out.push((*f, n));
            }
        }
        _ => {}
    };
    // Only the tests of atoms and the conditions nested in them (`Pred::Nested`); not the conditions
    // inside terms (a timeline's `where`, a condition used as a value).
    walk::cond(c, &mut |n| match n {
        Node::Cond(_) | Node::Pred(Pred::Nested(_)) => Step::Into,
        Node::Pred(p) => {
            match p {
                Pred::Cmp(_, x, y) => pair(x, y),
                Pred::In { term, list, .. } => list.iter().for_each(|t| pair(term, t)),
                Pred::Between { term, low, high } => {
                    pair(term, low);
                    pair(term, high);
                }
                _ => {}
            }
            Step::Over
        }
        Node::Term(_) => Step::Over,
    });
}

/// Per fact: the rules that read it, directly or through an `ask when`.
pub(super) fn readers(model: &Model) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); model.facts.len()];
    for (r, rule) in model.rules.iter().enumerate() {
        let mut facts = Vec::new();
        crate::walk::cond_facts(&rule.cond, &mut facts);
        for d in &rule.deadlines {
            facts.extend(d.facts.iter().copied());
        }
        for f in ask_closure(model, &facts) {
            if let Some(list) = out.get_mut(f) {
                list.push(r);
            }
        }
    }
    out
}

/// The answers with fact `f` answered by `slot`.
pub(super) fn with_answer(answers: &Answers, f: FactId, slot: &TrySlot) -> Answers {
    let mut a = answers.clone();
    match slot {
        TrySlot::Value(v) => a.set(f, Some(*v)),
        TrySlot::List(records) => a.set_list(f, Some(records.clone())),
    }
    a
}
