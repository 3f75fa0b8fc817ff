//! A `Session`: a compiled ruleset and its typed answers kept inside WebAssembly, for hosts that update one
//! answer at a time and read back only the outcome they show.
//!
//! [`crate::Ruleset::evaluate`] takes the whole answers object and returns the whole
//! [`regiewijzer_core::eval::Evaluation`] (reasons, question states, parameters) as a JavaScript object:
//! right for a UI that shows all of it, but most of its cost is crossing the boundary. A session keeps the
//! answers typed in wasm; [`Session::set`] changes one answer (converted exactly as `evaluate` converts
//! it, by [`Answers::set_raw`]), and [`Session::values`] / [`Session::status`] return only the strings
//! asked for. They decide one outcome with the core's [`eval::decide`] (only the rules that give that
//! outcome a value, no reasons or texts), which gives what [`eval::evaluate`] gives that outcome (a
//! property test in the core holds it to that): a session never decides differently from
//! `Ruleset.evaluate` on the same answers. A decision is kept until the next change, so reading the
//! status and the values of an outcome costs one evaluation.
//!
//! Questions and outcomes are addressed by index ([`Session::fact`], [`Session::outcome`] look them up
//! once), so that an answer change passes no strings but its value.

use regiewijzer_core::answers::{AnswerIssue, Answers, RawValue};
use regiewijzer_core::eval::{self, Decision, Evaluation, Status};
use regiewijzer_core::{Date, Model, compile};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::common::{parse_today, to_js};
use crate::{DEFAULT_RULESET, raw_from_js};

#[derive(Serialize)]
struct LoadError<'a> {
    kind: &'static str,
    diagnostics: &'a [regiewijzer_core::Diagnostic],
}

/// A compiled ruleset with answers kept inside wasm, evaluated on demand.
///
/// ```js
/// const s = new Session(source, "2026-03-20");
/// const acuut = s.fact("acuut_gevaar"), route = s.outcome("route");
/// s.set(acuut, true);
/// s.values(route); // ["crisisdienst"]
/// ```
#[wasm_bindgen]
pub struct Session {
    model: Model,
    answers: Answers,
    today: Date,
    /// The evaluation of the current answers, until an answer or `today` changes.
    last: Option<Evaluation>,
    /// Per outcome, its decision for the current answers, until an answer or `today` changes.
    decided: Vec<Option<Decision>>,
}

impl Session {
    /// A session on a checked model with no answers yet.
    pub(crate) fn with_model(model: Model, today: Date) -> Session {
        Session {
            answers: Answers::empty(&model),
            decided: vec![None; model.outcomes.len()],
            model,
            today,
            last: None,
        }
    }

    /// Forgets the evaluation and decisions of the previous answers.
    fn changed(&mut self) {
        self.last = None;
        self.decided.iter_mut().for_each(|d| *d = None);
    }

    /// Sets (or with [`RawValue::Null`] clears) the answer to fact number `fact`, converted exactly as a
    /// whole answers object would be. Returns the issue when the value cannot be used (the answer is then
    /// cleared), or `None`.
    pub(crate) fn set_raw(&mut self, fact: usize, value: RawValue) -> Option<AnswerIssue> {
        let issues = self.answers.set_raw(&self.model, fact, &value);
        self.changed();
        issues.into_iter().next()
    }

    /// The evaluation of the current answers (evaluated now if an answer changed since the last one).
    pub(crate) fn evaluation(&mut self) -> &Evaluation {
        self.last
            .get_or_insert_with(|| eval::evaluate(&self.model, &self.answers, self.today))
    }

    /// The decision of outcome number `outcome` for the current answers (decided now if an answer changed
    /// since), or `None` for no such outcome.
    pub(crate) fn decision(&mut self, outcome: usize) -> Option<&Decision> {
        let slot = self.decided.get_mut(outcome)?;
        if slot.is_none() {
            *slot = eval::decide(&self.model, &self.answers, self.today, outcome);
        }
        slot.as_ref()
    }

    /// The value ids of outcome number `outcome` (empty when undecided, in conflict, or no such outcome).
    pub(crate) fn outcome_values(&mut self, outcome: usize) -> Vec<String> {
        self.decision(outcome)
            .map(|d| d.values.clone())
            .unwrap_or_default()
    }

    /// The status of outcome number `outcome`.
    pub(crate) fn outcome_status(&mut self, outcome: usize) -> Option<Status> {
        self.decision(outcome).map(|d| d.status)
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Decided => "decided",
        Status::Default => "default",
        Status::Undecided => "undecided",
        Status::Conflict => "conflict",
    }
}

fn index(i: u32) -> usize {
    usize::try_from(i).unwrap_or(usize::MAX)
}

#[wasm_bindgen]
impl Session {
    /// Compiles a `.regels` source and starts a session on `today` (`YYYY-MM-DD`) with no answers.
    /// Throws `{kind: "diagnostics", diagnostics}` when the source has errors, like `Ruleset.load`.
    #[wasm_bindgen(constructor)]
    pub fn new(source: &str, today: &str) -> Result<Session, JsValue> {
        let today = parse_today(today)?;
        let compiled = compile(source);
        match compiled.model {
            Some(model) => Ok(Session::with_model(model, today)),
            None => Err(to_js(&LoadError {
                kind: "diagnostics",
                diagnostics: &compiled.diagnostics,
            })?),
        }
    }

    /// A session on the shipped default triage ruleset.
    #[wasm_bindgen(js_name = forDefault)]
    pub fn for_default(today: &str) -> Result<Session, JsValue> {
        Session::new(DEFAULT_RULESET, today)
    }

    /// The number of a question (its place in the ruleset), or `undefined` when there is no such question.
    pub fn fact(&self, id: &str) -> Option<u32> {
        self.model
            .fact_by_name(id)
            .and_then(|f| u32::try_from(f).ok())
    }

    /// The number of an outcome, or `undefined` when there is no such outcome.
    pub fn outcome(&self, id: &str) -> Option<u32> {
        self.model
            .outcome_by_name(id)
            .and_then(|o| u32::try_from(o).ok())
    }

    /// Sets the answer to question number `fact` (`null`/`undefined` clears it): the same forms as in an
    /// answers object. Returns `undefined`, or the issue `{fact, kind, message}` when the value cannot be
    /// used (the answer is then cleared).
    #[wasm_bindgen(
        unchecked_return_type = "{ fact: string; kind: string; message: Text } | undefined"
    )]
    pub fn set(&mut self, fact: u32, value: JsValue) -> Result<JsValue, JsValue> {
        let raw = raw_from_js(&value, 0);
        match self.set_raw(index(fact), raw) {
            Some(issue) => to_js(&issue),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Clears every answer.
    pub fn clear(&mut self) {
        self.answers = Answers::empty(&self.model);
        self.changed();
    }

    /// Changes the date the rules are applied with (`YYYY-MM-DD`).
    #[wasm_bindgen(js_name = setToday)]
    pub fn set_today(&mut self, today: &str) -> Result<(), JsValue> {
        self.today = parse_today(today)?;
        self.changed();
        Ok(())
    }

    /// The value ids of outcome number `outcome` for the current answers: one for a decided (or default)
    /// priority or unique outcome, all for collect, none when undecided or in conflict.
    pub fn values(&mut self, outcome: u32) -> Vec<String> {
        self.outcome_values(index(outcome))
    }

    /// `decided`, `default`, `undecided` or `conflict` (`undefined` for no such outcome).
    pub fn status(&mut self, outcome: u32) -> Option<String> {
        self.outcome_status(index(outcome))
            .map(|s| status_name(s).to_string())
    }

    /// The one value id of outcome number `outcome` when it is decided (or by default) to a single value;
    /// `undefined` when undecided, in conflict, or no such outcome. (For a collect outcome: its first
    /// value; use `values` for all.)
    pub fn value(&mut self, outcome: u32) -> Option<String> {
        self.decision(index(outcome))
            .and_then(|d| d.values.first().cloned())
    }

    /// True while an unanswered question could still change outcome number `outcome`.
    pub fn provisional(&mut self, outcome: u32) -> bool {
        self.decision(index(outcome)).is_some_and(|d| d.provisional)
    }

    /// The whole evaluation of the current answers, as `Ruleset.evaluate` returns it (without
    /// `answer_issues`: `set` reports those one by one).
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.evaluation())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regiewijzer_core::SortedMap;
    use regiewijzer_core::answers::{RawAnswers, RawValue};

    const VIER: &str = include_str!("../../../benches/engines/vier.regels");

    fn session(src: &str) -> Session {
        let model = compile(src).model.unwrap();
        Session::with_model(model, Date::parse("2026-03-20").unwrap())
    }

    fn raw_json(pairs: &[(&str, RawValue)]) -> RawAnswers {
        let mut m = SortedMap::new();
        for (k, v) in pairs {
            m.insert((*k).to_string(), v.clone());
        }
        RawAnswers(m)
    }

    #[test]
    fn a_session_decides_what_evaluate_decides_on_the_same_answers() {
        let mut s = session(DEFAULT_RULESET);
        let answers = [
            ("acuut_gevaar", RawValue::Bool(false)),
            ("huiselijk_geweld", RawValue::Text("nee".into())),
            ("bekend_bij_zorg", RawValue::Bool(true)),
            ("zorgaanbieder_in_contact", RawValue::Bool(false)),
            ("zorgaanbieder_soort", RawValue::Text("ggz".into())),
            ("leeftijd", RawValue::Int(40)),
            ("vermoeden_psychische_stoornis", RawValue::Bool(true)),
        ];
        for (k, v) in &answers {
            let f = s.model.fact_by_name(k).unwrap();
            assert_eq!(s.set_raw(f, v.clone()), None, "{k}");
        }
        let (typed, _) = Answers::from_raw(&s.model, &raw_json(&answers));
        let whole = eval::evaluate(&s.model, &typed, s.today);
        for (o, expected) in whole.outcomes.iter().enumerate() {
            assert_eq!(s.outcome_values(o), expected.values, "{}", expected.id);
            assert_eq!(s.outcome_status(o), Some(expected.status));
        }
        let route = s.model.outcome_by_name("route").unwrap();
        assert_eq!(s.outcome_values(route), ["bemoeizorg"]);
    }

    #[test]
    fn changing_one_answer_changes_the_outcome_and_a_bad_value_is_reported_and_cleared() {
        let mut s = session(VIER);
        let route = s.model.outcome_by_name("route").unwrap();
        let f = |s: &Session, id: &str| s.model.fact_by_name(id).unwrap();
        for (id, v) in [
            ("acuut_gevaar", false),
            ("huiselijk_geweld", false),
            ("bekend_bij_zorg", true),
        ] {
            s.set_raw(f(&s, id), RawValue::Bool(v));
        }
        assert_eq!(s.outcome_status(route), Some(Status::Undecided));
        s.set_raw(f(&s, "leeftijd"), RawValue::Int(40));
        assert_eq!(s.outcome_values(route), ["terug_naar_zorg"]);
        s.set_raw(f(&s, "acuut_gevaar"), RawValue::Bool(true));
        assert_eq!(s.outcome_values(route), ["crisisdienst"]);
        let issue = s.set_raw(f(&s, "leeftijd"), RawValue::Int(400));
        assert!(issue.is_some_and(|i| i.fact == "leeftijd"));
        assert_eq!(s.answers.get(f(&s, "leeftijd")), None);
        assert_eq!(s.set_raw(99, RawValue::Bool(true)), None);
        assert!(s.outcome_values(99).is_empty());
    }
}
