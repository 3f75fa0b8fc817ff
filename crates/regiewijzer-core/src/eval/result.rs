//! The result types of an evaluation (what [`super::evaluate`] returns and hosts serialize), and how
//! values, parameters and deadlines are shown in them.

use serde::Serialize;

use crate::answers::AnswerIssue;
use crate::ast::Policy;
use crate::date::Date;
use crate::model::{BaseRef, FactDef, FactType, Model, OutcomeDef, Text, Value, ValueId};

use super::NextQuestion;

/// The identity of the ruleset that produced a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesetRef {
    /// Ruleset id.
    pub id: String,
    /// Version text.
    pub version: String,
    /// `sha256:` + hex of the source.
    pub hash: String,
    /// Title.
    pub title: Text,
    /// For a variant: the base it was resolved against (left out of the JSON for other rulesets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<BaseRef>,
}

impl RulesetRef {
    /// The identity of `model`.
    pub fn of(model: &Model) -> RulesetRef {
        RulesetRef {
            id: model.meta.id.clone(),
            version: model.meta.version.clone(),
            hash: model.meta.hash.clone(),
            title: model.meta.title.clone(),
            base: model.meta.base.clone(),
        }
    }
}

/// A value as shown to a person and written to JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// The value as in JSON answers: `true`/`false`, a number, an option id or `YYYY-MM-DD`, as text.
    pub value: String,
    /// The value in words (`ja`/`yes`, the option's label, the scale level's label, the number, the date).
    pub label: Text,
}

/// A fact's answer as used in a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedAnswer {
    /// Fact id.
    pub fact: String,
    /// The question.
    pub question: Text,
    /// The answer, or `None` when unanswered.
    pub answer: Option<Shown>,
}

/// One part of a condition that made a rule fire (or keeps it from firing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionPart {
    /// The canonical text, e.g. `leeftijd >= 18` or `not acuut_gevaar`: for rule authors (the playground,
    /// `--verbose`), never shown to a professional.
    pub text: String,
    /// The part in plain words, for the professional: the question with its answer's label, the
    /// parameters' labels and values, e.g. "Is er nu acuut gevaar? Ja." or "Contactpogingen met resultaat
    /// geen contact in de laatste 14 dagen: 3 (minstens 3, …)". No ids, operators, keywords or line
    /// numbers. Empty when the part reads only questions that are not asked now (they are not cited) or
    /// nothing at all (`when yes`): leave it out then.
    pub sentence: Text,
    /// `true`, `false` or `None` (unknown: unanswered).
    pub holds: Option<bool>,
    /// The answers it reads.
    pub answers: Vec<UsedAnswer>,
    /// The parameters it reads, with their values.
    pub parameters: Vec<UsedParameter>,
}

/// A parameter's value as used in a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedParameter {
    /// Parameter id.
    pub id: String,
    /// What it means.
    pub label: Text,
    /// Its value as text.
    pub value: String,
    /// True when it is a regional choice.
    pub regional: bool,
    /// Where the value comes from.
    pub sources: Vec<String>,
}

/// A deadline: its date and how it stands relative to `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineInfo {
    /// The date.
    pub date: Date,
    /// Days from today to the date (negative: overdue).
    pub days_left: i64,
    /// True when the date lies before today.
    pub overdue: bool,
    /// In words: `nog 3 dagen` / `3 days left`, `vandaag` / `today`, `2 dagen te laat` / `2 days overdue`.
    pub status: Text,
}

/// Why an outcome has its value: a rule that fired, or the outcome's default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// `rule`, `row` (a table row) or `default`.
    pub kind: &'static str,
    /// Rule id (`table#row` for a row; the outcome id for a default).
    pub rule: String,
    /// Table id, for a row.
    pub table: Option<String>,
    /// Row number (from 1), for a row.
    pub row: Option<usize>,
    /// Line in the ruleset source.
    pub line: u32,
    /// Title.
    pub title: Option<Text>,
    /// The values it gives this outcome.
    pub values: Vec<String>,
    /// Priority.
    pub priority: i64,
    /// The reason in words.
    pub because: Text,
    /// Sources.
    pub sources: Vec<String>,
    /// The parts of the condition that hold, with the answers.
    pub conditions: Vec<ConditionPart>,
    /// True while unanswered questions could still make this rule stop firing.
    pub provisional: bool,
}

/// A rule that did not fire but may, with what it still misses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NearMiss {
    /// Rule id.
    pub rule: String,
    /// Line in the source.
    pub line: u32,
    /// Title.
    pub title: Option<Text>,
    /// The values it would give.
    pub values: Vec<String>,
    /// The values it would give, in words (same order).
    pub value_labels: Vec<Text>,
    /// Its reason in words.
    pub because: Text,
    /// Unanswered questions it needs (fact ids).
    pub missing: Vec<String>,
    /// Parts of its condition that are false now.
    pub failing: Vec<ConditionPart>,
}

/// The state of an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A rule (or rules, for collect) decided it.
    Decided,
    /// No rule fired; the default value holds.
    Default,
    /// No rule fired and the outcome is required: no decision.
    Undecided,
    /// Rules disagree (priority: equal priority, different values; unique: more than one fired).
    Conflict,
}

/// One outcome of an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeResult {
    /// Outcome id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Combination policy.
    pub policy: Policy,
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The value ids (one for priority/unique when decided or default; all for collect; none otherwise).
    pub values: Vec<String>,
    /// The values with their labels, in the same order.
    pub value_labels: Vec<Text>,
    /// True while an unanswered question could still change this outcome. For a `collect` outcome: while
    /// a value shown could still fall away (values that could still be added are in `could_add`).
    pub provisional: bool,
    /// For a `collect` outcome: the values shown that stay whatever the open questions are answered with
    /// (empty for other outcomes).
    pub final_values: Vec<String>,
    /// For a `collect` outcome: values not shown now that some answers to the open questions add (each
    /// checked with such answers; a bounded search, so one may be missing). Empty for other outcomes,
    /// and from [`evaluate_outcomes`] until [`what_matters_next`] fills it.
    pub could_add: Vec<String>,
    /// `could_add` in words, in the same order.
    pub could_add_labels: Vec<Text>,
    /// The unanswered, asked questions that could change it (fact ids, checklist order): "wat nu telt".
    pub matters_next: Vec<String>,
    /// Why: the deciding rules (for a conflict: the conflicting rules), or the default.
    pub reasons: Vec<Reason>,
    /// For an undecided outcome: the rules closest to deciding it.
    pub nearest: Vec<NearMiss>,
    /// For a decided deadline outcome: the date, days left or overdue.
    pub deadline: Option<DeadlineInfo>,
}

/// Whether a question is asked now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Asked {
    /// Asked: no `ask when`, or it holds.
    Yes,
    /// Not asked: its `ask when` is false; an answer is ignored.
    No,
    /// Not yet known: its `ask when` reads unanswered questions.
    Maybe,
}

/// The state of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactState {
    /// Fact id.
    pub id: String,
    /// Section id.
    pub section: String,
    /// Asked now?
    pub asked: Asked,
    /// The answer given (also when it is not used).
    pub answer: Option<Shown>,
    /// True when the answer is used by the rules (given and asked).
    pub used: bool,
    /// True when it is asked, unanswered, and could change an outcome.
    pub matters_next: bool,
    /// For an answered timeline: its records, each a value per field (in field order).
    pub records: Option<Vec<Vec<Option<Shown>>>>,
}

/// An answer that is not used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredAnswer {
    /// Fact id.
    pub fact: String,
    /// Why.
    pub reason: Text,
}

/// Where a handover stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverStatus {
    /// Its `when` does not hold: no handover is proposed.
    NotProposed,
    /// Its `when` reads unanswered questions.
    Open,
    /// Proposed, but a requirement does not hold (yet): the sender keeps the lead.
    Blocked,
    /// Proposed and every requirement holds: the receiver has the lead.
    Complete,
}

/// One requirement of a handover, as evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementResult {
    /// The condition as written.
    pub text: String,
    /// What it means.
    pub label: Text,
    /// Met (`true`), not met (`false`) or unknown (unanswered).
    pub met: Option<bool>,
    /// The answers it reads.
    pub answers: Vec<UsedAnswer>,
}

/// A handover, as evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandoverResult {
    /// Handover id.
    pub id: String,
    /// Title.
    pub title: Option<Text>,
    /// The outcome that holds the lead.
    pub lead: String,
    /// Sending party id.
    pub from: String,
    /// Sending party.
    pub from_label: Text,
    /// Receiving party id.
    pub to: String,
    /// Receiving party.
    pub to_label: Text,
    /// Where it stands.
    pub status: HandoverStatus,
    /// Every requirement with whether it is met.
    pub requirements: Vec<RequirementResult>,
    /// The requirements not met (yet), in words: what is still missing.
    pub missing: Vec<Text>,
    /// True while unanswered questions could change its status.
    pub provisional: bool,
    /// Why.
    pub because: Text,
    /// Sources.
    pub sources: Vec<String>,
    /// True when every requirement is only about time passing (warning W506).
    pub time_only: bool,
    /// Line in the ruleset source.
    pub line: u32,
}

/// The result of evaluating a ruleset on answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// Which ruleset (id, version, hash).
    pub ruleset: RulesetRef,
    /// The date the rules were applied with.
    pub today: Date,
    /// True when every asked question is answered.
    pub complete: bool,
    /// Every outcome, in source order.
    pub outcomes: Vec<OutcomeResult>,
    /// Every question, in source order.
    pub facts: Vec<FactState>,
    /// Union of the outcomes' `matters_next`, checklist order.
    pub matters_next: Vec<String>,
    /// The same questions ranked by what their answer could still change, each with what it could change
    /// (see [`NextQuestion`]): first those that could change a single-value outcome, then those that could
    /// only add a value to a `collect` outcome, then those that matter only together with other answers.
    /// Empty from [`evaluate_outcomes`] until [`what_matters_next`] fills it.
    pub next: Vec<NextQuestion>,
    /// Answers given to questions that are not asked.
    pub ignored_answers: Vec<IgnoredAnswer>,
    /// Problems with the raw answers (filled by callers that convert raw input; empty otherwise).
    pub answer_issues: Vec<AnswerIssue>,
    /// Every parameter of the ruleset with its value (what the region chose).
    pub parameters: Vec<UsedParameter>,
    /// Every handover with its status and what is still missing.
    pub handovers: Vec<HandoverResult>,
}

impl Evaluation {
    /// The result for an outcome id.
    pub fn outcome(&self, id: &str) -> Option<&OutcomeResult> {
        self.outcomes.iter().find(|o| o.id == id)
    }
}

/// Every parameter of a model with its value and source.
pub fn evaluate_parameters(model: &Model) -> Vec<UsedParameter> {
    (0..model.parameters.len())
        .filter_map(|p| used_parameter(model, p))
        .collect()
}

pub(super) fn used_parameter(model: &Model, p: usize) -> Option<UsedParameter> {
    let def = model.parameters.get(p)?;
    Some(UsedParameter {
        id: def.id.clone(),
        label: def.label.clone(),
        value: match def.value {
            Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Choice(i) => i.to_string(),
        },
        regional: def.regional,
        sources: def.sources.clone(),
    })
}

/// How a deadline stands relative to today, in words.
pub fn deadline_info(date: Date, today: Date) -> DeadlineInfo {
    let days_left = today.days_until(date);
    let status = match days_left {
        0 => Text {
            nl: "vandaag".into(),
            en: "today".into(),
        },
        1 => Text {
            nl: "nog 1 dag".into(),
            en: "1 day left".into(),
        },
        -1 => Text {
            nl: "1 dag te laat".into(),
            en: "1 day overdue".into(),
        },
        n if n > 0 => Text {
            nl: format!("nog {n} dagen"),
            en: format!("{n} days left"),
        },
        n => Text {
            nl: format!("{} dagen te laat", n.unsigned_abs()),
            en: format!("{} days overdue", n.unsigned_abs()),
        },
    };
    DeadlineInfo {
        date,
        days_left,
        overdue: days_left < 0,
        status,
    }
}

pub(super) fn value_ids(out: &OutcomeDef, vals: &[ValueId]) -> Vec<String> {
    vals.iter()
        .filter_map(|v| out.values.get(*v).map(|d| d.id.clone()))
        .collect()
}

/// A fact's value as JSON text and in words.
pub fn shown(def: &FactDef, v: Value) -> Shown {
    shown_type(&def.ty, v)
}

/// The type used to show a value whose term has no fact type of its own (a count, a sum, a parameter).
pub(crate) const PLAIN: FactType = FactType::Int {
    min: None,
    max: None,
};

/// A value of a type as JSON text and in words (for a timeline, `v` is the number of records).
pub fn shown_type(ty: &FactType, v: Value) -> Shown {
    match (v, ty) {
        (Value::Int(n), FactType::Timeline { .. }) => Shown {
            value: n.to_string(),
            label: Text {
                nl: if n == 1 {
                    "1 registratie".into()
                } else {
                    format!("{n} registraties")
                },
                en: if n == 1 {
                    "1 record".into()
                } else {
                    format!("{n} records")
                },
            },
        },
        (Value::Bool(true), _) => Shown {
            value: "true".into(),
            label: Text {
                nl: "ja".into(),
                en: "yes".into(),
            },
        },
        (Value::Bool(false), _) => Shown {
            value: "false".into(),
            label: Text {
                nl: "nee".into(),
                en: "no".into(),
            },
        },
        (Value::Choice(i), FactType::Choice { options }) => match options.get(i) {
            Some(o) => Shown {
                value: o.id.clone(),
                label: o.label.clone(),
            },
            None => Shown {
                value: i.to_string(),
                label: Text::both(i.to_string()),
            },
        },
        (Value::Int(n), FactType::Scale { levels, .. }) => {
            let label = match levels.iter().find(|(l, _)| *l == n) {
                Some((_, t)) => Text {
                    nl: format!("{n} ({})", t.nl),
                    en: format!("{n} ({})", t.en),
                },
                None => Text::both(n.to_string()),
            };
            Shown {
                value: n.to_string(),
                label,
            }
        }
        (Value::Int(n), _) => Shown {
            value: n.to_string(),
            label: Text::both(n.to_string()),
        },
        (Value::Date(d), _) => Shown {
            value: d.to_string(),
            label: d.label(),
        },
        (Value::Choice(i), _) => Shown {
            value: i.to_string(),
            label: Text::both(i.to_string()),
        },
    }
}
