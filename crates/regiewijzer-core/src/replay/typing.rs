//! A case read from a file, typed for one version of the rules: its answers, and what that version
//! cannot use (counted per question and kind, with the first lines).

use serde::Serialize;

use crate::answers::{AnswerIssue, AnswerIssueKind, Answers, RawValue};
use crate::map::SortedMap;
use crate::model::{FactId, FactType, FieldDef, Model, Text};

use super::cases::{CaseRow, Cases};

/// At most this many line numbers are listed per kind of answer that cannot be used.
pub const LINES_LISTED: usize = 20;

/// Answers one version cannot use, of one question and one kind: how many, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unusable {
    /// The fact id as given in the file.
    pub fact: String,
    /// What was wrong.
    pub kind: AnswerIssueKind,
    /// The first such message, in Dutch and English.
    pub message: Text,
    /// How many answers.
    pub count: usize,
    /// The lines of the first [`LINES_LISTED`].
    pub lines: Vec<usize>,
}

/// The columns of a file of cases typed for one model: per column its question, if the model has it.
pub(crate) struct Typer<'m> {
    model: &'m Model,
    facts: Vec<Option<FactId>>,
    columns: &'m [String],
    unusable: SortedMap<(String, u8), Unusable>,
}

impl<'m> Typer<'m> {
    pub(crate) fn new(model: &'m Model, cases: &'m Cases) -> Typer<'m> {
        Typer {
            model,
            facts: cases
                .columns
                .iter()
                .map(|c| model.fact_by_name(c))
                .collect(),
            columns: &cases.columns,
            unusable: SortedMap::new(),
        }
    }

    /// Types `row` into `answers` (cleared first), counting what cannot be used.
    pub(crate) fn answers(&mut self, row: &CaseRow, answers: &mut Answers) {
        answers.clear();
        for (col, raw) in &row.cells {
            let fact = self.facts.get(*col).copied().flatten();
            let issues = match fact {
                Some(f) => self.set(f, raw, answers),
                None => vec![self.unknown(*col)],
            };
            for issue in issues {
                self.count(row.line, issue);
            }
        }
    }

    /// Types without counting (the cases whose reasons are shown again).
    pub(crate) fn quiet(&self, row: &CaseRow, answers: &mut Answers) {
        answers.clear();
        for (col, raw) in &row.cells {
            if let Some(f) = self.facts.get(*col).copied().flatten() {
                self.set(f, raw, answers);
            }
        }
    }

    fn set(&self, fact: FactId, raw: &RawValue, answers: &mut Answers) -> Vec<AnswerIssue> {
        match (self.model.facts.get(fact).map(|d| &d.ty), raw) {
            (Some(FactType::Timeline { fields }), RawValue::Text(t)) => {
                answers.set_raw(self.model, fact, &timeline_cell(fields, t))
            }
            _ => answers.set_raw(self.model, fact, raw),
        }
    }

    fn unknown(&self, col: usize) -> AnswerIssue {
        let key = self.columns.get(col).map_or("", String::as_str);
        AnswerIssue {
            fact: key.to_string(),
            kind: AnswerIssueKind::UnknownFact,
            message: Text {
                nl: format!("Deze regelset heeft geen vraag '{key}'."),
                en: format!("This ruleset has no question '{key}'."),
            },
        }
    }

    fn count(&mut self, line: usize, issue: AnswerIssue) {
        let key = (issue.fact.clone(), issue.kind as u8);
        match self.unusable.get_mut(&key) {
            Some(u) => {
                u.count += 1;
                if u.lines.len() < LINES_LISTED {
                    u.lines.push(line);
                }
            }
            None => {
                self.unusable.insert(
                    key,
                    Unusable {
                        fact: issue.fact,
                        kind: issue.kind,
                        message: issue.message,
                        count: 1,
                        lines: vec![line],
                    },
                );
            }
        }
    }

    /// What could not be used, by question id and kind.
    pub(crate) fn into_unusable(self) -> Vec<Unusable> {
        self.unusable.into_iter().map(|(_, u)| u).collect()
    }
}

/// A timeline written in one CSV cell: records separated by `;`, the fields of a record by `:` in the
/// order the ruleset declares them (the date first), e.g. `2026-01-03:geen_contact;2026-01-10:contact`.
/// `-` alone is an empty list (answered: none).
fn timeline_cell(fields: &[FieldDef], text: &str) -> RawValue {
    if text.trim() == "-" {
        return RawValue::List(Vec::new());
    }
    let records = text
        .split(';')
        .filter(|r| !r.trim().is_empty())
        .map(|r| {
            let mut record = SortedMap::new();
            for (field, value) in fields.iter().zip(r.split(':')) {
                let value = value.trim();
                if !value.is_empty() {
                    record.insert(field.id.clone(), RawValue::Text(value.to_string()));
                }
            }
            RawValue::Record(record)
        })
        .collect();
    RawValue::List(records)
}
