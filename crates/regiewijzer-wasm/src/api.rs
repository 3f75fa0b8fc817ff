//! The rules-core API for JavaScript: a `Ruleset` compiled once and kept alive, and `check` for editors.
//! Part of the `api` bundle (the playground, hosts with their own UI), not of the widget's.

use regiewijzer_core::answers::Answers;
use regiewijzer_core::case::CaseDiagnostic;
use regiewijzer_core::{Date, Diagnostic, Model, analysis, compile};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::DEFAULT_RULESET;
use crate::common::{parse_today, plain_from_js, read_answers, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A problem in a ruleset: code, place and message in both languages. */
export interface Diagnostic {
  code: string; severity: "error" | "warning";
  start: { line: number; column: number }; end: { line: number; column: number };
  span: { start: number; end: number }; message_nl: string; message_en: string;
  /** Other places that belong to the problem, e.g. where a name was first declared (left out when none). */
  related?: RelatedPlace[];
}
/** A place that belongs to a diagnostic, with its own short message. */
export interface RelatedPlace {
  span: { start: number; end: number };
  start: { line: number; column: number }; end: { line: number; column: number };
  message_nl: string; message_en: string;
}
/** A diagnostic of `checkCase`: `ruleset` is the index of the file it is in, `related_ruleset` that of the
 * file its `related` places are in (left out when none). */
export type CaseDiagnostic = Diagnostic & { ruleset: number; related_ruleset?: number };
/** What a picture of a case draws (`caseTrajectory`, `Ruleset.trajectory`). */
export interface Trajectory {
  /** The id of the first fact of type `phase`; null: no phases. */
  phaseFact: string | null;
  /** The outcome that holds the lead, and the id of the ruleset it is in. */
  leadOutcome: string | null; leadRuleset: string | null;
  /** In the order the ruleset that declares them gives. */
  phases: TrajectoryPhase[];
  parties: { id: string; label: Text }[];
  handovers: TrajectoryHandover[];
  /** The analysis' ping-pong (`A402`) in words. */
  pingPong: { handovers: [string, string]; message: Text }[];
  rulesets: { id: string; title: Text; phases: string[] | null }[];
}
/** One phase: the rulesets used in it, and who can lead there with only the phase known. */
export interface TrajectoryPhase {
  id: string; label: Text; rulesets: string[];
  leads: { party: string; label: Text }[];
  /** Exactly one lead: the phase alone decides it. */
  decided: boolean;
}
/** A handover, with the phases in which it can be proposed and what it requires. */
export interface TrajectoryHandover {
  id: string; ruleset: string; title: Text; from: string; to: string; phases: string[]; requires: Text[];
}
/** Thrown by `Ruleset.load` when the source has errors. */
export interface LoadError { kind: "diagnostics"; diagnostics: Diagnostic[] }
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
  /** The place, as a diagnostic has it (`line` and `column` are `start`'s). */
  start: { line: number; column: number }; end: { line: number; column: number }; span: { start: number; end: number };
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
/** One change of an outcome between two versions (the same old and new state), in the author's words. */
export interface Change {
  outcome: string; from: [string, string[]]; to: [string, string[]];
  /** For a collect outcome: values only the new / only the old version gives throughout the region. */
  gained: string[]; lost: string[];
  /** The outcome's label, and the old and new state in words (value labels). */
  label: Text; from_words: Text; to_words: Text;
  /** The headline in labels; the conditions every situation shares; the situations (merged regions). */
  message: Text; when: Text[]; situations: Situation[];
  /** True when the search stopped at its limit of situations: there may be more. */
  more: boolean;
  /** The first situation's example; answer combinations of the symbolic space (not reports), or null. */
  example: AnalysisExample; combinations: number | null;
}
/** One situation of a change: its own conditions beyond the shared ones, with an example. */
export interface Situation { when: Text[]; example: AnalysisExample; combinations: number | null }
/** What the new version declares differently, in words: a question, outcome, value, parameter, rule, table
 * or handover. */
export interface Declared {
  kind: "questionAdded" | "questionRemoved" | "questionChanged" | "outcomeAdded" | "outcomeRemoved"
    | "outcomeRenamed" | "valueAdded" | "valueRemoved" | "valueRenamed" | "parameterChanged" | "parameterAdded"
    | "parameterRemoved" | "ruleAdded" | "ruleRemoved" | "ruleChanged" | "rowsChanged" | "handoverAdded"
    | "handoverRemoved" | "handoverChanged";
  text: Text;
}
/** The result of `Ruleset.diff`. */
export interface RulesetDiff {
  old: RulesetRef; new: RulesetRef; today: string; changes: Change[]; outcomes_added: string[]; outcomes_removed: string[];
  facts_added: string[]; facts_removed: string[]; declared: Declared[]; notes: Text[]; complete: boolean;
  evaluations: number; work: number; max_work: number;
}
/** One test's result from `Ruleset.runTests`. */
export interface TestOutcome {
  name: string; line: number; passed: boolean;
  failures: { expect: string; line: number; actual: Text }[];
  today: string; answers: Record<string, unknown>;
}
/** A FHIR R4 resource as JSON (docs/fhir.md): `resourceType` and the rest of its elements. */
export interface FhirResource { resourceType: string; [element: string]: unknown }
/** A ruleset's checklist as a FHIR R4 `Questionnaire` (docs/fhir.md). */
export interface FhirQuestionnaire extends FhirResource { resourceType: "Questionnaire"; url: string; version: string }
/** A widget value as a FHIR R4 `QuestionnaireResponse` (docs/fhir.md). */
export interface FhirQuestionnaireResponse extends FhirResource {
  resourceType: "QuestionnaireResponse"; questionnaire: string; status: "completed" | "in-progress";
}
/** The result of `Ruleset.runTests`. */
export interface TestRun { tests: TestOutcome[]; diagnostics: Diagnostic[]; }
/** The result of `Ruleset.coverage`: rules and rows no test makes fire, values no test expects. */
export interface Coverage {
  tests: number; rules_not_fired: [string, number][]; values_not_expected: [string, string][];
  rules_fired: [number, number]; diagnostics: Diagnostic[];
}
"#;

#[derive(Serialize)]
pub(crate) struct LoadError<'a> {
    pub(crate) kind: &'static str,
    pub(crate) diagnostics: &'a [Diagnostic],
}

/// A compiled ruleset, kept alive across evaluations.
#[wasm_bindgen]
pub struct Ruleset {
    pub(crate) model: Model,
    diagnostics: Vec<Diagnostic>,
    last: crate::common::LastWhole,
}

#[wasm_bindgen]
impl Ruleset {
    /// Compiles a `.regels` source. Throws `{kind: "diagnostics", diagnostics}` when it has errors.
    #[wasm_bindgen(unchecked_return_type = "Ruleset")]
    pub fn load(source: &str) -> Result<Ruleset, JsValue> {
        Ruleset::loaded(compile(source))
    }

    /// Compiles a variant (`ruleset NAME variant of BASE "VERSION"`) resolved against its base's source
    /// (docs/language.md, "Variants"). Throws `{kind: "diagnostics", diagnostics}` when it has errors,
    /// also when a change no longer fits the base (`E705`) or the base is another ruleset or version.
    #[wasm_bindgen(js_name = loadVariant, unchecked_return_type = "Ruleset")]
    pub fn load_variant(source: &str, base: &str) -> Result<Ruleset, JsValue> {
        Ruleset::loaded(regiewijzer_core::compile_variant(source, base))
    }

    /// For a variant: the base it was resolved against (`{id, version, hash}`); `null` otherwise.
    #[wasm_bindgen(getter, unchecked_return_type = "RulesetBase | null")]
    pub fn base(&self) -> Result<JsValue, JsValue> {
        to_js(&self.model.meta.base)
    }
}

impl Ruleset {
    /// The ruleset of a compilation, or its diagnostics thrown.
    fn loaded(compiled: regiewijzer_core::Compiled) -> Result<Ruleset, JsValue> {
        match compiled.model {
            Some(model) => Ok(Ruleset {
                model,
                diagnostics: compiled.diagnostics,
                last: Default::default(),
            }),
            None => Err(to_js(&LoadError {
                kind: "diagnostics",
                diagnostics: &compiled.diagnostics,
            })?),
        }
    }
}

#[wasm_bindgen]
impl Ruleset {
    /// A ruleset compiled by [`compile_for_widget`] (`model`): the compact form the widget runs, e.g. the
    /// bytes of its embedded default (`defaultModel()` of the widget bundle). Throws `{nl, en}` when the
    /// bytes are not a compiled ruleset of this version of the rules core.
    #[wasm_bindgen(js_name = fromCompiled, unchecked_return_type = "Ruleset")]
    pub fn from_compiled(model: &[u8]) -> Result<Ruleset, JsValue> {
        match regiewijzer_core::bin::decode(model) {
            Ok(model) => Ok(Ruleset {
                model,
                diagnostics: Vec::new(),
                last: Default::default(),
            }),
            Err(e) => Err(to_js(&regiewijzer_core::model::Text::from_pair(
                &e.to_string(),
            ))?),
        }
    }

    /// The checklist as a FHIR R4 `Questionnaire` (docs/fhir.md).
    #[wasm_bindgen(unchecked_return_type = "FhirQuestionnaire")]
    pub fn questionnaire(&self) -> Result<JsValue, JsValue> {
        to_js(&regiewijzer_core::fhir::questionnaire(&self.model))
    }

    /// A value the `<regie-wijzer>` element posted (its `value`) as a FHIR R4 `QuestionnaireResponse` to
    /// [`Ruleset::questionnaire`] (docs/fhir.md). Throws `{nl, en}` when the value is not one of these
    /// rules (its `ruleset.hash` differs) or not a value at all.
    #[wasm_bindgen(js_name = questionnaireResponse, unchecked_return_type = "FhirQuestionnaireResponse")]
    pub fn questionnaire_response(
        &self,
        #[wasm_bindgen(unchecked_param_type = "object")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        let plain = plain_from_js(&value).unwrap_or(regiewijzer_core::answers::RawValue::Null);
        match regiewijzer_core::fhir::questionnaire_response(&self.model, &plain) {
            Ok(response) => to_js(&response),
            Err(e) => Err(to_js(&regiewijzer_core::model::Text::from_pair(
                &e.to_string(),
            ))?),
        }
    }

    /// The shipped default triage ruleset, compiled.
    #[wasm_bindgen(js_name = loadDefault)]
    pub fn load_default() -> Result<Ruleset, JsValue> {
        Ruleset::load(DEFAULT_RULESET)
    }

    /// The trajectory this ruleset describes on its own (its phases, who leads in each, its handovers):
    /// what the playground draws.
    #[wasm_bindgen(unchecked_return_type = "Trajectory")]
    pub fn trajectory(&self) -> Result<JsValue, JsValue> {
        to_js(&regiewijzer_core::trajectory(&[&self.model]))
    }

    /// The warnings found when compiling (errors make `load` throw).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&self.diagnostics)
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
        let options = analysis::Options::for_diff(parse_today(today)?);
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
            answers: regiewijzer_core::SortedMap<String, analysis::ExampleValue>,
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
        let (raw, _) = read_answers(plain_from_js(&answers));
        let (typed, _) = Answers::from_raw(&self.model, &raw);
        Ok(regiewijzer_core::testing::test_block(
            &self.model,
            name,
            &typed,
            today,
        ))
    }
}

crate::common::rules_methods!(Ruleset);

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
            let (more, diags) = regiewijzer_core::check_tests_file(&self.model, &src);
            if !diags.iter().any(|d| d.is_error()) {
                tests.extend(more);
            }
            diagnostics = diags;
        }
        (tests, diagnostics)
    }
}

/// Every diagnostic (errors and warnings) of a source, for an editor or playground; a variant is
/// checked against `base`, its base's source, when given.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(source: &str, base: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&compile_with(source, base.as_deref()).diagnostics)
}

/// A source compiled, as a variant of `base` when that is given.
fn compile_with(source: &str, base: Option<&str>) -> regiewijzer_core::Compiled {
    match base {
        Some(base) => regiewijzer_core::compile_variant(source, base),
        None => compile(source),
    }
}

/// The base a variant's header names (`variant of BASE "VERSION"`): `{base, version}`, or `null` when the
/// source is not a variant (or its header cannot be read). An editor finds the base's source with it.
#[wasm_bindgen(js_name = variantOf, unchecked_return_type = "{ base: string; version: string } | null")]
pub fn variant_of(source: &str) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct VariantOf {
        base: String,
        version: String,
    }
    let found = regiewijzer_core::variant::variant_of(source);
    to_js(&found.map(|(base, version)| VariantOf { base, version }))
}

/// The shipped ruleset ([`crate::SHIPPED_RULESETS`]) that `source`, a variant, names as its base; `None`
/// when it is not a variant or names another ruleset. The version is not compared here: the variant's
/// check says when it differs (`E703`).
fn shipped_base(source: &str) -> Option<&'static str> {
    let (base, _) = regiewijzer_core::variant::variant_of(source)?;
    crate::SHIPPED_RULESETS
        .into_iter()
        .find(|s| regiewijzer_core::variant::ruleset_id(s).as_deref() == Some(base.as_str()))
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
/// The ruleset's hash is that of the decoded text, without the byte order mark. A variant is resolved
/// against `base`, its base's source, when given, else against the shipped ruleset it names (triage,
/// escalatie or regie): the widget gets the resolved rules, with the base's identity. A variant of another
/// ruleset, given no base, has `E701` (it needs its base).
#[wasm_bindgen(js_name = compileForWidget, unchecked_return_type = "WidgetRules")]
pub fn compile_for_widget(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] source: JsValue,
    base: Option<String>,
) -> Result<JsValue, JsValue> {
    let compiled = match source_text(&source) {
        Ok(text) => compile_with(&text, base.as_deref().or_else(|| shipped_base(&text))),
        Err(d) => regiewijzer_core::Compiled {
            model: None,
            diagnostics: vec![*d],
        },
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

/// A rules file's bytes (`Uint8Array`) decoded as the command line decodes a file, or a text without its
/// leading byte order mark; `E112` for bytes that are not UTF-8.
fn source_text(source: &JsValue) -> Result<String, Box<Diagnostic>> {
    match source.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => regiewijzer_core::source::decode(&bytes.to_vec()).map(str::to_string),
        None => Ok(
            regiewijzer_core::source::strip_bom(&source.as_string().unwrap_or_default())
                .to_string(),
        ),
    }
}

/// The sources of a case as texts; a source that cannot be read is left empty, with its diagnostic.
fn case_texts(sources: &js_sys::Array) -> (Vec<String>, Vec<CaseDiagnostic>) {
    let mut unread = Vec::new();
    let texts = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            source_text(&s).unwrap_or_else(|d| {
                unread.push(CaseDiagnostic::own(i, *d));
                String::new()
            })
        })
        .collect();
    (texts, unread)
}

/// Checks the rules files of one case, in order (each `Uint8Array` or text): every file's own diagnostics,
/// then where they disagree as one case (a shared question with another type, options or words; phases),
/// each with `ruleset`, the index of the file it is in (`related` places are in another file).
#[wasm_bindgen(js_name = checkCase, unchecked_return_type = "CaseDiagnostic[]")]
pub fn check_case(
    #[wasm_bindgen(unchecked_param_type = "(Uint8Array | string)[]")] sources: js_sys::Array,
) -> Result<JsValue, JsValue> {
    let (texts, mut out) = case_texts(&sources);
    let unread: Vec<usize> = out.iter().map(|d| d.ruleset).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (_, found) = regiewijzer_core::check_case_sources(&refs);
    out.extend(found.into_iter().filter(|d| !unread.contains(&d.ruleset)));
    to_js(&out)
}

/// The trajectory of a case with these rules files, in order (see `Trajectory`). Throws
/// `{kind: "diagnostics", diagnostics: CaseDiagnostic[]}` when a file has errors; where the files
/// disagree as one case does not stop it (`checkCase` says so).
#[wasm_bindgen(js_name = caseTrajectory, unchecked_return_type = "Trajectory")]
pub fn case_trajectory(
    #[wasm_bindgen(unchecked_param_type = "(Uint8Array | string)[]")] sources: js_sys::Array,
) -> Result<JsValue, JsValue> {
    let (texts, unread) = case_texts(&sources);
    let compiled: Vec<_> = texts.iter().map(|t| compile(t)).collect();
    let models: Vec<&Model> = compiled.iter().filter_map(|c| c.model.as_ref()).collect();
    if !unread.is_empty() || models.len() < compiled.len() {
        let skip: Vec<usize> = unread.iter().map(|d| d.ruleset).collect();
        let mut diagnostics = unread;
        for (i, c) in compiled
            .iter()
            .enumerate()
            .filter(|(i, _)| !skip.contains(i))
        {
            let errors = c.diagnostics.iter().filter(|d| d.is_error());
            diagnostics.extend(errors.map(|d| CaseDiagnostic::own(i, d.clone())));
        }
        return Err(to_js(&CaseLoadError {
            kind: "diagnostics",
            diagnostics,
        })?);
    }
    to_js(&regiewijzer_core::trajectory(&models))
}

#[derive(Serialize)]
struct CaseLoadError {
    pub(crate) kind: &'static str,
    diagnostics: Vec<CaseDiagnostic>,
}

#[cfg(test)]
mod tests {
    use super::shipped_base;

    const DRECHTSTEDEN: &str =
        include_str!("../../regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.regels");

    #[test]
    fn a_variant_of_a_shipped_ruleset_finds_it_and_no_other_source_does() {
        assert!(shipped_base(DRECHTSTEDEN) == Some(crate::DEFAULT_RULESET));
        let of = |base: &str| format!("ruleset mijn_regio variant of {base} \"0.1.0\"\n");
        for (id, text) in [("escalatie", 1), ("regie", 2)] {
            assert!(shipped_base(&of(id)) == crate::SHIPPED_RULESETS.get(text).copied());
        }
        assert!(shipped_base(&of("elders")).is_none());
        assert!(shipped_base(crate::DEFAULT_RULESET).is_none());
    }
}
