//! What the rules-core API ([`crate::Ruleset`]) and the widget's rules engine ([`crate::Engine`]) share, so
//! that both give the same shapes from one source: the TypeScript types of what crosses, values crossing as
//! JSON text, answers and decisions from the page, and an evaluation that reports the answers it could not
//! use.
//!
//! What the page passes is first made plain data by the page's own `JSON.stringify` and `JSON.parse`
//! (a getter that throws, a Proxy, a cycle or a `BigInt` make them throw, which is caught and reported,
//! never a trap of the wasm; a text longer than [`MAX_JSON_UNITS`] is refused), and only that copy is read.
//! Results go back as one JSON text for `JSON.parse`: one crossing, and the bundle carries one serializer
//! and no deserializer.

use std::cell::RefCell;
use std::rc::Rc;

use regiewijzer_core::SortedMap;
use regiewijzer_core::answers::{AnswerIssue, AnswerIssueKind, Answers, RawAnswers, RawValue};
use regiewijzer_core::model::Text;
use regiewijzer_core::summary::{Decision, Override};
use regiewijzer_core::{Date, Model, eval};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::raw_from_js;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A text in Dutch and English. */
export interface Text { nl: string; en: string }
/** The identity of a ruleset. */
export interface RulesetRef { id: string; version: string; hash: string; title: Text; base?: RulesetBase }
/** The base a variant was resolved against (docs/language.md, "Variants"). */
export interface RulesetBase { id: string; version: string; hash: string }
/** One question of the checklist. */
export interface FactView {
  id: string; label: Text; help: Text | null; type: "bool" | "choice" | "int" | "scale" | "date" | "timeline";
  options: { id: string; label: Text }[]; min: number | null; max: number | null; ask_when: string | null;
  fields: { id: string; label: Text; type: string; options: { id: string; label: Text }[]; min: number | null; max: number | null }[];
  /** The levels of a scale the ruleset names (`id` the number), also for a scale too wide for `options`. */
  levels: { id: string; label: Text }[];
}
/** The checklist a ruleset describes. */
export interface Checklist {
  ruleset: RulesetRef; valid_from: string | null; note: Text | null; uses_today: boolean;
  sections: { id: string; label: Text; help: Text | null; facts: FactView[] }[];
  outcomes: { id: string; label: Text; policy: "priority" | "unique" | "collect" | "deadline"; values: { id: string; label: Text }[] }[];
  parameters: UsedParameter[]; parties: { id: string; label: Text }[]; phases: { id: string; label: Text }[];
  /** The phases of a case in which this ruleset is used (its `phases` line); null: every phase. */
  used_in: string[] | null;
  /** The reasons a professional can give for deciding otherwise than the advice (a code and its label). */
  override_reasons: { id: string; label: Text }[];
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
/** A professional's decision that differs from the advice for one outcome: the chosen values (one for a
 * single-value outcome; the whole list for a collect outcome), a code from the ruleset's `override reason`
 * list and free text. */
export interface OverrideInput { outcome: string; values: string[]; code: string; reason: string }
/** A professional's decision on one outcome: confirmed, or decided otherwise. */
export type DecisionInput = { kind: "confirmed"; outcome: string } | ({ kind: "override" } & OverrideInput)
"#;

/// The longest JSON text read from the page, in UTF-16 code units (4 Mi): a real answers object is a few
/// kilobytes (at most 2,000 questions and 1,000 records per timeline). Anything longer is refused before
/// it is copied or read, so that no value the page passes can exhaust the wasm's memory.
pub(crate) const MAX_JSON_UNITS: u32 = 1 << 22;

/// Why a value from the page could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// `JSON.stringify` threw (a getter that throws, a revoked Proxy, a cycle, a `BigInt`), or its text is
    /// longer than [`MAX_JSON_UNITS`].
    Unreadable,
    /// Read, but not of the expected shape (answers that are a list or a number, a decision without kind).
    WrongShape,
}

/// A value from the page as plain data: a copy made by the page's own `JSON.stringify` and `JSON.parse`
/// (`undefined`, a function or a symbol: `null`), read by [`raw_from_js`]. Nothing of the page's object is
/// read by the wasm itself.
pub(crate) fn plain_from_js(value: &JsValue) -> Result<RawValue, Unreadable> {
    plain_from_text(page_text(value)?)
}

/// The page's own JSON text of a value (`None`: `undefined`, a function or a symbol, which have none).
fn page_text(value: &JsValue) -> Result<Option<js_sys::JsString>, Unreadable> {
    if value.is_undefined() {
        return Ok(None);
    }
    let text = js_sys::JSON::stringify(value).map_err(|_| Unreadable::Unreadable)?;
    if !text.is_string() {
        return Ok(None);
    }
    if text.length() > MAX_JSON_UNITS {
        return Err(Unreadable::Unreadable);
    }
    Ok(Some(text))
}

/// The plain data of a [`page_text`], parsed by the page's own `JSON.parse`.
fn plain_from_text(text: Option<js_sys::JsString>) -> Result<RawValue, Unreadable> {
    let Some(text) = text else {
        return Ok(RawValue::Null);
    };
    let copy = parse_in_page(&text).map_err(|_| Unreadable::Unreadable)?;
    Ok(raw_from_js(&copy, 0))
}

/// The last whole evaluation a ruleset gave, kept with the answers (their JSON text) and the date it was
/// for. The element asks for the ranking (`evaluate`) and then the summary of the same answers; the summary
/// takes the kept evaluation instead of working everything out a second time (the ranking is most of it).
/// Nothing is borrowed while the page's code may run (its `toJSON`), so a call back in cannot conflict.
#[derive(Default)]
pub(crate) struct LastWhole(RefCell<Option<(String, Date, Rc<eval::Evaluation>)>>);

impl LastWhole {
    /// The whole evaluation of `answers` on `today`: the kept one when it is for the same answers and date.
    pub(crate) fn of(&self, model: &Model, answers: &JsValue, today: Date) -> Rc<eval::Evaluation> {
        let text = page_text(answers);
        // Answers that cannot be read have no key: evaluated (without them) each time, never kept.
        let key = match &text {
            Ok(Some(t)) => Some(String::from(t)),
            Ok(None) => Some(String::new()),
            Err(_) => None,
        };
        if let Some(key) = &key
            && let Some((k, d, kept)) = &*self.0.borrow()
            && k == key
            && *d == today
        {
            return Rc::clone(kept);
        }
        let read = read_answers(text.and_then(plain_from_text));
        let result = Rc::new(evaluate_read_as(model, read, today, Depth::Whole));
        if let Some(key) = key {
            *self.0.borrow_mut() = Some((key, today, Rc::clone(&result)));
        }
        result
    }
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a text that stays in the page (js-sys's takes a Rust `&str`, which would copy it in
    /// and out of the wasm's memory).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_in_page(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// A Rust value as a plain JavaScript value (maps become objects), through one JSON text (written by
/// [`crate::json`]: serde_json's text, in less code).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::json::to_string(value).ok_or_else(|| JsValue::from_str(NOT_SERIALIZABLE))?;
    js_sys::JSON::parse(&text)
}

const NOT_SERIALIZABLE: &str =
    "het resultaat kon niet worden doorgegeven / the result could not be passed on";

/// `today` as a date, or the error thrown to the page.
pub(crate) fn parse_today(today: &str) -> Result<Date, JsValue> {
    Date::parse(today).ok_or_else(|| {
        let mut message = String::from("'");
        message.push_str(today);
        message.push_str("' is geen datum (JJJJ-MM-DD) / is not a date (YYYY-MM-DD)");
        JsValue::from_str(&message)
    })
}

/// The answers the page passed (see [`plain_from_js`]; `null`: none), or, when they cannot be used, none
/// and the issue that says why (the evaluation then runs without answers; it never throws for bad
/// answers).
pub(crate) fn read_answers(plain: Result<RawValue, Unreadable>) -> (RawAnswers, Vec<AnswerIssue>) {
    match plain {
        Ok(RawValue::Record(map)) => (RawAnswers(map), Vec::new()),
        Ok(RawValue::Null) => (RawAnswers::default(), Vec::new()),
        Ok(_) => (
            RawAnswers::default(),
            vec![answers_issue(Unreadable::WrongShape)],
        ),
        Err(why) => (RawAnswers::default(), vec![answers_issue(why)]),
    }
}

/// The issue for answers that could not be used at all.
fn answers_issue(why: Unreadable) -> AnswerIssue {
    let message = match why {
        Unreadable::Unreadable => Text {
            nl: "De antwoorden konden niet worden gelezen (een waarde gaf een fout, verwijst naar zichzelf of is te groot); er is gerekend zonder antwoorden.".to_string(),
            en: "The answers could not be read (a value raised an error, refers to itself or is too large); evaluated without answers.".to_string(),
        },
        Unreadable::WrongShape => Text {
            nl: "De antwoorden zijn geen object; er is gerekend zonder antwoorden.".to_string(),
            en: "The answers are not an object; evaluated without answers.".to_string(),
        },
    };
    AnswerIssue {
        fact: String::new(),
        kind: AnswerIssueKind::WrongType,
        message,
    }
}

/// Evaluates answers on `today`, with every answer that could not be used in `answer_issues` (first those
/// of the answers as a whole, then those per question). (The tests' way in; pages go through
/// [`evaluate_js`].)
#[cfg(test)]
pub(crate) fn evaluate_read(
    model: &Model,
    read: (RawAnswers, Vec<AnswerIssue>),
    today: Date,
) -> eval::Evaluation {
    evaluate_read_as(model, read, today, Depth::Whole)
}

/// How much of an evaluation a call works out.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Depth {
    /// What paints the outcome ([`eval::evaluate_outcomes`]): no ranking of the open questions, no
    /// values that could still be added.
    Outcomes,
    /// Everything ([`eval::evaluate`]).
    Whole,
}

fn evaluate_read_as(
    model: &Model,
    (raw, mut issues): (RawAnswers, Vec<AnswerIssue>),
    today: Date,
    depth: Depth,
) -> eval::Evaluation {
    let (typed, more) = Answers::from_raw(model, &raw);
    issues.extend(more);
    let mut result = match depth {
        Depth::Outcomes => eval::evaluate_outcomes(model, &typed, today),
        Depth::Whole => eval::evaluate(model, &typed, today),
    };
    result.answer_issues = issues;
    result
}

/// Evaluates the answers the page passed on `today` (see [`read_answers`]), to `depth`.
pub(crate) fn evaluate_js(
    model: &Model,
    answers: &JsValue,
    today: Date,
    depth: Depth,
) -> eval::Evaluation {
    evaluate_read_as(model, read_answers(plain_from_js(answers)), today, depth)
}

/// The professional's decisions (`null`: none), as `DecisionInput[]` in the TypeScript types.
pub(crate) fn read_decisions(plain: &RawValue) -> Option<Vec<Decision>> {
    match plain {
        RawValue::Null => Some(Vec::new()),
        RawValue::List(items) => items.iter().map(decision_from).collect(),
        _ => None,
    }
}

/// One decision: `{kind: "confirmed", outcome}` or `{kind: "override", outcome, values, code, reason}`.
fn decision_from(plain: &RawValue) -> Option<Decision> {
    let RawValue::Record(fields) = plain else {
        return None;
    };
    match text(fields.get("kind"))?.as_str() {
        "confirmed" => Some(Decision::Confirmed {
            outcome: text(fields.get("outcome"))?,
        }),
        "override" => override_from(plain).map(Decision::Override),
        _ => None,
    }
}

/// An override, as `OverrideInput`: `outcome` and `values` required, `code` and `reason` empty when left
/// out.
pub(crate) fn override_from(plain: &RawValue) -> Option<Override> {
    let RawValue::Record(fields) = plain else {
        return None;
    };
    let Some(RawValue::List(values)) = fields.get("values") else {
        return None;
    };
    Some(Override {
        outcome: text(fields.get("outcome"))?,
        values: values
            .iter()
            .map(|v| text(Some(v)))
            .collect::<Option<_>>()?,
        code: optional_text(fields, "code")?,
        reason: optional_text(fields, "reason")?,
    })
}

/// A text field.
fn text(value: Option<&RawValue>) -> Option<String> {
    match value {
        Some(RawValue::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

/// A text field that may be left out (or `null`): then empty.
fn optional_text(fields: &SortedMap<String, RawValue>, key: &str) -> Option<String> {
    match fields.get(key) {
        None | Some(RawValue::Null) => Some(String::new()),
        value => text(value),
    }
}

const DECISIONS_UNREADABLE: &str = "de besluiten zijn geen lijst van besluiten ({kind, outcome, …}) / the decisions are not a list of decisions ({kind, outcome, …})";

/// The plain-text summary of the answers the page passed, on `today`, with its decisions, in `lang`.
pub(crate) fn summary_js(
    model: &Model,
    last: &LastWhole,
    answers: &JsValue,
    today: &str,
    decisions: &JsValue,
    lang: &str,
) -> Result<String, JsValue> {
    let today = parse_today(today)?;
    let decisions = plain_from_js(decisions)
        .ok()
        .as_ref()
        .and_then(read_decisions)
        .ok_or_else(|| JsValue::from_str(DECISIONS_UNREADABLE))?;
    let result = last.of(model, answers, today);
    Ok(regiewijzer_core::summary::summary(
        model, &result, &decisions, lang,
    ))
}

/// Checks an override the page passed: `undefined` when it can be recorded, else why, in nl and en.
pub(crate) fn validate_override_js(model: &Model, value: &JsValue) -> Result<JsValue, JsValue> {
    let ov = plain_from_js(value)
        .ok()
        .as_ref()
        .and_then(override_from)
        .ok_or_else(|| JsValue::from_str(OVERRIDE_UNREADABLE))?;
    match ov.validate(model) {
        Ok(()) => Ok(JsValue::UNDEFINED),
        Err(e) => to_js(&e.message()),
    }
}

const OVERRIDE_UNREADABLE: &str = "de afwijking is geen {outcome, values, code, reason} / the override is not an {outcome, values, code, reason}";

/// The methods [`crate::Ruleset`] and [`crate::Engine`] share, written once for both (a type with a
/// `model: Model` field and a `last: LastWhole` field): `id`, `version`, `hash`, `title`, `checklist()`, `evaluate(answers, today)`, `evaluateOutcomes(answers, today)`,
/// `summary(answers, today, decisions, lang)` and `validateOverride(input)`.
macro_rules! rules_methods {
    ($ty:ident) => {
        #[wasm_bindgen]
        impl $ty {
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

            /// The title, in nl and en.
            #[wasm_bindgen(getter, unchecked_return_type = "Text")]
            pub fn title(&self) -> Result<JsValue, JsValue> {
                $crate::common::to_js(&self.model.meta.title)
            }

            /// The checklist: sections, questions, outcomes.
            #[wasm_bindgen(unchecked_return_type = "Checklist")]
            pub fn checklist(&self) -> Result<JsValue, JsValue> {
                $crate::common::to_js(&regiewijzer_core::describe::checklist(&self.model))
            }

            /// Evaluates answers on `today` (`YYYY-MM-DD`). Answers that cannot be used (also answers
            /// that cannot be read at all: a getter that throws, a cycle) are reported in
            /// `answer_issues`; this never throws for bad answers, only for a bad `today`.
            #[wasm_bindgen(unchecked_return_type = "Evaluation")]
            pub fn evaluate(
                &self,
                #[wasm_bindgen(unchecked_param_type = "AnswersInput")] answers: JsValue,
                today: &str,
            ) -> Result<JsValue, JsValue> {
                let today = $crate::common::parse_today(today)?;
                $crate::common::to_js(&*self.last.of(&self.model, &answers, today))
            }

            /// As `evaluate`, without what costs the most: `next` (the ranked open questions) and each
            /// outcome's `could_add` / `could_add_labels` are empty. Everything that paints the outcome is
            /// there (statuses, values, reasons, `provisional`, `final_values`, `matters_next`); a page calls
            /// this per answer and `evaluate` a moment later for the ranking.
            #[wasm_bindgen(js_name = evaluateOutcomes, unchecked_return_type = "Evaluation")]
            pub fn evaluate_outcomes(
                &self,
                #[wasm_bindgen(unchecked_param_type = "AnswersInput")] answers: JsValue,
                today: &str,
            ) -> Result<JsValue, JsValue> {
                let today = $crate::common::parse_today(today)?;
                let depth = $crate::common::Depth::Outcomes;
                $crate::common::to_js(&$crate::common::evaluate_js(
                    &self.model,
                    &answers,
                    today,
                    depth,
                ))
            }

            /// A plain-text summary (answers, outcomes, reasons, ruleset id/version/hash, date) in
            /// `lang`, with the professional's decision per outcome (confirmed, decided otherwise, or not
            /// yet).
            pub fn summary(
                &self,
                #[wasm_bindgen(unchecked_param_type = "AnswersInput")] answers: JsValue,
                today: &str,
                #[wasm_bindgen(unchecked_param_type = "DecisionInput[]")] decisions: JsValue,
                lang: &str,
            ) -> Result<String, JsValue> {
                $crate::common::summary_js(
                    &self.model,
                    &self.last,
                    &answers,
                    today,
                    &decisions,
                    lang,
                )
            }

            /// Checks an override: `undefined` when it can be recorded, else the reason in nl and en.
            #[wasm_bindgen(js_name = validateOverride, unchecked_return_type = "Text | undefined")]
            pub fn validate_override(
                &self,
                #[wasm_bindgen(unchecked_param_type = "OverrideInput")] value: JsValue,
            ) -> Result<JsValue, JsValue> {
                $crate::common::validate_override_js(&self.model, &value)
            }
        }
    };
}
pub(crate) use rules_methods;

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-03-20";

    fn record(pairs: &[(&str, RawValue)]) -> RawValue {
        let mut m = SortedMap::new();
        for (k, v) in pairs {
            m.insert((*k).to_string(), v.clone());
        }
        RawValue::Record(m)
    }

    fn text_value(s: &str) -> RawValue {
        RawValue::Text(s.to_string())
    }

    /// The rules the widget's engine embeds, read from the compact form as `Engine.load()` reads them.
    fn embedded() -> Model {
        regiewijzer_core::bin::decode(crate::DEFAULT_MODEL).unwrap()
    }

    fn route(result: &eval::Evaluation) -> Vec<String> {
        result.outcome("route").unwrap().values.clone()
    }

    #[test]
    fn the_embedded_rules_evaluate_as_the_shipped_source_compiled_by_the_api() {
        let compiled = regiewijzer_core::compile(crate::DEFAULT_RULESET)
            .model
            .unwrap();
        let engine = embedded();
        assert_eq!(engine.meta.id, "triage");
        assert_eq!(engine.meta.hash, compiled.meta.hash);
        let today = Date::parse(TODAY).unwrap();
        let answers = record(&[
            ("acuut_gevaar", RawValue::Bool(true)),
            ("leeftijd", RawValue::Int(40)),
        ]);
        let via_engine = evaluate_read(&engine, read_answers(Ok(answers.clone())), today);
        let via_api = evaluate_read(&compiled, read_answers(Ok(answers)), today);
        assert_eq!(route(&via_engine), ["crisisdienst_112"]);
        assert_eq!(
            serde_json::to_string(&via_engine).unwrap(),
            serde_json::to_string(&via_api).unwrap()
        );
    }

    #[test]
    fn answers_that_cannot_be_used_are_reported_first_and_the_rules_still_run() {
        let model = embedded();
        let today = Date::parse(TODAY).unwrap();
        for (plain, nl) in [
            (Ok(RawValue::List(vec![])), "geen object"),
            (Ok(RawValue::Int(3)), "geen object"),
            (Err(Unreadable::Unreadable), "niet worden gelezen"),
        ] {
            let result = evaluate_read(&model, read_answers(plain), today);
            let first = &result.answer_issues[0];
            assert_eq!(first.fact, "");
            assert!(first.message.nl.contains(nl), "{}", first.message.nl);
            assert!(!first.message.en.is_empty());
            assert_eq!(result.outcomes.len(), model.outcomes.len());
        }
        let (raw, issues) = read_answers(Ok(RawValue::Null));
        assert!(raw.0.is_empty() && issues.is_empty());
        // Per question issues follow the one about the answers as a whole.
        let bad = record(&[("leeftijd", RawValue::Int(4000))]);
        let result = evaluate_read(&model, read_answers(Ok(bad)), today);
        assert_eq!(result.answer_issues.len(), 1);
        assert_eq!(result.answer_issues[0].fact, "leeftijd");
    }

    #[test]
    fn decisions_are_read_in_the_shapes_of_decision_input() {
        let confirmed = record(&[
            ("kind", text_value("confirmed")),
            ("outcome", text_value("route")),
        ]);
        let otherwise = record(&[
            ("kind", text_value("override")),
            ("outcome", text_value("acties")),
            (
                "values",
                RawValue::List(vec![text_value("zet_bemoeizorg_in")]),
            ),
            ("reason", text_value("Melder is bang.")),
        ]);
        let read = read_decisions(&RawValue::List(vec![confirmed.clone(), otherwise])).unwrap();
        assert_eq!(
            read[0],
            Decision::Confirmed {
                outcome: "route".into()
            }
        );
        let Decision::Override(ov) = &read[1] else {
            panic!("an override")
        };
        assert_eq!(ov.values, ["zet_bemoeizorg_in"]);
        assert_eq!(
            (ov.code.as_str(), ov.reason.as_str()),
            ("", "Melder is bang.")
        );
        assert_eq!(read_decisions(&RawValue::Null), Some(Vec::new()));
        // Anything else is not a list of decisions, as a whole: no decision is silently dropped.
        let no_kind = record(&[("outcome", text_value("route"))]);
        let no_values = record(&[
            ("kind", text_value("override")),
            ("outcome", text_value("route")),
        ]);
        let number_value = record(&[
            ("kind", text_value("override")),
            ("outcome", text_value("route")),
            ("values", RawValue::List(vec![RawValue::Int(1)])),
        ]);
        for bad in [no_kind, no_values, number_value, text_value("route")] {
            assert_eq!(
                read_decisions(&RawValue::List(vec![confirmed.clone(), bad])),
                None
            );
        }
        assert_eq!(read_decisions(&confirmed), None);
    }

    #[test]
    fn an_override_is_read_and_then_checked_by_the_core() {
        let model = embedded();
        let ov = override_from(&record(&[
            ("outcome", text_value("route")),
            ("values", RawValue::List(vec![text_value("bemoeizorg")])),
            ("code", RawValue::Null),
        ]))
        .unwrap();
        assert_eq!(ov.code, "");
        // The triage rules list reasons: one must be chosen.
        assert!(ov.validate(&model).is_err());
        assert_eq!(override_from(&text_value("route")), None);
    }
}
