//! A value the `<regie-wijzer>` element posts (docs/widget.md, "Value") as a FHIR R4
//! `QuestionnaireResponse` to the ruleset's [`super::questionnaire`]: the answers as items, the ruleset,
//! `today`, the advice per outcome and the professional's decisions as extensions.

use serde::Serialize;

use super::{Coding, Extension, Typed, canonical_url, code_system, ext_url};
use crate::answers::{Answers, RawAnswers, RawValue};
use crate::ast::Policy;
use crate::date::Date;
use crate::describe::MAX_LISTED_LEVELS;
use crate::map::SortedMap;
use crate::model::{FactType, FieldDef, Model, OptionDef, Value};

/// Why a value cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    /// Not an object with the ruleset and the answers.
    #[error(
        "Dit is geen waarde van de widget: een object met de regelset (id, versie, hash) en de antwoorden. / This is not a value of the widget: an object with the ruleset (id, version, hash) and the answers."
    )]
    NotAValue,
    /// The widget was unavailable when it made the value: there is no advice.
    #[error(
        "De widget was niet beschikbaar toen deze waarde werd gemaakt: er is geen advies om door te geven. / The widget was unavailable when this value was made: there is no advice to pass on."
    )]
    Unavailable,
    /// The value was made with other rules than these.
    #[error(
        "Deze waarde is gemaakt met andere regels ({posted}) dan deze ({ours}). / This value was made with other rules ({posted}) than these ({ours})."
    )]
    OtherRules {
        /// The value's ruleset hash.
        posted: String,
        /// These rules' hash.
        ours: String,
    },
}

/// A FHIR R4 `QuestionnaireResponse` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `QuestionnaireResponse`.
    pub resource_type: &'static str,
    /// The language the professional worked in (`nl`, `en`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The ruleset, today, the advice per outcome, the decisions, answers not used.
    pub extension: Vec<Extension>,
    /// The questionnaire's canonical URL and version (`URL|VERSION`).
    pub questionnaire: String,
    /// `completed` when every outcome is decided, else `in-progress`.
    pub status: &'static str,
    /// When the last decision was taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// The answers, per section.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// An item of a response: a section or a timeline record (with items), or an answered question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    /// The questionnaire item's link id.
    pub link_id: String,
    /// Its text (Dutch).
    pub text: String,
    /// The answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Answer>,
    /// Nested items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// One answer: `value[x]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// The value.
    #[serde(flatten)]
    pub value: Typed,
}

/// A posted value as a `QuestionnaireResponse` to `model`'s questionnaire. The value must have been made
/// with these rules (its `ruleset.hash` is theirs). Answers these rules cannot use, and answers to
/// questions they lack (`removed_answers`), are not items: they are listed in extensions. A decision's
/// time is its `decidedAt` (or `at`), kept only when it is a FHIR `dateTime`; `authored` is the latest.
pub fn questionnaire_response(
    model: &Model,
    value: &RawValue,
) -> Result<QuestionnaireResponse, ResponseError> {
    let RawValue::Record(v) = value else {
        return Err(ResponseError::NotAValue);
    };
    let Some(RawValue::Record(ruleset)) = v.get("ruleset") else {
        return Err(if v.contains_key("unavailable") {
            ResponseError::Unavailable
        } else {
            ResponseError::NotAValue
        });
    };
    let posted = text(ruleset.get("hash")).unwrap_or_default();
    if posted != model.meta.hash {
        return Err(ResponseError::OtherRules {
            posted: posted.to_string(),
            ours: model.meta.hash.clone(),
        });
    }
    let raw = match v.get("answers") {
        Some(RawValue::Record(a)) => RawAnswers(a.clone()),
        _ => RawAnswers::default(),
    };
    let (answers, issues) = Answers::from_raw(model, &raw);
    let mut extension = vec![ruleset_extension(model)];
    extension.extend(value_extensions(model, v));
    extension.extend(
        issues
            .iter()
            .filter(|i| model.fact_by_name(&i.fact).is_some())
            .map(|i| {
                Extension::parts(
                    ext_url("answer-not-used"),
                    vec![
                        Extension::of("question", Typed::String(i.fact.clone())),
                        Extension::of("reason", Typed::String(i.message.nl.clone())),
                    ],
                )
            }),
    );
    let times = decision_times(v);
    Ok(QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        language: text(v.get("lang"))
            .filter(|l| ["nl", "en"].contains(l))
            .map(str::to_string),
        extension,
        questionnaire: format!("{}|{}", canonical_url(model), model.meta.version),
        status: if matches!(v.get("decided"), Some(RawValue::Bool(true))) {
            "completed"
        } else {
            "in-progress"
        },
        authored: times.into_iter().max(),
        item: answer_items(model, &answers),
    })
}

/// The ruleset's id, version and hash.
fn ruleset_extension(model: &Model) -> Extension {
    let m = &model.meta;
    Extension::parts(
        ext_url("ruleset"),
        vec![
            Extension::of("id", Typed::String(m.id.clone())),
            Extension::of("version", Typed::String(m.version.clone())),
            Extension::of("hash", Typed::String(m.hash.clone())),
        ],
    )
}

/// `format`, `today`, the advice per outcome, the decisions and the removed answers of a value.
fn value_extensions(model: &Model, v: &SortedMap<String, RawValue>) -> Vec<Extension> {
    let mut out = Vec::new();
    if let Some(format) = match v.get("format") {
        Some(RawValue::Int(n)) => Some(n.to_string()),
        other => text(other)
            .filter(|t| !t.trim().is_empty())
            .map(str::to_string),
    } {
        out.push(Extension::of(
            ext_url("value-format"),
            Typed::String(format),
        ));
    }
    if let Some(today) = text(v.get("today")).and_then(Date::parse) {
        out.push(Extension::of(
            ext_url("today"),
            Typed::Date(today.to_string()),
        ));
    }
    let outcomes = record(v.get("outcomes"));
    let decisions = record(v.get("decisions"));
    for o in &model.outcomes {
        if let Some(RawValue::Record(posted)) = outcomes.and_then(|m| m.get(&o.id)) {
            out.push(advice_extension(model, o, posted));
        }
        if let Some(RawValue::Record(d)) = decisions.and_then(|m| m.get(&o.id)) {
            out.extend(decision_extension(model, o, d));
        }
    }
    if let Some(RawValue::List(removed)) = v.get("removed_answers") {
        out.extend(
            removed
                .iter()
                .filter_map(|r| text(Some(r)))
                .filter(|r| !r.trim().is_empty())
                .map(|r| Extension::of(ext_url("removed-answer"), Typed::String(r.to_string()))),
        );
    }
    out
}

/// One outcome's advice: the outcome, its status, values, whether provisional, the rules that gave it.
fn advice_extension(
    model: &Model,
    o: &crate::model::OutcomeDef,
    posted: &SortedMap<String, RawValue>,
) -> Extension {
    let mut parts = vec![outcome_part(model, o)];
    if let Some(status) = text(posted.get("status")).filter(|s| is_code(s)) {
        parts.push(Extension::of("status", Typed::Code(status.to_string())));
    }
    parts.extend(values(model, o, posted.get("values"), "value"));
    if let Some(RawValue::Bool(b)) = posted.get("provisional") {
        parts.push(Extension::of("provisional", Typed::Boolean(*b)));
    }
    parts.extend(strings(posted.get("rules")).map(|r| Extension::of("rule", Typed::String(r))));
    Extension::parts(ext_url("advice"), parts)
}

/// One outcome's decision: confirmed or decided otherwise, the advice it was taken on, the values that
/// hold, the reason (a code and the professional's words) and when. `None` for no such decision.
fn decision_extension(
    model: &Model,
    o: &crate::model::OutcomeDef,
    d: &SortedMap<String, RawValue>,
) -> Option<Extension> {
    let kind = text(d.get("decision")).filter(|k| ["confirmed", "override"].contains(k))?;
    let mut parts = vec![
        outcome_part(model, o),
        Extension::of("decision", Typed::Code(kind.to_string())),
    ];
    parts.extend(values(model, o, d.get("advice"), "advice"));
    parts.extend(values(model, o, d.get("values"), "value"));
    if let Some(RawValue::Record(reason)) = d.get("reason") {
        if let Some(code) = text(reason.get("code")).filter(|c| is_code(c)) {
            let label = model.override_reasons.iter().find(|r| r.id == code);
            let system = code_system(model, "override-reason");
            let coding = Coding::labelled(system, code, label.map(|r| &r.label));
            parts.push(Extension::of("reason", Typed::Coding(coding)));
        }
        if let Some(words) = text(reason.get("text")).filter(|t| !t.trim().is_empty()) {
            parts.push(Extension::of(
                "reason-text",
                Typed::String(words.to_string()),
            ));
        }
    }
    if let Some(at) = decided_at(d) {
        parts.push(Extension::of("decided-at", Typed::DateTime(at)));
    }
    Some(Extension::parts(ext_url("decision"), parts))
}

/// The outcome a part of the advice or a decision is about.
fn outcome_part(model: &Model, o: &crate::model::OutcomeDef) -> Extension {
    let coding = Coding::labelled(code_system(model, "outcome"), &o.id, Some(&o.label));
    Extension::of("outcome", Typed::Coding(coding))
}

/// The value ids of an outcome as codes of its code system (a deadline's date as a date); ids that are
/// not codes are left out.
fn values<'a>(
    model: &'a Model,
    o: &'a crate::model::OutcomeDef,
    list: Option<&'a RawValue>,
    name: &'static str,
) -> impl Iterator<Item = Extension> + 'a {
    let system = code_system(model, &format!("outcome/{}", o.id));
    strings(list).filter_map(move |id| {
        if o.policy == Policy::Deadline {
            let date = Date::parse(&id)?;
            return Some(Extension::of(name, Typed::Date(date.to_string())));
        }
        if !is_code(&id) {
            return None;
        }
        let label = o.values.iter().find(|v| v.id == id).map(|v| &v.label);
        let coding = Coding::labelled(system.clone(), &id, label);
        Some(Extension::of(name, Typed::Coding(coding)))
    })
}

/// When each decision was taken, as far as it says so.
fn decision_times(v: &SortedMap<String, RawValue>) -> Vec<String> {
    let Some(decisions) = record(v.get("decisions")) else {
        return Vec::new();
    };
    decisions
        .iter()
        .filter_map(|(_, d)| match d {
            RawValue::Record(d) => decided_at(d),
            _ => None,
        })
        .collect()
}

/// A decision's time: `decidedAt`, else `at`, when it is a FHIR `dateTime` with a time in UTC
/// (`YYYY-MM-DDThh:mm:ss[.fff]Z`, as `Date.toISOString` writes it).
fn decided_at(d: &SortedMap<String, RawValue>) -> Option<String> {
    let at = text(d.get("decidedAt")).or_else(|| text(d.get("at")))?;
    let (date, time) = at.split_once('T')?;
    Date::parse(date)?;
    let time = time.strip_suffix('Z')?;
    let (hms, fraction) = time.split_once('.').unwrap_or((time, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    let in_range = |s: &&str, max: u32| s.len() == 2 && s.parse::<u32>().is_ok_and(|n| n <= max);
    let ok = matches!(parts.as_slice(), [h, m, s] if in_range(h, 23) && in_range(m, 59) && in_range(s, 59))
        && !fraction.is_empty()
        && fraction.len() <= 9
        && fraction.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| at.to_string())
}

/// The answers as items: per section a group with its answered questions (a timeline: a group per
/// record, each with its answered fields), in the questionnaire's order; sections without answers are
/// left out.
fn answer_items(model: &Model, answers: &Answers) -> Vec<ResponseItem> {
    model
        .sections
        .iter()
        .filter_map(|s| {
            let items: Vec<ResponseItem> = s
                .facts
                .iter()
                .flat_map(|&f| fact_items(model, answers, f))
                .collect();
            (!items.is_empty()).then(|| ResponseItem {
                link_id: format!("section.{}", s.id),
                text: s.label.nl.clone(),
                answer: Vec::new(),
                item: items,
            })
        })
        .collect()
}

/// The items of one question: one with its answer, one per record of a timeline, none when unanswered.
fn fact_items(model: &Model, answers: &Answers, fact: usize) -> Vec<ResponseItem> {
    let Some(def) = model.facts.get(fact) else {
        return Vec::new();
    };
    let item = |link_id: String, text: &str, answer: Vec<Answer>, item| ResponseItem {
        link_id,
        text: text.to_string(),
        answer,
        item,
    };
    if let FactType::Timeline { fields } = &def.ty {
        let records = answers.list(fact).unwrap_or_default();
        return records
            .iter()
            .map(|record| {
                let fields = field_items(model, &def.id, fields, record);
                item(def.id.clone(), &def.label.nl, Vec::new(), fields)
            })
            .collect();
    }
    let part = format!("fact/{}", def.id);
    answers
        .get(fact)
        .and_then(|v| typed_answer(model, &part, &def.ty, v))
        .map(|a| item(def.id.clone(), &def.label.nl, vec![a], Vec::new()))
        .into_iter()
        .collect()
}

/// The answered fields of one timeline record.
fn field_items(
    model: &Model,
    fact: &str,
    fields: &[FieldDef],
    record: &[Option<Value>],
) -> Vec<ResponseItem> {
    fields
        .iter()
        .zip(record)
        .filter_map(|(field, value)| {
            let part = format!("fact/{fact}/{}", field.id);
            let answer = typed_answer(model, &part, &field.ty, (*value)?)?;
            Some(ResponseItem {
                link_id: format!("{fact}.{}", field.id),
                text: field.label.nl.clone(),
                answer: vec![answer],
                item: Vec::new(),
            })
        })
        .collect()
}

/// A typed answer as the questionnaire item of its type takes it (see [`super::questionnaire`]).
fn typed_answer(model: &Model, part: &str, ty: &FactType, value: Value) -> Option<Answer> {
    let coded = |id: String, label: Option<&OptionDef>| {
        let coding = Coding::labelled(code_system(model, part), &id, label.map(|o| &o.label));
        Typed::Coding(coding)
    };
    let value = match (ty, value) {
        (FactType::Bool, Value::Bool(b)) => Typed::Boolean(b),
        (FactType::Int { .. }, Value::Int(n)) => Typed::Integer(n),
        (FactType::Date, Value::Date(d)) => Typed::Date(d.to_string()),
        (FactType::Choice { options }, Value::Choice(i)) => {
            let option = options.get(i)?;
            coded(option.id.clone(), Some(option))
        }
        (FactType::Scale { min, max, .. }, Value::Int(n))
            if max.saturating_sub(*min) < MAX_LISTED_LEVELS =>
        {
            coded(n.to_string(), None)
        }
        (FactType::Scale { .. }, Value::Int(n)) => Typed::Integer(n),
        _ => return None,
    };
    Some(Answer { value })
}

/// A text value.
fn text(v: Option<&RawValue>) -> Option<&str> {
    match v {
        Some(RawValue::Text(t)) => Some(t),
        _ => None,
    }
}

/// An object value.
fn record(v: Option<&RawValue>) -> Option<&SortedMap<String, RawValue>> {
    match v {
        Some(RawValue::Record(r)) => Some(r),
        _ => None,
    }
}

/// The texts of a list value.
fn strings(v: Option<&RawValue>) -> impl Iterator<Item = String> + '_ {
    let list: &[RawValue] = match v {
        Some(RawValue::List(l)) => l,
        _ => &[],
    };
    list.iter()
        .filter_map(|x| text(Some(x)).map(str::to_string))
}

/// True for a text FHIR takes as a `code`: not empty, no white space at either end or twice in a row.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.split(' ')
            .all(|w| !w.is_empty() && !w.contains(char::is_whitespace))
}
