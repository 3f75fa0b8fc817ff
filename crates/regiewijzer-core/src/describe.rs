//! The checklist a ruleset describes, in a form a user interface renders directly: sections with their
//! questions (type, options, bounds, scale levels, `ask when`), and the outcomes with their values.
//!
//! Whether a question is shown right now is not decided here but by [`crate::eval::evaluate`]
//! (`facts[].asked`), so a UI never re-implements `ask when`.

use serde::Serialize;

use crate::ast::Policy;
use crate::date::Date;
use crate::eval::{RulesetRef, UsedParameter, evaluate_parameters};
use crate::model::{FactType, Model, OptionDef, Text};

/// Everything a checklist UI needs to render a ruleset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    /// Which ruleset (id, version, hash, title).
    pub ruleset: RulesetRef,
    /// In force from.
    pub valid_from: Option<Date>,
    /// The ruleset's note (e.g. "an example to adapt").
    pub note: Option<Text>,
    /// True when the rules read `today`.
    pub uses_today: bool,
    /// Sections in order, each with its questions.
    pub sections: Vec<SectionView>,
    /// Outcomes in order.
    pub outcomes: Vec<OutcomeView>,
    /// The parameters the region set, with their values and sources.
    pub parameters: Vec<UsedParameter>,
    /// The parties that can hold the lead.
    pub parties: Vec<OptionDef>,
    /// The phases of a case.
    pub phases: Vec<OptionDef>,
    /// The phases of a case in which this ruleset is used (its `phases` line); `None`: every phase.
    pub used_in: Option<Vec<String>>,
    /// The reasons a professional can give for deciding otherwise than the advice (a code and its label).
    pub override_reasons: Vec<OptionDef>,
}

/// A section and its questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionView {
    /// Id.
    pub id: String,
    /// Heading.
    pub label: Text,
    /// Help text.
    pub help: Option<Text>,
    /// Its questions, in order.
    pub facts: Vec<FactView>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactView {
    /// Id (the key in the answers object).
    pub id: String,
    /// The question.
    pub label: Text,
    /// Help text.
    pub help: Option<Text>,
    /// `bool`, `choice`, `int`, `scale` or `date`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// The options of a choice, or the levels of a scale (every level, labelled or not).
    pub options: Vec<OptionDef>,
    /// Lowest allowed number (int, scale).
    pub min: Option<i64>,
    /// Highest allowed number (int, scale).
    pub max: Option<i64>,
    /// The `ask when` condition as written, when there is one.
    pub ask_when: Option<String>,
    /// The fields of a timeline's records (the first is the date).
    pub fields: Vec<FieldView>,
    /// The levels of a scale that the ruleset names (`id` is the number, `label` the name alone), also
    /// for a scale too wide to list in `options`: a form names its ends with them.
    pub levels: Vec<OptionDef>,
}

/// A field of a timeline's records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldView {
    /// Id (the key in a record).
    pub id: String,
    /// Label.
    pub label: Text,
    /// `bool`, `choice`, `int`, `scale` or `date`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// Options of a choice field (levels of a scale field).
    pub options: Vec<OptionDef>,
    /// Lowest allowed number.
    pub min: Option<i64>,
    /// Highest allowed number.
    pub max: Option<i64>,
}

/// An outcome and its possible values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeView {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Combination policy.
    pub policy: Policy,
    /// The possible values.
    pub values: Vec<OptionDef>,
}

/// The number of scale levels listed one by one; wider scales are left to a number input.
pub(crate) const MAX_LISTED_LEVELS: i64 = 10;

/// Describes the checklist of a model.
pub fn checklist(model: &Model) -> Checklist {
    let sections = model
        .sections
        .iter()
        .map(|s| SectionView {
            id: s.id.clone(),
            label: s.label.clone(),
            help: s.help.clone(),
            facts: s
                .facts
                .iter()
                .filter_map(|&f| model.facts.get(f))
                .map(|f| {
                    let (ty, options, min, max) = type_view(&f.ty);
                    let fields = match &f.ty {
                        FactType::Timeline { fields } => fields
                            .iter()
                            .map(|x| {
                                let (ty, options, min, max) = type_view(&x.ty);
                                FieldView {
                                    id: x.id.clone(),
                                    label: x.label.clone(),
                                    ty,
                                    options,
                                    min,
                                    max,
                                }
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    FactView {
                        id: f.id.clone(),
                        label: f.label.clone(),
                        help: f.help.clone(),
                        ty,
                        options,
                        min,
                        max,
                        ask_when: f.ask_when_text.clone(),
                        fields,
                        levels: named_levels(&f.ty),
                    }
                })
                .collect(),
        })
        .collect();
    Checklist {
        ruleset: RulesetRef::of(model),
        valid_from: model.meta.valid_from,
        note: model.meta.note.clone(),
        uses_today: model.uses_today,
        sections,
        outcomes: model
            .outcomes
            .iter()
            .map(|o| OutcomeView {
                id: o.id.clone(),
                label: o.label.clone(),
                policy: o.policy,
                values: o.values.clone(),
            })
            .collect(),
        parameters: evaluate_parameters(model),
        parties: model.parties.clone(),
        phases: model.phases.clone(),
        used_in: model.used_in.clone(),
        override_reasons: model.override_reasons.clone(),
    }
}

/// The type name, options (or scale levels) and bounds of a type.
fn type_view(ty: &FactType) -> (&'static str, Vec<OptionDef>, Option<i64>, Option<i64>) {
    match ty {
        FactType::Bool => ("bool", Vec::new(), None, None),
        FactType::Choice { options } => ("choice", options.clone(), None, None),
        FactType::Int { min, max } => ("int", Vec::new(), *min, *max),
        FactType::Scale { min, max, levels } => (
            "scale",
            scale_levels(*min, *max, levels),
            Some(*min),
            Some(*max),
        ),
        FactType::Date => ("date", Vec::new(), None, None),
        FactType::Timeline { .. } => ("timeline", Vec::new(), None, None),
    }
}

/// The levels of a scale the ruleset names, as options (`id` is the number); none for other types.
fn named_levels(ty: &FactType) -> Vec<OptionDef> {
    match ty {
        FactType::Scale { levels, .. } => levels
            .iter()
            .map(|(n, label)| OptionDef {
                id: n.to_string(),
                label: label.clone(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Every level of a scale as an option (`id` is the number), labelled where the ruleset names it.
fn scale_levels(min: i64, max: i64, levels: &[(i64, Text)]) -> Vec<OptionDef> {
    if max.saturating_sub(min) >= MAX_LISTED_LEVELS {
        return Vec::new();
    }
    (min..=max)
        .map(|n| OptionDef {
            id: n.to_string(),
            label: match levels.iter().find(|(l, _)| *l == n) {
                Some((_, t)) => Text {
                    nl: format!("{n} – {}", t.nl),
                    en: format!("{n} – {}", t.en),
                },
                None => Text::both(n.to_string()),
            },
        })
        .collect()
}
