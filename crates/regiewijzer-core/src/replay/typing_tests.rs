//! Typing each distinct value once gives what typing every cell gives: for random files of cases (CSV
//! and JSON Lines, with unknown questions, wrong types, bad options, dates and timeline records), the
//! typer's answers per case are those of `Answers::set_raw` per cell (as typing was before values were
//! typed once), and what it counts as unusable (counts, first lines, first messages) is the same.

use proptest::prelude::*;

use super::*;
use crate::replay::{CaseFormat, read_cases};

/// Typing as it was: every cell of every case converted with `Answers::set_raw`.
struct Reference<'m> {
    model: &'m Model,
    unusable: SortedMap<(String, u8), Unusable>,
}

impl Reference<'_> {
    fn answers(&mut self, cases: &Cases, row: &CaseRow, answers: &mut Answers) {
        answers.clear();
        for (id, raw) in cases.answers(row) {
            let issues = match self.model.fact_by_name(id) {
                Some(f) => match (self.model.facts.get(f).map(|d| &d.ty), raw) {
                    (Some(FactType::Timeline { fields }), RawValue::Text(t)) => {
                        answers.set_raw(self.model, f, &timeline_cell(fields, t))
                    }
                    _ => answers.set_raw(self.model, f, raw),
                },
                None => vec![unknown(id)],
            };
            for issue in issues {
                let key = (issue.fact.clone(), issue.kind as u8);
                match self.unusable.get_mut(&key) {
                    Some(u) => {
                        u.count += 1;
                        if u.lines.len() < LINES_LISTED {
                            u.lines.push(row.line);
                        }
                    }
                    None => {
                        self.unusable.insert(
                            key,
                            Unusable {
                                label: (self.model.fact_by_name(&issue.fact))
                                    .and_then(|f| self.model.facts.get(f))
                                    .map(|d| d.label.clone()),
                                fact: issue.fact,
                                kind: issue.kind,
                                message: issue.message,
                                count: 1,
                                lines: vec![row.line],
                            },
                        );
                    }
                }
            }
        }
    }
}

fn model(path: &str) -> Model {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    crate::compile(&text).model.unwrap()
}

fn same_typing(model: &Model, text: &str, format: CaseFormat) -> Result<(), TestCaseError> {
    let cases = read_cases(text, format);
    let mut typer = Typer::new(model, &cases);
    let mut reference = Reference {
        model,
        unusable: SortedMap::new(),
    };
    let (mut got, mut want, mut quiet) = (
        Answers::empty(model),
        Answers::empty(model),
        Answers::empty(model),
    );
    for row in &cases.rows {
        typer.answers(row, &mut got);
        reference.answers(&cases, row, &mut want);
        typer.quiet(row, &mut quiet);
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(&quiet, &want);
    }
    let want: Vec<Unusable> = reference.unusable.into_iter().map(|(_, u)| u).collect();
    prop_assert_eq!(typer.into_unusable(), want);
    Ok(())
}

/// Column ids: the model's questions (a timeline among them), one twice, one it does not have.
const COLUMNS: &[&str] = &[
    "leeftijd",
    "acuut_gevaar",
    "woonsituatie",
    "zrm_financien",
    "contactpogingen",
    "opnames",
    "onbekend",
    "leeftijd",
];

/// Cell texts: valid and not for each type, a timeline's records (and bad ones), blank.
const CELLS: &[&str] = &[
    "",
    "ja",
    "NEE",
    "misschien",
    "35",
    "121",
    "-1",
    "3.5",
    "dakloos",
    "eigen_woning",
    "2026-03-01",
    "2026-02-30",
    "2026-01-03:geen_contact;2026-01-10:gelegd",
    "2026-01-03:onbekend",
    "2026-01-03:gelegd:extra",
    ":gelegd",
    "-",
    "2026-01-01:2026-01-05",
];

/// JSON values: every kind, and records of a timeline (good, with an unknown field, without a date,
/// not an object).
const VALUES: &[&str] = &[
    "null",
    "true",
    "\"ja\"",
    "\"\"",
    "35",
    "35.0",
    "121",
    "2.5",
    "18446744073709551615",
    "\"dakloos\"",
    "\"2026-03-01\"",
    "[]",
    "[{\"datum\":\"2026-01-03\",\"resultaat\":\"gelegd\"}]",
    "[{\"datum\":\"2026-01-03\",\"x\":1},{\"resultaat\":\"gelegd\"},3]",
    "{\"datum\":\"2026-01-03\"}",
];

fn csv() -> impl Strategy<Value = String> {
    let header = prop::collection::vec(0..COLUMNS.len(), 1..6);
    let cells = prop::collection::vec(prop::collection::vec(0..CELLS.len(), 6), 0..12);
    (header, cells).prop_map(|(header, rows)| {
        let mut text: Vec<String> = vec![
            header
                .iter()
                .map(|&c| COLUMNS[c])
                .collect::<Vec<_>>()
                .join(","),
        ];
        for row in rows {
            let cells: Vec<String> = (0..header.len())
                .map(|i| format!("\"{}\"", CELLS[row[i]]))
                .collect();
            text.push(cells.join(","));
        }
        text.join("\n")
    })
}

fn jsonl() -> impl Strategy<Value = String> {
    let answer = (0..COLUMNS.len(), 0..VALUES.len());
    let line = prop::collection::vec(answer, 0..6);
    prop::collection::vec(line, 0..12).prop_map(|lines| {
        let lines: Vec<String> = lines
            .iter()
            .map(|answers| {
                let parts: Vec<String> = answers
                    .iter()
                    .map(|&(c, v)| format!("\"{}\":{}", COLUMNS[c], VALUES[v]))
                    .collect();
                format!("{{\"answers\":{{{}}}}}", parts.join(","))
            })
            .collect();
        lines.join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn typing_each_value_once_types_as_every_cell(csv in csv(), jsonl in jsonl()) {
        for path in ["../../rulesets/triage.regels", "tests/fixtures/tijdlijnen.regels"] {
            let model = model(path);
            same_typing(&model, &csv, CaseFormat::Csv)?;
            same_typing(&model, &jsonl, CaseFormat::Jsonl)?;
        }
    }
}
