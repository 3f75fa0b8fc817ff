//! The `<regie-wijzer>` widget, rendered from Rust into the open shadow root that the JS shim
//! (`www/regiewijzer.js`) creates. The shim owns what Rust cannot do (extend `HTMLElement`, form
//! association, events, clipboard); this module owns the checklist, the live advice, the reasons and the
//! professional's decision.
//!
//! Every text from a ruleset or an answer goes in with `set_text_content` or as an attribute value,
//! never as HTML. One delegated listener per event type on the shadow root handles every control.

mod decide;
mod words;

use std::cell::RefCell;
use std::rc::Rc;

use regiewijzer_core::answers::{Answers, RawAnswers, RawValue};
use regiewijzer_core::describe::{Checklist, FactView, checklist};
use regiewijzer_core::eval::{
    Evaluation, NEXT_SHOWN, NextKind, NextQuestion, NextWords, OutcomeResult, Status, evaluate,
};
use regiewijzer_core::map::SortedMap;
use regiewijzer_core::model::Text;
use regiewijzer_core::summary::summary;
use regiewijzer_core::{Date, Model};
use serde::Serialize;

use crate::raw_from_js;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, Event, HtmlDetailsElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement, ShadowRoot,
};

use crate::common::to_js;
use words::{Words, words};

type JsResult<T = ()> = Result<T, JsValue>;

/// One answer as the widget keeps it (and as the host's `answers` property shows it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
enum Ans {
    Bool(bool),
    Int(i64),
    /// A number that is not a usable whole number (a fraction, or too large): kept and reported.
    Number(f64),
    Text(String),
    /// Timeline records: field id → value as text.
    Records(Vec<SortedMap<String, Field>>),
}

/// One field of a timeline record, kept as text the way an input holds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
enum Field {
    Bool(bool),
    Int(i64),
    Text(String),
}

impl Field {
    fn text(&self) -> String {
        match self {
            Field::Bool(b) => b.to_string(),
            Field::Int(n) => n.to_string(),
            Field::Text(t) => t.clone(),
        }
    }
}

/// Answers from loose input (the `answers` property, a restored value); unusable entries are left out.
fn answers_from(raw: &RawValue) -> SortedMap<String, Ans> {
    let RawValue::Record(map) = raw else {
        return SortedMap::new();
    };
    let field = |v: &RawValue| match v {
        RawValue::Bool(b) => Some(Field::Bool(*b)),
        RawValue::Int(n) => Some(Field::Int(*n)),
        RawValue::Text(t) => Some(Field::Text(t.clone())),
        _ => None,
    };
    map.iter()
        .filter_map(|(k, v)| {
            let a = match v {
                RawValue::Bool(b) => Ans::Bool(*b),
                RawValue::Int(n) => Ans::Int(*n),
                RawValue::Text(t) => Ans::Text(t.clone()),
                // A fraction or a number too large to be exact is kept as it is, so that the question
                // reports it (a whole number was expected) instead of the answer quietly vanishing.
                RawValue::Float(f) => Ans::Number(*f),
                // Every item counts (one that is not a record as a record without fields, which the
                // question reports): a list is never read as shorter than it is.
                RawValue::List(items) => Ans::Records(
                    items
                        .iter()
                        .map(|r| match r {
                            RawValue::Record(m) => m
                                .iter()
                                .filter_map(|(fk, fv)| field(fv).map(|f| (fk.clone(), f)))
                                .collect(),
                            _ => SortedMap::new(),
                        })
                        .collect(),
                ),
                _ => return None,
            };
            Some((k.clone(), a))
        })
        .collect()
}

#[derive(Serialize)]
struct RulesetIdentity<'a> {
    id: &'a str,
    version: &'a str,
    hash: &'a str,
}

#[derive(Serialize)]
struct OutcomeValue<'a> {
    status: Status,
    values: &'a [String],
    provisional: bool,
    rules: Vec<&'a str>,
}

/// What the host's form submits (JSON) and the events carry.
#[derive(Serialize)]
struct WidgetValue<'a> {
    ruleset: RulesetIdentity<'a>,
    today: String,
    lang: &'a str,
    answers: &'a SortedMap<String, Ans>,
    /// Answers to questions these rules do not have (e.g. removed in a new version): kept, not used.
    removed_answers: Vec<&'a str>,
    outcomes: SortedMap<&'a str, OutcomeValue<'a>>,
    /// True when every outcome has a decision.
    decided: bool,
    /// Per outcome: the advice, the decision, the values, the reason and the time of deciding.
    decisions: decide::Value<'a>,
}

struct State {
    shadow: ShadowRoot,
    doc: Document,
    notify: js_sys::Function,
    lang: String,
    today: Date,
    /// The host's `today` when it is not a real date (the device's date is used instead, and the widget
    /// says so).
    bad_today: Option<String>,
    model: Option<Model>,
    checklist: Option<Checklist>,
    answers: SortedMap<String, Ans>,
    /// The professional's decision per outcome.
    decisions: SortedMap<String, decide::Decided>,
    result: Option<Evaluation>,
    /// The outcome whose override form is open.
    override_open: Option<String>,
    /// A half-typed override (outcome, what is chosen) kept while the whole widget is redrawn (language
    /// switch, rules reload): a reason the professional is typing is never dropped.
    draft: Option<(String, decide::Otherwise)>,
}

/// The widget's Rust half; the JS shim creates one per `<regie-wijzer>` element.
#[wasm_bindgen]
pub struct WidgetCore {
    state: Rc<RefCell<State>>,
    shadow: ShadowRoot,
    listeners: Vec<Listener>,
}

/// An event type and the closure listening for it on the shadow root.
type Listener = (&'static str, Closure<dyn FnMut(Event)>);

impl Drop for WidgetCore {
    /// A replaced widget (another `rules` file) takes its listeners with it.
    fn drop(&mut self) {
        for (kind, closure) in &self.listeners {
            let _ = self
                .shadow
                .remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        }
    }
}

#[wasm_bindgen]
impl WidgetCore {
    /// Creates the widget's Rust half for `shadow`; nothing is drawn until one of the `load` calls.
    /// `today` is the host's `today` attribute (`undefined` when absent) and `local` the device's date,
    /// both `YYYY-MM-DD` (see [`WidgetCore::set_today`]); `notify(kind, detail)` is called with
    /// `"change"`, `"confirm"`, `"error"` or `"copy"`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        shadow: ShadowRoot,
        lang: &str,
        today: Option<String>,
        local: &str,
        notify: js_sys::Function,
    ) -> Result<WidgetCore, JsValue> {
        let doc = shadow
            .owner_document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let (today, bad_today) = pick_today(today, local);
        let state = Rc::new(RefCell::new(State {
            shadow: shadow.clone(),
            doc,
            notify,
            lang: lang.to_string(),
            today,
            bad_today,
            model: None,
            checklist: None,
            answers: SortedMap::new(),
            decisions: SortedMap::new(),
            result: None,
            override_open: None,
            draft: None,
        }));
        let mut listeners = Vec::new();
        for kind in ["input", "change", "click"] {
            let st = Rc::clone(&state);
            let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                // An event that our own redraw causes (a focused field that is removed fires `change`)
                // finds the state in use: the answer it carries was taken with its `input` event already.
                if st.try_borrow_mut().is_err() {
                    return;
                }
                // A failure in one event must never break the page; the next event starts afresh.
                let _ = on_event(&st, &event);
            });
            shadow.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
            listeners.push((kind, closure));
        }
        Ok(WidgetCore {
            state,
            shadow,
            listeners,
        })
    }

    /// Loads a checked ruleset in the compact binary form that the rules-core bundle's
    /// `compileForWidget` makes (`undefined`: the shipped default, checked when this bundle was built).
    /// Answers are kept.
    pub fn load(&self, model: Option<Vec<u8>>) -> JsResult {
        let decoded = match &model {
            Some(bytes) => regiewijzer_core::bin::decode(bytes),
            None => regiewijzer_core::bin::decode(crate::DEFAULT_MODEL),
        };
        let Ok(model) = decoded else {
            self.state.borrow_mut().model = None;
            let problem = LoadProblem::from_js(&JsValue::UNDEFINED);
            return show_error(&self.state, &js_sys::Array::new(), &problem);
        };
        {
            let mut st = self.state.borrow_mut();
            st.checklist = Some(checklist(&model));
            st.model = Some(model);
        }
        render_all(&self.state)
    }

    /// Takes over the work of the widget core that `old` was for the same element, before new rules are
    /// loaded into this one: the answers (also those the new rules may not ask; they are kept and
    /// reported), the decision with its reason, and an override being typed. A confirmation of an advice
    /// that the new rules change is dropped, as when an answer changes it; an override stays.
    #[wasm_bindgen(js_name = takeOver)]
    pub fn take_over(&self, old: &WidgetCore) {
        if Rc::ptr_eq(&self.state, &old.state) {
            return;
        }
        // What the old core's form shows is part of its draft (both draw into the same shadow root).
        let _ = decide::keep_draft(&old.state);
        let Ok(old) = old.state.try_borrow() else {
            return;
        };
        let Ok(mut st) = self.state.try_borrow_mut() else {
            return;
        };
        st.answers = old.answers.clone();
        st.decisions = old.decisions.clone();
        st.override_open = old.override_open.clone();
        st.draft = old.draft.clone();
    }

    /// Shows why the rules from the host's `rules` file cannot be used: the `diagnostics` that the
    /// rules-core bundle reported (errors are listed with code, line:column and message). `url` is the
    /// file's address (`undefined` for `rulesSource`).
    #[wasm_bindgen(js_name = showDiagnostics)]
    pub fn show_diagnostics(&self, diagnostics: js_sys::Array, url: Option<String>) -> JsResult {
        self.state.borrow_mut().model = None;
        let problem = LoadProblem {
            kind: "rules".into(),
            url,
            status: None,
        };
        show_error(&self.state, &diagnostics, &problem)
    }

    /// Shows that the rules could not be loaded, and why: `problem` is `{kind, url, status}` (kinds:
    /// `http`, `network`, `csp`, `compiler`, `url`, `empty`); the words and the `regiewijzer-error`
    /// detail say which, with the URL and the HTTP status.
    #[wasm_bindgen(js_name = loadFailed)]
    pub fn load_failed(&self, problem: JsValue) -> JsResult {
        self.state.borrow_mut().model = None;
        show_error(
            &self.state,
            &js_sys::Array::new(),
            &LoadProblem::from_js(&problem),
        )
    }

    /// Switches the language (`nl` or `en`) and renders again.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: &str) -> JsResult {
        self.state.borrow_mut().lang = lang.to_string();
        render_all(&self.state)
    }

    /// Sets the evaluation date from the host's `today` (`undefined`: none given). A value that is not a
    /// real calendar date in `YYYY-MM-DD` is never ignored or guessed: the widget uses the device's date
    /// `local` and says so in words until the host gives a real date.
    #[wasm_bindgen(js_name = setToday)]
    pub fn set_today(&self, today: Option<String>, local: &str) -> JsResult {
        {
            let mut st = self.state.borrow_mut();
            (st.today, st.bad_today) = pick_today(today, local);
        }
        render_today_notice(&self.state)?;
        update(&self.state)
    }

    /// The answers, question id → value.
    pub fn answers(&self) -> JsResult<JsValue> {
        to_js(&self.state.borrow().answers)
    }

    /// Replaces the answers (unknown or unusable ones are shown as such, never thrown).
    #[wasm_bindgen(js_name = setAnswers)]
    pub fn set_answers(&self, answers: JsValue) -> JsResult {
        self.state.borrow_mut().answers = answers_from(&raw_from_js(&answers, 0));
        render_all(&self.state)
    }

    /// The value the host form submits: answers, outcomes, reasons (rule ids), decision, ruleset hash.
    pub fn value(&self) -> JsResult<JsValue> {
        value_of(&self.state.borrow())
    }

    /// True when the professional confirmed or decided otherwise on every outcome of the advice.
    #[wasm_bindgen(js_name = isDecided)]
    pub fn is_decided(&self) -> bool {
        decide::all_decided(&self.state.borrow())
    }

    /// Clears answers and decision (form reset).
    pub fn reset(&self) -> JsResult {
        {
            let mut st = self.state.borrow_mut();
            st.answers.clear();
            st.decisions.clear();
            st.override_open = None;
            st.draft = None;
        }
        render_all(&self.state)
    }

    /// Restores answers and decisions from an earlier value (browser form restore), also the single
    /// `decision` of an older widget's value.
    pub fn restore(&self, state: JsValue) -> JsResult {
        let RawValue::Record(r) = raw_from_js(&state, 0) else {
            return Ok(());
        };
        {
            let mut st = self.state.borrow_mut();
            st.answers = r.get("answers").map(answers_from).unwrap_or_default();
            st.result = evaluate_now(&st);
            st.decisions = decide::restored(&r, st.result.as_ref());
        }
        render_all(&self.state)
    }

    /// The plain-text summary for a dossier, in the widget's language.
    #[wasm_bindgen(js_name = summaryText)]
    pub fn summary_text(&self) -> String {
        summary_of(&self.state.borrow())
    }
}

// ---------- events ----------

fn on_event(state: &Rc<RefCell<State>>, event: &Event) -> JsResult {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return Ok(());
    };
    if event.type_() == "click" {
        return on_click(state, &target);
    }
    // Inputs of the decision panel are read when saving, not evaluated.
    if target.closest("[part=decision]")?.is_some() {
        return Ok(());
    }
    let Some(question) = target.closest("[part=question]")? else {
        return Ok(());
    };
    let fact = question.get_attribute("data-fact").unwrap_or_default();
    let ty = question.get_attribute("data-type").unwrap_or_default();
    let value = read_question(&question, &ty)?;
    {
        let mut st = state.borrow_mut();
        #[cfg(feature = "fault-hook")]
        crate::fault::hit("answer");
        match value {
            Some(v) => st.answers.insert(fact, v),
            None => st.answers.remove(&fact),
        };
    }
    update(state)
}

fn on_click(state: &Rc<RefCell<State>>, target: &Element) -> JsResult {
    let Some(button) = target.closest("[data-action]")? else {
        return Ok(());
    };
    let action = button.get_attribute("data-action").unwrap_or_default();
    match action.as_str() {
        "confirm" => decide::confirm(state)?,
        "override" => {
            let outcome = button.get_attribute("data-outcome").unwrap_or_default();
            decide::open(state, &outcome)?;
        }
        "cancel-override" => decide::cancel(state)?,
        "save-override" => decide::save(state)?,
        "copy" => {
            let (notify, text) = {
                let st = state.borrow();
                (st.notify.clone(), summary_of(&st))
            };
            notify.call2(&JsValue::NULL, &"copy".into(), &JsValue::from_str(&text))?;
        }
        "no-records" => {
            let Some(question) = button.closest("[part=question]")? else {
                return Ok(());
            };
            let fact = question.get_attribute("data-fact").unwrap_or_default();
            state
                .borrow_mut()
                .answers
                .insert(fact.clone(), Ans::Records(Vec::new()));
            render_records(state, &question, &fact)?;
            update(state)?;
        }
        "add-record" | "remove-record" => {
            let Some(question) = button.closest("[part=question]")? else {
                return Ok(());
            };
            let fact = question.get_attribute("data-fact").unwrap_or_default();
            {
                let mut st = state.borrow_mut();
                let today = st.today.to_string();
                let mut records = match st.answers.get(&fact) {
                    Some(Ans::Records(r)) => r.clone(),
                    _ => Vec::new(),
                };
                if action == "add-record" {
                    let first = first_field(&st, &fact).unwrap_or_default();
                    let mut rec = SortedMap::new();
                    rec.insert(first, Field::Text(today));
                    records.push(rec);
                } else {
                    let i: usize = button
                        .get_attribute("data-index")
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(usize::MAX);
                    if i < records.len() {
                        records.remove(i);
                    }
                }
                st.answers.insert(fact.clone(), Ans::Records(records));
            }
            render_records(state, &question, &fact)?;
            update(state)?;
            // Keep the keyboard where the person was: on the add button or the list.
            if let Some(add) = question.query_selector("[data-action=add-record]")? {
                let _ = add.dyn_into::<HtmlElement>().map(|e| e.focus());
            }
        }
        "focus" => {
            let fact = button.get_attribute("data-target").unwrap_or_default();
            let st = state.borrow();
            let sel = format!(
                "[part=question][data-fact=\"{}\"] input, [part=question][data-fact=\"{}\"] select",
                css_ident(&fact),
                css_ident(&fact)
            );
            if let Some(input) = st.shadow.query_selector(&sel)? {
                let _ = input.dyn_into::<HtmlElement>().map(|e| e.focus());
            }
        }
        _ => {}
    }
    Ok(())
}

/// The answer in a question's controls (`None`: unanswered).
fn read_question(question: &Element, ty: &str) -> JsResult<Option<Ans>> {
    // A scale is radios when small, a number field when wide.
    let radios = question.query_selector("input[type=radio]")?.is_some();
    Ok(match ty {
        "bool" | "scale" if radios => {
            let checked = question
                .query_selector("input:checked")?
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value());
            match (ty, checked.as_deref()) {
                (_, None) => None,
                ("bool", Some(v)) => Some(Ans::Bool(v == "true")),
                (_, Some(v)) => v.parse().ok().map(Ans::Int),
            }
        }
        "choice" => question
            .query_selector("select")?
            .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
            .map(|s| s.value())
            .filter(|v| !v.is_empty())
            .map(Ans::Text),
        "int" | "scale" | "date" => question
            .query_selector("input")?
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .filter(|v| !v.trim().is_empty())
            .map(|v| match (ty, v.trim().parse::<i64>()) {
                ("int" | "scale", Ok(n)) => Ans::Int(n),
                _ => Ans::Text(v),
            }),
        "timeline" => {
            let rows = question.query_selector_all("[part=record]")?;
            let mut records = Vec::new();
            for i in 0..rows.length() {
                let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let inputs = row.query_selector_all("[data-field]")?;
                let mut rec = SortedMap::new();
                for j in 0..inputs.length() {
                    let Some(el) = inputs.item(j).and_then(|n| n.dyn_into::<Element>().ok()) else {
                        continue;
                    };
                    let field = el.get_attribute("data-field").unwrap_or_default();
                    let value = if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                        i.value()
                    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                        s.value()
                    } else {
                        String::new()
                    };
                    if !value.is_empty() {
                        rec.insert(field, Field::Text(value));
                    }
                }
                records.push(rec);
            }
            Some(Ans::Records(records))
        }
        _ => None,
    })
}

// ---------- evaluation and value ----------

fn raw_answers(answers: &SortedMap<String, Ans>) -> RawAnswers {
    let conv = |a: &Ans| match a {
        Ans::Bool(b) => RawValue::Bool(*b),
        Ans::Int(n) => RawValue::Int(*n),
        Ans::Number(f) => RawValue::Float(*f),
        Ans::Text(t) => RawValue::Text(t.clone()),
        Ans::Records(list) => RawValue::List(
            list.iter()
                .map(|r| {
                    RawValue::Record(
                        r.iter()
                            .map(|(k, v)| (k.clone(), RawValue::Text(v.text())))
                            .collect(),
                    )
                })
                .collect(),
        ),
    };
    RawAnswers(answers.iter().map(|(k, v)| (k.clone(), conv(v))).collect())
}

fn evaluate_now(st: &State) -> Option<Evaluation> {
    let model = st.model.as_ref()?;
    let (answers, issues) = Answers::from_raw(model, &raw_answers(&st.answers));
    let mut e = evaluate(model, &answers, st.today);
    e.answer_issues = issues;
    Some(e)
}

fn value_of(st: &State) -> JsResult<JsValue> {
    let Some(model) = &st.model else {
        return Ok(JsValue::NULL);
    };
    let outcomes = st
        .result
        .iter()
        .flat_map(|e| e.outcomes.iter())
        .map(|o| {
            (
                o.id.as_str(),
                OutcomeValue {
                    status: o.status,
                    values: &o.values,
                    provisional: o.provisional,
                    rules: o.reasons.iter().map(|r| r.rule.as_str()).collect(),
                },
            )
        })
        .collect();
    to_js(&WidgetValue {
        ruleset: RulesetIdentity {
            id: &model.meta.id,
            version: &model.meta.version,
            hash: &model.meta.hash,
        },
        today: st.today.to_string(),
        lang: &st.lang,
        answers: &st.answers,
        removed_answers: removed_answers(st),
        outcomes,
        decided: decide::all_decided(st),
        decisions: decide::Value(&st.decisions),
    })
}

/// The ids of answers to questions the loaded rules do not have.
fn removed_answers(st: &State) -> Vec<&str> {
    let Some(model) = &st.model else {
        return Vec::new();
    };
    st.answers
        .keys()
        .filter(|k| model.fact_by_name(k).is_none())
        .map(String::as_str)
        .collect()
}

fn summary_of(st: &State) -> String {
    let (Some(model), Some(result)) = (&st.model, &st.result) else {
        return String::new();
    };
    summary(model, result, &decide::for_summary(&st.decisions), &st.lang)
}

fn send(state: &Rc<RefCell<State>>, kind: &str) -> JsResult {
    // The host's listener may set answers or reset the form at once: no borrow may be held while it runs.
    let (notify, value) = {
        let st = state.borrow();
        (st.notify.clone(), value_of(&st)?)
    };
    notify.call2(&JsValue::NULL, &kind.into(), &value)?;
    Ok(())
}

/// Evaluates the current answers and brings the page up to date (nothing while no rules are usable: the
/// form keeps the last value).
fn update(state: &Rc<RefCell<State>>) -> JsResult {
    {
        let mut st = state.borrow_mut();
        if st.model.is_none() {
            return Ok(());
        }
        st.result = evaluate_now(&st);
        // A confirmed advice that changed needs confirming again; an override stays the professional's.
        st.decisions = decide::still_holding(&st);
    }
    render_questions(state)?;
    render_outcomes(state)?;
    decide::render(state)?;
    render_summary(state)?;
    send(state, "change")
}

/// The summary is always the current one (answers and decisions): for copying, and on paper.
fn render_summary(state: &Rc<RefCell<State>>) -> JsResult {
    let st = state.borrow();
    if let Some(area) = st
        .shadow
        .query_selector("[part=summary]")?
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    {
        area.set_value(&summary_of(&st));
    }
    Ok(())
}

// ---------- today ----------

/// The evaluation date: the host's `given` when it is a real calendar date (`YYYY-MM-DD`, years
/// 1000–9999), else the device's date `local`, with the bad text kept to say so. (Should the device's
/// date be unusable too, 1970-01-01; the notice then shows which date is used.)
fn pick_today(given: Option<String>, local: &str) -> (Date, Option<String>) {
    let device = Date::parse(local).unwrap_or(Date::EPOCH);
    match given {
        None => (device, None),
        Some(text) => match Date::parse(&text) {
            Some(d) => (d, None),
            None => (device, Some(text)),
        },
    }
}

/// A host's text shown in a message, cut to `max` characters (and an ellipsis).
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max).collect();
    format!("{kept}…")
}

/// `template` with every `{name}` replaced by its value in `values`, in one pass: a value that itself
/// contains `{…}` (a host's text) stays as it is.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        rest = after;
        let Some((name, tail)) = after.split_once('}') else {
            out.push('{');
            continue;
        };
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => {
                out.push_str(value);
                rest = tail;
            }
            None => out.push('{'),
        }
    }
    out.push_str(rest);
    out
}

/// A date as a person reads it: `28-11-2026` in Dutch, `2026-11-28` in English.
fn date_shown(date: Date, lang: &str) -> String {
    if lang == "en" {
        return date.to_string();
    }
    let (y, m, d) = date.ymd();
    format!("{d:02}-{m:02}-{y:04}")
}

/// Shows (or removes) the notice that the host's `today` is not a date and the device's date is used.
fn render_today_notice(state: &Rc<RefCell<State>>) -> JsResult {
    let st = state.borrow();
    let old = st.shadow.query_selector("[part=today-error]")?;
    let (Some(bad), Some(root)) = (&st.bad_today, st.shadow.query_selector("[part=widget]")?)
    else {
        if let Some(old) = old {
            old.remove();
        }
        return Ok(());
    };
    let notice = match old {
        Some(e) => e,
        None => {
            let p = el(&st.doc, "p")?;
            p.set_attribute("part", "today-error")?;
            p.set_attribute("role", "alert")?;
            root.prepend_with_node_1(&p)?;
            p
        }
    };
    let given = cut(bad, 40);
    let date = date_shown(st.today, &st.lang);
    let text = fill(
        words(&st.lang).today_invalid,
        &[("given", &given), ("date", &date)],
    );
    notice.set_text_content(Some(&text));
    Ok(())
}

// ---------- rendering ----------

/// Appends `child` to `parent`.
fn add(parent: &web_sys::Node, child: impl AsRef<web_sys::Node>) -> JsResult {
    parent.append_child(child.as_ref())?;
    Ok(())
}

fn el(doc: &Document, tag: &str) -> JsResult<Element> {
    doc.create_element(tag)
}

fn el_text(doc: &Document, tag: &str, text: &str) -> JsResult<Element> {
    let e = doc.create_element(tag)?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// A name safe inside a CSS attribute selector string (ids are ASCII letters, digits and `_`).
fn css_ident(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn first_field(st: &State, fact: &str) -> Option<String> {
    st.checklist
        .as_ref()?
        .sections
        .iter()
        .flat_map(|s| s.facts.iter())
        .find(|f| f.id == fact)?
        .fields
        .first()
        .map(|f| f.id.clone())
}

/// Why the rules could not be used, as the shim found it: `kind` is `rules` (the file has errors, listed),
/// `http` (with `status`), `network` (no connection or refused by CORS), `csp` (refused by the page's
/// Content-Security-Policy), `compiler` (the rules compiler could not be loaded or failed), `url` (not a
/// URL) or `empty` (an empty `rules` attribute); `url` is the rules file's address when there is one.
struct LoadProblem {
    kind: String,
    url: Option<String>,
    status: Option<u16>,
}

impl LoadProblem {
    /// From the shim's `{kind, url, status}` (anything missing reads as a file that has errors).
    fn from_js(value: &JsValue) -> LoadProblem {
        let url = prop(value, "url").as_string();
        let status = prop(value, "status").as_f64().and_then(|n| {
            let whole = n as u16;
            (f64::from(whole) == n).then_some(whole)
        });
        let kind = prop(value, "kind")
            .as_string()
            .unwrap_or_else(|| "rules".into());
        LoadProblem { kind, url, status }
    }

    /// `{kind, url, status}` for the `regiewijzer-error` detail (`null` for what is not known).
    fn detail(&self) -> JsResult<js_sys::Object> {
        let detail = js_sys::Object::new();
        let url = self.url.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        let status = self.status.map_or(JsValue::NULL, JsValue::from);
        js_sys::Reflect::set(&detail, &"kind".into(), &JsValue::from_str(&self.kind))?;
        js_sys::Reflect::set(&detail, &"url".into(), &url)?;
        js_sys::Reflect::set(&detail, &"status".into(), &status)?;
        Ok(detail)
    }

    /// The whole message in words: the load error and what exactly went wrong.
    fn message(&self, w: &Words) -> String {
        let detail = match self.kind.as_str() {
            "http" => w.load_http,
            "network" => w.load_network,
            "csp" => w.load_csp,
            "compiler" => w.load_compiler,
            "url" => w.load_url,
            "empty" => w.load_empty,
            _ => return w.load_error.to_string(),
        };
        let url = cut(self.url.as_deref().unwrap_or_default(), 200);
        let status = self.status.map(|s| s.to_string()).unwrap_or_default();
        let detail = fill(detail, &[("url", &url), ("status", &status)]);
        format!("{} {detail}", w.load_error)
    }
}

fn show_error(
    state: &Rc<RefCell<State>>,
    diagnostics: &js_sys::Array,
    problem: &LoadProblem,
) -> JsResult {
    // An override being typed is kept for when usable rules come back.
    decide::keep_draft(state)?;
    let st = state.borrow();
    let w = words(&st.lang);
    clear(&st.shadow)?;
    let root = el(&st.doc, "div")?;
    root.set_attribute("part", "widget")?;
    let err = el(&st.doc, "div")?;
    err.set_attribute("part", "error")?;
    err.set_attribute("role", "alert")?;
    err.set_attribute("data-kind", &problem.kind)?;
    add(&err, el_text(&st.doc, "p", &problem.message(w))?)?;
    let errors: Vec<JsValue> = diagnostics
        .iter()
        .filter(|d| prop(d, "severity").as_string().as_deref() == Some("error"))
        .take(20)
        .collect();
    if !errors.is_empty() {
        let list = el(&st.doc, "ul")?;
        let message = if st.lang == "en" {
            "message_en"
        } else {
            "message_nl"
        };
        for d in &errors {
            let start = prop(d, "start");
            let text = [
                text_of(&prop(d, "code")),
                format!(
                    "{}:{}",
                    text_of(&prop(&start, "line")),
                    text_of(&prop(&start, "column"))
                ),
                text_of(&prop(d, message)),
            ]
            .join(" ");
            add(&list, el_text(&st.doc, "li", &text)?)?;
        }
        add(&err, list)?;
    }
    add(&root, err)?;
    add(&st.shadow, root)?;
    // The event's detail: the words, the diagnostics, and kind, url and status for the host's code.
    let detail = problem.detail()?;
    let message = to_js(&Text {
        nl: problem.message(&words::NL),
        en: problem.message(&words::EN),
    })?;
    js_sys::Reflect::set(&detail, &"message".into(), &message)?;
    js_sys::Reflect::set(&detail, &"diagnostics".into(), diagnostics)?;
    let notify = st.notify.clone();
    drop(st);
    render_today_notice(state)?;
    notify.call2(&JsValue::NULL, &"error".into(), &detail)?;
    Ok(())
}

/// A property of a JS object (`undefined` when missing or not an object).
fn prop(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A JS string or whole number as text (anything else: empty).
fn text_of(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        s
    } else if let Some(n) = value.as_f64() {
        (n as i64).to_string()
    } else {
        String::new()
    }
}

fn clear(node: &web_sys::Node) -> JsResult {
    while let Some(child) = node.first_child() {
        node.remove_child(&child)?;
    }
    Ok(())
}

/// Builds the whole widget from the checklist and the current answers, then evaluates.
fn render_all(state: &Rc<RefCell<State>>) -> JsResult {
    #[cfg(feature = "fault-hook")]
    crate::fault::hit("render");
    decide::keep_draft(state)?;
    {
        let st = state.borrow();
        let Some(c) = &st.checklist else {
            return Ok(());
        };
        let w = words(&st.lang);
        let lang = st.lang.as_str();
        clear(&st.shadow)?;
        let root = el(&st.doc, "div")?;
        root.set_attribute("part", "widget")?;
        root.set_attribute("lang", lang)?;

        let removed = removed_answers(&st);
        if !removed.is_empty() {
            let notice = el(&st.doc, "div")?;
            notice.set_attribute("part", "removed-answers")?;
            notice.set_attribute("role", "status")?;
            add(&notice, el_text(&st.doc, "p", w.removed_answers)?)?;
            let ul = el(&st.doc, "ul")?;
            for id in removed {
                let shown = match st.answers.get(id) {
                    Some(Ans::Bool(true)) => w.yes.to_string(),
                    Some(Ans::Bool(false)) => w.no.to_string(),
                    Some(Ans::Int(n)) => n.to_string(),
                    Some(Ans::Number(_)) => "?".to_string(),
                    Some(Ans::Text(t)) => t.clone(),
                    Some(Ans::Records(r)) => format!("{} × {}", r.len(), w.records),
                    None => String::new(),
                };
                add(&ul, el_text(&st.doc, "li", &format!("{id}: {shown}"))?)?;
            }
            add(&notice, ul)?;
            add(&root, notice)?;
        }

        let list = el(&st.doc, "div")?;
        list.set_attribute("part", "checklist")?;
        list.set_attribute("role", "group")?;
        list.set_attribute("aria-label", w.checklist)?;
        for section in &c.sections {
            let fs = el(&st.doc, "fieldset")?;
            fs.set_attribute("part", "section")?;
            fs.set_attribute("data-section", &section.id)?;
            add(&fs, el_text(&st.doc, "legend", section.label.get(lang))?)?;
            if let Some(help) = &section.help {
                let p = el_text(&st.doc, "p", help.get(lang))?;
                p.set_attribute("part", "help")?;
                add(&fs, p)?;
            }
            for fact in &section.facts {
                add(&fs, question(&st, fact, w)?)?;
            }
            add(&list, fs)?;
        }
        add(&root, list)?;

        let outcomes = el(&st.doc, "section")?;
        outcomes.set_attribute("part", "outcomes")?;
        outcomes.set_attribute("aria-live", "polite")?;
        outcomes.set_attribute("aria-label", w.advice)?;
        add(&root, outcomes)?;

        let next = el(&st.doc, "div")?;
        next.set_attribute("part", "matters-next")?;
        add(&root, next)?;

        let decision = el(&st.doc, "div")?;
        decision.set_attribute("part", "decision")?;
        add(&root, decision)?;

        let tools = el(&st.doc, "div")?;
        tools.set_attribute("part", "tools")?;
        let copy = button(&st.doc, "copy", w.copy)?;
        add(&tools, copy)?;
        let sum_label = el_text(&st.doc, "label", w.summary)?;
        sum_label.set_attribute("for", "rw-summary")?;
        sum_label.set_attribute("part", "summary-label")?;
        add(&tools, sum_label)?;
        let area = el(&st.doc, "textarea")?;
        area.set_attribute("id", "rw-summary")?;
        area.set_attribute("part", "summary")?;
        area.set_attribute("readonly", "")?;
        area.set_attribute("rows", "6")?;
        add(&tools, area)?;
        add(&root, tools)?;

        let footer = el(&st.doc, "p")?;
        footer.set_attribute("part", "ruleset")?;
        footer.set_attribute("data-hash", &c.ruleset.hash)?;
        footer.set_text_content(Some(&format!(
            "{} {} ({}) {} {} · {}",
            w.ruleset,
            c.ruleset.title.get(lang),
            c.ruleset.id,
            w.version,
            c.ruleset.version,
            c.ruleset.hash
        )));
        add(&root, footer)?;
        let mut note_text = w.disclaimer.to_string();
        if let Some(note) = &c.note {
            note_text = format!("{} {}", note.get(lang), w.disclaimer);
        }
        let note = el_text(&st.doc, "p", &note_text)?;
        note.set_attribute("part", "note")?;
        add(&root, note)?;

        add(&st.shadow, root)?;
    }
    render_today_notice(state)?;
    // Timelines' rows from the answers.
    let timelines: Vec<(Element, String)> = {
        let st = state.borrow();
        let nodes = st
            .shadow
            .query_selector_all("[part=question][data-type=timeline]")?;
        (0..nodes.length())
            .filter_map(|i| nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
            .map(|e| {
                let f = e.get_attribute("data-fact").unwrap_or_default();
                (e, f)
            })
            .collect()
    };
    for (q, f) in timelines {
        render_records(state, &q, &f)?;
    }
    update(state)
}

fn button(doc: &Document, action: &str, text: &str) -> JsResult<Element> {
    let b = el_text(doc, "button", text)?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-action", action)?;
    Ok(b)
}

/// One question with its controls, filled in from the current answer.
fn question(st: &State, fact: &FactView, w: &Words) -> JsResult<Element> {
    let doc = &st.doc;
    let lang = st.lang.as_str();
    let id = format!("rw-{}", fact.id);
    let answer = st.answers.get(&fact.id);
    let q = el(doc, "div")?;
    q.set_attribute("part", "question")?;
    q.set_attribute("data-fact", &fact.id)?;
    q.set_attribute("data-type", fact.ty)?;
    let help_id = format!("{id}-help");
    let help = match &fact.help {
        Some(h) => {
            let p = el_text(doc, "p", h.get(lang))?;
            p.set_attribute("id", &help_id)?;
            p.set_attribute("part", "help")?;
            Some(p)
        }
        None => None,
    };
    let issue = el(doc, "p")?;
    issue.set_attribute("part", "answer-issue")?;
    issue.set_attribute("id", &format!("{id}-issue"))?;
    issue.set_attribute("hidden", "")?;
    match fact.ty {
        // A scale too wide to list level by level: a number field that takes every level.
        "scale" if fact.options.is_empty() => {
            add(&q, scale_field(st, fact, &id, help.is_some())?)?;
            let ends = el_text(doc, "p", &scale_ends(st, fact, w))?;
            ends.set_attribute("id", &format!("{id}-ends"))?;
            ends.set_attribute("part", "scale-ends")?;
            add(&q, ends)?;
        }
        "bool" | "scale" => {
            let fs = el(doc, "fieldset")?;
            fs.set_attribute("part", "control")?;
            add(&fs, el_text(doc, "legend", fact.label.get(lang))?)?;
            if help.is_some() {
                fs.set_attribute("aria-describedby", &help_id)?;
            }
            let options: Vec<(String, String)> = if fact.ty == "bool" {
                vec![("true".into(), w.yes.into()), ("false".into(), w.no.into())]
            } else {
                fact.options
                    .iter()
                    .map(|o| (o.id.clone(), o.label.get(lang).to_string()))
                    .collect()
            };
            let current = match answer {
                Some(Ans::Bool(b)) => Some(b.to_string()),
                Some(Ans::Int(n)) => Some(n.to_string()),
                Some(Ans::Text(t)) => Some(t.clone()),
                _ => None,
            };
            for (i, (value, label)) in options.iter().enumerate() {
                let opt_id = format!("{id}-{i}");
                let wrap = el(doc, "div")?;
                wrap.set_attribute("part", "option")?;
                let input: HtmlInputElement = el(doc, "input")?.dyn_into()?;
                input.set_type("radio");
                input.set_name(&id);
                input.set_id(&opt_id);
                input.set_value(value);
                input.set_checked(current.as_deref() == Some(value.as_str()));
                let label_el = el_text(doc, "label", label)?;
                label_el.set_attribute("for", &opt_id)?;
                add(&wrap, input)?;
                add(&wrap, label_el)?;
                add(&fs, wrap)?;
            }
            add(&q, fs)?;
        }
        "timeline" => {
            let fs = el(doc, "fieldset")?;
            fs.set_attribute("part", "control")?;
            add(&fs, el_text(doc, "legend", fact.label.get(lang))?)?;
            let rows = el(doc, "div")?;
            rows.set_attribute("part", "records")?;
            add(&fs, rows)?;
            add(&fs, button(doc, "add-record", w.add_record)?)?;
            add(&q, fs)?;
        }
        _ => {
            let label = el_text(doc, "label", fact.label.get(lang))?;
            label.set_attribute("for", &id)?;
            add(&q, label)?;
            let control: Element = if fact.ty == "choice" {
                let sel: HtmlSelectElement = el(doc, "select")?.dyn_into()?;
                let empty = el_text(doc, "option", w.choose)?;
                empty.set_attribute("value", "")?;
                add(&sel, empty)?;
                for o in &fact.options {
                    let opt = el_text(doc, "option", o.label.get(lang))?;
                    opt.set_attribute("value", &o.id)?;
                    add(&sel, opt)?;
                }
                if let Some(Ans::Text(t)) = answer {
                    sel.set_value(t);
                }
                sel.into()
            } else {
                let input: HtmlInputElement = el(doc, "input")?.dyn_into()?;
                input.set_type(if fact.ty == "int" { "number" } else { "date" });
                if fact.ty == "int" {
                    input.set_attribute("inputmode", "numeric")?;
                    if let Some(min) = fact.min {
                        input.set_min(&min.to_string());
                    }
                    if let Some(max) = fact.max {
                        input.set_max(&max.to_string());
                    }
                }
                match answer {
                    Some(Ans::Int(n)) => input.set_value(&n.to_string()),
                    Some(Ans::Text(t)) => input.set_value(t),
                    _ => {}
                }
                input.into()
            };
            control.set_attribute("id", &id)?;
            control.set_attribute("part", "control")?;
            if help.is_some() {
                control.set_attribute("aria-describedby", &help_id)?;
            }
            add(&q, control)?;
        }
    }
    if let Some(h) = help {
        add(&q, h)?;
    }
    add(&q, issue)?;
    Ok(q)
}

/// The label and number field of a wide scale: bounded, whole numbers, described by its ends, and
/// showing the current answer whatever it is (a level, or a value the question reports as unusable).
fn scale_field(
    st: &State,
    fact: &FactView,
    id: &str,
    has_help: bool,
) -> JsResult<web_sys::DocumentFragment> {
    let doc = &st.doc;
    let frag = doc.create_document_fragment();
    let label = el_text(doc, "label", fact.label.get(&st.lang))?;
    label.set_attribute("for", id)?;
    add(&frag, label)?;
    let input: HtmlInputElement = el(doc, "input")?.dyn_into()?;
    input.set_type("number");
    input.set_id(id);
    input.set_attribute("part", "control")?;
    input.set_attribute("inputmode", "numeric")?;
    input.set_step("1");
    if let Some(min) = fact.min {
        input.set_min(&min.to_string());
    }
    if let Some(max) = fact.max {
        input.set_max(&max.to_string());
    }
    let described = if has_help {
        format!("{id}-ends {id}-help")
    } else {
        format!("{id}-ends")
    };
    input.set_attribute("aria-describedby", &described)?;
    match st.answers.get(&fact.id) {
        Some(Ans::Int(n)) => input.set_value(&n.to_string()),
        // Through the browser: Rust's float formatting would add kilobytes to the bundle.
        Some(Ans::Number(f)) => input.set_value_as_number(*f),
        Some(Ans::Text(t)) => input.set_value(t),
        _ => {}
    }
    add(&frag, input)?;
    Ok(frag)
}

/// The ends of a wide scale in words: "van 0 (geen zorgen) tot en met 100 (grote zorgen)".
fn scale_ends(st: &State, fact: &FactView, w: &Words) -> String {
    let levels = st
        .model
        .as_ref()
        .and_then(|m| m.facts.get(m.fact_by_name(&fact.id)?))
        .map(|f| match &f.ty {
            regiewijzer_core::model::FactType::Scale { levels, .. } => levels.as_slice(),
            _ => &[],
        })
        .unwrap_or_default();
    let end = |n: Option<i64>| {
        let Some(n) = n else {
            return String::new();
        };
        match levels.iter().find(|(level, _)| *level == n) {
            Some((_, label)) => format!("{n} ({})", label.get(&st.lang)),
            None => n.to_string(),
        }
    };
    format!(
        "{} {} {} {}",
        w.scale_from,
        end(fact.min),
        w.scale_to,
        end(fact.max)
    )
}

/// The rows of a timeline question from the current answer.
fn render_records(state: &Rc<RefCell<State>>, question: &Element, fact: &str) -> JsResult {
    let st = state.borrow();
    let w = words(&st.lang);
    let lang = st.lang.as_str();
    let Some(view) = st.checklist.as_ref().and_then(|c| {
        c.sections
            .iter()
            .flat_map(|s| s.facts.iter())
            .find(|f| f.id == fact)
    }) else {
        return Ok(());
    };
    let Some(rows) = question.query_selector("[part=records]")? else {
        return Ok(());
    };
    clear(&rows)?;
    let (answered, records) = match st.answers.get(fact) {
        Some(Ans::Records(r)) => (true, r.as_slice()),
        _ => (false, &[][..]),
    };
    if records.is_empty() && answered {
        add(&rows, el_text(&st.doc, "p", w.none_records)?)?;
    } else if records.is_empty() {
        // Unanswered is not the same as none: say which, and let the professional say "none".
        add(&rows, el_text(&st.doc, "p", w.no_records)?)?;
        add(&rows, button(&st.doc, "no-records", w.none_button)?)?;
    }
    for (i, rec) in records.iter().enumerate() {
        let row = el(&st.doc, "div")?;
        row.set_attribute("part", "record")?;
        row.set_attribute("role", "group")?;
        row.set_attribute("aria-label", &format!("{} {}", w.record, i + 1))?;
        for field in &view.fields {
            let fid = format!("rw-{fact}-{i}-{}", field.id);
            let label = el_text(&st.doc, "label", field.label.get(lang))?;
            label.set_attribute("for", &fid)?;
            add(&row, label)?;
            let value = rec.get(&field.id).map(Field::text).unwrap_or_default();
            let control: Element = match field.ty {
                "choice" | "bool" => {
                    let sel: HtmlSelectElement = el(&st.doc, "select")?.dyn_into()?;
                    let empty = el_text(&st.doc, "option", w.choose)?;
                    empty.set_attribute("value", "")?;
                    add(&sel, empty)?;
                    let opts: Vec<(String, String)> = if field.ty == "bool" {
                        vec![("true".into(), w.yes.into()), ("false".into(), w.no.into())]
                    } else {
                        field
                            .options
                            .iter()
                            .map(|o| (o.id.clone(), o.label.get(lang).to_string()))
                            .collect()
                    };
                    for (v, l) in opts {
                        let o = el_text(&st.doc, "option", &l)?;
                        o.set_attribute("value", &v)?;
                        add(&sel, o)?;
                    }
                    sel.set_value(&value);
                    sel.into()
                }
                ty => {
                    let input: HtmlInputElement = el(&st.doc, "input")?.dyn_into()?;
                    input.set_type(if ty == "date" { "date" } else { "number" });
                    input.set_value(&value);
                    input.into()
                }
            };
            control.set_attribute("id", &fid)?;
            control.set_attribute("data-field", &field.id)?;
            add(&row, control)?;
        }
        let remove = button(&st.doc, "remove-record", w.remove_record)?;
        remove.set_attribute("data-index", &i.to_string())?;
        remove.set_attribute(
            "aria-label",
            &format!("{} {} {}", w.remove_record, w.record.to_lowercase(), i + 1),
        )?;
        add(&row, remove)?;
        add(&rows, row)?;
    }
    Ok(())
}

/// Shows and hides questions (`ask when`), marks what matters next, and shows unusable answers.
fn render_questions(state: &Rc<RefCell<State>>) -> JsResult {
    let st = state.borrow();
    let Some(result) = &st.result else {
        return Ok(());
    };
    let w = words(&st.lang);
    for f in &result.facts {
        let sel = format!("[part=question][data-fact=\"{}\"]", css_ident(&f.id));
        let Some(q) = st.shadow.query_selector(&sel)? else {
            continue;
        };
        if f.asked == regiewijzer_core::eval::Asked::Yes {
            q.remove_attribute("hidden")?;
        } else {
            q.set_attribute("hidden", "")?;
        }
        if f.matters_next {
            q.set_attribute("data-matters", "")?;
        } else {
            q.remove_attribute("data-matters")?;
        }
        if let Some(issue_el) = q.query_selector("[part=answer-issue]")? {
            match result.answer_issues.iter().find(|i| i.fact == f.id) {
                Some(issue) => {
                    issue_el.set_text_content(Some(&format!(
                        "{}: {}",
                        w.answer_problem,
                        issue.message.get(&st.lang)
                    )));
                    issue_el.remove_attribute("hidden")?;
                }
                None => {
                    issue_el.set_attribute("hidden", "")?;
                }
            }
        }
    }
    Ok(())
}

/// The advice: per outcome its value, provisional mark and reasons; then what matters next.
fn render_outcomes(state: &Rc<RefCell<State>>) -> JsResult {
    let st = state.borrow();
    let (Some(result), Some(panel), Some(next)) = (
        &st.result,
        st.shadow.query_selector("[part=outcomes]")?,
        st.shadow.query_selector("[part=matters-next]")?,
    ) else {
        return Ok(());
    };
    let w = words(&st.lang);
    let lang = st.lang.as_str();
    let doc = &st.doc;
    // Keep open what the professional opened.
    let mut open = Vec::new();
    let details = panel.query_selector_all("details[part=reasons]")?;
    for i in 0..details.length() {
        if let Some(d) = details
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlDetailsElement>().ok())
            && d.open()
        {
            open.push(d.get_attribute("data-outcome").unwrap_or_default());
        }
    }
    clear(&panel)?;
    add(&panel, el_text(doc, "h2", w.advice)?)?;
    let labels: SortedMap<&str, &Text> = st
        .checklist
        .iter()
        .flat_map(|c| c.sections.iter().flat_map(|s| s.facts.iter()))
        .map(|f| (f.id.as_str(), &f.label))
        .collect();
    for o in &result.outcomes {
        let div = el(doc, "div")?;
        div.set_attribute("part", "outcome")?;
        div.set_attribute("data-outcome", &o.id)?;
        div.set_attribute(
            "data-status",
            match o.status {
                Status::Decided => "decided",
                Status::Default => "default",
                Status::Undecided => "undecided",
                Status::Conflict => "conflict",
            },
        )?;
        if o.provisional {
            div.set_attribute("data-provisional", "")?;
        }
        let h = el_text(doc, "h3", o.label.get(lang))?;
        if o.provisional {
            let badge = el_text(doc, "span", w.provisional)?;
            badge.set_attribute("part", "badge")?;
            add(&h, doc.create_text_node(" "))?;
            add(&h, badge)?;
        }
        add(&div, h)?;
        let text = match o.status {
            Status::Undecided if o.policy == regiewijzer_core::ast::Policy::Deadline => {
                w.no_deadline.to_string()
            }
            Status::Undecided => w.undecided.to_string(),
            Status::Conflict => w.conflict.to_string(),
            _ => o
                .value_labels
                .iter()
                .map(|l| l.get(lang))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let value = el_text(doc, "p", &text)?;
        value.set_attribute("part", "outcome-value")?;
        value.set_attribute("data-values", &o.values.join(" "))?;
        if let Some(d) = &o.deadline {
            value.set_attribute("data-days-left", &d.days_left.to_string())?;
            if d.overdue {
                value.set_attribute("data-overdue", "")?;
            }
        }
        add(&div, value)?;
        if let Some(p) = could_add_line(doc, o, w, lang)? {
            add(&div, p)?;
        }
        // Why?
        let det: HtmlDetailsElement = el(doc, "details")?.dyn_into()?;
        det.set_attribute("part", "reasons")?;
        det.set_attribute("data-outcome", &o.id)?;
        det.set_open(open.contains(&o.id));
        add(&det, el_text(doc, "summary", w.why)?)?;
        let ul = el(doc, "ul")?;
        for r in &o.reasons {
            let li = el(doc, "li")?;
            // In plain words, made by the core: the title (a table's title for a row), the reason and
            // one sentence per condition part; ids and lines stay in the data attributes for tests.
            let who = match (&r.title, r.kind) {
                (_, "default") => Some(w.default),
                (Some(t), _) => Some(t.get(lang)),
                (None, _) => None,
            };
            if let Some(who) = who {
                add(&li, el_text(doc, "strong", who)?)?;
                add(&li, doc.create_text_node(": "))?;
            }
            add(&li, doc.create_text_node(r.because.get(lang)))?;
            let sentences: Vec<(&str, &str)> = r
                .conditions
                .iter()
                .map(|c| (c.sentence.get(lang), c.text.as_str()))
                .filter(|(s, _)| !s.is_empty())
                .collect();
            if !sentences.is_empty() {
                let cl = el(doc, "ul")?;
                for (sentence, code) in sentences {
                    let cli = el_text(doc, "li", sentence)?;
                    cli.set_attribute("data-condition", code)?;
                    add(&cl, cli)?;
                }
                add(&li, cl)?;
            }
            for s in &r.sources {
                add(&li, el_text(doc, "p", &format!("{}: {s}", w.source))?)?;
            }
            add(&ul, li)?;
        }
        for n in &o.nearest {
            let missing: Vec<&str> = n
                .missing
                .iter()
                .map(|m| labels.get(m.as_str()).map_or(m.as_str(), |t| t.get(lang)))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let values: Vec<&str> = n.value_labels.iter().map(|v| v.get(lang)).collect();
            let li = el_text(
                doc,
                "li",
                &format!(
                    "{} {}: {}",
                    w.still_needed,
                    values.join(", "),
                    missing.join("; ")
                ),
            )?;
            add(&ul, li)?;
        }
        add(&det, ul)?;
        add(&div, det)?;
        add(&panel, div)?;
    }
    for h in &result.handovers {
        if h.status == regiewijzer_core::eval::HandoverStatus::NotProposed {
            continue;
        }
        let div = el(doc, "div")?;
        div.set_attribute("part", "handover")?;
        div.set_attribute("data-handover", &h.id)?;
        div.set_attribute(
            "data-status",
            match h.status {
                regiewijzer_core::eval::HandoverStatus::Complete => "complete",
                regiewijzer_core::eval::HandoverStatus::Blocked => "blocked",
                _ => "open",
            },
        )?;
        let title = h
            .title
            .as_ref()
            .map_or_else(|| h.id.clone(), |t| t.get(lang).to_string());
        add(
            &div,
            el_text(doc, "h3", &format!("{}: {title}", w.handover))?,
        )?;
        let state_text = if h.status == regiewijzer_core::eval::HandoverStatus::Complete {
            w.handover_complete
        } else {
            w.handover_blocked
        };
        let line = format!(
            "{} → {}: {state_text}",
            h.from_label.get(lang),
            h.to_label.get(lang)
        );
        add(&div, el_text(doc, "p", &line)?)?;
        if !h.missing.is_empty() {
            let ul = el(doc, "ul")?;
            ul.set_attribute("part", "handover-missing")?;
            ul.set_attribute("aria-label", w.handover_missing)?;
            for m in &h.missing {
                add(&ul, el_text(doc, "li", m.get(lang))?)?;
            }
            add(&div, ul)?;
        }
        add(&panel, div)?;
    }
    render_next(doc, &next, result, lang)
}

/// How many values a `collect` outcome could still get are named before "and N more".
const COULD_ADD_SHOWN: usize = 4;

/// "Kan nog bij komen: …" under a `collect` outcome: the values some answers could still add.
fn could_add_line(
    doc: &Document,
    o: &OutcomeResult,
    w: &Words,
    lang: &str,
) -> JsResult<Option<Element>> {
    if o.could_add_labels.is_empty() {
        return Ok(None);
    }
    let mut names: Vec<&str> = o
        .could_add_labels
        .iter()
        .take(COULD_ADD_SHOWN)
        .map(|l| l.get(lang))
        .collect();
    let rest = o.could_add_labels.len().saturating_sub(COULD_ADD_SHOWN);
    let more = w.and_more.replace("{n}", &rest.to_string());
    if rest > 0 {
        names.push(&more);
    }
    let p = el_text(doc, "p", &format!("{}: {}", w.could_add, names.join(", ")))?;
    p.set_attribute("part", "could-add")?;
    p.set_attribute("data-values", &o.could_add.join(" "))?;
    Ok(Some(p))
}

/// "Wat nu telt": the open questions ranked by what their answer could change, the first few with what
/// each could change, the rest behind "meer vragen" (kept open when the professional opened it). Each
/// question is a button that moves focus to it.
fn render_next(doc: &Document, next: &Element, result: &Evaluation, lang: &str) -> JsResult {
    let was_open = next
        .query_selector("details[part=more-questions]")?
        .and_then(|d| d.dyn_into::<HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open());
    clear(next)?;
    if result.next.is_empty() {
        return Ok(());
    }
    let words = NextWords::of(lang);
    add(next, el_text(doc, "h3", words.heading)?)?;
    let list = |items: &[NextQuestion]| -> JsResult<Element> {
        let ul = el(doc, "ul")?;
        for n in items {
            let li = el(doc, "li")?;
            li.set_attribute("data-fact", &n.fact)?;
            li.set_attribute(
                "data-kind",
                match n.kind {
                    NextKind::Changes => "changes",
                    NextKind::Adds => "adds",
                    NextKind::Together => "together",
                },
            )?;
            let b = button(doc, "focus", n.question.get(lang))?;
            b.set_attribute("data-target", &n.fact)?;
            add(&li, b)?;
            let said = n.said(lang);
            if !said.is_empty() {
                let p = el_text(doc, "p", &said)?;
                p.set_attribute("part", "next-change")?;
                add(&li, p)?;
            }
            add(&ul, li)?;
        }
        Ok(ul)
    };
    let (top, rest) = result.next.split_at(NEXT_SHOWN.min(result.next.len()));
    add(next, list(top)?)?;
    if !rest.is_empty() {
        let det: HtmlDetailsElement = el(doc, "details")?.dyn_into()?;
        det.set_attribute("part", "more-questions")?;
        det.set_open(was_open);
        add(
            &det,
            el_text(doc, "summary", &format!("{} ({})", words.more, rest.len()))?,
        )?;
        add(&det, list(rest)?)?;
        add(next, det)?;
    }
    Ok(())
}
