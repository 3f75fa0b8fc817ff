//! Examples: the answers that show a finding or a change, as the widget and `regiewijzer eval` take them.

use super::finding::{Example, ExampleValue};
use super::space::{Found, Slot, Space};
use crate::answers::Answers;
use crate::map::SortedMap;
use crate::model::{FactType, Model};

/// The example of a witness: its full answers as JSON-like values.
pub(super) fn example_of(space: &Space, found: &Found) -> Example {
    let mut answers = SortedMap::new();
    for &(at, r) in &found.full {
        let (Some(sf), Some((def, slot))) = (space.facts.get(at), space.rep_of(at, r)) else {
            continue;
        };
        let value = match (&def.ty, slot) {
            (FactType::Timeline { fields }, Slot::List(records)) => ExampleValue::Records(
                records
                    .iter()
                    .map(|rec| {
                        fields
                            .iter()
                            .zip(rec)
                            .filter_map(|(fd, v)| {
                                v.map(|v| (fd.id.clone(), plain_example(&fd.ty, v)))
                            })
                            .collect()
                    })
                    .collect(),
            ),
            (ty, Slot::Value(v)) => plain_example(ty, v),
            _ => continue,
        };
        answers.insert(sf.id.clone(), value);
    }
    Example {
        today: space.today,
        answers,
        when: found
            .chosen
            .iter()
            .map(|&(at, r)| {
                (
                    space
                        .facts
                        .get(at)
                        .map(|f| f.id.clone())
                        .unwrap_or_default(),
                    space.shown(at, r),
                )
            })
            .collect(),
    }
}

/// Typed answers as JSON-like values (what the widget and `regiewijzer eval` take): the answers of a
/// test, to load into a preview.
pub fn answers_example(model: &Model, answers: &Answers) -> SortedMap<String, ExampleValue> {
    let mut out = SortedMap::new();
    for (f, def) in model.facts.iter().enumerate() {
        if let FactType::Timeline { fields } = &def.ty {
            if let Some(records) = answers.list(f) {
                let recs = records
                    .iter()
                    .map(|r| {
                        let mut m = SortedMap::new();
                        for (fd, v) in fields.iter().zip(r) {
                            if let Some(v) = v {
                                m.insert(fd.id.clone(), plain_example(&fd.ty, *v));
                            }
                        }
                        m
                    })
                    .collect();
                out.insert(def.id.clone(), ExampleValue::Records(recs));
            }
        } else if let Some(v) = answers.get(f) {
            out.insert(def.id.clone(), plain_example(&def.ty, v));
        }
    }
    out
}

pub(super) fn plain_example(ty: &FactType, v: crate::model::Value) -> ExampleValue {
    use crate::model::Value;
    match (ty, v) {
        (_, Value::Bool(b)) => ExampleValue::Bool(b),
        (_, Value::Int(n)) => ExampleValue::Int(n),
        (_, Value::Date(d)) => ExampleValue::Text(d.to_string()),
        (FactType::Choice { options }, Value::Choice(c)) => {
            ExampleValue::Text(options.get(c).map(|o| o.id.clone()).unwrap_or_default())
        }
        (_, Value::Choice(c)) => ExampleValue::Int(i64::try_from(c).unwrap_or(0)),
    }
}
