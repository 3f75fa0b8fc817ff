//! Evaluation: three-valued, with reasons. (types are the contract; implementation being written)
use serde::Serialize;

use crate::answers::{AnswerIssue, Answers};
use crate::ast::Policy;
use crate::date::Date;
use crate::model::{Model, Text};

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
    /// The canonical text, e.g. `leeftijd >= 18` or `not acuut_gevaar`.
    pub text: String,
    /// `true`, `false` or `None` (unknown: unanswered).
    pub holds: Option<bool>,
    /// The answers it reads.
    pub answers: Vec<UsedAnswer>,
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
    /// True while an unanswered question could still change this outcome.
    pub provisional: bool,
    /// The unanswered, asked questions that could change it (fact ids, checklist order): "wat nu telt".
    pub matters_next: Vec<String>,
    /// Why: the deciding rules (for a conflict: the conflicting rules), or the default.
    pub reasons: Vec<Reason>,
    /// For an undecided outcome: the rules closest to deciding it.
    pub nearest: Vec<NearMiss>,
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
}

/// An answer that is not used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredAnswer {
    /// Fact id.
    pub fact: String,
    /// Why.
    pub reason: Text,
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
    /// Answers given to questions that are not asked.
    pub ignored_answers: Vec<IgnoredAnswer>,
    /// Problems with the raw answers (filled by callers that convert raw input; empty otherwise).
    pub answer_issues: Vec<AnswerIssue>,
}

impl Evaluation {
    /// The result for an outcome id.
    pub fn outcome(&self, id: &str) -> Option<&OutcomeResult> {
        self.outcomes.iter().find(|o| o.id == id)
    }
}

/// Evaluates `model` on `answers` with the given `today`. (being written)
pub fn evaluate(model: &Model, _answers: &Answers, today: Date) -> Evaluation {
    Evaluation {
        ruleset: RulesetRef {
            id: model.meta.id.clone(),
            version: model.meta.version.clone(),
            hash: model.meta.hash.clone(),
            title: model.meta.title.clone(),
        },
        today,
        complete: false,
        outcomes: Vec::new(),
        facts: Vec::new(),
        matters_next: Vec::new(),
        ignored_answers: Vec::new(),
        answer_issues: Vec::new(),
    }
}
