//! The professional's decision, per outcome: the advice confirmed, or decided otherwise (another value
//! chosen from an empty choice, or actions added and struck) with a reason code from the ruleset's
//! `override reason` list, free text and the time of deciding (the browser's clock; `today` stays the
//! rules' date).

use std::cell::RefCell;
use std::rc::Rc;

use regiewijzer_core::answers::RawValue;
use regiewijzer_core::ast::Policy;
use regiewijzer_core::describe::OutcomeView;
use regiewijzer_core::eval::Evaluation;
use regiewijzer_core::map::SortedMap;
use regiewijzer_core::summary::{Decision, Override, decision_in_words};
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::words::words;
use super::{JsResult, State, add, button, clear, el, el_text, send};

/// What a professional decided on one outcome.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Decided {
    /// The advice (value ids) the decision was made on: a confirmation of an advice that changed lapses.
    pub advice: Vec<String>,
    /// `None`: the advice confirmed; else what was decided instead, and why.
    pub otherwise: Option<Otherwise>,
    /// When, as an ISO 8601 time from the browser's clock (`None` for a value from an older widget).
    pub at: Option<String>,
}

/// A decision that differs from the advice (also a half-typed one, kept as a draft).
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Otherwise {
    /// The chosen value ids: one for a single-value outcome, the whole list for a `collect` outcome.
    pub values: Vec<String>,
    /// The reason's code from the ruleset's list.
    pub code: String,
    /// Free text.
    pub text: String,
}

/// One outcome's decision as the form value holds it.
#[derive(Serialize)]
struct DecidedValue<'a> {
    advice: &'a [String],
    decision: &'static str,
    values: &'a [String],
    reason: Option<ReasonValue<'a>>,
    at: Option<&'a str>,
}

#[derive(Serialize)]
struct ReasonValue<'a> {
    code: &'a str,
    text: &'a str,
}

/// The decisions for the form value: outcome id → advice, decision, values, reason, time.
pub(super) struct Value<'a>(pub &'a SortedMap<String, Decided>);

impl Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(id, d)| {
            let (decision, values, reason) = match &d.otherwise {
                None => ("confirmed", d.advice.as_slice(), None),
                Some(o) => (
                    "override",
                    o.values.as_slice(),
                    Some(ReasonValue {
                        code: &o.code,
                        text: &o.text,
                    }),
                ),
            };
            let v = DecidedValue {
                advice: &d.advice,
                decision,
                values,
                reason,
                at: d.at.as_deref(),
            };
            (id, v)
        }))
    }
}

/// The decisions in a restored value: `decisions` (outcome → decision), or the single `decision` of an
/// older widget (`{kind: "confirmed"}`: every outcome confirmed on the advice these answers give;
/// `{kind: "override", outcome, value, reason}`: that outcome decided otherwise, with the reason as text).
pub(super) fn restored(
    raw: &SortedMap<String, RawValue>,
    result: Option<&Evaluation>,
) -> SortedMap<String, Decided> {
    let text = |m: &SortedMap<String, RawValue>, k: &str| match m.get(k) {
        Some(RawValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    let list = |v: Option<&RawValue>| match v {
        Some(RawValue::List(items)) => items
            .iter()
            .filter_map(|i| match i {
                RawValue::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    if let Some(RawValue::Record(all)) = raw.get("decisions") {
        return all
            .iter()
            .filter_map(|(id, d)| {
                let RawValue::Record(d) = d else { return None };
                let otherwise = match text(d, "decision")?.as_str() {
                    "confirmed" => None,
                    "override" => {
                        let reason = match d.get("reason") {
                            Some(RawValue::Record(r)) => r.clone(),
                            _ => SortedMap::new(),
                        };
                        Some(Otherwise {
                            values: list(d.get("values")),
                            code: text(&reason, "code").unwrap_or_default(),
                            text: text(&reason, "text").unwrap_or_default(),
                        })
                    }
                    _ => return None,
                };
                let decided = Decided {
                    advice: list(d.get("advice")),
                    otherwise,
                    at: text(d, "at"),
                };
                Some((id.clone(), decided))
            })
            .collect();
    }
    let Some(RawValue::Record(old)) = raw.get("decision") else {
        return SortedMap::new();
    };
    let advice = |id: &str| advice_of(result, id).unwrap_or_default();
    match text(old, "kind").as_deref() {
        Some("confirmed") => result
            .iter()
            .flat_map(|e| e.outcomes.iter())
            .map(|o| {
                let d = Decided {
                    advice: o.values.clone(),
                    otherwise: None,
                    at: None,
                };
                (o.id.clone(), d)
            })
            .collect(),
        Some("override") => {
            let (Some(outcome), Some(value)) = (text(old, "outcome"), text(old, "value")) else {
                return SortedMap::new();
            };
            let d = Decided {
                advice: advice(&outcome),
                otherwise: Some(Otherwise {
                    values: vec![value],
                    code: String::new(),
                    text: text(old, "reason").unwrap_or_default(),
                }),
                at: None,
            };
            std::iter::once((outcome, d)).collect()
        }
        _ => SortedMap::new(),
    }
}

/// The advice (value ids) for outcome `id`.
fn advice_of(result: Option<&Evaluation>, id: &str) -> Option<Vec<String>> {
    result?
        .outcomes
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.values.clone())
}

/// The decisions that still hold for `result`: an override stays the professional's; a confirmation of
/// an advice that changed (an answer, new rules) lapses, as does one on an outcome these rules lack.
pub(super) fn still_holding(st: &State) -> SortedMap<String, Decided> {
    let result = st.result.as_ref();
    st.decisions
        .iter()
        .filter(|(id, d)| {
            d.otherwise.is_some() || advice_of(result, id).as_ref() == Some(&d.advice)
        })
        .map(|(id, d)| (id.clone(), d.clone()))
        .collect()
}

/// True when every outcome of the advice has a decision.
pub(super) fn all_decided(st: &State) -> bool {
    st.result.as_ref().is_some_and(|e| {
        !e.outcomes.is_empty() && e.outcomes.iter().all(|o| st.decisions.contains_key(&o.id))
    })
}

/// The decisions as the core's summary takes them.
pub(super) fn for_summary(decisions: &SortedMap<String, Decided>) -> Vec<Decision> {
    decisions.iter().map(|(id, d)| to_core(id, d)).collect()
}

/// One decision as the core takes it.
fn to_core(id: &str, d: &Decided) -> Decision {
    match &d.otherwise {
        None => Decision::Confirmed {
            outcome: id.to_string(),
        },
        Some(o) => Decision::Override(Override {
            outcome: id.to_string(),
            values: o.values.clone(),
            code: o.code.clone(),
            reason: o.text.clone(),
        }),
    }
}

/// The time now, from the browser's clock, as ISO 8601 (UTC).
fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Confirms the advice of every outcome not decided yet; an override stays, and so does an override
/// being typed (saving it replaces the confirmation).
pub(super) fn confirm(state: &Rc<RefCell<State>>) -> JsResult {
    {
        let mut st = state.borrow_mut();
        let at = now();
        let open: Vec<(String, Vec<String>)> = st
            .result
            .iter()
            .flat_map(|e| e.outcomes.iter())
            .filter(|o| !st.decisions.contains_key(&o.id))
            .map(|o| (o.id.clone(), o.values.clone()))
            .collect();
        for (id, advice) in open {
            let d = Decided {
                advice,
                otherwise: None,
                at: Some(at.clone()),
            };
            st.decisions.insert(id, d);
        }
    }
    render(state)?;
    super::render_summary(state)?;
    send(state, "confirm")
}

/// Opens the form to decide otherwise on `outcome`, with the keyboard on its first field.
pub(super) fn open(state: &Rc<RefCell<State>>, outcome: &str) -> JsResult {
    keep_draft(state)?;
    {
        let mut st = state.borrow_mut();
        if st.draft.as_ref().is_some_and(|(id, _)| id != outcome) {
            st.draft = None;
        }
        st.override_open = Some(outcome.to_string());
    }
    render(state)?;
    focus(state, "[part=override-form] [data-field]")
}

/// Closes the form without saving.
pub(super) fn cancel(state: &Rc<RefCell<State>>) -> JsResult {
    let outcome = {
        let mut st = state.borrow_mut();
        st.draft = None;
        st.override_open.take()
    };
    render(state)?;
    match outcome {
        Some(id) => focus(
            state,
            &format!(
                "[data-action=override][data-outcome=\"{}\"]",
                super::css_ident(&id)
            ),
        ),
        None => Ok(()),
    }
}

/// Puts the keyboard on the first element matching `selector`.
fn focus(state: &Rc<RefCell<State>>, selector: &str) -> JsResult {
    let st = state.borrow();
    if let Some(e) = st.shadow.query_selector(selector)? {
        let _ = e.dyn_into::<HtmlElement>().map(|e| e.focus());
    }
    Ok(())
}

/// Saves the override being typed, when it is complete: a decision chosen and a reason.
pub(super) fn save(state: &Rc<RefCell<State>>) -> JsResult {
    let Some((outcome, typed)) = typed(&state.borrow().shadow)? else {
        return Ok(());
    };
    let (lang, single) = {
        let st = state.borrow();
        let single = view(&st, &outcome).is_some_and(|o| o.policy != Policy::Collect);
        (st.lang.clone(), single)
    };
    // Nothing chosen (the empty choice, or one these rules do not have) is never saved as a value.
    if single && typed.values.is_empty() {
        return error(state, words(&lang).choose_override, "override-value");
    }
    let ov = Override {
        outcome: outcome.clone(),
        values: typed.values.clone(),
        code: typed.code.trim().to_string(),
        reason: typed.text.trim().to_string(),
    };
    let problem = {
        let st = state.borrow();
        let no_codes = st
            .model
            .as_ref()
            .is_some_and(|m| m.override_reasons.is_empty());
        match st.model.as_ref().map(|m| ov.validate(m)) {
            Some(Err(e)) => Some((
                e.message(),
                if no_codes {
                    "override-reason"
                } else {
                    "override-code"
                },
            )),
            _ => None,
        }
    };
    if let Some((message, field)) = problem {
        return error(state, message.get(&lang), field);
    }
    {
        let mut st = state.borrow_mut();
        let advice = advice_of(st.result.as_ref(), &outcome).unwrap_or_default();
        let d = Decided {
            advice,
            otherwise: Some(Otherwise {
                values: ov.values,
                code: ov.code,
                text: ov.reason,
            }),
            at: Some(now()),
        };
        st.decisions.insert(outcome.clone(), d);
        st.override_open = None;
        st.draft = None;
    }
    render(state)?;
    super::render_summary(state)?;
    focus(
        state,
        &format!(
            "[data-action=override][data-outcome=\"{}\"]",
            super::css_ident(&outcome)
        ),
    )?;
    send(state, "confirm")
}

/// Shows why an override cannot be saved, and puts the keyboard on the `field` to fix.
fn error(state: &Rc<RefCell<State>>, message: &str, field: &str) -> JsResult {
    let st = state.borrow();
    if let Some(err) = st.shadow.query_selector("[part=decision-error]")? {
        err.set_text_content(Some(message));
        err.remove_attribute("hidden")?;
    }
    if let Some(control) = st.shadow.query_selector(&format!("[data-field={field}]"))? {
        control.set_attribute("aria-invalid", "true")?;
        let _ = control.dyn_into::<HtmlElement>().map(|e| e.focus());
    }
    Ok(())
}

/// The outcome as the checklist describes it.
fn view<'a>(st: &'a State, id: &str) -> Option<&'a OutcomeView> {
    st.checklist.as_ref()?.outcomes.iter().find(|o| o.id == id)
}

/// The override being typed in the widget's DOM: its outcome and what is chosen (`None`: no form shown).
/// A choice the loaded rules do not have reads as none.
pub(super) fn typed(shadow: &web_sys::ShadowRoot) -> JsResult<Option<(String, Otherwise)>> {
    let Some(form) = shadow.query_selector("[part=override-form]")? else {
        return Ok(None);
    };
    let outcome = form.get_attribute("data-outcome").unwrap_or_default();
    let select = |field: &str| -> JsResult<String> {
        Ok(form
            .query_selector(&format!("[data-field={field}]"))?
            .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default())
    };
    let mut values: Vec<String> = Some(select("override-value")?)
        .filter(|v| !v.is_empty())
        .into_iter()
        .collect();
    let boxes = form.query_selector_all("[data-field=override-values]")?;
    for i in 0..boxes.length() {
        if let Some(b) = boxes
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            && b.checked()
        {
            values.push(b.value());
        }
    }
    let text = form
        .query_selector("[data-field=override-reason]")?
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default();
    let code = select("override-code")?;
    Ok(Some((outcome, Otherwise { values, code, text })))
}

/// Stores a half-typed override from the current DOM in the state, before the DOM is rebuilt. A choice
/// not shown (the rules in between lacked it) keeps the draft's choice, for when those rules come back.
pub(super) fn keep_draft(state: &Rc<RefCell<State>>) -> JsResult {
    let Some((outcome, typed)) = typed(&state.borrow().shadow)? else {
        return Ok(());
    };
    let mut st = state.borrow_mut();
    // A form just saved or cancelled (no longer open) leaves no draft behind.
    if st.override_open.as_deref() != Some(outcome.as_str()) {
        return Ok(());
    }
    let old = match st.draft.take() {
        Some((id, old)) if id == outcome => old,
        _ => Otherwise::default(),
    };
    let pick = |new: String, old: String| if new.is_empty() { old } else { new };
    let kept = Otherwise {
        values: if typed.values.is_empty() {
            old.values
        } else {
            typed.values
        },
        code: pick(typed.code, old.code),
        text: typed.text,
    };
    st.draft = Some((outcome, kept));
    Ok(())
}

/// The decision panel: per outcome its advice and decision, with "confirm" and "decide otherwise"; the
/// form for the outcome being decided otherwise; "confirm the advice" for every outcome not decided yet.
pub(super) fn render(state: &Rc<RefCell<State>>) -> JsResult {
    keep_draft(state)?;
    let st = state.borrow();
    let Some(panel) = st.shadow.query_selector("[part=decision]")? else {
        return Ok(());
    };
    clear(&panel)?;
    let w = words(&st.lang);
    let outcomes: Vec<_> = st.result.iter().flat_map(|e| e.outcomes.iter()).collect();
    let decided = outcomes
        .iter()
        .filter(|o| st.decisions.contains_key(&o.id))
        .count();
    let overridden = st.decisions.iter().any(|(_, d)| d.otherwise.is_some());
    let (kind, text) = match (decided, overridden) {
        (0, _) => ("none", w.not_confirmed),
        (n, false) if n == outcomes.len() => ("confirmed", w.confirmed),
        (n, true) if n == outcomes.len() => ("override", w.decided_with_override),
        _ => ("partial", w.partly_decided),
    };
    let status = el_text(&st.doc, "p", text)?;
    attrs(
        &status,
        &[
            ("part", "decision-status"),
            ("role", "status"),
            ("data-decision", kind),
        ],
    )?;
    add(&panel, status)?;
    let list = el(&st.doc, "ul")?;
    list.set_attribute("part", "decision-outcomes")?;
    for o in &outcomes {
        add(&list, row(&st, o)?)?;
    }
    add(&panel, list)?;
    let all = if decided == 0 {
        w.confirm
    } else {
        w.confirm_rest
    };
    if decided < outcomes.len() {
        add(&panel, button(&st.doc, "confirm", all)?)?;
    }
    Ok(())
}

/// One outcome: its advice, what was decided, and the buttons (plus the override form when open).
fn row(st: &State, o: &regiewijzer_core::eval::OutcomeResult) -> JsResult<Element> {
    let w = words(&st.lang);
    let lang = st.lang.as_str();
    let li = el(&st.doc, "li")?;
    attrs(
        &li,
        &[("part", "decision-outcome"), ("data-outcome", &o.id)],
    )?;
    let advice: Vec<&str> = o.value_labels.iter().map(|t| t.get(lang)).collect();
    let advice = if advice.is_empty() {
        w.undecided.to_string()
    } else {
        advice.join(", ")
    };
    let d = st.decisions.get(&o.id);
    let kind = match d.map(|d| &d.otherwise) {
        None => "none",
        Some(None) => "confirmed",
        Some(Some(_)) => "override",
    };
    let decision = d.map(|d| to_core(&o.id, d));
    let state_text = match &st.model {
        Some(m) => decision_in_words(m, o, decision.as_ref(), lang),
        None => String::new(),
    };
    li.set_attribute("data-decision", kind)?;
    let text = format!("{}: {advice} — {state_text}", o.label.get(lang));
    add(&li, el_text(&st.doc, "span", &text)?)?;
    let name = o.label.get(lang);
    let Some(view) = view(st, &o.id).filter(|v| v.policy != Policy::Deadline) else {
        return Ok(li);
    };
    let open = st.override_open.as_deref() == Some(o.id.as_str());
    let b = button(&st.doc, "override", w.override_)?;
    attrs(
        &b,
        &[
            ("data-outcome", &o.id),
            ("aria-label", &format!("{}: {name}", w.override_)),
            ("aria-expanded", if open { "true" } else { "false" }),
        ],
    )?;
    add(&li, b)?;
    if open {
        add(&li, form(st, view, d)?)?;
    }
    Ok(li)
}

/// The form to decide otherwise on one outcome: an empty required choice of a value (or the actions that
/// hold, for a `collect` outcome), the reason code (required) and free text.
fn form(st: &State, view: &OutcomeView, saved: Option<&Decided>) -> JsResult<Element> {
    let w = words(&st.lang);
    let lang = st.lang.as_str();
    let doc = &st.doc;
    let draft = st
        .draft
        .as_ref()
        .filter(|(id, _)| *id == view.id)
        .map(|(_, d)| d.clone())
        .or_else(|| saved.and_then(|d| d.otherwise.clone()));
    let form = el(doc, "div")?;
    attrs(
        &form,
        &[
            ("part", "override-form"),
            ("data-outcome", &view.id),
            ("role", "group"),
        ],
    )?;
    form.set_attribute(
        "aria-label",
        &format!("{}: {}", w.override_, view.label.get(lang)),
    )?;
    if view.policy == Policy::Collect {
        let fs = el(doc, "fieldset")?;
        fs.set_attribute("part", "override-values")?;
        add(
            &fs,
            el_text(
                doc,
                "legend",
                &format!("{} {}", view.label.get(lang), w.what_holds),
            )?,
        )?;
        let advice = st
            .result
            .as_ref()
            .and_then(|e| e.outcomes.iter().find(|o| o.id == view.id))
            .map(|o| o.values.clone())
            .unwrap_or_default();
        let checked = draft.as_ref().map_or(&advice, |d| &d.values);
        for v in &view.values {
            let label = el(doc, "label")?;
            let input: HtmlInputElement = el(doc, "input")?.dyn_into()?;
            input.set_type("checkbox");
            input.set_value(&v.id);
            input.set_attribute("data-field", "override-values")?;
            input.set_checked(checked.contains(&v.id));
            add(&label, input)?;
            add(
                &label,
                doc.create_text_node(&format!(" {}", v.label.get(lang))),
            )?;
            add(&fs, label)?;
        }
        add(&form, fs)?;
    } else {
        let options: Vec<(String, &str)> = view
            .values
            .iter()
            .map(|v| (v.id.clone(), v.label.get(lang)))
            .collect();
        let chosen = draft.as_ref().and_then(|d| d.values.first().cloned());
        let label = format!("{} — {}", view.label.get(lang), w.override_value);
        add(
            &form,
            choice(st, "override-value", &label, &options, chosen.as_deref())?,
        )?;
    }
    let reasons: Vec<(String, &str)> = st
        .model
        .iter()
        .flat_map(|m| m.override_reasons.iter())
        .map(|r| (r.id.clone(), r.label.get(lang)))
        .collect();
    if !reasons.is_empty() {
        let code = draft.as_ref().map(|d| d.code.as_str());
        add(
            &form,
            choice(st, "override-code", w.override_reason, &reasons, code)?,
        )?;
    }
    let text_label = if reasons.is_empty() {
        w.override_reason
    } else {
        w.override_text
    };
    let label = el_text(doc, "label", text_label)?;
    label.set_attribute("for", "rw-override-reason")?;
    add(&form, label)?;
    let area: HtmlTextAreaElement = el(doc, "textarea")?.dyn_into()?;
    area.set_id("rw-override-reason");
    area.set_attribute("data-field", "override-reason")?;
    if reasons.is_empty() {
        area.set_attribute("required", "")?;
    }
    area.set_attribute("aria-describedby", "rw-override-error")?;
    area.set_rows(3);
    if let Some(d) = &draft {
        area.set_value(&d.text);
    }
    add(&form, area)?;
    let err = el(doc, "p")?;
    err.set_id("rw-override-error");
    attrs(
        &err,
        &[
            ("part", "decision-error"),
            ("role", "alert"),
            ("hidden", ""),
        ],
    )?;
    add(&form, err)?;
    add(&form, button(doc, "save-override", w.save_override)?)?;
    add(&form, button(doc, "cancel-override", w.cancel)?)?;
    Ok(form)
}

/// A labelled, required choice that starts empty ("— kies —") unless `chosen` is one of its options.
fn choice(
    st: &State,
    field: &str,
    label: &str,
    options: &[(String, &str)],
    chosen: Option<&str>,
) -> JsResult<Element> {
    let doc = &st.doc;
    let w = words(&st.lang);
    let wrap = el(doc, "div")?;
    let id = format!("rw-{field}");
    let l = el_text(doc, "label", label)?;
    l.set_attribute("for", &id)?;
    add(&wrap, l)?;
    let sel: HtmlSelectElement = el(doc, "select")?.dyn_into()?;
    sel.set_id(&id);
    attrs(
        &sel,
        &[
            ("data-field", field),
            ("required", ""),
            ("aria-describedby", "rw-override-error"),
        ],
    )?;
    let empty = el_text(doc, "option", w.choose)?;
    empty.set_attribute("value", "")?;
    add(&sel, empty)?;
    for (id, text) in options {
        let o = el_text(doc, "option", text)?;
        o.set_attribute("value", id)?;
        add(&sel, o)?;
    }
    sel.set_value(
        chosen
            .filter(|c| options.iter().any(|(id, _)| id == c))
            .unwrap_or(""),
    );
    add(&wrap, sel)?;
    Ok(wrap)
}

/// Sets each `(name, value)` attribute on `e`.
fn attrs(e: &Element, list: &[(&str, &str)]) -> JsResult {
    for (name, value) in list {
        e.set_attribute(name, value)?;
    }
    Ok(())
}
