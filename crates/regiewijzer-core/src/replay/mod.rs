//! Replay: a file of real cases evaluated under two versions of the rules, and per outcome what flips
//! ("37 van de 2.140 meldingen: vangnet → bemoeizorg"), each flip with its cases and their reasons under
//! both versions in plain words. The file stays where it is: this is a pure function of its text.
//!
//! The parts: `cases` reads CSV and JSON Lines (bad rows reported by line), `typing` types a case for one
//! version (what it cannot use counted and listed), [`crate::eval::Batch`] decides every outcome without
//! texts, `report` finds the flips and words them, `export` writes the flips as CSV.
//! docs/replay.md describes the file formats and the report.

mod cases;
mod csv;
mod export;
mod jsonl;
mod jsonl_fast;
mod report;
mod typing;

pub use cases::{BadRow, CaseFormat, CaseRow, Cases, Cell, Column, MAX_CASES, read_cases};
pub use export::to_csv;
pub use report::{Flip, FlipCase, OutcomeReplay, Report, Side, replay};
pub use typing::{LINES_LISTED, Unusable};

use crate::answers::Answers;
use crate::date::Date;
use crate::eval::{Batch, CaseOutcome};
use crate::model::{Model, Text};

/// How to replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayOptions {
    /// The date for cases without their own `today`; a case without either is a bad row.
    pub today: Option<Date>,
    /// Per flip, the reasons in words of at most this many cases (the first in the file); every case's
    /// line is listed.
    pub reasons_per_flip: usize,
}

impl Default for ReplayOptions {
    fn default() -> ReplayOptions {
        ReplayOptions {
            today: None,
            reasons_per_flip: 10,
        }
    }
}

/// What evaluating a file of cases under one version gave, besides the decisions themselves.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BatchSummary {
    /// How many cases were evaluated.
    pub cases: usize,
    /// Rows that could not be read or have no date, in line order.
    pub bad: Vec<BadRow>,
    /// Answers this version cannot use.
    pub unusable: Vec<Unusable>,
}

/// A row with neither its own `today` nor a default one.
fn no_today(line: usize) -> BadRow {
    BadRow {
        line,
        reason: Text {
            nl: "Geen datum: geef een kolom 'today' of een datum voor alle meldingen.".into(),
            en: "No date: give a column 'today' or a date for all cases.".into(),
        },
    }
}

/// Evaluates every case of `cases` under `model` (each outcome's status, values and deciding rules,
/// as [`Batch::decide`] gives them) and hands each to `each` with its row; `today` is the date of rows
/// without their own. With `outcomes`, only the outcomes of those numbers are decided (see
/// [`Batch::only`]); the others are left undecided.
pub fn evaluate_cases(
    model: &Model,
    cases: &Cases,
    today: Option<Date>,
    outcomes: Option<&[usize]>,
    mut each: impl FnMut(&CaseRow, &[CaseOutcome]),
) -> BatchSummary {
    let mut typer = typing::Typer::new(model, cases);
    let mut batch = match outcomes {
        Some(list) => Batch::only(model, list),
        None => Batch::new(model),
    };
    let mut answers = Answers::empty(model);
    let mut out = Vec::new();
    let mut summary = BatchSummary {
        bad: cases.bad.clone(),
        ..BatchSummary::default()
    };
    for row in &cases.rows {
        let Some(day) = row.today.or(today) else {
            summary.bad.push(no_today(row.line));
            continue;
        };
        typer.answers(row, &mut answers);
        batch.decide(&answers, day, &mut out);
        summary.cases += 1;
        each(row, &out);
    }
    summary.bad.sort_by_key(|b| b.line);
    summary.unusable = typer.into_unusable();
    summary
}
