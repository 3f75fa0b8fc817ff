//! A ruleset's checklist as a FHIR R4 `Questionnaire`: a group per section, an item per question of the
//! matching type, a repeating group per timeline, `enableWhen` for an `ask when` that FHIR can say.

use serde::Serialize;

use super::{
    BASE, CodeableConcept, Coding, Element, Extension, Typed, canonical_url, code_system, ext_url,
    translation,
};
use crate::ast::CmpOp;
use crate::describe::{FactView, FieldView, MAX_LISTED_LEVELS, checklist};
use crate::model::{Atom, Cond, FactType, Model, OptionDef, Pred, Term, Text, Value};

/// A FHIR R4 `Questionnaire` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `Questionnaire`.
    pub resource_type: &'static str,
    /// `nl`: the texts are Dutch, English is a translation.
    pub language: &'static str,
    /// The canonical URL, per ruleset id.
    pub url: String,
    /// The ruleset's content hash (`sha256:…`).
    pub identifier: Vec<Identifier>,
    /// The ruleset's version.
    pub version: String,
    /// A computer-friendly name made of the id.
    pub name: String,
    /// The ruleset's title (Dutch).
    pub title: String,
    /// Its English title.
    #[serde(rename = "_title", skip_serializing_if = "Option::is_none")]
    pub title_ext: Option<Element>,
    /// Always `active`.
    pub status: &'static str,
    /// The ruleset's note (Dutch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its English note.
    #[serde(rename = "_description", skip_serializing_if = "Option::is_none")]
    pub description_ext: Option<Element>,
    /// In force from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_period: Option<Period>,
    /// The sections with their questions.
    pub item: Vec<Item>,
}

/// An identifier: a system and a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identifier {
    /// The namespace.
    pub system: String,
    /// The value.
    pub value: String,
}

/// A period from a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// Its first day.
    pub start: String,
}

/// An item of a `Questionnaire`: a group, a question or a text to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Extensions: bounds, item control, `ask when` as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The question's id (the key in the answers), a section's `section.ID`, a timeline field's
    /// `TIMELINE.FIELD`, a help text's `ID.help`.
    pub link_id: String,
    /// The text (Dutch).
    pub text: String,
    /// Its English.
    #[serde(rename = "_text", skip_serializing_if = "Option::is_none")]
    pub text_ext: Option<Element>,
    /// `group`, `display`, `boolean`, `choice`, `integer` or `date`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// When the question is asked (as far as FHIR can say it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// `all` or `any` when there is more than one `enableWhen`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<&'static str>,
    /// True for a timeline (one group per record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    /// The options of a choice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// Nested items (a section's questions, a timeline's fields, a help text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Item>,
}

/// One allowed answer of a choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    /// The option as a code.
    pub value_coding: Coding,
}

/// A condition on another question's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnableWhen {
    /// The other question's link id.
    pub question: String,
    /// `exists`, `=`, `!=`, `<`, `<=`, `>`, `>=`.
    pub operator: &'static str,
    /// The answer compared with.
    #[serde(flatten)]
    pub answer: EnableAnswer,
}

/// The `answer[x]` of an `enableWhen`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EnableAnswer {
    /// `answerBoolean`
    #[serde(rename = "answerBoolean")]
    Boolean(bool),
    /// `answerInteger`
    #[serde(rename = "answerInteger")]
    Integer(i64),
    /// `answerDate`
    #[serde(rename = "answerDate")]
    Date(String),
    /// `answerCoding`
    #[serde(rename = "answerCoding")]
    Coding(Coding),
}

/// HL7's extensions for the bounds of a number and for how an item is shown.
const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";
const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

/// The checklist of `model` as a FHIR R4 `Questionnaire`. Its `url` and `version` are those a
/// [`super::questionnaire_response`] of a value of these rules points to; its identifier is the rules' hash.
pub fn questionnaire(model: &Model) -> Questionnaire {
    let list = checklist(model);
    let meta = &model.meta;
    Questionnaire {
        resource_type: "Questionnaire",
        language: "nl",
        url: canonical_url(model),
        identifier: vec![Identifier {
            system: format!("{BASE}/ruleset-hash"),
            value: meta.hash.clone(),
        }],
        version: meta.version.clone(),
        name: computer_name(&meta.id),
        title: meta.title.nl.clone(),
        title_ext: translation(&meta.title),
        status: "active",
        description: meta.note.as_ref().map(|n| n.nl.clone()),
        description_ext: meta.note.as_ref().and_then(translation),
        effective_period: meta.valid_from.map(|d| Period {
            start: d.to_string(),
        }),
        // A group must have items (FHIR's que-1): a section without questions is left out.
        item: list
            .sections
            .iter()
            .filter(|s| !s.facts.is_empty())
            .map(|s| {
                let mut items: Vec<Item> = help_item(&format!("section.{}", s.id), &s.help)
                    .into_iter()
                    .collect();
                items.extend(s.facts.iter().map(|f| fact_item(model, f)));
                Item {
                    item: items,
                    ..plain(format!("section.{}", s.id), &s.label, "group")
                }
            })
            .collect(),
    }
}

/// A name FHIR's `name` pattern takes (`[A-Z]([A-Za-z0-9_]){0,254}`): the id with a capital first.
fn computer_name(id: &str) -> String {
    let mut out: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(255)
        .collect();
    match out.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => {
            out.replace_range(..1, &c.to_ascii_uppercase().to_string())
        }
        _ => {
            out.insert(0, 'R');
            out.truncate(255);
        }
    }
    out
}

/// An item with only an id, a text and a type.
fn plain(link_id: String, label: &Text, ty: &'static str) -> Item {
    Item {
        extension: Vec::new(),
        link_id,
        text: label.nl.clone(),
        text_ext: translation(label),
        ty,
        enable_when: Vec::new(),
        enable_behavior: None,
        repeats: None,
        answer_option: Vec::new(),
        item: Vec::new(),
    }
}

/// A help text as a `display` item shown as help.
fn help_item(owner: &str, help: &Option<Text>) -> Option<Item> {
    let help = help.as_ref()?;
    let control = Extension::of(
        ITEM_CONTROL,
        Typed::CodeableConcept(CodeableConcept {
            coding: vec![Coding::labelled(ITEM_CONTROL_SYSTEM.into(), "help", None)],
        }),
    );
    Some(Item {
        extension: vec![control],
        ..plain(format!("{owner}.help"), help, "display")
    })
}

/// One question as an item of its type.
fn fact_item(model: &Model, f: &FactView) -> Item {
    let mut item = if f.ty == "timeline" {
        Item {
            repeats: Some(true),
            item: f.fields.iter().map(|x| field_item(model, f, x)).collect(),
            ..plain(f.id.clone(), &f.label, "group")
        }
    } else {
        typed_item(
            model,
            f.id.clone(),
            &f.label,
            (f.ty, &f.options, f.min, f.max),
            &format!("fact/{}", f.id),
        )
    };
    item.item.extend(help_item(&f.id, &f.help));
    if let Some(text) = &f.ask_when {
        item.extension.push(Extension::of(
            ext_url("ask-when"),
            Typed::String(text.clone()),
        ));
        let cond = model
            .fact_by_name(&f.id)
            .and_then(|id| model.facts.get(id))
            .and_then(|d| d.ask_when.as_ref());
        if let Some((conditions, behavior)) = cond.and_then(|c| enable_when(model, c)) {
            item.enable_behavior = (conditions.len() > 1).then_some(behavior);
            item.enable_when = conditions;
        }
    }
    item
}

/// A field of a timeline's records.
fn field_item(model: &Model, f: &FactView, x: &FieldView) -> Item {
    typed_item(
        model,
        format!("{}.{}", f.id, x.id),
        &x.label,
        (x.ty, &x.options, x.min, x.max),
        &format!("fact/{}/{}", f.id, x.id),
    )
}

/// A question of a plain type: its FHIR type, options or bounds. A scale whose levels the checklist
/// lists is a choice (each level a code with its number as ordinal value), a wider one an integer.
fn typed_item(
    model: &Model,
    link_id: String,
    label: &Text,
    (ty, options, min, max): (&str, &[OptionDef], Option<i64>, Option<i64>),
    part: &str,
) -> Item {
    let system = code_system(model, part);
    let choices = |ordinal: bool| {
        options
            .iter()
            .map(|o| {
                let mut coding = Coding::labelled(system.clone(), &o.id, Some(&o.label));
                if let (true, Ok(n)) = (ordinal, o.id.parse::<i64>()) {
                    coding.extension = vec![Extension::of(ORDINAL_VALUE, Typed::Decimal(n))];
                }
                AnswerOption {
                    value_coding: coding,
                }
            })
            .collect()
    };
    let bounds = || {
        let mut out = Vec::new();
        out.extend(min.map(|n| Extension::of(MIN_VALUE, Typed::Integer(n))));
        out.extend(max.map(|n| Extension::of(MAX_VALUE, Typed::Integer(n))));
        out
    };
    match ty {
        "bool" => plain(link_id, label, "boolean"),
        "choice" => Item {
            answer_option: choices(false),
            ..plain(link_id, label, "choice")
        },
        "scale" if !options.is_empty() => Item {
            answer_option: choices(true),
            ..plain(link_id, label, "choice")
        },
        "int" | "scale" => Item {
            extension: bounds(),
            ..plain(link_id, label, "integer")
        },
        _ => plain(link_id, label, "date"),
    }
}

/// `ask when` as `enableWhen`, when FHIR can say it: one test, or tests joined by only `and` (all) or
/// only `or` (any), each comparing a question's answer with a constant or asking whether it is
/// answered. `None` for anything else (the condition is then only in the `ask-when` extension).
fn enable_when(model: &Model, cond: &Cond) -> Option<(Vec<EnableWhen>, &'static str)> {
    match cond {
        Cond::Atom(a) => atom_when(model, a, false).map(|w| (w, "any")),
        Cond::Not(inner) => match inner.as_ref() {
            Cond::Atom(a) => atom_when(model, a, true)
                .filter(|w| w.len() == 1)
                .map(|w| (w, "all")),
            _ => None,
        },
        Cond::And(parts) => joined(model, parts).map(|w| (w, "all")),
        Cond::Or(parts) => joined(model, parts).map(|w| (w, "any")),
        Cond::True | Cond::Definitely(_) => None,
    }
}

/// Every part of an `and` or `or` as a single `enableWhen`.
fn joined(model: &Model, parts: &[Cond]) -> Option<Vec<EnableWhen>> {
    let mut out = Vec::new();
    for part in parts {
        let Cond::Atom(a) = part else { return None };
        let mut one = atom_when(model, a, false)?;
        if one.len() != 1 {
            return None;
        }
        out.append(&mut one);
    }
    Some(out)
}

/// One test as `enableWhen`s (`in` gives one per listed value, to be joined by `any`), negated when
/// `not` is set (only for a single comparison that has an opposite).
fn atom_when(model: &Model, atom: &Atom, not: bool) -> Option<Vec<EnableWhen>> {
    let when = |fact: usize, op: CmpOp, value: &Value| compare(model, fact, op, value, not);
    match &atom.pred {
        Pred::Truth(Term::Fact(f)) => Some(vec![when(*f, CmpOp::Eq, &Value::Bool(true))?]),
        Pred::Cmp(op, Term::Fact(f), Term::Lit(v)) => Some(vec![when(*f, *op, v)?]),
        Pred::Cmp(op, Term::Lit(v), Term::Fact(f)) => Some(vec![when(*f, op.mirrored(), v)?]),
        Pred::Answered { fact, negated } => {
            let question = plain_question(model, *fact)?;
            Some(vec![EnableWhen {
                question,
                operator: "exists",
                answer: EnableAnswer::Boolean(*negated == not),
            }])
        }
        Pred::In {
            term: Term::Fact(f),
            list,
            negated: false,
        } if !not => list
            .iter()
            .map(|t| match t {
                Term::Lit(v) => when(*f, CmpOp::Eq, v),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The link id of a question that is an item of its own (not a timeline), if `fact` is one.
fn plain_question(model: &Model, fact: usize) -> Option<String> {
    let def = model.facts.get(fact)?;
    (!matches!(def.ty, FactType::Timeline { .. })).then(|| def.id.clone())
}

/// `fact OP value` as an `enableWhen` on the item as [`typed_item`] made it: a choice (or a listed
/// scale) compares codes, only for `=` and `!=`.
fn compare(model: &Model, fact: usize, op: CmpOp, value: &Value, not: bool) -> Option<EnableWhen> {
    let op = if not { op.negated() } else { op };
    let def = model.facts.get(fact)?;
    let coded = |code: String, label: Option<&Text>| {
        matches!(op, CmpOp::Eq | CmpOp::Ne).then(|| {
            let system = code_system(model, &format!("fact/{}", def.id));
            EnableAnswer::Coding(Coding::labelled(system, &code, label))
        })
    };
    let answer = match (&def.ty, value) {
        (FactType::Bool, Value::Bool(b)) => Some(EnableAnswer::Boolean(*b)),
        (FactType::Int { .. }, Value::Int(n)) => Some(EnableAnswer::Integer(*n)),
        (FactType::Date, Value::Date(d)) => Some(EnableAnswer::Date(d.to_string())),
        (FactType::Choice { options }, Value::Choice(i)) => {
            let o = options.get(*i)?;
            coded(o.id.clone(), Some(&o.label))
        }
        (FactType::Scale { min, max, .. }, Value::Int(n)) => {
            if max.saturating_sub(*min) < MAX_LISTED_LEVELS {
                coded(n.to_string(), None)
            } else {
                Some(EnableAnswer::Integer(*n))
            }
        }
        _ => None,
    }?;
    Some(EnableWhen {
        question: def.id.clone(),
        operator: op.as_str(),
        answer,
    })
}
