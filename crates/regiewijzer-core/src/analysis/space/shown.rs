//! Representative answers as people read them: the answer, the condition it stands for, how many
//! answers it stands for.

use super::reps::{numeric_bounds, within};
use super::{Slot, Space};
use crate::eval::shown_type;
use crate::model::{FactDef, FactType, Value};

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
