//! The representative answers of each question: one per range of answers that every comparison treats
//! alike.

use super::Slot;
use super::splits::{Splits, Target};
use crate::date::Date;
use crate::model::{FactId, FactType, FieldDef, Model, Record, Text, Value};

/// A representative answer, independent of a model (choices by option id).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RepKey {
    Bool(bool),
    Int(i64),
    Date(Date),
    Option(String),
    /// `count` copies of a record given per field (by field id).
    List(usize, Vec<(String, RepKey)>),
}

pub(super) fn slot_for(model: &Model, f: FactId, key: &RepKey) -> Option<Slot> {
    let def = model.facts.get(f)?;
    match (&def.ty, key) {
        (FactType::Timeline { fields }, RepKey::List(n, record)) => {
            let rec: Record = fields
                .iter()
                .map(|fd| {
                    record
                        .iter()
                        .find(|(id, _)| *id == fd.id)
                        .and_then(|(_, k)| plain_value(&fd.ty, k))
                })
                .collect();
            Some(Slot::List(vec![rec; *n]))
        }
        (FactType::Timeline { .. }, _) => None,
        (ty, k) => plain_value(ty, k).map(Slot::Value),
    }
}

/// A range `lo..=hi` (`None`: unbounded) cut to a question's bounds `min..=max`.
pub(super) fn within(
    lo: Option<i64>,
    hi: Option<i64>,
    min: Option<i64>,
    max: Option<i64>,
) -> (Option<i64>, Option<i64>) {
    let lo = match (lo, min) {
        (Some(l), Some(m)) => Some(l.max(m)),
        (l, m) => l.or(m),
    };
    let hi = match (hi, max) {
        (Some(h), Some(m)) => Some(h.min(m)),
        (h, m) => h.or(m),
    };
    (lo, hi)
}

pub(super) fn plain_value(ty: &FactType, key: &RepKey) -> Option<Value> {
    match (ty, key) {
        (FactType::Bool, RepKey::Bool(b)) => Some(Value::Bool(*b)),
        (FactType::Int { min, max }, RepKey::Int(n)) => {
            let ok = min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m);
            ok.then_some(Value::Int(*n))
        }
        (FactType::Scale { min, max, .. }, RepKey::Int(n)) => {
            (*n >= *min && *n <= *max).then_some(Value::Int(*n))
        }
        (FactType::Date, RepKey::Date(d)) => Some(Value::Date(*d)),
        (FactType::Choice { options }, RepKey::Option(id)) => {
            options.iter().position(|o| &o.id == id).map(Value::Choice)
        }
        _ => None,
    }
}

/// The representative answers of one fact of a model.
pub(super) fn reps_of(
    model: &Model,
    splits: &Splits,
    f: FactId,
    today: Date,
    notes: &mut Vec<Text>,
) -> Vec<RepKey> {
    let Some(def) = model.facts.get(f) else {
        return Vec::new();
    };
    match &def.ty {
        FactType::Bool => vec![RepKey::Bool(true), RepKey::Bool(false)],
        FactType::Choice { options } => options
            .iter()
            .map(|o| RepKey::Option(o.id.clone()))
            .collect(),
        FactType::Scale { .. } | FactType::Int { .. } => {
            let Some((min, max)) = numeric_bounds(&def.ty) else {
                return Vec::new();
            };
            if splits.approximates(model, f) {
                note_numeric(model, splits, f, notes);
            }
            numeric_reps(model, splits, f, min, max)
                .into_iter()
                .map(RepKey::Int)
                .collect()
        }
        FactType::Date => {
            let mut vals: Vec<Date> = Vec::new();
            for c in splits.dates(Target::Fact(f)) {
                vals.extend(
                    [c.add_days(-1), Some(c), c.add_days(1)]
                        .into_iter()
                        .flatten(),
                );
            }
            if vals.is_empty() {
                vals.push(today);
            }
            vals.sort_unstable();
            vals.dedup();
            if splits.related(f) || splits.in_arith(f) {
                note_numeric(model, splits, f, notes);
            }
            vals.into_iter().map(RepKey::Date).collect()
        }
        FactType::Timeline { fields } => {
            let lists = timeline_reps(splits, f, fields, today);
            let text = Text {
                nl: format!(
                    "Tijdlijn '{}': geprobeerd zijn lege lijsten en lijsten van gelijke registraties ({} varianten); lijsten die verschillende registraties mengen zijn niet doorzocht.",
                    def.id,
                    lists.len()
                ),
                en: format!(
                    "Timeline '{}': tried empty lists and lists of identical records ({} variants); lists mixing different records were not searched.",
                    def.id,
                    lists.len()
                ),
            };
            if splits.reads_list(f) && !notes.contains(&text) {
                notes.push(text);
            }
            lists
        }
    }
}

/// At most this many values of a whole-number or scale question are all tried when it is used in
/// arithmetic or compared with another question (which makes that exact).
pub(super) const ENUMERATED: i64 = 100;

/// The bounds of a whole-number (`None`: unbounded) or scale question; `None` for other types.
pub(super) fn numeric_bounds(ty: &FactType) -> Option<(Option<i64>, Option<i64>)> {
    match ty {
        FactType::Int { min, max } => Some((*min, *max)),
        FactType::Scale { min, max, .. } => Some((Some(*min), Some(*max))),
        _ => None,
    }
}

/// The whole numbers tried for a whole-number or scale question with bounds `min..=max`. Compared only
/// with constants: one per range between its cuts (every value of a range gives the same outcomes: exact,
/// however large the range). Used in arithmetic or compared with another question: every value when there
/// are at most [`ENUMERATED`] (exact too); else those with the bounds, the numbers around zero and
/// around each cut of its own and of the questions it is compared with (an approximation, said in the
/// notes). The bounds (for an unbounded question `i64`'s extremes) are where arithmetic overflows.
pub(super) fn numeric_reps(
    model: &Model,
    splits: &Splits,
    f: FactId,
    min: Option<i64>,
    max: Option<i64>,
) -> Vec<i64> {
    let cuts = splits.numeric_cuts(model, f);
    // One answer per range between the cuts (within the bounds): its lowest value, or for the range
    // below the first cut, its highest.
    let starts = std::iter::once(None).chain(cuts.iter().map(|k| Some(*k)));
    let ends = cuts.iter().map(|k| Some(k.saturating_sub(1))).chain([None]);
    let mut vals: Vec<i64> = Vec::new();
    for (start, end) in starts.zip(ends) {
        match within(start, end, min, max) {
            (Some(l), Some(h)) if l <= h => vals.push(l),
            (Some(l), None) => vals.push(l),
            (None, Some(h)) => vals.push(h),
            (None, None) => vals.push(0),
            _ => {}
        }
    }
    if splits.approximates(model, f) {
        let (lo, hi) = (min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX));
        vals.extend([lo, lo.saturating_add(1), hi.saturating_sub(1), hi]);
        vals.extend(-2..=2);
        for g in std::iter::once(f).chain(splits.partners(f)) {
            for k in splits.numeric_cuts(model, g) {
                vals.extend([k.saturating_sub(1), k]);
            }
        }
    }
    vals.retain(|n| min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m));
    vals.sort_unstable();
    vals.dedup();
    vals
}

/// The note for a question whose answers are approximated: compared with another question or used in
/// arithmetic, with too many answers to try them all.
pub(super) fn note_numeric(model: &Model, splits: &Splits, f: FactId, notes: &mut Vec<Text>) {
    let id = model.facts.get(f).map_or("", |d| d.id.as_str());
    let text = if splits.in_arith(f) {
        Text {
            nl: format!(
                "'{id}' wordt in een berekening gebruikt en heeft te veel mogelijke antwoorden om ze allemaal te proberen: alleen waarden rond de grenzen, rond nul en rond de vergeleken getallen zijn geprobeerd (benadering)."
            ),
            en: format!(
                "'{id}' is used in arithmetic and has too many possible answers to try them all: only values around its bounds, around zero and around the numbers it is compared with were tried (an approximation)."
            ),
        }
    } else {
        Text {
            nl: format!(
                "'{id}' wordt vergeleken met een andere vraag: alleen waarden rond elkaars grenzen zijn geprobeerd (benadering)."
            ),
            en: format!(
                "'{id}' is compared with another question: only values around each other's limits were tried (an approximation)."
            ),
        }
    };
    if !notes.contains(&text) {
        notes.push(text);
    }
}

pub(super) fn timeline_reps(
    splits: &Splits,
    f: FactId,
    fields: &[FieldDef],
    today: Date,
) -> Vec<RepKey> {
    let per_field: Vec<(String, Vec<RepKey>)> = fields
        .iter()
        .enumerate()
        .map(|(i, fd)| (fd.id.clone(), field_reps(splits, f, i, fd, today)))
        .collect();
    // Record patterns: the product of the fields' values, at most 24.
    let mut patterns: Vec<Vec<(String, RepKey)>> = vec![Vec::new()];
    for (id, vals) in &per_field {
        if vals.is_empty() {
            continue;
        }
        let mut next = Vec::new();
        for p in &patterns {
            for v in vals {
                let mut q = p.clone();
                q.push((id.clone(), v.clone()));
                next.push(q);
            }
        }
        next.truncate(24);
        patterns = next;
    }
    let mut counts: Vec<usize> = vec![1];
    for k in splits.ints(Target::Count(f)) {
        for c in [k.saturating_sub(1), k, k.saturating_add(1)] {
            if let Ok(c) = usize::try_from(c)
                && (1..=50).contains(&c)
            {
                counts.push(c);
            }
        }
    }
    counts.sort_unstable();
    counts.dedup();
    let mut out = vec![RepKey::List(0, Vec::new())];
    for p in &patterns {
        for &n in &counts {
            out.push(RepKey::List(n, p.clone()));
        }
    }
    out
}

/// The values tried for field `i` of timeline `f` in its records.
fn field_reps(splits: &Splits, f: FactId, i: usize, fd: &FieldDef, today: Date) -> Vec<RepKey> {
    let target = Target::Field(f, i);
    match &fd.ty {
        FactType::Bool => vec![RepKey::Bool(true), RepKey::Bool(false)],
        FactType::Choice { options } => options
            .iter()
            .map(|o| RepKey::Option(o.id.clone()))
            .collect(),
        FactType::Scale { min, .. } => vec![RepKey::Int(*min)],
        FactType::Int { min, .. } => {
            let mut v: Vec<i64> = splits.ints(target).flat_map(|c| [c, c + 1]).collect();
            if v.is_empty() {
                v.push(min.unwrap_or(0));
            }
            v.sort_unstable();
            v.dedup();
            v.into_iter().map(RepKey::Int).collect()
        }
        FactType::Date => {
            let mut v: Vec<Date> = vec![today];
            if i == 0 {
                for n in splits.windows(f) {
                    v.extend(
                        [today.add_days(-n), today.add_days(1 - n)]
                            .into_iter()
                            .flatten(),
                    );
                }
            }
            v.extend(splits.dates(target));
            v.sort_unstable();
            v.dedup();
            v.into_iter().map(RepKey::Date).collect()
        }
        FactType::Timeline { .. } => Vec::new(),
    }
}
