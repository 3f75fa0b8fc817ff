//! The reading of a file of cases as it was before cases were kept by column (a `String` per cell, a
//! tree per JSON line): the reference the reader is checked against (tests/replay_read.rs). Rows are
//! given with their answers by column id.
#![allow(dead_code)]

use regiewijzer_core::Date;
use regiewijzer_core::answers::RawValue;
use regiewijzer_core::model::Text;
use regiewijzer_core::replay::{BadRow, CaseFormat, MAX_CASES};

/// One case as read: its line, its date and its answers (column id, value).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub line: usize,
    pub today: Option<Date>,
    pub cells: Vec<(usize, RawValue)>,
}

/// A file of cases as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cases {
    pub columns: Vec<String>,
    pub rows: Vec<CaseRow>,
    pub bad: Vec<BadRow>,
    /// Whether a row after the first `MAX_CASES` was met: nothing more is read.
    pub full: bool,
}

/// Reads `text` as cases in `format`.
pub fn read_cases(text: &str, format: CaseFormat) -> Cases {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        CaseFormat::Csv => read_csv(text),
        CaseFormat::Jsonl => read_jsonl(text),
    }
}

fn bad(line: usize, nl: String, en: String) -> BadRow {
    BadRow {
        line,
        reason: Text { nl, en },
    }
}

/// A `today` cell: empty is none, else it must be a date.
fn read_today(line: usize, cell: &str) -> Result<Option<Date>, BadRow> {
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

/// The records of a CSV text: each with the line it starts on and its cells, or why it cannot be read
/// (a quote left open). Quotes as RFC 4180: a cell in `"…"` may hold the separator, line breaks and `""`.
fn csv_records(text: &str, sep: char) -> Vec<(usize, Result<Vec<String>, BadRow>)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut start) = (1, 1);
    let (mut cells, mut cell, mut quoted, mut in_quotes) =
        (Vec::new(), String::new(), false, false);
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if in_quotes => in_quotes = false,
            '"' if cell.trim().is_empty() && !quoted => {
                (in_quotes, quoted) = (true, true);
                cell.clear();
            }
            '\n' if !in_quotes => {
                cells.push(std::mem::take(&mut cell));
                out.push((start, Ok(std::mem::take(&mut cells))));
                quoted = false;
                line += 1;
                start = line;
            }
            '\r' if !in_quotes && chars.peek() == Some(&'\n') => {}
            c if c == sep && !in_quotes => {
                cells.push(std::mem::take(&mut cell));
                quoted = false;
            }
            c => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
        }
    }
    if in_quotes {
        out.push((
            start,
            Err(bad(
                start,
                "Een aanhalingsteken (\") wordt niet gesloten.".into(),
                "A quote (\") is not closed.".into(),
            )),
        ));
    } else if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push((start, Ok(cells)));
    }
    out
}

/// Whether a record is empty: one empty cell (a blank line).
fn blank(cells: &[String]) -> bool {
    matches!(cells, [only] if only.trim().is_empty())
}

fn read_csv(text: &str) -> Cases {
    let first = text.lines().next().unwrap_or_default();
    let sep = if first.contains(';') && !first.contains(',') {
        ';'
    } else {
        ','
    };
    let mut records = csv_records(text, sep)
        .into_iter()
        .filter(|(_, r)| !r.as_ref().is_ok_and(|c| blank(c)));
    let mut cases = Cases::default();
    let header = match records.next() {
        Some((_, Ok(h))) => h,
        Some((_, Err(b))) => {
            cases.bad.push(b);
            return cases;
        }
        None => return cases,
    };
    let today_col = header.iter().position(|h| h.trim() == "today");
    let fact_col: Vec<Option<usize>> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (Some(i) != today_col).then(|| {
                cases.columns.push(h.trim().to_string());
                cases.columns.len() - 1
            })
        })
        .collect();
    for (line, record) in records {
        let row = record.and_then(|cells| csv_row(line, &cells, &fact_col, today_col));
        push(&mut cases, line, row);
    }
    cases
}

/// Adds a case, or a bad row, within [`MAX_CASES`].
fn push(cases: &mut Cases, line: usize, row: Result<CaseRow, BadRow>) {
    if cases.full {
        return;
    }
    if cases.rows.len() == MAX_CASES {
        cases.bad.push(bad(
            line,
            format!("Meer dan {MAX_CASES} meldingen: deze en de volgende worden niet gelezen."),
            format!("More than {MAX_CASES} cases: this one and the ones after it are not read."),
        ));
        cases.full = true;
        return;
    }
    match row {
        Ok(r) => cases.rows.push(r),
        Err(b) => cases.bad.push(b),
    }
}

fn csv_row(
    line: usize,
    cells: &[String],
    fact_col: &[Option<usize>],
    today_col: Option<usize>,
) -> Result<CaseRow, BadRow> {
    if cells.len() != fact_col.len() {
        return Err(bad(
            line,
            format!(
                "{} cellen, de kopregel heeft er {}.",
                cells.len(),
                fact_col.len()
            ),
            format!("{} cells, the header has {}.", cells.len(), fact_col.len()),
        ));
    }
    let today = match today_col.and_then(|c| cells.get(c)) {
        Some(cell) => read_today(line, cell)?,
        None => None,
    };
    let cells = cells
        .iter()
        .zip(fact_col)
        .filter_map(|(cell, col)| {
            let cell = cell.trim();
            col.filter(|_| !cell.is_empty())
                .map(|c| (c, RawValue::Text(cell.to_string())))
        })
        .collect();
    Ok(CaseRow { line, today, cells })
}

fn read_jsonl(text: &str) -> Cases {
    let mut cases = Cases::default();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, text) in text.lines().enumerate() {
        let line = i + 1;
        if text.trim().is_empty() {
            continue;
        }
        let row = jsonl_row(line, text).map(|(today, answers)| {
            let cells = answers
                .into_iter()
                .filter(|(_, v)| !matches!(v, RawValue::Null))
                .map(|(k, v)| {
                    let col = match index.get(&k) {
                        Some(&col) => col,
                        None => {
                            index.insert(k.clone(), cases.columns.len());
                            cases.columns.push(k);
                            cases.columns.len() - 1
                        }
                    };
                    (col, v)
                })
                .collect();
            CaseRow { line, today, cells }
        });
        push(&mut cases, line, row);
    }
    cases
}

/// One line of JSON Lines as read: its `today` and its answers by key.
type JsonCase = (Option<Date>, Vec<(String, RawValue)>);

/// One line of JSON Lines: its `today` and its answers.
fn jsonl_row(line: usize, text: &str) -> Result<JsonCase, BadRow> {
    let value: RawValue = serde_json::from_str(text).map_err(|e| {
        bad(
            line,
            format!("Geen geldige JSON (kolom {}).", e.column()),
            format!("Not valid JSON (column {}).", e.column()),
        )
    })?;
    let RawValue::Record(mut object) = value else {
        return Err(bad(
            line,
            "Een regel moet een object zijn: {\"today\": …, \"answers\": {…}}.".into(),
            "A line must be an object: {\"today\": …, \"answers\": {…}}.".into(),
        ));
    };
    let today = match object.remove("today") {
        None | Some(RawValue::Null) => None,
        Some(RawValue::Text(t)) => read_today(line, &t)?,
        Some(_) => {
            return Err(bad(
                line,
                "'today' moet een tekst JJJJ-MM-DD zijn.".into(),
                "'today' must be a text YYYY-MM-DD.".into(),
            ));
        }
    };
    let answers = match object.remove("answers") {
        None | Some(RawValue::Null) => Vec::new(),
        Some(RawValue::Record(a)) => a.into_iter().collect(),
        Some(_) => {
            return Err(bad(
                line,
                "'answers' moet een object zijn.".into(),
                "'answers' must be an object.".into(),
            ));
        }
    };
    if let Some((key, _)) = object.into_iter().next() {
        return Err(bad(
            line,
            format!("Onbekende sleutel '{key}': een regel heeft alleen 'today' en 'answers'."),
            format!("Unknown key '{key}': a line has only 'today' and 'answers'."),
        ));
    }
    Ok((today, answers))
}
