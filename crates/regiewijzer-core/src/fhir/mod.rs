//! FHIR R4 export: a ruleset's checklist as a `Questionnaire` ([`questionnaire`]) and a value the
//! `<regie-wijzer>` element posts as a `QuestionnaireResponse` to it ([`response`]), the two resources the
//! MedMij information standard "Vragenlijsten" exchanges (after HL7's Structured Data Capture).
//!
//! Pure: the resources are plain serializable structs (JSON through serde, in the field names of FHIR's
//! JSON format); no I/O, no clock. What FHIR has no element for (the ruleset's hash, the advice per
//! outcome, the professional's decisions, `ask when` as written) goes into extensions whose URLs all start
//! with [`BASE`]; docs/fhir.md lists them with the mapping.

mod questionnaire;
mod response;

pub use questionnaire::questionnaire;
pub use response::{ResponseError, questionnaire_response};

use serde::Serialize;

use crate::model::{Model, Text};

/// The one base of every URL this export defines (extensions, code systems, the questionnaire's
/// canonical URL). A name, not an address that serves anything (docs/fhir.md).
pub const BASE: &str = "https://regiewijzer.nl/fhir";

/// HL7's extension for a translation of a text (its `lang` and `content`).
const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";

/// The canonical URL of a ruleset's questionnaire (without version).
pub fn canonical_url(model: &Model) -> String {
    format!("{BASE}/Questionnaire/{}", model.meta.id)
}

/// The URL of one of our extensions.
fn ext_url(name: &str) -> String {
    format!("{BASE}/StructureDefinition/{name}")
}

/// The code system of a ruleset's part (`fact/melder`, `outcome/route`, `override-reason`).
fn code_system(model: &Model, part: &str) -> String {
    format!("{BASE}/CodeSystem/{}/{part}", model.meta.id)
}

/// A FHIR extension: a URL and a value, or nested extensions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    /// What it means.
    pub url: String,
    /// Its value (none for a complex extension).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub value: Option<Typed>,
    /// Its parts (a complex extension).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
}

impl Extension {
    /// An extension with a value.
    fn of(url: impl Into<String>, value: Typed) -> Extension {
        Extension {
            url: url.into(),
            value: Some(value),
            extension: Vec::new(),
        }
    }

    /// A complex extension of parts.
    fn parts(url: impl Into<String>, extension: Vec<Extension>) -> Extension {
        Extension {
            url: url.into(),
            value: None,
            extension,
        }
    }
}

/// A typed FHIR value as `value[x]` (an extension's value, an answer).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Typed {
    /// `valueBoolean`
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    /// `valueInteger`
    #[serde(rename = "valueInteger")]
    Integer(i64),
    /// `valueDecimal` (a whole number here)
    #[serde(rename = "valueDecimal")]
    Decimal(i64),
    /// `valueDate` (`YYYY-MM-DD`)
    #[serde(rename = "valueDate")]
    Date(String),
    /// `valueDateTime`
    #[serde(rename = "valueDateTime")]
    DateTime(String),
    /// `valueString`
    #[serde(rename = "valueString")]
    String(String),
    /// `valueCode`
    #[serde(rename = "valueCode")]
    Code(String),
    /// `valueCoding`
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    /// `valueCodeableConcept`
    #[serde(rename = "valueCodeableConcept")]
    CodeableConcept(CodeableConcept),
}

/// A code in a code system, with its display text (Dutch, English as a translation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coding {
    /// Extensions (an ordinal value of a scale level).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The code system.
    pub system: String,
    /// The code.
    pub code: String,
    /// The Dutch display text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The English display text, as a translation.
    #[serde(rename = "_display", skip_serializing_if = "Option::is_none")]
    pub display_ext: Option<Element>,
}

impl Coding {
    /// A code with its label.
    fn labelled(system: String, code: &str, label: Option<&Text>) -> Coding {
        Coding {
            extension: Vec::new(),
            system,
            code: code.to_string(),
            display: label.map(|l| l.nl.clone()),
            display_ext: label.and_then(translation),
        }
    }
}

/// A concept: codings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeableConcept {
    /// Its codings.
    pub coding: Vec<Coding>,
}

/// The extensions of a primitive value (`_text`, `_display`: the English translation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Element {
    /// The extensions.
    pub extension: Vec<Extension>,
}

/// The English of a text as HL7's translation extension, when it differs from the Dutch.
fn translation(text: &Text) -> Option<Element> {
    if text.en.is_empty() || text.en == text.nl {
        return None;
    }
    Some(Element {
        extension: vec![Extension::parts(
            TRANSLATION,
            vec![
                Extension::of("lang", Typed::Code("en".into())),
                Extension::of("content", Typed::String(text.en.clone())),
            ],
        )],
    })
}
