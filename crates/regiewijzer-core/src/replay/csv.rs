//! CSV files of cases: a header of fact ids (and optionally `today`), a record per case. Separated by
//! `,`, or by `;` when the first line has `;` and no `,`. Quotes as RFC 4180: a cell whose text so far
//! is blank may open a `"…"` that holds the separator, line breaks and `""` (a quote); what follows the
//! closing quote is part of the cell. Cells are trimmed; an empty cell is unanswered; blank lines are
//! skipped; a line ends with `\n` or `\r\n`.
//!
//! The scanner works on bytes (the separator, quotes and line ends are ASCII, so every cut is at a
//! character boundary) and borrows each cell's text from the file unless a `""` or a closing quote
//! with text after it has to be undone.

use std::borrow::Cow;

use super::cases::{BadRow, Builder, Cases, bad, read_today};
use crate::date::Date;

/// Reads `text` (without a byte order mark) as CSV.
pub(super) fn read_csv(text: &str) -> Cases {
    let mut scanner = Scanner::new(text);
    let mut builder = Builder::default();
    let mut header = Vec::new();
    loop {
        header.clear();
        match scanner.record(|_, cell| header.push(cell)) {
            None => return builder.finish(),
            Some(Err(b)) => {
                builder.push_bad(b);
                return builder.finish();
            }
            Some(Ok(_)) if matches!(&header[..], [only] if only.trim().is_empty()) => {}
            Some(Ok(_)) => break,
        }
    }
    let mut row = Row::new(&mut builder, &header);
    while !builder.full() {
        row.start(scanner.line);
        match scanner.record(|i, cell| row.cell(&mut builder, i, cell)) {
            None => break,
            // A blank line.
            Some(Ok(1)) if row.first_blank => builder.restart_row(),
            Some(Ok(count)) => builder.end_row(row.line, row.end(count)),
            Some(Err(b)) => builder.end_row(b.line, Err(b)),
        }
    }
    builder.finish()
}

/// A record being read as a case: its cells go to the builder as they are scanned.
struct Row {
    /// Per header cell: its column, or `None` for `today`.
    fact_col: Vec<Option<usize>>,
    /// The line the record starts on.
    line: usize,
    /// Whether its first cell is blank.
    first_blank: bool,
    /// Its `today`, or why that is not a date.
    today: Result<Option<Date>, BadRow>,
}

impl Row {
    /// The columns of `header` added to `builder`.
    fn new(builder: &mut Builder, header: &[Cow<str>]) -> Row {
        let today_col = header.iter().position(|h| h.trim() == "today");
        let fact_col = header
            .iter()
            .enumerate()
            .map(|(i, h)| (Some(i) != today_col).then(|| builder.column(h.trim().to_string())))
            .collect();
        Row {
            fact_col,
            line: 0,
            first_blank: false,
            today: Ok(None),
        }
    }

    fn start(&mut self, line: usize) {
        (self.line, self.first_blank, self.today) = (line, false, Ok(None));
    }

    /// Cell number `i` of the record: an answer (an empty cell is none), or its `today`.
    fn cell<'a>(&mut self, builder: &mut Builder<'a>, i: usize, cell: Cow<'a, str>) {
        if i == 0 {
            self.first_blank = cell.trim().is_empty();
        }
        match self.fact_col.get(i) {
            Some(Some(column)) => {
                let cell = trimmed(cell);
                if !cell.is_empty() {
                    let value = builder.text(*column, cell);
                    builder.push(*column, value);
                }
            }
            Some(None) => self.today = read_today(self.line, &cell),
            // More cells than the header: the row is bad.
            None => {}
        }
    }

    /// The record's `today` once all its `count` cells are read, or why it is bad.
    fn end(&mut self, count: usize) -> Result<Option<Date>, BadRow> {
        if count != self.fact_col.len() {
            return Err(bad(
                self.line,
                format!(
                    "{count} cellen, de kopregel heeft er {}.",
                    self.fact_col.len()
                ),
                format!("{count} cells, the header has {}.", self.fact_col.len()),
            ));
        }
        std::mem::replace(&mut self.today, Ok(None))
    }
}

/// A cell's text without white space around it, still borrowed when it was.
fn trimmed(cell: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = cell.as_bytes();
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if plain(bytes.first()) && plain(bytes.last()) {
        return cell;
    }
    match cell {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) if t.trim().len() == t.len() => Cow::Owned(t),
        Cow::Owned(t) => Cow::Owned(t.trim().to_string()),
    }
}

/// `head` followed by `tail`: borrowed when one of them is empty and the other borrowed.
fn join<'a>(head: Cow<'a, str>, tail: &'a str) -> Cow<'a, str> {
    match head {
        _ if tail.is_empty() => head,
        Cow::Borrowed("") => Cow::Borrowed(tail),
        head => Cow::Owned(head.into_owned() + tail),
    }
}

/// How a cell ends.
enum Stop {
    /// At the separator: more cells follow in the record.
    Separator,
    /// At the end of a line or of the text: the record is complete.
    Line,
}

/// The records of a CSV text, one after another.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The line `pos` is on (from 1).
    line: usize,
    sep: u8,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        let first = text.lines().next().unwrap_or_default();
        let sep = if first.contains(';') && !first.contains(',') {
            b';'
        } else {
            b','
        };
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            sep,
        }
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or_default()
    }

    /// The next record: each cell handed to `each` with its number, then how many there were; a bad
    /// row when it opens a quote that is never closed; `None` at the end of the text.
    fn record(
        &mut self,
        mut each: impl FnMut(usize, Cow<'a, str>),
    ) -> Option<Result<usize, BadRow>> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let start = self.line;
        for i in 0.. {
            match self.cell() {
                Some((cell, Stop::Separator)) => each(i, cell),
                Some((cell, Stop::Line)) => {
                    each(i, cell);
                    return Some(Ok(i + 1));
                }
                None => break,
            }
        }
        Some(Err(bad(
            start,
            "Een aanhalingsteken (\") wordt niet gesloten.".into(),
            "A quote (\") is not closed.".into(),
        )))
    }

    /// The next cell, untrimmed, and how it ends; `None` for a quote that is never closed.
    fn cell(&mut self) -> Option<(Cow<'a, str>, Stop)> {
        let mut head = Cow::Borrowed("");
        // The text since `head`, and whether a quote may still open the cell.
        let (mut run, mut may_open) = (self.pos, true);
        loop {
            // Only a quote, a line end or the separator ends a run of plain text.
            let sep = self.sep;
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            let Some(skip) = rest
                .iter()
                .position(|&b| b == sep || b == b'\n' || b == b'"')
            else {
                self.pos = self.bytes.len();
                return Some((join(head, self.slice(run, self.pos)), Stop::Line));
            };
            self.pos += skip;
            match rest.get(skip).copied().unwrap_or_default() {
                b'"' if may_open && self.slice(run, self.pos).trim().is_empty() => {
                    self.pos += 1;
                    head = self.quoted()?;
                    (run, may_open) = (self.pos, false);
                }
                b'"' => {
                    may_open = false;
                    self.pos += 1;
                }
                b'\n' => {
                    let crlf = self.pos > run && self.bytes.get(self.pos - 1) == Some(&b'\r');
                    let cell = join(head, self.slice(run, self.pos - usize::from(crlf)));
                    self.pos += 1;
                    self.line += 1;
                    return Some((cell, Stop::Line));
                }
                b if b == self.sep => {
                    let cell = join(head, self.slice(run, self.pos));
                    self.pos += 1;
                    return Some((cell, Stop::Separator));
                }
                _ => self.pos += 1,
            }
        }
    }

    /// The text of a quoted cell, from just after its opening quote to just after its closing one
    /// (`""` is a quote); `None` when it is never closed.
    fn quoted(&mut self) -> Option<Cow<'a, str>> {
        let mut head = Cow::Borrowed("");
        let mut run = self.pos;
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            let Some(skip) = rest.iter().position(|&b| b == b'"' || b == b'\n') else {
                // Never closed: the rest of the text is this cell's.
                self.pos = self.bytes.len();
                return None;
            };
            self.pos += skip;
            match self.bytes.get(self.pos)? {
                b'"' if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                    head = join(head, self.slice(run, self.pos + 1));
                    self.pos += 2;
                    run = self.pos;
                }
                b'"' => {
                    let text = join(head, self.slice(run, self.pos));
                    self.pos += 1;
                    return Some(text);
                }
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
    }
}
