//! Answers: loosely typed input (JSON from a form, a file or a test) turned into typed values.
//!
//! Input is never trusted: unknown questions, wrong types, values out of range and unknown options are
//! reported as [`AnswerIssue`]s (in Dutch and English) and left out; nothing here panics.
//!
//! Accepted forms per fact type:
//!
//! | type | accepted |
//! |---|---|
//! | `bool` | `true` / `false`, `"yes"` / `"no"`, `"ja"` / `"nee"` |
//! | `choice` | the option id as a string, e.g. `"dakloos"` |
//! | `int`, `scale` | a whole number within the bounds (also a whole number written as a string) |
//! | `date` | `"YYYY-MM-DD"` |
//!
//! `null` (or a missing key, or an empty string) means: not answered.

use crate::words::JoinWords;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::limits::MAX_RECORDS;
use crate::map::SortedMap;
use crate::model::{FactId, FactType, FieldDef, Model, Record, TestDef, Text, Value};

/// One loosely typed answer, as it arrives from JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// `null`: not answered.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction, or too large for a whole number (never valid, reported).
    Float(f64),
    /// A text: option id, date, `"ja"`, ...
    Text(String),
    /// A list (the records of a timeline).
    List(Vec<RawValue>),
    /// An object (one record of a timeline: field id → value).
    Record(SortedMap<String, RawValue>),
}

impl RawValue {
    /// A JavaScript number as an answer: a whole number when it is one and within ±9·10^15 (exact in an
    /// f64), else a fraction (which a question for a whole number then reports).
    pub fn from_f64(n: f64) -> RawValue {
        if n.fract() == 0.0 && n.abs() < 9.0e15 {
            #[allow(clippy::cast_possible_truncation)]
            RawValue::Int(n as i64)
        } else {
            RawValue::Float(n)
        }
    }
}

// Written out rather than derived (`#[serde(untagged)]`): the derived form buffers every value first,
// which costs time and, in the browser bundle, a lot of code.
impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> serde::de::Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an answer")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        // JavaScript numbers arrive as f64: a whole one within range is a whole number.
        Ok(RawValue::from_f64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Text(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut list = Vec::new();
        while let Some(v) = seq.next_element::<RawValue>()? {
            list.push(v);
        }
        Ok(RawValue::List(list))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut out = SortedMap::new();
        while let Some((k, v)) = map.next_entry::<String, RawValue>()? {
            out.insert(k, v);
        }
        Ok(RawValue::Record(out))
    }
}

/// Loosely typed answers: fact id → value, e.g. deserialized from a JSON object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawAnswers(pub SortedMap<String, RawValue>);

impl<'de> Deserialize<'de> for RawAnswers {
    /// Only an object (or `null`: no answers) is answers.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawAnswers, D::Error> {
        match RawValue::deserialize(d)? {
            RawValue::Record(map) => Ok(RawAnswers(map)),
            RawValue::Null => Ok(RawAnswers::default()),
            _ => Err(serde::de::Error::custom(
                "antwoorden moeten een object zijn / answers must be an object",
            )),
        }
    }
}

/// A yes/no typed as a word, in any case: `ja`, `yes`, `true` or `nee`, `no`, `false` (spaces around
/// ignored). ASCII case folding is enough: no other character lowercases to a letter of these words (the
/// Kelvin sign, the one non-ASCII character that lowercases to an ASCII letter, gives `k`), and it keeps
/// the Unicode case tables out of the widget's wasm.
fn bool_word(t: &str) -> Option<bool> {
    match t.trim().to_ascii_lowercase().as_str() {
        "yes" | "ja" | "true" => Some(true),
        "no" | "nee" | "false" => Some(false),
        _ => None,
    }
}

/// What was wrong with one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerIssueKind {
    /// The ruleset has no question with this id.
    UnknownFact,
    /// The value has the wrong type for the question.
    WrongType,
    /// A number outside the question's bounds.
    OutOfRange,
    /// A text that is not one of the choice's options.
    UnknownOption,
    /// A text that is not a valid `YYYY-MM-DD` date.
    BadDate,
    /// A timeline record that could not be used (not an object, unknown field, no date).
    BadRecord,
    /// A timeline with more records than [`MAX_RECORDS`]: none of them is used.
    TooManyRecords,
}

/// An answer that could not be used, with the reason in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerIssue {
    /// The fact id as given.
    pub fact: String,
    /// What was wrong.
    pub kind: AnswerIssueKind,
    /// The message.
    pub message: Text,
}

/// Typed answers: one slot per fact of a model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    values: Vec<Option<Value>>,
    lists: Vec<Option<Vec<Record>>>,
}

impl Answers {
    /// No answers yet, for `model`.
    pub fn empty(model: &Model) -> Answers {
        Answers {
            values: vec![None; model.facts.len()],
            lists: vec![None; model.facts.len()],
        }
    }

    /// The answer to a fact, if any.
    pub fn get(&self, fact: FactId) -> Option<Value> {
        self.values.get(fact).copied().flatten()
    }

    /// Sets (or with `None` clears) the answer to a fact. Out-of-range ids are ignored.
    pub fn set(&mut self, fact: FactId, value: Option<Value>) {
        if let Some(slot) = self.values.get_mut(fact) {
            *slot = value;
        }
    }

    /// Clears every answer, keeping the room (for evaluating many cases one after another).
    pub fn clear(&mut self) {
        self.values.iter_mut().for_each(|v| *v = None);
        self.lists.iter_mut().for_each(|l| *l = None);
    }

    /// The records of a timeline fact, if answered (an empty list is an answer: "none").
    pub fn list(&self, fact: FactId) -> Option<&[Record]> {
        self.lists.get(fact).and_then(|l| l.as_deref())
    }

    /// Sets (or with `None` clears) the records of a timeline fact. Out-of-range ids are ignored.
    pub fn set_list(&mut self, fact: FactId, records: Option<Vec<Record>>) {
        if let Some(slot) = self.lists.get_mut(fact) {
            *slot = records;
        }
    }

    /// True when the fact has an answer (a value, or a timeline's records).
    pub fn is_answered(&self, fact: FactId) -> bool {
        self.get(fact).is_some() || self.list(fact).is_some()
    }

    /// How many facts are answered.
    pub fn count(&self) -> usize {
        (0..self.values.len())
            .filter(|&f| self.is_answered(f))
            .count()
    }

    /// Turns loosely typed answers into typed ones for `model`, with the issues of those it could not use.
    pub fn from_raw(model: &Model, raw: &RawAnswers) -> (Answers, Vec<AnswerIssue>) {
        let mut answers = Answers::empty(model);
        let mut issues = Vec::new();
        for (key, raw_value) in &raw.0 {
            let Some(fact) = model.fact_by_name(key) else {
                issues.push(issue(
                    key,
                    AnswerIssueKind::UnknownFact,
                    format!("Deze regelset heeft geen vraag '{key}'."),
                    format!("This ruleset has no question '{key}'."),
                ));
                continue;
            };
            let Some(def) = model.facts.get(fact) else {
                continue;
            };
            if let FactType::Timeline { fields } = &def.ty {
                let records = convert_records(key, fields, raw_value, &mut issues);
                answers.set_list(fact, records);
                continue;
            }
            match convert(&def.ty, raw_value) {
                Ok(value) => answers.set(fact, value),
                Err((kind, nl, en)) => issues.push(issue(key, kind, nl, en)),
            }
        }
        (answers, issues)
    }

    /// Sets (or with [`RawValue::Null`] clears) the answer to one question, converted exactly as
    /// [`Answers::from_raw`] converts it, and returns the issues of what could not be used (a scalar
    /// answer that cannot be used is cleared). A `fact` outside the model is ignored.
    pub fn set_raw(&mut self, model: &Model, fact: FactId, raw: &RawValue) -> Vec<AnswerIssue> {
        let Some(def) = model.facts.get(fact) else {
            return Vec::new();
        };
        if let FactType::Timeline { fields } = &def.ty {
            let mut issues = Vec::new();
            let records = convert_records(&def.id, fields, raw, &mut issues);
            self.set_list(fact, records);
            return issues;
        }
        match convert(&def.ty, raw) {
            Ok(value) => {
                self.set(fact, value);
                Vec::new()
            }
            Err((kind, nl, en)) => {
                self.set(fact, None);
                vec![issue(&def.id, kind, nl, en)]
            }
        }
    }

    /// The answers given by a test (`given` lines).
    pub fn from_test(model: &Model, test: &TestDef) -> Answers {
        let mut answers = Answers::empty(model);
        for &(fact, value) in &test.given {
            answers.set(fact, Some(value));
        }
        for (fact, records) in &test.given_lists {
            answers.set_list(*fact, Some(records.clone()));
        }
        answers
    }
}

fn issue(fact: &str, kind: AnswerIssueKind, nl: String, en: String) -> AnswerIssue {
    AnswerIssue {
        fact: fact.to_string(),
        kind,
        message: Text { nl, en },
    }
}

type Problem = (AnswerIssueKind, String, String);

fn wrong_type(expected_nl: &str, expected_en: &str) -> Problem {
    (
        AnswerIssueKind::WrongType,
        format!("Verwacht {expected_nl}."),
        format!("Expected {expected_en}."),
    )
}

/// Converts one raw value for a fact type: `Ok(None)` is "not answered".
fn convert(ty: &FactType, raw: &RawValue) -> Result<Option<Value>, Problem> {
    if matches!(raw, RawValue::Null) {
        return Ok(None);
    }
    if let RawValue::Text(t) = raw
        && t.trim().is_empty()
    {
        return Ok(None);
    }
    match ty {
        FactType::Bool => match raw {
            RawValue::Bool(b) => Ok(Some(Value::Bool(*b))),
            RawValue::Text(t) => match bool_word(t) {
                Some(b) => Ok(Some(Value::Bool(b))),
                None => Err(wrong_type("ja of nee", "yes or no")),
            },
            _ => Err(wrong_type("ja of nee", "yes or no")),
        },
        FactType::Choice { options } => match raw {
            RawValue::Text(t) => {
                let t = t.trim();
                match options.iter().position(|o| o.id == t) {
                    Some(i) => Ok(Some(Value::Choice(i))),
                    None => {
                        let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
                        let list = ids.join_words(", ");
                        Err((
                            AnswerIssueKind::UnknownOption,
                            format!("'{t}' is geen keuze; mogelijk: {list}."),
                            format!("'{t}' is not an option; possible: {list}."),
                        ))
                    }
                }
            }
            _ => Err(wrong_type("een keuze (tekst)", "an option (text)")),
        },
        FactType::Int { min, max } => {
            let n = whole_number(raw)?;
            in_bounds(n, *min, *max)
        }
        FactType::Scale { min, max, .. } => {
            let n = whole_number(raw)?;
            in_bounds(n, Some(*min), Some(*max))
        }
        FactType::Date => match raw {
            RawValue::Text(t) => match Date::parse(t.trim()) {
                Some(d) => Ok(Some(Value::Date(d))),
                None => Err((
                    AnswerIssueKind::BadDate,
                    format!("'{t}' is geen datum; schrijf JJJJ-MM-DD."),
                    format!("'{t}' is not a date; write YYYY-MM-DD."),
                )),
            },
            _ => Err(wrong_type("een datum (JJJJ-MM-DD)", "a date (YYYY-MM-DD)")),
        },
        FactType::Timeline { .. } => Err(wrong_type(
            "een lijst van registraties",
            "a list of records",
        )),
    }
}

/// The records of a timeline from a JSON list of objects. Records that cannot be used are reported and
/// left out; `null` is "not answered", `[]` is "none".
fn convert_records(
    key: &str,
    fields: &[FieldDef],
    raw: &RawValue,
    issues: &mut Vec<AnswerIssue>,
) -> Option<Vec<Record>> {
    let items = match raw {
        RawValue::Null => return None,
        RawValue::List(items) => items,
        _ => {
            issues.push(issue(
                key,
                AnswerIssueKind::WrongType,
                "Verwacht een lijst van registraties.".into(),
                "Expected a list of records.".into(),
            ));
            return None;
        }
    };
    if items.len() > MAX_RECORDS {
        issues.push(issue(
            key,
            AnswerIssueKind::TooManyRecords,
            format!(
                "{} registraties; hoogstens {MAX_RECORDS} per tijdlijn. Niets ervan is gebruikt.",
                items.len()
            ),
            format!(
                "{} records; at most {MAX_RECORDS} per timeline. None of them is used.",
                items.len()
            ),
        ));
        return None;
    }
    let mut records = Vec::new();
    for (n, item) in items.iter().enumerate() {
        match convert_record(key, fields, n + 1, item) {
            Ok(record) => records.push(record),
            Err(problem) => issues.push(problem),
        }
    }
    Some(records)
}

/// Record number `n` of a timeline from its JSON object, or the one issue that keeps it out.
fn convert_record(
    key: &str,
    fields: &[FieldDef],
    n: usize,
    item: &RawValue,
) -> Result<Record, AnswerIssue> {
    let RawValue::Record(map) = item else {
        return Err(issue(
            key,
            AnswerIssueKind::BadRecord,
            format!("Registratie {n} is geen object met velden."),
            format!("Record {n} is not an object with fields."),
        ));
    };
    if let Some(k) = map.keys().find(|k| !fields.iter().any(|f| &f.id == *k)) {
        return Err(issue(
            key,
            AnswerIssueKind::BadRecord,
            format!("Registratie {n} heeft een onbekend veld '{k}'."),
            format!("Record {n} has an unknown field '{k}'."),
        ));
    }
    let mut record = Vec::with_capacity(fields.len());
    for (i, f) in fields.iter().enumerate() {
        let value = match map.get(&f.id) {
            None => None,
            Some(v) => convert(&f.ty, v).map_err(|(kind, nl, en)| {
                issue(
                    key,
                    kind,
                    format!("Registratie {n}, veld '{}': {nl}", f.id),
                    format!("Record {n}, field '{}': {en}", f.id),
                )
            })?,
        };
        if i == 0 && value.is_none() {
            return Err(issue(
                key,
                AnswerIssueKind::BadRecord,
                format!("Registratie {n} heeft geen datum ('{}').", f.id),
                format!("Record {n} has no date ('{}').", f.id),
            ));
        }
        record.push(value);
    }
    Ok(record)
}

fn whole_number(raw: &RawValue) -> Result<i64, Problem> {
    match raw {
        RawValue::Int(n) => Ok(*n),
        RawValue::Float(f) => match RawValue::from_f64(*f) {
            RawValue::Int(n) => Ok(n),
            _ => Err(wrong_type("een heel getal", "a whole number")),
        },
        RawValue::Text(t) => t
            .trim()
            .parse::<i64>()
            .map_err(|_| wrong_type("een heel getal", "a whole number")),
        _ => Err(wrong_type("een heel getal", "a whole number")),
    }
}

fn in_bounds(n: i64, min: Option<i64>, max: Option<i64>) -> Result<Option<Value>, Problem> {
    let low_ok = min.is_none_or(|m| n >= m);
    let high_ok = max.is_none_or(|m| n <= m);
    if low_ok && high_ok {
        return Ok(Some(Value::Int(n)));
    }
    // In words a professional reads, not the rules language's `0..120`.
    let (nl, en) = match (min, max) {
        (Some(a), Some(b)) => (
            format!("{n} ligt niet tussen {a} en {b}."),
            format!("{n} is not between {a} and {b}."),
        ),
        (Some(a), None) => (
            format!("{n} is kleiner dan {a}."),
            format!("{n} is less than {a}."),
        ),
        (None, Some(b)) => (
            format!("{n} is groter dan {b}."),
            format!("{n} is more than {b}."),
        ),
        (None, None) => (String::new(), String::new()),
    };
    Err((AnswerIssueKind::OutOfRange, nl, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_empty_text_are_unanswered() {
        assert_eq!(convert(&FactType::Bool, &RawValue::Null), Ok(None));
        assert_eq!(
            convert(&FactType::Date, &RawValue::Text("  ".into())),
            Ok(None)
        );
    }

    #[test]
    fn bounds_are_checked() {
        let ty = FactType::Int {
            min: Some(0),
            max: Some(120),
        };
        assert_eq!(convert(&ty, &RawValue::Int(34)), Ok(Some(Value::Int(34))));
        assert!(convert(&ty, &RawValue::Int(121)).is_err());
        assert!(convert(&ty, &RawValue::Float(3.5)).is_err());
    }

    proptest::proptest! {
        /// Yes/no words are read as Unicode lowercasing reads them, for any text (also with the
        /// characters whose lowercase is special: the Kelvin sign, dotted capital I, final sigma).
        #[test]
        fn yes_no_words_are_read_as_unicode_lowercase_reads_them(
            t in "\\PC{0,8}|[ jJaAnNeEyYsSoOtTrRuUfFlL\u{212a}\u{130}\u{3a3}]{0,7}"
        ) {
            let unicode = match t.trim().to_lowercase().as_str() {
                "yes" | "ja" | "true" => Some(true),
                "no" | "nee" | "false" => Some(false),
                _ => None,
            };
            proptest::prop_assert_eq!(bool_word(&t), unicode);
        }
    }
}
