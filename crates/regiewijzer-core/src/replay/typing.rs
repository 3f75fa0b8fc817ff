//! A case read from a file, typed for one version of the rules: its answers, and what that version
//! cannot use (counted per question and kind, with the first lines).

use serde::Serialize;

use crate::answers::{AnswerIssue, AnswerIssueKind, Answers, RawValue};
use crate::map::SortedMap;
use crate::model::{FactId, FactType, FieldDef, Model, Record, Text, Value};

use super::cases::{CaseRow, Cases, Cell};

/// At most this many line numbers are listed per kind of answer that cannot be used.
pub const LINES_LISTED: usize = 20;

/// Answers one version cannot use, of one question and one kind: how many, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unusable {
    /// The fact id as given in the file.
    pub fact: String,
    /// The question in this version's words, when it has the question (none for an unknown key).
    pub label: Option<Text>,
    /// What was wrong.
    pub kind: AnswerIssueKind,
    /// The first such message, in Dutch and English.
    pub message: Text,
    /// How many answers.
    pub count: usize,
    /// The lines of the first [`LINES_LISTED`].
    pub lines: Vec<usize>,
}

/// A file of cases typed for one model. Each distinct value of each column is typed once, when the
/// typer is made (what it sets, and what of it cannot be used); a case then only sets what its values
/// set and counts what they cannot use.
pub(crate) struct Typer<'m> {
    cases: &'m Cases,
    /// Per column, where its values are in `typed`.
    first: Vec<usize>,
    /// Every distinct value of every column, typed: column after column, value after value.
    typed: Vec<Typed>,
    /// What cannot be used, per question and kind (in the order met while typing; uncounted ones are
    /// left out in the end).
    unusable: Vec<Unusable>,
}

/// What one distinct value does to a case's answers, and what of it cannot be used.
struct Typed {
    set: Set,
    /// Per issue: its entry in [`Typer::unusable`], and its message.
    issues: Vec<(usize, Text)>,
}

/// What a value sets: what [`Answers::set_raw`] does with it.
enum Set {
    /// Nothing (a column the model has no question for).
    Nothing,
    /// A question's answer (`None`: cleared).
    Value(FactId, Option<Value>),
    /// A timeline's records (`None`: cleared).
    List(FactId, Option<Vec<Record>>),
}

impl Set {
    fn apply(&self, answers: &mut Answers) {
        match self {
            Set::Nothing => {}
            Set::Value(fact, value) => answers.set(*fact, *value),
            Set::List(fact, records) => answers.set_list(*fact, records.clone()),
        }
    }
}

impl<'m> Typer<'m> {
    pub(crate) fn new(model: &Model, cases: &'m Cases) -> Typer<'m> {
        let mut typer = Typer {
            cases,
            first: Vec::with_capacity(cases.columns.len()),
            typed: Vec::new(),
            unusable: Vec::new(),
        };
        let mut slots = SortedMap::new();
        let mut scratch = Answers::empty(model);
        for column in &cases.columns {
            typer.first.push(typer.typed.len());
            let fact = model.fact_by_name(&column.id);
            let label = fact.and_then(|f| model.facts.get(f)).map(|d| &d.label);
            for raw in &column.values {
                let (set, issues) = match fact {
                    Some(f) => type_value(model, f, raw, &mut scratch),
                    None => (Set::Nothing, vec![unknown(&column.id)]),
                };
                let issues = issues
                    .into_iter()
                    .map(|issue| (typer.slot(&mut slots, &issue, label), issue.message))
                    .collect();
                typer.typed.push(Typed { set, issues });
            }
        }
        typer
    }

    /// The entry in `unusable` of an issue's question and kind.
    fn slot(
        &mut self,
        slots: &mut SortedMap<(String, u8), usize>,
        issue: &AnswerIssue,
        label: Option<&Text>,
    ) -> usize {
        let key = (issue.fact.clone(), issue.kind as u8);
        if let Some(&slot) = slots.get(&key) {
            return slot;
        }
        slots.insert(key, self.unusable.len());
        self.unusable.push(Unusable {
            fact: issue.fact.clone(),
            label: label.cloned(),
            kind: issue.kind,
            message: issue.message.clone(),
            count: 0,
            lines: Vec::new(),
        });
        self.unusable.len() - 1
    }

    fn typed(&self, cell: Cell) -> Option<&Typed> {
        typed(&self.first, &self.typed, cell)
    }

    /// Types `row` into `answers` (cleared first), counting what cannot be used.
    pub(crate) fn answers(&mut self, row: &CaseRow, answers: &mut Answers) {
        answers.clear();
        for &cell in self.cases.cells(row) {
            let Some(typed) = typed(&self.first, &self.typed, cell) else {
                continue;
            };
            typed.set.apply(answers);
            for (slot, message) in &typed.issues {
                let Some(u) = self.unusable.get_mut(*slot) else {
                    continue;
                };
                if u.count == 0 {
                    u.message = message.clone();
                }
                u.count += 1;
                if u.lines.len() < LINES_LISTED {
                    u.lines.push(row.line);
                }
            }
        }
    }

    /// Types without counting (the cases whose reasons are shown again).
    pub(crate) fn quiet(&self, row: &CaseRow, answers: &mut Answers) {
        answers.clear();
        for &cell in self.cases.cells(row) {
            if let Some(typed) = self.typed(cell) {
                typed.set.apply(answers);
            }
        }
    }

    /// What could not be used, by question id and kind.
    pub(crate) fn into_unusable(self) -> Vec<Unusable> {
        let mut out: Vec<Unusable> = self.unusable.into_iter().filter(|u| u.count > 0).collect();
        out.sort_by(|a, b| (&a.fact, a.kind as u8).cmp(&(&b.fact, b.kind as u8)));
        out
    }
}

/// The typed value of a cell.
fn typed<'t>(first: &[usize], typed: &'t [Typed], cell: Cell) -> Option<&'t Typed> {
    typed.get(first.get(cell.column())?.checked_add(cell.value())?)
}

/// What `raw` sets for `fact` (as [`Answers::set_raw`] sets it, a timeline's text read as a CSV
/// cell), and the issues of what cannot be used. `scratch` is left as it was.
fn type_value(
    model: &Model,
    fact: FactId,
    raw: &RawValue,
    scratch: &mut Answers,
) -> (Set, Vec<AnswerIssue>) {
    let ty = model.facts.get(fact).map(|d| &d.ty);
    let issues = match (ty, raw) {
        (Some(FactType::Timeline { fields }), RawValue::Text(t)) => {
            scratch.set_raw(model, fact, &timeline_cell(fields, t))
        }
        _ => scratch.set_raw(model, fact, raw),
    };
    let set = match ty {
        Some(FactType::Timeline { .. }) => Set::List(fact, scratch.list(fact).map(<[_]>::to_vec)),
        _ => Set::Value(fact, scratch.get(fact)),
    };
    scratch.set(fact, None);
    scratch.set_list(fact, None);
    (set, issues)
}

/// The issue of an answer to a question the model does not have.
fn unknown(key: &str) -> AnswerIssue {
    AnswerIssue {
        fact: key.to_string(),
        kind: AnswerIssueKind::UnknownFact,
        message: Text {
            nl: format!("Deze regelset heeft geen vraag '{key}'."),
            en: format!("This ruleset has no question '{key}'."),
        },
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

#[cfg(test)]
#[path = "typing_tests.rs"]
mod tests;
