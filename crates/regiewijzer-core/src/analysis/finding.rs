//! What the analysis reports: findings (each with its place, like a diagnostic, and answers that show
//! it), the checks the budget stopped, and the report of a whole run.

use serde::Serialize;

use crate::ast::Span;
use crate::date::Date;
use crate::diag::{LineCol, Severity};
use crate::eval::RulesetRef;
use crate::map::SortedMap;
use crate::model::Text;

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// No rule decides a required outcome for these answers.
    Gap {
        /// The outcome.
        outcome: String,
    },
    /// Rules of equal priority give different values, or a `unique` outcome gets two rules.
    Conflict {
        /// The outcome.
        outcome: String,
        /// The rules that fire together.
        rules: Vec<String>,
    },
    /// A rule (or table row) whose condition is never true.
    DeadRule {
        /// The rule.
        rule: String,
    },
    /// A rule that can fire but is always overridden for an outcome by higher-priority rules.
    ShadowedRule {
        /// The rule.
        rule: String,
        /// The outcome it never decides.
        outcome: String,
        /// The rules that override it (each one alone always does, or together).
        by: Vec<String>,
    },
    /// A rule reads a question that is never asked when the rule's other conditions hold.
    AskWhen {
        /// The rule.
        rule: String,
        /// The question.
        fact: String,
    },
    /// A party or phase that no rule, handover or question uses: no way in or out.
    Isolated {
        /// The party or phase.
        value: String,
    },
    /// A rule adds values to a collect outcome while its value for a single-value outcome (that the
    /// collect outcome does not follow) lost.
    LostValue {
        /// The rule.
        rule: String,
        /// The collect outcome it adds to.
        outcome: String,
        /// The single-value outcome where it lost.
        lost: String,
        /// The rules that won it in the example.
        to: Vec<String>,
    },
    /// Handovers A → B and B → A that can both go through for the same answers.
    PingPong {
        /// The one handover.
        first: String,
        /// The other.
        second: String,
    },
}

impl FindingKind {
    /// What the finding is about, as [`Unchecked::subject`] names it: the rule, `rule (outcome)` for a
    /// shadowed rule, `rule (question)` for `ask when`, `rule (collect outcome, outcome)` for a lost
    /// value, the outcome of a gap or conflict, the party or phase, or the two handovers (`a / b`).
    pub fn subject(&self) -> String {
        match self {
            FindingKind::DeadRule { rule } => rule.clone(),
            FindingKind::ShadowedRule { rule, outcome, .. } => format!("{rule} ({outcome})"),
            FindingKind::AskWhen { rule, fact } => format!("{rule} ({fact})"),
            FindingKind::LostValue {
                rule,
                outcome,
                lost,
                ..
            } => format!("{rule} ({outcome}, {lost})"),
            FindingKind::Gap { outcome } | FindingKind::Conflict { outcome, .. } => outcome.clone(),
            FindingKind::Isolated { value } => value.clone(),
            FindingKind::PingPong { first, second } => format!("{first} / {second}"),
        }
    }
}

/// One answer of an example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ExampleValue {
    /// Yes/no.
    Bool(bool),
    /// A whole number or scale level.
    Int(i64),
    /// An option id or a date (`YYYY-MM-DD`).
    Text(String),
    /// A timeline's records, field id → value.
    Records(Vec<SortedMap<String, ExampleValue>>),
}

/// A full set of answers that shows a finding, as the widget and `regiewijzer eval` take them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The date to evaluate on.
    pub today: Date,
    /// Question id → answer.
    pub answers: SortedMap<String, ExampleValue>,
    /// The answers that make the finding (the others can be anything that is asked).
    pub when: Vec<(String, String)>,
}

/// One finding of the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `A101` gap, `A102` conflict, `A201` dead rule, `A202` shadowed rule, `A203` a collect value from
    /// a rule whose single-value outcome lost, `A301` ask-when, `A401` isolated party/phase, `A402`
    /// handover ping-pong.
    pub code: &'static str,
    /// Error (gaps and conflicts: `regiewijzer analyze` exits 1) or warning.
    pub severity: Severity,
    /// What it is about.
    #[serde(flatten)]
    pub kind: FindingKind,
    /// Line (1-based) of the rule, outcome or handover (as `start.line`).
    pub line: u32,
    /// Column (1-based, as `start.column`).
    pub column: u32,
    /// The place, as a diagnostic has it: the first line of the rule or table row, the outcome's or the
    /// handover's name (the start of the file for an unused party or phase).
    pub span: Span,
    /// Where the place starts (line and column from 1; the column counts bytes, which for the
    /// declarations a finding points at, written in keywords and names, are characters).
    pub start: LineCol,
    /// Where it ends (exclusive).
    pub end: LineCol,
    /// In Dutch and English (as a diagnostic's `message_nl` and `message_en`).
    pub message: Text,
    /// Answers that show it (none for findings about something that never happens).
    pub example: Option<Example>,
    /// False when the finding rests on a search that ran out of budget or on approximated facts: "not
    /// found" then means "not found among what was searched".
    pub exact: bool,
}

/// The result of [`analyze`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The ruleset analysed.
    pub ruleset: RulesetRef,
    /// The date used.
    pub today: Date,
    /// Every finding, gaps and conflicts first.
    pub findings: Vec<Finding>,
    /// Checks that ran out of budget (also summed up in `notes`).
    pub unchecked: Vec<Unchecked>,
    /// What the search did not cover (empty: exact over the whole answer space).
    pub notes: Vec<Text>,
    /// False when the budget ran out somewhere.
    pub complete: bool,
    /// How much of the budget the search used, in evaluations (one per started 250 steps of work
    /// each, see [`crate::limits::ANALYSIS_STEPS_PER_EVALUATION`]).
    pub evaluations: usize,
    /// The work the evaluations did, in steps ([`crate::eval::Probe::work`]).
    pub work: usize,
    /// The most work one evaluation did, in steps. Evaluations are checked against the budget before
    /// they start, so the budget is passed by at most the one that crossed it and one per example shown,
    /// each counting at most [`evaluations_for`] this much.
    pub max_work: usize,
}

impl Report {
    /// True when there is a gap or a conflict.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// A check that ran out of budget before it was settled: it could not show that something never
/// happens (`A201`, `A202`, `A301`), or it stopped before it had searched everywhere for more (`A101`
/// gaps and `A102` conflicts of an outcome, `A402` ping-pong of two handovers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unchecked {
    /// The finding code it would have been.
    pub code: &'static str,
    /// What it is about: the rule, `rule (outcome)` for `A202`, `rule (question)` for `A301`, the
    /// outcome for `A101`/`A102`, or the two handovers (`a / b`) for `A402`.
    pub subject: String,
}

impl Finding {
    /// The message in the given language (`"en"`, anything else is Dutch), as
    /// [`crate::Diagnostic::message`].
    pub fn message(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.message.en
        } else {
            &self.message.nl
        }
    }
}
