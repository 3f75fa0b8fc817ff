//! Many cases per crossing (issue 24): `Ruleset.evaluateBatch` and `replay`. The cases cross once, as the
//! text of the file (CSV or JSON Lines, read by the core); the results cross once, as one JSON text that
//! `JSON.parse` reads: per case and outcome the status, the value numbers and the deciding rule numbers,
//! with the ids listed once at the top. docs/replay.md has the shapes.

use regiewijzer_core::eval::{CaseOutcome, Status};
use regiewijzer_core::replay::{self, CaseFormat, ReplayOptions, read_cases};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::Ruleset;
use crate::common::{parse_today, plain_from_js, to_js};
use regiewijzer_core::answers::RawValue;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A row of a file of cases that could not be read (or has no date), with its line. */
export interface BadRow { line: number; reason: Text }
/** Answers one version cannot use, of one question and kind: how many, and the first lines. */
export interface Unusable {
  fact: string; kind: "unknown_fact" | "wrong_type" | "out_of_range" | "unknown_option" | "bad_date" | "bad_record" | "too_many_records";
  message: Text; count: number; lines: number[];
}
/** One outcome of one case in a batch: [status (index into `statuses`), values (indices into the outcome's
 * `values`; a deadline: its date as text), deciding rules (indices into `rules`)]. */
export type BatchOutcome = [number, (number | string)[], number[]];
/** The result of `Ruleset.evaluateBatch`: ids listed once, then per case its line and per outcome a
 * `BatchOutcome` (in the order of `outcomes`). */
export interface BatchResult {
  format: "csv" | "jsonl"; cases: number;
  statuses: ["decided", "default", "undecided", "conflict"];
  outcomes: { id: string; values: string[] }[]; rules: string[];
  lines: number[]; results: BatchOutcome[][];
  bad: BadRow[]; unusable: Unusable[];
}
/** What an outcome comes to in a case under one version of a replay. */
export interface ReplaySide { status: "decided" | "default" | "undecided" | "conflict"; values: string[]; words: Text }
/** One flip of one outcome: "37 van de 2.140 meldingen: vangnet → bemoeizorg", its cases' lines, and the
 * first cases' reasons under both versions in plain words (one text per deciding rule or default). */
export interface ReplayFlip {
  from: ReplaySide; to: ReplaySide; count: number; message: Text; lines: number[];
  cases: { line: number; old: Text[]; new: Text[] }[];
}
/** The result of `replay`. `csv` only when `options.csv` asked for it. */
export interface ReplayReport {
  old: RulesetRef; new: RulesetRef; format: "csv" | "jsonl"; cases: number; changed: number;
  bad: BadRow[]; unusable_old: Unusable[]; unusable_new: Unusable[];
  outcomes: { id: string; label: Text; in_old: boolean; in_new: boolean; changed: number; flips: ReplayFlip[] }[];
  csv?: string;
}
/** Options of `replay`: the date of cases without their own `today`; how many cases per flip get their
 * reasons in words (default 10); `csv`: also the flips as CSV in that language. */
export interface ReplayOptions { today?: string; reasonsPerFlip?: number; csv?: "nl" | "en" }
"#;

fn status_index(s: Status) -> u8 {
    match s {
        Status::Decided => 0,
        Status::Default => 1,
        Status::Undecided => 2,
        Status::Conflict => 3,
    }
}

/// Writes `n` in decimal.
fn push_num(out: &mut String, n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(buf.get(i..).unwrap_or_default()).unwrap_or_default());
}

fn push_list(out: &mut String, list: &[usize]) {
    out.push('[');
    for (i, n) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_num(out, *n);
    }
    out.push(']');
}

/// One case's outcomes as JSON: `[[status,[values],[rules]],…]`.
fn push_case(out: &mut String, outcomes: &[CaseOutcome]) {
    out.push('[');
    for (i, o) in outcomes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_num(out, status_index(o.status).into());
        out.push(',');
        match o.date {
            Some(d) => {
                out.push_str("[\"");
                out.push_str(&d.to_string());
                out.push_str("\"]");
            }
            None => push_list(out, &o.values),
        }
        out.push(',');
        push_list(out, &o.rules);
        out.push(']');
    }
    out.push(']');
}

#[derive(Serialize)]
struct Head<'a> {
    format: CaseFormat,
    cases: usize,
    statuses: [&'static str; 4],
    outcomes: Vec<OutcomeIds<'a>>,
    rules: Vec<&'a str>,
    bad: Vec<replay::BadRow>,
    unusable: Vec<replay::Unusable>,
}

#[derive(Serialize)]
struct OutcomeIds<'a> {
    id: &'a str,
    values: Vec<&'a str>,
}

#[wasm_bindgen]
impl Ruleset {
    /// Evaluates every case of `cases` (the text of a CSV or JSON Lines file, docs/replay.md) in one
    /// call: per case and outcome the status, values and deciding rules, without texts. `today` is the
    /// date of cases without their own. Throws only for a `today` that is not a date.
    #[wasm_bindgen(js_name = evaluateBatch, unchecked_return_type = "BatchResult")]
    pub fn evaluate_batch(&self, cases: &str, today: Option<String>) -> Result<JsValue, JsValue> {
        let today = today.as_deref().map(parse_today).transpose()?;
        let format = CaseFormat::sniff(cases);
        let read = read_cases(cases, format);
        let mut lines = String::from("[");
        let mut results = String::from("[");
        let summary = replay::evaluate_cases(&self.model, &read, today, |row, outcomes| {
            if lines.len() > 1 {
                lines.push(',');
                results.push(',');
            }
            push_num(&mut lines, row.line);
            push_case(&mut results, outcomes);
        });
        let model = &self.model;
        let head = Head {
            format,
            cases: summary.cases,
            statuses: ["decided", "default", "undecided", "conflict"],
            outcomes: model
                .outcomes
                .iter()
                .map(|o| OutcomeIds {
                    id: &o.id,
                    values: o.values.iter().map(|v| v.id.as_str()).collect(),
                })
                .collect(),
            rules: model.rules.iter().map(|r| r.id.as_str()).collect(),
            bad: summary.bad,
            unusable: summary.unusable,
        };
        let mut text = crate::json::to_string(&head).unwrap_or_default();
        text.pop();
        text.push_str(",\"lines\":");
        text.push_str(&lines);
        text.push_str("],\"results\":");
        text.push_str(&results);
        text.push_str("]}");
        js_sys::JSON::parse(&text)
    }
}

/// Replays `cases` (the text of a CSV or JSON Lines file) under `old` and `new`: per outcome what flips,
/// each flip with its cases and their reasons under both versions (docs/replay.md). Throws only for an
/// `options.today` that is not a date.
#[wasm_bindgen(unchecked_return_type = "ReplayReport")]
pub fn replay(
    old: &Ruleset,
    new: &Ruleset,
    cases: &str,
    #[wasm_bindgen(unchecked_param_type = "ReplayOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    // A plain copy made by the page's own JSON (nothing of the page's object is read from here).
    let options = match plain_from_js(&options) {
        Ok(RawValue::Record(map)) => map,
        _ => regiewijzer_core::SortedMap::new(),
    };
    let text = |key: &str| match options.get(key) {
        Some(RawValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    let today = text("today").as_deref().map(parse_today).transpose()?;
    let reasons = match options.get("reasonsPerFlip") {
        Some(RawValue::Int(n)) => usize::try_from(*n).unwrap_or(0),
        _ => 10,
    };
    let csv = text("csv");
    let report = replay::replay(
        &old.model,
        &new.model,
        cases,
        ReplayOptions {
            today,
            reasons_per_flip: reasons,
        },
    );
    #[derive(Serialize)]
    struct WithCsv {
        #[serde(flatten)]
        report: replay::Report,
        #[serde(skip_serializing_if = "Option::is_none")]
        csv: Option<String>,
    }
    let csv = csv.map(|lang| replay::to_csv(&report, &lang));
    to_js(&WithCsv { report, csv })
}
