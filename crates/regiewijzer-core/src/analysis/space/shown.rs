//! Representative answers as people read them: the answer, the condition it stands for, how many
//! answers it stands for.

use super::reps::{numeric_bounds, within};
use super::{Slot, Space};
use crate::eval::shown_type;
use crate::model::{FactDef, FactType, Text, Value};

impl<'m> Space<'m> {
    /// A representative answer as JSON-like text for people (`ja`, an option id, a number, a date).
    pub fn shown(&self, at: usize, rep: usize) -> String {
        match self.rep_of(at, rep) {
            Some((def, Slot::Value(v))) => shown_type(&def.ty, v).value,
            Some((_, Slot::List(l))) if l.is_empty() => "[]".to_string(),
            Some((_, Slot::List(l))) => format!("[{} registraties/records]", l.len()),
            None => String::new(),
        }
    }

    /// How many answers a representative stands for: 1 for yes/no or an option; for a whole number or
    /// scale level, the size of its range (both bounded); `None` when that is unbounded, when the
    /// representative is one of a few values tried (approximated), or for dates and timelines.
    pub fn class_size(&self, at: usize, rep: usize) -> Option<u64> {
        if let Some((_, lo, hi)) = self.int_range(at, rep) {
            return u64::try_from(hi?.checked_sub(lo?)?.checked_add(1)?).ok();
        }
        match self.rep_of(at, rep)? {
            (def, Slot::Value(_)) => {
                matches!(def.ty, FactType::Bool | FactType::Choice { .. }).then_some(1)
            }
            (_, Slot::List(_)) => None,
        }
    }

    /// What a representative stands for, as a condition: `leeftijd >= 18` for a whole number between the
    /// constants it is compared with (every value there gives the same outcomes), else `id = answer`.
    pub fn condition(&self, at: usize, rep: usize) -> String {
        let id = self.facts.get(at).map_or("", |f| f.id.as_str());
        match self.int_range(at, rep) {
            Some((_, Some(l), Some(h))) if l == h => format!("{id} = {l}"),
            Some((_, Some(l), Some(h))) => format!("{l} <= {id} <= {h}"),
            Some((_, None, Some(h))) => format!("{id} <= {h}"),
            Some((_, Some(l), None)) => format!("{id} >= {l}"),
            Some((v, None, None)) => format!("{id} = {v}"),
            None => format!("{id} = {}", self.shown(at, rep)),
        }
    }

    /// What some representatives of one question stand for, in the author's words: the question's label
    /// and the answers (`ja`/`nee`, option and level labels, numbers and adjacent ranges joined into one
    /// range, "2 registraties"), never ids or operators: `'Hoe oud is de persoon?': 18 t/m 120`.
    pub fn words(&self, at: usize, reps: &[usize]) -> Text {
        let Some((def, _)) = reps.first().and_then(|&r| self.rep_of(at, r)) else {
            return Text::both(self.facts.get(at).map_or("", |f| f.id.as_str()));
        };
        let mut ranges: Vec<(Option<i64>, Option<i64>)> = Vec::new();
        let mut answers: Vec<Text> = Vec::new();
        for &r in reps {
            match (self.int_range(at, r), self.rep_of(at, r)) {
                (Some((_, lo, hi)), _) => ranges.push((lo, hi)),
                (None, Some((d, Slot::Value(v)))) => answers.push(shown_type(&d.ty, v).label),
                (None, Some((_, Slot::List(l)))) => answers.push(records_words(l.len())),
                (None, None) => {}
            }
        }
        for (lo, hi) in join_ranges(ranges) {
            answers.push(range_words(&def.ty, lo, hi));
        }
        let mut seen: Vec<Text> = Vec::new();
        answers.retain(|t| {
            let new = !seen.contains(t);
            if new {
                seen.push(t.clone());
            }
            new
        });
        let list = |lang: &str, or: &str| -> String {
            let words: Vec<&str> = answers.iter().map(|t| t.get(lang)).collect();
            match words.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {or} {last}", rest.join(", "))
                }
                _ => words.concat(),
            }
        };
        Text {
            nl: format!("'{}': {}", def.label.nl, list("nl", "of")),
            en: format!("'{}': {}", def.label.en, list("en", "or")),
        }
    }

    /// For a whole-number or scale question: the representative value and the range it stands for
    /// (between the cuts around it, within the question's bounds; `None` where unbounded). `None` for an
    /// approximated question, whose representatives are only some values tried.
    fn int_range(&self, at: usize, rep: usize) -> Option<(i64, Option<i64>, Option<i64>)> {
        let sf = self.facts.get(at)?;
        if self.approximated.contains(&at) {
            return None;
        }
        let (def, Slot::Value(Value::Int(v))) = self.rep_of(at, rep)? else {
            return None;
        };
        let (min, max) = numeric_bounds(&def.ty)?;
        let below = sf.cuts.iter().rev().find(|k| **k <= v).copied();
        let above = sf.cuts.iter().find(|k| **k > v).map(|k| k - 1);
        let (lo, hi) = within(below, above, min, max);
        Some((v, lo, hi))
    }

    /// A representative answer with the question it answers, from the first model that has both.
    pub fn rep_of(&self, at: usize, rep: usize) -> Option<(&'m FactDef, Slot)> {
        let sf = self.facts.get(at)?;
        self.models.iter().enumerate().find_map(|(mi, model)| {
            let def = sf
                .ids
                .get(mi)
                .copied()
                .flatten()
                .and_then(|f| model.facts.get(f))?;
            let slot = sf
                .reps
                .get(rep)
                .and_then(|s| s.get(mi))
                .cloned()
                .flatten()?;
            Some((def, slot))
        })
    }
}

/// Ranges of whole numbers (`None`: unbounded) with the adjacent and overlapping ones joined, in order.
fn join_ranges(mut ranges: Vec<(Option<i64>, Option<i64>)>) -> Vec<(Option<i64>, Option<i64>)> {
    ranges.sort_by_key(|r| r.0.unwrap_or(i64::MIN));
    let mut out: Vec<(Option<i64>, Option<i64>)> = Vec::new();
    for (lo, hi) in ranges {
        match out.last_mut() {
            // The last range reaches this one (its end is unbounded, or at most one before its start).
            Some(last)
                if last
                    .1
                    .is_none_or(|h| lo.is_none_or(|l| h.saturating_add(1) >= l)) =>
            {
                last.1 = match (last.1, hi) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// A range of whole numbers in words: one number (a scale level by its label), "18 t/m 120",
/// "hoogstens 5", "minstens 3".
fn range_words(ty: &FactType, lo: Option<i64>, hi: Option<i64>) -> Text {
    match (lo, hi) {
        (Some(l), Some(h)) if l == h => shown_type(ty, Value::Int(l)).label,
        (Some(l), Some(h)) => Text {
            nl: format!("{l} t/m {h}"),
            en: format!("{l} to {h}"),
        },
        (None, Some(h)) => Text {
            nl: format!("hoogstens {h}"),
            en: format!("at most {h}"),
        },
        (Some(l), None) => Text {
            nl: format!("minstens {l}"),
            en: format!("at least {l}"),
        },
        (None, None) => Text {
            nl: "elk getal".into(),
            en: "any number".into(),
        },
    }
}

/// A number of records in words: "geen registraties", "1 registratie", "3 registraties".
fn records_words(n: usize) -> Text {
    match n {
        0 => Text {
            nl: "geen registraties".into(),
            en: "no records".into(),
        },
        1 => Text {
            nl: "1 registratie".into(),
            en: "1 record".into(),
        },
        n => Text {
            nl: format!("{n} registraties"),
            en: format!("{n} records"),
        },
    }
}
