//! Answers for property tests: rule files (the fixtures and the shipped rulesets) and answers picked
//! from seeds, valid for each question's type.
#![allow(dead_code)]

use regiewijzer_core::answers::Answers;
use regiewijzer_core::model::{FactType, Value};
use regiewijzer_core::{Date, Model, compile};

/// The fixtures and the shipped rulesets that compile, with their paths.
pub fn rule_files() -> Vec<(String, Model)> {
    let mut out = Vec::new();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets");
    for dir in [fixtures, shipped] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.display().to_string();
            if !name.ends_with(".regels") || name.ends_with(".tests.regels") {
                continue;
            }
            let src = std::fs::read_to_string(&path).unwrap();
            if let Some(m) = compile(&src).model {
                out.push((name, m));
            }
        }
    }
    assert!(out.len() >= 2, "expected the fixtures to compile");
    out
}

/// A valid value for a fact type, picked by `seed` (near the bounds on purpose).
pub fn value_for(ty: &FactType, seed: u32) -> Value {
    let s = i64::from(seed % 1000);
    match ty {
        FactType::Bool => Value::Bool(seed.is_multiple_of(2)),
        FactType::Choice { options } => Value::Choice(seed as usize % options.len().max(1)),
        FactType::Int { min, max } => {
            let lo = min.unwrap_or(-5);
            let hi = max.unwrap_or(lo.saturating_add(150)).max(lo);
            let span = hi.saturating_sub(lo).saturating_add(1).max(1);
            Value::Int(lo.saturating_add(s % span))
        }
        FactType::Scale { min, max, .. } => {
            let span = (max - min + 1).max(1);
            Value::Int(min + s % span)
        }
        FactType::Date => {
            let base = Date::parse("2026-01-01").unwrap();
            Value::Date(base.add_days(s % 150).unwrap())
        }
        // Timelines get records (see `records_for`); their value is the number of records.
        FactType::Timeline { .. } => Value::Int(0),
    }
}

/// Up to five records for a timeline, each field picked from `seed`.
pub fn records_for(
    fields: &[regiewijzer_core::model::FieldDef],
    seed: u32,
) -> Vec<Vec<Option<Value>>> {
    let n = seed % 6;
    (0..n)
        .map(|k| {
            let mut x = seed
                .wrapping_mul(2654435761)
                .wrapping_add(k.wrapping_mul(40503));
            fields
                .iter()
                .map(|f| {
                    x = x.wrapping_mul(1103515245).wrapping_add(12345);
                    Some(value_for(&f.ty, x >> 8))
                })
                .collect()
        })
        .collect()
}

/// Answers from seeds: fact `f` answered from `picks[f]` when it is `Some`.
pub fn answers_from(m: &Model, picks: &[Option<u32>]) -> Answers {
    let mut a = Answers::empty(m);
    for (f, def) in m.facts.iter().enumerate() {
        if let Some(Some(seed)) = picks.get(f) {
            match &def.ty {
                FactType::Timeline { fields } => a.set_list(f, Some(records_for(fields, *seed))),
                ty => a.set(f, Some(value_for(ty, *seed))),
            }
        }
    }
    a
}

/// A day in 2026 picked by `seed`.
pub fn today(seed: u32) -> Date {
    Date::parse("2026-01-01")
        .unwrap()
        .add_days(i64::from(seed % 200))
        .unwrap()
}
