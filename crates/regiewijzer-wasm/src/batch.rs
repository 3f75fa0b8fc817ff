//! Many cases per crossing (issue 24): `Ruleset.evaluateBatch` and `replay`. The cases cross once, as the
//! file's bytes or its text (CSV or JSON Lines, read by the core). Bytes cross as one copy; a text is
//! copied character by character by the bindings (wasm-bindgen's ASCII loop), which on a year of JSON
//! Lines costs more than reading them: a page that has the file (a file input, `fetch`) passes its bytes. `evaluateBatch`'s results cross as typed arrays:
//! per outcome a column of every case's status, value numbers and deciding rule numbers, with the ids
//! listed once (a deadline's dates as a plain array); `replay`'s report as one JSON text. docs/replay.md has
//! the shapes.

use regiewijzer_core::ast::Policy;
use regiewijzer_core::eval::{CaseOutcome, Status};
use regiewijzer_core::replay::{self, CaseFormat, ReplayOptions, read_cases};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::{LoadError, Ruleset};
use crate::common::{parse_today, plain_from_js, to_js};
use regiewijzer_core::answers::RawValue;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A row of a file of cases that could not be read (or has no date), with its line. */
export interface BadRow { line: number; reason: Text }
/** Answers one version cannot use, of one question and kind: how many, and the first lines. */
export interface Unusable {
  fact: string; label: Text | null; kind: "unknown_fact" | "wrong_type" | "out_of_range" | "unknown_option" | "bad_date" | "bad_record" | "too_many_records";
  message: Text; count: number; lines: number[];
}
/** One outcome decided over every case of a batch, a column per part (case `i`): its status
 * `statuses[status[i]]`; its values `values[valueIndex[k]]` for `k` from `valueStart[i]` to
 * `valueStart[i + 1]` (none for a deadline: its date is `dates[i]`, `null` when undecided); its deciding
 * rules `rules[ruleIndex[k]]` for `k` from `ruleStart[i]` to `ruleStart[i + 1]`. */
export interface BatchOutcome {
  id: string; values: string[];
  status: Uint8Array; valueStart: Uint32Array; valueIndex: Uint32Array;
  ruleStart: Uint32Array; ruleIndex: Uint32Array;
  dates?: (string | null)[];
}
/** The result of `Ruleset.evaluateBatch(cases, today?, outcomes?)`: per case its line (`lines[i]`), and
 * per outcome decided (all, or the ids asked for, in model order) a `BatchOutcome`. */
export interface BatchResult {
  format: "csv" | "jsonl"; cases: number;
  statuses: ["decided", "default", "undecided", "conflict"];
  rules: string[]; lines: Uint32Array; outcomes: BatchOutcome[];
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

/// One outcome decided over the cases of a batch, column by column (see `BatchOutcome` above).
#[derive(Default)]
struct Column {
    status: Vec<u8>,
    value_start: Vec<u32>,
    value_index: Vec<u32>,
    rule_start: Vec<u32>,
    rule_index: Vec<u32>,
    /// For a deadline: per case its date.
    dates: Option<Vec<Option<String>>>,
}

/// A count as a `u32` (a batch never comes near; saturated rather than wrapped).
fn n32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Column {
    fn new(deadline: bool) -> Column {
        Column {
            value_start: vec![0],
            rule_start: vec![0],
            dates: deadline.then(Vec::new),
            ..Column::default()
        }
    }

    /// Adds one case's result.
    fn push(&mut self, o: &CaseOutcome) {
        self.status.push(status_index(o.status));
        self.value_index.extend(o.values.iter().map(|&v| n32(v)));
        self.value_start.push(n32(self.value_index.len()));
        self.rule_index.extend(o.rules.iter().map(|&r| n32(r)));
        self.rule_start.push(n32(self.rule_index.len()));
        if let Some(dates) = &mut self.dates {
            dates.push(o.date.map(|d| d.to_string()));
        }
    }

    /// Sets the columns on `target` (the outcome's object of the result) as typed arrays.
    fn set_on(&self, target: &JsValue) -> Result<(), JsValue> {
        let set = |key: &str, value: &JsValue| js_sys::Reflect::set(target, &key.into(), value);
        set("status", &js_sys::Uint8Array::from(self.status.as_slice()))?;
        for (key, list) in [
            ("valueStart", &self.value_start),
            ("valueIndex", &self.value_index),
            ("ruleStart", &self.rule_start),
            ("ruleIndex", &self.rule_index),
        ] {
            set(key, &js_sys::Uint32Array::from(list.as_slice()))?;
        }
        if let Some(dates) = &self.dates {
            set("dates", &to_js(dates)?)?;
        }
        Ok(())
    }
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
    /// Evaluates every case of `cases` (a CSV or JSON Lines file, docs/replay.md: its bytes or its text)
    /// in one call: per case and outcome the status, values and deciding rules, without texts. `today`
    /// is the date of cases without their own; `outcomes` (ids) decides only those (unknown ids are left
    /// out), evaluating only the rules they read. Throws only for a `today` that is not a date, for bytes
    /// that are not UTF-8 (`{kind: "diagnostics", diagnostics}` with `E112`) and for cases that are
    /// neither a text nor bytes (a `TypeError`).
    #[wasm_bindgen(js_name = evaluateBatch, unchecked_return_type = "BatchResult")]
    pub fn evaluate_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | BufferSource")] cases: JsValue,
        today: Option<String>,
        outcomes: Option<Vec<String>>,
    ) -> Result<JsValue, JsValue> {
        let today = today.as_deref().map(parse_today).transpose()?;
        with_cases(&cases, |cases| {
            self.batch(cases, today, outcomes.as_deref())
        })
    }
}

impl Ruleset {
    /// [`Ruleset::evaluate_batch`] of the text of the cases.
    fn batch(
        &self,
        cases: &str,
        today: Option<regiewijzer_core::Date>,
        outcomes: Option<&[String]>,
    ) -> Result<JsValue, JsValue> {
        let model = &self.model;
        let chosen: Vec<usize> = match outcomes {
            Some(ids) => (0..model.outcomes.len())
                .filter(|&o| model.outcomes.get(o).is_some_and(|d| ids.contains(&d.id)))
                .collect(),
            None => (0..model.outcomes.len()).collect(),
        };
        let format = CaseFormat::sniff(cases);
        let read = read_cases(cases, format);
        let deadline = |&o: &usize| {
            model
                .outcomes
                .get(o)
                .is_some_and(|d| d.policy == Policy::Deadline)
        };
        let mut columns: Vec<Column> = chosen.iter().map(|o| Column::new(deadline(o))).collect();
        let mut lines: Vec<u32> = Vec::new();
        let summary =
            replay::evaluate_cases(model, &read, today, Some(&chosen), |row, outcomes| {
                lines.push(n32(row.line));
                for (column, o) in columns.iter_mut().zip(&chosen) {
                    if let Some(result) = outcomes.get(*o) {
                        column.push(result);
                    }
                }
            });
        let head = Head {
            format,
            cases: summary.cases,
            statuses: ["decided", "default", "undecided", "conflict"],
            outcomes: chosen
                .iter()
                .filter_map(|&o| model.outcomes.get(o))
                .map(|o| OutcomeIds {
                    id: &o.id,
                    values: o.values.iter().map(|v| v.id.as_str()).collect(),
                })
                .collect(),
            rules: model.rules.iter().map(|r| r.id.as_str()).collect(),
            bad: summary.bad,
            unusable: summary.unusable,
        };
        let result = to_js(&head)?;
        js_sys::Reflect::set(
            &result,
            &"lines".into(),
            &js_sys::Uint32Array::from(lines.as_slice()),
        )?;
        let shown = js_sys::Reflect::get(&result, &"outcomes".into())?;
        for (i, column) in columns.iter().enumerate() {
            column.set_on(&js_sys::Reflect::get_u32(&shown, n32(i))?)?;
        }
        Ok(result)
    }
}

/// The text of a file of cases given as a text or as its bytes (a `Uint8Array` or any other view of an
/// `ArrayBuffer`, or an `ArrayBuffer` itself: decoded as the command line decodes a file, a byte order mark
/// dropped), to `read`. Bytes that are not UTF-8 are thrown as `{kind: "diagnostics", diagnostics}` with
/// `E112`, as `Ruleset.load` throws; anything else is thrown as a `TypeError` (never read as no cases).
fn with_cases<T>(
    cases: &JsValue,
    read: impl FnOnce(&str) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    if let Some(text) = cases.as_string() {
        return read(&text);
    }
    let bytes = case_bytes(cases)?.to_vec();
    match regiewijzer_core::source::decode(&bytes) {
        Ok(text) => read(text),
        Err(d) => Err(to_js(&LoadError {
            kind: "diagnostics",
            diagnostics: std::slice::from_ref(&*d),
        })?),
    }
}

/// The bytes of `cases` as a `Uint8Array` over the same memory: a view of an `ArrayBuffer` (its own
/// part of the buffer), or a whole `ArrayBuffer`; a `TypeError` for anything else.
fn case_bytes(cases: &JsValue) -> Result<js_sys::Uint8Array, JsValue> {
    if cases.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(cases));
    }
    if js_sys::ArrayBuffer::is_view(cases) {
        let get = |key: &str| js_sys::Reflect::get(cases, &key.into());
        let number = |v: JsValue| v.as_f64().map_or(0, |n| n as u32);
        let buffer = get("buffer")?;
        let (offset, length) = (number(get("byteOffset")?), number(get("byteLength")?));
        return Ok(js_sys::Uint8Array::new_with_byte_offset_and_length(
            &buffer, offset, length,
        ));
    }
    Err(js_sys::TypeError::new(
        "de meldingen moeten een tekst zijn of de bytes van een bestand (Uint8Array, ArrayBuffer) / \
         the cases must be a text or the bytes of a file (Uint8Array, ArrayBuffer)",
    )
    .into())
}

/// Replays `cases` (a CSV or JSON Lines file: its bytes or its text) under `old` and `newer`: per outcome
/// what flips, each flip with its cases and their reasons under both versions (docs/replay.md). Throws
/// only as [`Ruleset::evaluate_batch`] does (`options.today` for its `today`).
#[wasm_bindgen(unchecked_return_type = "ReplayReport")]
pub fn replay(
    old: &Ruleset,
    newer: &Ruleset,
    #[wasm_bindgen(unchecked_param_type = "string | BufferSource")] cases: JsValue,
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
    let options = ReplayOptions {
        today,
        reasons_per_flip: reasons,
    };
    let report = with_cases(&cases, |cases| {
        Ok(replay::replay(&old.model, &newer.model, cases, options))
    })?;
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
