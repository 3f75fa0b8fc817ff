//! The rules-core API for JavaScript: a `Ruleset` compiled once and kept alive, and `check` for editors.
//! Part of the `api` bundle (the playground, hosts with their own UI), not of the widget's.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::summary::{Decision, Override};
use regiewijzer_core::{Date, Diagnostic, Model, analysis, compile, describe, eval, summary};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{DEFAULT_RULESET, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A text in Dutch and English. */
export interface Text { nl: string; en: string }
/** A problem in a ruleset: code, place and message in both languages. */
export interface Diagnostic {
  code: string; severity: "error" | "warning";
  start: { line: number; column: number }; end: { line: number; column: number };
  span: { start: number; end: number }; message_nl: string; message_en: string;
}
/** Thrown by `Ruleset.load` when the source has errors. */
export interface LoadError { kind: "diagnostics"; diagnostics: Diagnostic[] }
/** The identity of a ruleset. */
export interface RulesetRef { id: string; version: string; hash: string; title: Text }
/** One question of the checklist. */
export interface FactView {
  id: string; label: Text; help: Text | null; type: "bool" | "choice" | "int" | "scale" | "date" | "timeline";
  options: { id: string; label: Text }[]; min: number | null; max: number | null; ask_when: string | null;
  fields: { id: string; label: Text; type: string; options: { id: string; label: Text }[]; min: number | null; max: number | null }[];
}
/** The checklist a ruleset describes. */
export interface Checklist {
  ruleset: RulesetRef; valid_from: string | null; note: Text | null; uses_today: boolean;
  sections: { id: string; label: Text; help: Text | null; facts: FactView[] }[];
  outcomes: { id: string; label: Text; policy: "priority" | "unique" | "collect" | "deadline"; values: { id: string; label: Text }[] }[];
  parameters: UsedParameter[]; parties: { id: string; label: Text }[]; phases: { id: string; label: Text }[];
}
/** A parameter a region set, with its value and source. */
export interface UsedParameter { id: string; label: Text; value: string; regional: boolean; sources: string[] }
/** Why an outcome has its value. */
export interface Reason {
  kind: "rule" | "row" | "default" | "handover"; rule: string; table: string | null; row: number | null; line: number;
  title: Text | null; values: string[]; priority: number; because: Text; sources: string[]; provisional: boolean;
  /** `text`: the condition in code form, for rule authors; `sentence`: in plain words, for the
   * professional (empty: leave it out). */
  conditions: { text: string; sentence: Text; holds: boolean | null; answers: { fact: string; question: Text; answer: { value: string; label: Text } | null }[]; parameters: UsedParameter[] }[];
}
/** A handover of the lead, as evaluated. */
export interface HandoverResult {
  id: string; title: Text | null; lead: string; from: string; from_label: Text; to: string; to_label: Text;
  status: "not_proposed" | "open" | "blocked" | "complete";
  requirements: { text: string; label: Text; met: boolean | null; answers: { fact: string; question: Text; answer: { value: string; label: Text } | null }[] }[];
  missing: Text[]; provisional: boolean; because: Text; sources: string[]; time_only: boolean; line: number;
}
/** One outcome of an evaluation. */
export interface OutcomeResult {
  id: string; label: Text; policy: string; status: "decided" | "default" | "undecided" | "conflict";
  values: string[]; value_labels: Text[]; provisional: boolean; matters_next: string[];
  /** For a collect outcome: the values that stay, and those some answers could still add. */
  final_values: string[]; could_add: string[]; could_add_labels: Text[];
  reasons: Reason[]; nearest: { rule: string; line: number; title: Text | null; values: string[]; value_labels: Text[]; because: Text; missing: string[] }[];
  deadline?: { date: string; days_left: number; overdue: boolean; status: Text } | null;
}
/** The result of evaluating answers. */
export interface Evaluation {
  ruleset: RulesetRef; today: string; complete: boolean; outcomes: OutcomeResult[];
  facts: { id: string; section: string; asked: "yes" | "no" | "maybe"; answer: { value: string; label: Text } | null; used: boolean; matters_next: boolean;
    records: ({ value: string; label: Text } | null)[][] | null }[];
  matters_next: string[]; ignored_answers: { fact: string; reason: Text }[];
  /** The open questions ranked by what their answer could change ("changes" a single-value outcome, only
   * "adds" an action, or only "together" with other answers), each with what it could change in words. */
  next: { fact: string; question: Text; kind: "changes" | "adds" | "together";
    changes: { outcome: string; label: Text; to_values: string[]; to_labels: Text[]; text: Text }[] }[];
  answer_issues: { fact: string; kind: string; message: Text }[];
  parameters: UsedParameter[]; handovers: HandoverResult[];
}
/** Answers: question id to value (`true`/`false`, option id, number, "YYYY-MM-DD", a list of records for a
 * timeline; null = unanswered). */
export type AnswersInput = Record<string, unknown>;
/** A ruleset compiled for the widget: the compact binary model (null when the source has errors) and every
 * diagnostic. */
export interface WidgetRules { model: Uint8Array | null; diagnostics: Diagnostic[] }
/** One answer of an analysis example (a timeline: its records). */
export type ExampleValue = boolean | number | string | Record<string, boolean | number | string>[];
/** A full set of answers that shows a finding or a change; `when` lists the answers that make it. */
export interface AnalysisExample { today: string; answers: Record<string, ExampleValue>; when: [string, string][] }
/** One finding of `Ruleset.analyze`. */
export interface Finding {
  code: "A101" | "A102" | "A201" | "A202" | "A301" | "A401" | "A402"; severity: "error" | "warning";
  kind: "gap" | "conflict" | "dead_rule" | "shadowed_rule" | "ask_when" | "isolated" | "ping_pong";
  outcome?: string; rules?: string[]; rule?: string; by?: string[]; fact?: string; value?: string; first?: string; second?: string;
  line: number; column: number; message: Text; example: AnalysisExample | null; exact: boolean;
}
/** The result of `Ruleset.analyze`: findings (gaps and conflicts first), what was not covered, and whether
 * the search finished within its budget. */
export interface AnalysisReport {
  ruleset: RulesetRef; today: string; findings: Finding[]; unchecked: { code: string; subject: string }[];
  /** `notes` not empty: approximated (they say where); `complete` false: the budget ran out first. */
  notes: Text[]; complete: boolean; evaluations: number;
  /** The work done, in evaluation steps, and the most one evaluation did. */
  work: number; max_work: number;
}
/** One region where an outcome changes between two versions. */
export interface Change {
  outcome: string; from: [string, string[]]; to: [string, string[]];
  /** For a collect outcome: values only the new / only the old version gives throughout the region. */
  gained: string[]; lost: string[];
  message: Text; example: AnalysisExample; combinations: number | null;
}
/** The result of `Ruleset.diff`. */
export interface RulesetDiff {
  old: RulesetRef; new: RulesetRef; today: string; changes: Change[]; outcomes_added: string[]; outcomes_removed: string[];
  facts_added: string[]; facts_removed: string[]; notes: Text[]; complete: boolean; evaluations: number;
  work: number; max_work: number;
}
/** One test's result from `Ruleset.runTests`. */
export interface TestOutcome {
  name: string; line: number; passed: boolean;
  failures: { expect: string; line: number; actual: Text }[];
  today: string; answers: Record<string, unknown>;
}
/** The result of `Ruleset.runTests`. */
export interface TestRun { tests: TestOutcome[]; diagnostics: Diagnostic[]; }
/** The result of `Ruleset.coverage`: rules and rows no test makes fire, values no test expects. */
export interface Coverage {
  tests: number; rules_not_fired: [string, number][]; values_not_expected: [string, string][];
  rules_fired: [number, number]; diagnostics: Diagnostic[];
}
/** A professional's decision that differs from the advice for one outcome: the chosen values (one for a
 * single-value outcome; the whole list for a collect outcome), a code from the ruleset's `override reason`
 * list and free text. */
export interface OverrideInput { outcome: string; values: string[]; code: string; reason: string }
/** A professional's decision on one outcome: confirmed, or decided otherwise. */
export type DecisionInput = { kind: "confirmed"; outcome: string } | ({ kind: "override" } & OverrideInput)
"#;

#[derive(Serialize)]
struct LoadError<'a> {
    kind: &'static str,
    diagnostics: &'a [Diagnostic],
}

/// A compiled ruleset, kept alive across evaluations.
#[wasm_bindgen]
pub struct Ruleset {
    model: Model,
    diagnostics: Vec<Diagnostic>,
}

fn parse_today(today: &str) -> Result<Date, JsValue> {
    Date::parse(today).ok_or_else(|| {
        JsValue::from_str(&format!(
            "'{today}' is geen datum (JJJJ-MM-DD) / is not a date (YYYY-MM-DD)"
        ))
    })
}

#[wasm_bindgen]
impl Ruleset {
    /// Compiles a `.regels` source. Throws `{kind: "diagnostics", diagnostics}` when it has errors.
    #[wasm_bindgen(unchecked_return_type = "Ruleset")]
    pub fn load(source: &str) -> Result<Ruleset, JsValue> {
        let compiled = compile(source);
        match compiled.model {
            Some(model) => Ok(Ruleset {
                model,
                diagnostics: compiled.diagnostics,
            }),
            None => Err(to_js(&LoadError {
                kind: "diagnostics",
                diagnostics: &compiled.diagnostics,
            })?),
        }
    }

    /// The shipped default triage ruleset, compiled.
    #[wasm_bindgen(js_name = loadDefault)]
    pub fn load_default() -> Result<Ruleset, JsValue> {
        Ruleset::load(DEFAULT_RULESET)
    }

    /// The ruleset id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.model.meta.id.clone()
    }

    /// The version text.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.model.meta.version.clone()
    }

    /// `sha256:` and the hex SHA-256 of the source (line ends normalised).
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.model.meta.hash.clone()
    }

    /// The warnings found when compiling (errors make `load` throw).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&self.diagnostics)
    }

    /// The checklist: sections, questions, outcomes.
    #[wasm_bindgen(unchecked_return_type = "Checklist")]
    pub fn checklist(&self) -> Result<JsValue, JsValue> {
        to_js(&describe::checklist(&self.model))
    }

    /// Evaluates answers on `today` (`YYYY-MM-DD`). Answers that cannot be used are reported in
    /// `answer_issues`; this never throws for bad answers, only for a bad `today`.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AnswersInput")] answers: JsValue,
        today: &str,
    ) -> Result<JsValue, JsValue> {
        let today = parse_today(today)?;
        to_js(&self.run(answers, today))
    }

    /// A plain-text summary (answers, outcomes, reasons, ruleset id/version/hash, date) in `lang`, with
    /// the professional's decision per outcome (confirmed, decided otherwise, or not yet).
    pub fn summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AnswersInput")] answers: JsValue,
        today: &str,
        #[wasm_bindgen(unchecked_param_type = "DecisionInput[]")] decisions: JsValue,
        lang: &str,
    ) -> Result<String, JsValue> {
        let today = parse_today(today)?;
        let result = self.run(answers, today);
        let decisions: Vec<Decision> = if decisions.is_undefined() || decisions.is_null() {
            Vec::new()
        } else {
            serde_wasm_bindgen::from_value(decisions)
                .map_err(|e| JsValue::from_str(&e.to_string()))?
        };
        Ok(summary::summary(&self.model, &result, &decisions, lang))
    }

    /// Analyses the rules on `today`: gaps, conflicts, dead and shadowed rules, ask-when problems and the
    /// handover graph, each finding with an example. `budget` (optional) caps the evaluations; past it
    /// the report says `complete: false`.
    #[wasm_bindgen(unchecked_return_type = "AnalysisReport")]
    pub fn analyze(&self, today: &str, budget: Option<u32>) -> Result<JsValue, JsValue> {
        let mut options = analysis::Options::new(parse_today(today)?);
        if let Some(b) = budget {
            options.budget = b as usize;
        }
        to_js(&analysis::analyze(&self.model, &options))
    }

    /// Compares these rules (the old version) with `newer` by meaning, on `today`: which outcomes
    /// change for which answers, each region with an example and, where finite, its size.
    #[wasm_bindgen(unchecked_return_type = "RulesetDiff")]
    pub fn diff(&self, newer: &Ruleset, today: &str) -> Result<JsValue, JsValue> {
        let options = analysis::Options::new(parse_today(today)?);
        to_js(&analysis::diff(&self.model, &newer.model, &options))
    }

    /// Test coverage: the tests in the rules file plus those in `tests_source` (a `tests for ID` file,
    /// optional). Its diagnostics come back in `diagnostics`; tests with errors are not counted.
    #[wasm_bindgen(unchecked_return_type = "Coverage")]
    pub fn coverage(&self, tests_source: Option<String>) -> Result<JsValue, JsValue> {
        let (tests, diagnostics) = self.tests_with(tests_source);
        #[derive(Serialize)]
        struct WithDiagnostics {
            #[serde(flatten)]
            coverage: analysis::Coverage,
            diagnostics: Vec<Diagnostic>,
        }
        to_js(&WithDiagnostics {
            coverage: analysis::coverage(&self.model, &tests),
            diagnostics,
        })
    }

    /// Runs the tests in the rules file plus those in `tests_source` (a `tests for ID` file, optional):
    /// per test its name, line, whether it passed, the expectations that failed (expected vs actual),
    /// and its `today` and answers (to load into a preview). Diagnostics of `tests_source` come back
    /// in `diagnostics`.
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "TestRun")]
    pub fn run_tests(&self, tests_source: Option<String>) -> Result<JsValue, JsValue> {
        let (tests, diagnostics) = self.tests_with(tests_source);
        #[derive(Serialize)]
        struct Run {
            #[serde(flatten)]
            result: regiewijzer_core::testing::TestResult,
            today: Date,
            answers: regiewijzer_core::map::SortedMap<String, analysis::ExampleValue>,
        }
        #[derive(Serialize)]
        struct TestRun {
            tests: Vec<Run>,
            diagnostics: Vec<Diagnostic>,
        }
        let runs = tests
            .iter()
            .map(|t| Run {
                result: regiewijzer_core::testing::run_test(&self.model, t),
                today: regiewijzer_core::testing::test_today(&self.model, t),
                answers: analysis::answers_example(
                    &self.model,
                    &Answers::from_test(&self.model, t),
                ),
            })
            .collect();
        to_js(&TestRun {
            tests: runs,
            diagnostics,
        })
    }

    /// A `test` block (rules-language text) that fixes what these rules say for `answers` on `today`:
    /// the answers as `given` lines and an `expect` per outcome and proposed handover.
    #[wasm_bindgen(js_name = testBlock)]
    pub fn test_block(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "AnswersInput")] answers: JsValue,
        today: &str,
    ) -> Result<String, JsValue> {
        let today = parse_today(today)?;
        let raw: RawAnswers = serde_wasm_bindgen::from_value(answers)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        let (typed, _) = Answers::from_raw(&self.model, &raw);
        Ok(regiewijzer_core::testing::test_block(
            &self.model,
            name,
            &typed,
            today,
        ))
    }

    /// Checks an override: `undefined` when it can be recorded, else the reason in nl and en.
    #[wasm_bindgen(js_name = validateOverride, unchecked_return_type = "Text | undefined")]
    pub fn validate_override(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OverrideInput")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        let ov: Override =
            serde_wasm_bindgen::from_value(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
        match ov.validate(&self.model) {
            Ok(()) => Ok(JsValue::UNDEFINED),
            Err(e) => to_js(&e.message()),
        }
    }
}

impl Ruleset {
    /// The tests in the rules file plus those of a `tests for ID` source (left out when it has errors),
    /// and that source's diagnostics.
    fn tests_with(
        &self,
        tests_source: Option<String>,
    ) -> (Vec<regiewijzer_core::model::TestDef>, Vec<Diagnostic>) {
        let mut tests = self.model.tests.clone();
        let mut diagnostics = Vec::new();
        if let Some(src) = tests_source {
            let (more, diags) = regiewijzer_core::check::check_tests_file(&self.model, &src);
            if !diags.iter().any(|d| d.is_error()) {
                tests.extend(more);
            }
            diagnostics = diags;
        }
        (tests, diagnostics)
    }

    /// Answers from any JS value (not an object: no answers, reported) evaluated on `today`.
    fn run(&self, answers: JsValue, today: Date) -> eval::Evaluation {
        let (raw, mut issues) = if answers.is_undefined() || answers.is_null() {
            (RawAnswers::default(), Vec::new())
        } else {
            match serde_wasm_bindgen::from_value::<RawAnswers>(answers) {
                Ok(raw) => (raw, Vec::new()),
                Err(e) => (
                    RawAnswers::default(),
                    vec![regiewijzer_core::answers::AnswerIssue {
                        fact: String::new(),
                        kind: regiewijzer_core::answers::AnswerIssueKind::WrongType,
                        message: regiewijzer_core::model::Text {
                            nl: format!("De antwoorden zijn geen object: {e}"),
                            en: format!("The answers are not an object: {e}"),
                        },
                    }],
                ),
            }
        };
        let (typed, more) = Answers::from_raw(&self.model, &raw);
        issues.extend(more);
        let mut result = eval::evaluate(&self.model, &typed, today);
        result.answer_issues = issues;
        result
    }
}

/// Every diagnostic (errors and warnings) of a source, for an editor or playground.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(source: &str) -> Result<JsValue, JsValue> {
    to_js(&compile(source).diagnostics)
}

/// A file's bytes as text, decoded as the command line and the widget decode a rules file
/// ([`regiewijzer_core::source::decode`]): `{text}`, or `{diagnostic}` (`E112`) for bytes that are not
/// UTF-8, so that an editor opens exactly the files `check` reads.
#[wasm_bindgen(js_name = decodeSource, unchecked_return_type = "{ text: string } | { diagnostic: Diagnostic }")]
pub fn decode_source(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    match regiewijzer_core::source::decode(bytes) {
        Ok(text) => js_sys::Reflect::set(&out, &"text".into(), &text.into())?,
        Err(d) => js_sys::Reflect::set(&out, &"diagnostic".into(), &to_js(&*d)?)?,
    };
    Ok(out.into())
}

/// Compiles a source for the `<regie-wijzer>` widget, whose bundle carries no compiler: `model` is the
/// checked ruleset in the compact binary form the widget's `load` reads (`null` when the source has
/// errors), `diagnostics` every error and warning. The source is the file's bytes (`Uint8Array`), decoded
/// as the command line decodes a file ([`regiewijzer_core::source::decode`]: one byte order mark dropped,
/// anything not UTF-8 refused with `E112`), or a text, of which a leading byte order mark is dropped too.
/// The ruleset's hash is that of the decoded text, without the byte order mark.
#[wasm_bindgen(js_name = compileForWidget, unchecked_return_type = "WidgetRules")]
pub fn compile_for_widget(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] source: JsValue,
) -> Result<JsValue, JsValue> {
    let compiled = match source.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => match regiewijzer_core::source::decode(&bytes.to_vec()) {
            Ok(text) => compile(text),
            Err(d) => regiewijzer_core::Compiled {
                model: None,
                diagnostics: vec![*d],
            },
        },
        None => compile(regiewijzer_core::source::strip_bom(
            &source.as_string().unwrap_or_default(),
        )),
    };
    let out = js_sys::Object::new();
    let model = match &compiled.model {
        Some(m) => js_sys::Uint8Array::from(regiewijzer_core::bin::encode(m).as_slice()).into(),
        None => JsValue::NULL,
    };
    js_sys::Reflect::set(&out, &"model".into(), &model)?;
    js_sys::Reflect::set(&out, &"diagnostics".into(), &to_js(&compiled.diagnostics)?)?;
    Ok(out.into())
}
