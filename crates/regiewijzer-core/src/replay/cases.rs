//! Reading a file of cases: CSV (a header of fact ids, a row per case) or JSON Lines (an object per
//! line with `answers` and `today`). Nothing is typed here (that depends on the version, see `typing`):
//! a row is its line number, its `today` and its cells. A row that cannot be read is reported with its
//! line and the reason, never dropped silently.
//!
//! The cases are kept by column: each column holds every distinct value given in it once, and a cell is
//! a column and the number of one of its values, all cells of all rows in one list. A year of reports
//! has few distinct answers per question, so a version types each of them once (`typing`), not once per
//! case; reading makes no text per cell (a cell's text is borrowed from the file while it is looked up).
//! The forms' readers are `csv` and `jsonl`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use crate::answers::RawValue;
use crate::date::Date;
use crate::model::Text;

/// At most this many cases are read from one file; the rows after it are reported as one bad row.
pub const MAX_CASES: usize = 2_000_000;

/// The form of a file of cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseFormat {
    /// Comma- (or semicolon-) separated values with a header of fact ids.
    Csv,
    /// One JSON object per line: `{"today": "YYYY-MM-DD", "answers": {…}}`.
    Jsonl,
}

impl CaseFormat {
    /// The form of `text`: JSON Lines when its first character that is not white space is `{`, else CSV.
    pub fn sniff(text: &str) -> CaseFormat {
        match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            true => CaseFormat::Jsonl,
            false => CaseFormat::Csv,
        }
    }
}

/// One answer of a case: its column and which of the column's distinct values it is. (Two numbers of
/// 32 bits: a file of cases is read whole into memory, and the cells of a year of reports are most of
/// what it takes.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    column: u32,
    value: u32,
}

impl Cell {
    /// A cell, when both numbers fit.
    fn new(column: usize, value: usize) -> Option<Cell> {
        Some(Cell {
            column: u32::try_from(column).ok()?,
            value: u32::try_from(value).ok()?,
        })
    }

    /// Its column: an index into [`Cases::columns`].
    pub fn column(self) -> usize {
        self.column as usize
    }

    /// Its value: an index into that column's [`Column::values`].
    pub fn value(self) -> usize {
        self.value as usize
    }
}

/// A column of a file of cases: the fact id it answers, and every distinct value given in it, once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Column {
    /// The fact id as the file writes it (a CSV header cell, trimmed; a key of JSON Lines' `answers`).
    pub id: String,
    /// The distinct values, in the order first given. CSV values are texts (trimmed, never empty);
    /// JSON Lines values are what the JSON says (never `null`).
    pub values: Vec<RawValue>,
}

/// One case as read: where it starts, its date, and where its answers are in [`Cases`] (see
/// [`Cases::cells`]; an empty CSV cell or a JSON `null` is left out: unanswered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// The line (from 1) the case starts on.
    pub line: usize,
    /// Its `today`, when given.
    pub today: Option<Date>,
    start: usize,
    end: usize,
}

/// A row that could not be read, with its line and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// The line (from 1).
    pub line: usize,
    /// Why, in Dutch and English.
    pub reason: Text,
}

/// A file of cases, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cases {
    /// The columns: the CSV header without `today` (in its order), or the keys JSON Lines' `answers`
    /// used (in the order first seen); each with its distinct values.
    pub columns: Vec<Column>,
    /// The cases, in file order.
    pub rows: Vec<CaseRow>,
    /// The rows that could not be read, in file order.
    pub bad: Vec<BadRow>,
    /// The cells of every row, row after row.
    cells: Vec<Cell>,
}

impl Cases {
    /// The answers of `row` (a row of these cases): for CSV in the header's order, for JSON Lines each
    /// key once (the last one given), in no particular order.
    pub fn cells(&self, row: &CaseRow) -> &[Cell] {
        self.cells.get(row.start..row.end).unwrap_or_default()
    }

    /// The value of a cell.
    pub fn value(&self, cell: Cell) -> Option<&RawValue> {
        self.columns.get(cell.column())?.values.get(cell.value())
    }

    /// The answers of `row` as fact id (as the file writes it) and value.
    pub fn answers<'c>(&'c self, row: &CaseRow) -> impl Iterator<Item = (&'c str, &'c RawValue)> {
        self.cells(row).iter().filter_map(|&cell| {
            let column = self.columns.get(cell.column())?;
            Some((column.id.as_str(), column.values.get(cell.value())?))
        })
    }
}

pub(super) fn bad(line: usize, nl: String, en: String) -> BadRow {
    BadRow {
        line,
        reason: Text { nl, en },
    }
}

/// A `today` cell: empty is none, else it must be a date.
pub(super) fn read_today(line: usize, cell: &str) -> Result<Option<Date>, BadRow> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    Date::parse(cell).map(Some).ok_or_else(|| {
        bad(
            line,
            format!("'today' is geen datum JJJJ-MM-DD: '{cell}'."),
            format!("'today' is not a date YYYY-MM-DD: '{cell}'."),
        )
    })
}

/// Reads `text` as cases in `format`.
pub fn read_cases(text: &str, format: CaseFormat) -> Cases {
    // A byte order mark (as spreadsheets write one) is no part of the header.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        CaseFormat::Csv => super::csv::read_csv(text),
        CaseFormat::Jsonl => super::jsonl::read_jsonl(text),
    }
}

/// A value as it is looked up among a column's distinct values: a CSV cell's text (borrowed from the
/// file when it has no quotes to undo), or a JSON scalar.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key<'a> {
    Text(Cow<'a, str>),
    Bool(bool),
    Int(i64),
    /// A number with a fraction, by its bits (JSON has no NaN; `-0.0` is the whole number 0).
    Float(u64),
}

impl Key<'_> {
    fn raw(&self) -> RawValue {
        match self {
            Key::Text(t) => RawValue::Text(t.to_string()),
            Key::Bool(b) => RawValue::Bool(*b),
            Key::Int(n) => RawValue::Int(*n),
            Key::Float(bits) => RawValue::Float(f64::from_bits(*bits)),
        }
    }
}

/// A fast hash for the short texts of cells (a multiply-rotate hash over 8 bytes at a time). Not
/// resistant to crafted collisions: the file is the user's own, and the worst a crafted file can do is
/// make its own reading slower.
#[derive(Default, Clone, Copy)]
pub(super) struct CellHasher(u64);

impl CellHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for CellHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(<[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes));
        }
        let rest = chunks
            .remainder()
            .iter()
            .fold(0u64, |w, &b| (w << 8) | u64::from(b));
        self.add(rest);
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        // The table picks a bucket by the low bits: fold the high ones, which the multiplications
        // mixed best, into them.
        self.0 ^ self.0.rotate_left(26)
    }
}

/// A hash map keyed by cell texts.
pub(super) type CellMap<K, V> = HashMap<K, V, BuildHasherDefault<CellHasher>>;

/// How many recent texts a column remembers (`slot` in [`Builder::text`] has 5 bits).
const RECENT: usize = 32;

/// A text looked up: its first 8 bytes, its length and its value's number (none: length 0 and
/// `head` 0, which no non-empty text has).
#[derive(Clone, Copy, Default)]
struct Recent {
    head: u64,
    len: usize,
    value: usize,
}

/// Cases being read: rows are built cell by cell, each value looked up among its column's.
#[derive(Default)]
pub(super) struct Builder<'a> {
    cases: Cases,
    /// Per column, its distinct values by key.
    distinct: Vec<CellMap<Key<'a>, usize>>,
    /// Per column, texts last looked up (see [`Builder::text`]).
    recent: Vec<[Recent; RECENT]>,
    /// Where the row being read starts in `cases.cells`.
    start: usize,
    /// Whether a cell of the row being read has a number past 32 bits (a file of more than 4 GiB).
    overflow: bool,
    /// Whether a row after the first [`MAX_CASES`] was met (and reported): nothing more is read.
    full: bool,
    /// Per column, the numbers of `false` and `true` among its values, once looked up.
    bools: Vec<[Option<usize>; 2]>,
}

impl<'a> Builder<'a> {
    /// Adds a column.
    pub(super) fn column(&mut self, id: String) -> usize {
        self.cases.columns.push(Column {
            id,
            values: Vec::new(),
        });
        self.distinct.push(CellMap::default());
        self.recent.push([Recent::default(); RECENT]);
        self.bools.push([None; 2]);
        self.cases.columns.len() - 1
    }

    /// The number of `key` among `column`'s values (added when new): a text through
    /// [`Builder::text`], yes/no from the column's two, else looked up.
    pub(super) fn scalar(&mut self, column: usize, key: Key<'a>) -> usize {
        match key {
            Key::Text(t) => self.text(column, t),
            Key::Bool(b) => {
                let known = self
                    .bools
                    .get(column)
                    .and_then(|k| k.get(usize::from(b)).copied().flatten());
                known.unwrap_or_else(|| {
                    let value = self.value(column, key);
                    if let Some(k) = self
                        .bools
                        .get_mut(column)
                        .and_then(|k| k.get_mut(usize::from(b)))
                    {
                        *k = Some(value);
                    }
                    value
                })
            }
            key => self.value(column, key),
        }
    }

    /// The number of `key` among `column`'s values (added when new).
    pub(super) fn value(&mut self, column: usize, key: Key<'a>) -> usize {
        let (Some(map), Some(col)) = (
            self.distinct.get_mut(column),
            self.cases.columns.get_mut(column),
        ) else {
            return 0;
        };
        let next = col.values.len();
        *map.entry(key).or_insert_with_key(|k| {
            col.values.push(k.raw());
            next
        })
    }

    /// The number of text `text` among `column`'s values (added when new). A column has few distinct
    /// texts, and most cells are one of those last looked up: they are found by their first 8 bytes and
    /// length (which is all of most cells), before the texts are hashed.
    pub(super) fn text(&mut self, column: usize, text: Cow<'a, str>) -> usize {
        let b = text.as_bytes();
        let size = b.len();
        let head = b
            .iter()
            .take(8)
            .fold(0u64, |w, &byte| (w << 8) | u64::from(byte));
        let slot = ((head ^ size as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 59) as usize;
        let recent = self.recent.get(column).and_then(|r| r.get(slot));
        if let Some(&Recent {
            head: h,
            len,
            value,
        }) = recent
            && h == head
            && len == size
            && size > 0
            && (len <= 8
                || matches!(self.cases.columns.get(column).and_then(|c| c.values.get(value)),
                    Some(RawValue::Text(t)) if t.as_bytes() == b))
        {
            return value;
        }
        let value = self.value(column, Key::Text(text));
        if let Some(recent) = self.recent.get_mut(column).and_then(|r| r.get_mut(slot)) {
            *recent = Recent {
                head,
                len: size,
                value,
            };
        }
        value
    }

    /// Adds a value to `column` that is not looked up (a JSON list or object), with its number.
    pub(super) fn unique(&mut self, column: usize, raw: RawValue) -> usize {
        match self.cases.columns.get_mut(column) {
            Some(col) => {
                col.values.push(raw);
                col.values.len() - 1
            }
            None => 0,
        }
    }

    /// Adds a cell to the row being read.
    pub(super) fn push(&mut self, column: usize, value: usize) {
        match Cell::new(column, value) {
            Some(cell) => self.cases.cells.push(cell),
            None => self.overflow = true,
        }
    }

    /// Sets cell number `at` (of the row being read) to `column`'s value `value`.
    pub(super) fn set(&mut self, at: usize, column: usize, value: usize) {
        match (Cell::new(column, value), self.cases.cells.get_mut(at)) {
            (Some(cell), Some(slot)) => *slot = cell,
            (None, _) => self.overflow = true,
            (Some(_), None) => {}
        }
    }

    /// The cells read so far (those of the row being read from [`Builder::row_start`]).
    pub(super) fn cells(&mut self) -> &mut Vec<Cell> {
        &mut self.cases.cells
    }

    /// Where the row being read starts in [`Builder::cells`].
    pub(super) fn row_start(&self) -> usize {
        self.start
    }

    /// Forgets the cells of the row being read.
    pub(super) fn restart_row(&mut self) {
        self.cases.cells.truncate(self.start);
        self.overflow = false;
    }

    /// Whether [`MAX_CASES`] were read and the row after them reported: nothing more is read.
    pub(super) fn full(&self) -> bool {
        self.full
    }

    /// Ends the row being read (starting on `line`): a case with its cells and `today`, or a bad row
    /// (its cells forgotten), within [`MAX_CASES`].
    pub(super) fn end_row(&mut self, line: usize, today: Result<Option<Date>, BadRow>) {
        let today = match today {
            Ok(_) if self.overflow => Err(bad(
                line,
                "Te veel verschillende antwoorden in één bestand: deze melding wordt niet gelezen."
                    .into(),
                "Too many different answers in one file: this case is not read.".into(),
            )),
            today => today,
        };
        let today = match today {
            Ok(today) if self.cases.rows.len() < MAX_CASES => today,
            _ if self.cases.rows.len() == MAX_CASES => {
                self.push_bad(bad(
                    line,
                    format!(
                        "Meer dan {MAX_CASES} meldingen: deze en de volgende worden niet gelezen."
                    ),
                    format!(
                        "More than {MAX_CASES} cases: this one and the ones after it are not read."
                    ),
                ));
                self.full = true;
                return;
            }
            Ok(_) => return self.restart_row(),
            Err(b) => return self.push_bad(b),
        };
        self.cases.rows.push(CaseRow {
            line,
            today,
            start: self.start,
            end: self.cases.cells.len(),
        });
        self.start = self.cases.cells.len();
    }

    /// Reports a bad row (its cells forgotten) until the file is [`Builder::full`].
    pub(super) fn push_bad(&mut self, row: BadRow) {
        self.restart_row();
        if !self.full {
            self.cases.bad.push(row);
        }
    }

    /// The cases read.
    pub(super) fn finish(self) -> Cases {
        self.cases
    }
}
