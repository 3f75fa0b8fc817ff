//! JSON Lines files of cases: per line an object `{"today": "YYYY-MM-DD", "answers": {…}}`, both keys
//! optional; blank lines are skipped. A line is read by serde_json straight into the cases, without a
//! tree per line: each answer's key is looked up among the columns and its value, when a scalar, among
//! the column's distinct values, both borrowed from the line while looked up. A list or object (a
//! timeline) is read whole, as an answer always was. Every value goes through the same reader, nested
//! as deep, as when a line was read into one tree, so a line that is not valid JSON gets the same
//! column; what the line means is judged only after it parsed: `today` a text or `null`, `answers` an
//! object or `null`, no other key (the first by name is reported); a key given twice counts the last
//! time, and a `null` answer is unanswered.
//!
//! Values are looked up by what they are, not by their JSON text (serde_json's `RawValue`): that skips a
//! value without the nesting limit and without checking its escapes and numbers, so a broken line would
//! be reported at another column, or not at all.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::cases::{BadRow, Builder, Cases, CellMap, Key, bad, read_today};
use super::jsonl_fast::{self, Scalar};
use crate::answers::RawValue;
use crate::date::Date;

/// Reads `text` (without a byte order mark) as JSON Lines: line by line as `str::lines` splits them, a
/// blank line skipped. The common line is read at once with its line end ([`Reader::common`]); any other
/// line is cut off first and read by serde_json.
pub(super) fn read_jsonl(text: &str) -> Cases {
    let mut reader = Reader::default();
    let mut rest = text;
    let mut line = 0;
    while !rest.is_empty() && !reader.builder.full() {
        line += 1;
        if let Some((shape, len)) = reader.common(rest) {
            reader.builder.end_row(line, shape.check(line));
            rest = rest.get(len..).unwrap_or_default();
            continue;
        }
        let (text, next) = match rest.split_once('\n') {
            Some((text, next)) => (text.strip_suffix('\r').unwrap_or(text), next),
            None => (rest, ""),
        };
        rest = next;
        if text.trim().is_empty() {
            continue;
        }
        let today = reader.line(line, text);
        reader.builder.end_row(line, today);
    }
    reader.builder.finish()
}

/// A JSON value as read for a case.
enum Answer<'a> {
    /// `null`.
    Null,
    /// A text, number or yes/no, as looked up among a column's values.
    Scalar(Key<'a>),
    /// A list or an object, read whole.
    Tree(RawValue),
    /// An object read entry by entry into the cases (a line, its `answers`).
    Object,
}

/// The file being read, and where it is.
#[derive(Default)]
struct Reader<'a> {
    builder: Builder<'a>,
    /// The column of each key of `answers` seen.
    columns: CellMap<Cow<'a, str>, usize>,
    /// Per column, where its cell is in the row being read (when it has one there).
    at: Vec<usize>,
    /// The answers of the line being read by [`jsonl_fast::scan`].
    scanned: Vec<jsonl_fast::Read<'a>>,
    /// The keys of the last line read by [`jsonl_fast::scan`] with their columns, in line order: the
    /// keys it expects on the next line.
    order: Vec<(&'a str, usize)>,
    /// The keys of the line being read, for `order`.
    reading: Vec<(&'a str, usize)>,
}

impl<'a> Reader<'a> {
    /// Reads line `line` (`text`) into the row being read: its `today`, or why it is bad.
    fn line(&mut self, line: usize, text: &'a str) -> Result<Option<Date>, BadRow> {
        let mut shape = Shape::default();
        let mut de = serde_json::Deserializer::from_str(text);
        let read = ValueSeed(LineMaps {
            reader: self,
            shape: &mut shape,
        })
        .deserialize(&mut de)
        .and_then(|answer| de.end().map(|()| answer));
        match read {
            Ok(Answer::Object) => shape.check(line),
            Ok(_) => Err(bad(
                line,
                "Een regel moet een object zijn: {\"today\": …, \"answers\": {…}}.".into(),
                "A line must be an object: {\"today\": …, \"answers\": {…}}.".into(),
            )),
            Err(e) => Err(bad(
                line,
                format!("Geen geldige JSON (kolom {}).", e.column()),
                format!("Not valid JSON (column {}).", e.column()),
            )),
        }
    }

    /// Reads the common line at the start of `text` ([`jsonl_fast::scan`]) into the row being read: what
    /// it held besides its answers, and how many bytes it takes with its line end; `None` (nothing read)
    /// when it is not such a line.
    fn common(&mut self, text: &'a str) -> Option<(Shape<'a>, usize)> {
        let mut scanned = std::mem::take(&mut self.scanned);
        let read = jsonl_fast::scan(text, &self.order, &mut scanned);
        if read.is_some() {
            let mut reading = std::mem::take(&mut self.reading);
            reading.clear();
            for &(key, value, expected) in &scanned {
                let answer = match value {
                    Scalar::Null => Answer::Null,
                    Scalar::Bool(b) => Answer::Scalar(Key::Bool(b)),
                    Scalar::Int(n) => Answer::Scalar(Key::Int(n)),
                    Scalar::Text(t) => Answer::Scalar(Key::Text(t.into())),
                };
                let column = expected.or_else(|| self.column(key.into(), &answer));
                if let Some(c) = column {
                    self.set(c, answer);
                    reading.push((key, c));
                }
            }
            self.reading = std::mem::replace(&mut self.order, reading);
        }
        self.scanned = scanned;
        let (today, len) = read?;
        let today = today.map(|t| t.map_or(Answer::Null, |t| Answer::Scalar(Key::Text(t.into()))));
        let shape = Shape {
            today,
            ..Shape::default()
        };
        Some((shape, len))
    }

    /// Sets the answer to `key` in the row being read (`null`: none).
    fn answer(&mut self, key: Cow<'a, str>, answer: Answer<'a>) {
        if let Some(column) = self.column(key, &answer) {
            self.set(column, answer);
        }
    }

    /// The column of `key`, added when new; none for a new key whose answer is `null` (a key only ever
    /// given `null` is no column).
    fn column(&mut self, key: Cow<'a, str>, answer: &Answer) -> Option<usize> {
        match self.columns.get(&*key) {
            Some(&c) => Some(c),
            None if matches!(answer, Answer::Null) => None,
            None => {
                let c = self.builder.column(key.to_string());
                self.columns.insert(key, c);
                self.at.push(0);
                Some(c)
            }
        }
    }

    /// Sets `answer` as `column`'s in the row being read (`null`: none).
    fn set(&mut self, column: usize, answer: Answer<'a>) {
        let value = match answer {
            Answer::Scalar(k) => Some(self.builder.scalar(column, k)),
            Answer::Tree(raw) => Some(self.builder.unique(column, raw)),
            Answer::Null | Answer::Object => None,
        };
        let start = self.builder.row_start();
        let cells = self.builder.cells();
        let given = self
            .at
            .get(column)
            .copied()
            .filter(|&p| p >= start && cells.get(p).is_some_and(|c| c.column() == column));
        match (given, value) {
            (Some(p), Some(value)) => self.builder.set(p, column, value),
            (Some(p), None) => {
                cells.swap_remove(p);
                let moved = cells.get(p).map(|c| c.column());
                if let Some(slot) = moved.and_then(|c| self.at.get_mut(c)) {
                    *slot = p;
                }
            }
            (None, Some(value)) => {
                if let Some(slot) = self.at.get_mut(column) {
                    *slot = cells.len();
                }
                self.builder.push(column, value);
            }
            (None, None) => {}
        }
    }
}

/// What a line's object held besides its answers, judged once the line is read.
#[derive(Default)]
struct Shape<'a> {
    /// Its `today` (the last given).
    today: Option<Answer<'a>>,
    /// Whether its (last) `answers` was neither an object nor `null`.
    bad_answers: bool,
    /// The first other key, by name.
    unknown: Option<Cow<'a, str>>,
}

impl Shape<'_> {
    fn check(self, line: usize) -> Result<Option<Date>, BadRow> {
        let today = match self.today {
            None | Some(Answer::Null) => None,
            Some(Answer::Scalar(Key::Text(t))) => read_today(line, &t)?,
            Some(_) => {
                return Err(bad(
                    line,
                    "'today' moet een tekst JJJJ-MM-DD zijn.".into(),
                    "'today' must be a text YYYY-MM-DD.".into(),
                ));
            }
        };
        if self.bad_answers {
            return Err(bad(
                line,
                "'answers' moet een object zijn.".into(),
                "'answers' must be an object.".into(),
            ));
        }
        if let Some(key) = self.unknown {
            return Err(bad(
                line,
                format!("Onbekende sleutel '{key}': een regel heeft alleen 'today' en 'answers'."),
                format!("Unknown key '{key}': a line has only 'today' and 'answers'."),
            ));
        }
        Ok(today)
    }
}

/// What is done with an object where a value is read.
trait Maps<'de> {
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Answer<'de>, A::Error>;
}

/// An object read whole (a timeline's record, or anything where no object is expected).
struct Tree;

impl<'de> Maps<'de> for Tree {
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Answer<'de>, A::Error> {
        RawValue::deserialize(MapAccessDeserializer::new(map)).map(Answer::Tree)
    }
}

/// The object of a line: `today`, `answers` and what else it holds.
struct LineMaps<'r, 'a> {
    reader: &'r mut Reader<'a>,
    shape: &'r mut Shape<'a>,
}

impl<'a> Maps<'a> for LineMaps<'_, 'a> {
    fn map<A: MapAccess<'a>>(self, mut map: A) -> Result<Answer<'a>, A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match &*key {
                "today" => self.shape.today = Some(map.next_value_seed(ValueSeed(Tree))?),
                "answers" => {
                    // Given twice, the last counts.
                    self.reader.builder.restart_row();
                    let answers = AnswersMaps(&mut *self.reader);
                    let read = map.next_value_seed(ValueSeed(answers))?;
                    self.shape.bad_answers = !matches!(read, Answer::Null | Answer::Object);
                }
                _ => {
                    map.next_value_seed(ValueSeed(Tree))?;
                    if self.shape.unknown.as_ref().is_none_or(|u| key < *u) {
                        self.shape.unknown = Some(key);
                    }
                }
            }
        }
        Ok(Answer::Object)
    }
}

/// The `answers` object of a line, read into the row.
struct AnswersMaps<'r, 'a>(&'r mut Reader<'a>);

impl<'a> Maps<'a> for AnswersMaps<'_, 'a> {
    fn map<A: MapAccess<'a>>(self, mut map: A) -> Result<Answer<'a>, A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let answer = map.next_value_seed(ValueSeed(Tree))?;
            self.0.answer(key, answer);
        }
        Ok(Answer::Object)
    }
}

/// A key, borrowed from the line unless it has escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// Any JSON value: scalars as keys, lists whole, objects as `M` does.
struct ValueSeed<M>(M);

impl<'de, M: Maps<'de>> DeserializeSeed<'de> for ValueSeed<M> {
    type Value = Answer<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Answer<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, M: Maps<'de>> Visitor<'de> for ValueSeed<M> {
    type Value = Answer<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an answer")
    }
    fn visit_unit<E>(self) -> Result<Answer<'de>, E> {
        Ok(Answer::Null)
    }
    fn visit_none<E>(self) -> Result<Answer<'de>, E> {
        Ok(Answer::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Answer<'de>, E> {
        Ok(Answer::Scalar(Key::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Answer<'de>, E> {
        Ok(Answer::Scalar(Key::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Answer<'de>, E> {
        // As `RawValue` reads it: too large for a whole number is a fraction (reported when typed).
        let key = i64::try_from(v).map_or(Key::Float((v as f64).to_bits()), Key::Int);
        Ok(Answer::Scalar(key))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Answer<'de>, E> {
        Ok(Answer::Scalar(match RawValue::from_f64(v) {
            RawValue::Int(n) => Key::Int(n),
            _ => Key::Float(v.to_bits()),
        }))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Answer<'de>, E> {
        Ok(Answer::Scalar(Key::Text(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<Answer<'de>, E> {
        Ok(Answer::Scalar(Key::Text(Cow::Owned(v.to_string()))))
    }
    fn visit_string<E>(self, v: String) -> Result<Answer<'de>, E> {
        Ok(Answer::Scalar(Key::Text(Cow::Owned(v))))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Answer<'de>, A::Error> {
        RawValue::deserialize(SeqAccessDeserializer::new(seq)).map(Answer::Tree)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer<'de>, A::Error> {
        self.0.map(map)
    }
}
