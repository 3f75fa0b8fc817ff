//! What a professional keeps: an override of the advice with a recorded reason, and a plain-text summary
//! (answers, outcomes, reasons, ruleset id/version/hash, date) to paste into an existing dossier system.
//!
//! Decision support, not decision: the summary always says that the professional decides, and an
//! override is shown next to the advice it replaces, never instead of it.

use serde::{Deserialize, Serialize};

use crate::eval::{Evaluation, Status, question_and_answer};
use crate::model::{Model, Text};

/// A professional's decision that differs from (or confirms) the advice for one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// The outcome id, e.g. `route`.
    pub outcome: String,
    /// The chosen value id.
    pub value: String,
    /// Why, in the professional's words (required, not empty).
    pub reason: String,
}

/// Why an override cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverrideError {
    /// The reason is empty.
    #[error("Geef een reden voor de afwijking. / Give a reason for the override.")]
    MissingReason,
    /// The outcome does not exist.
    #[error("Onbekende uitkomst '{0}'. / Unknown outcome '{0}'.")]
    UnknownOutcome(String),
    /// The value is not one of the outcome's values.
    #[error("'{value}' is geen waarde van '{outcome}'. / '{value}' is not a value of '{outcome}'.")]
    UnknownValue {
        /// The outcome.
        outcome: String,
        /// The value given.
        value: String,
    },
}

impl OverrideError {
    /// The message in Dutch and English.
    pub fn message(&self) -> Text {
        let full = self.to_string();
        match full.split_once(" / ") {
            Some((nl, en)) => Text {
                nl: nl.to_string(),
                en: en.to_string(),
            },
            None => Text::both(full),
        }
    }
}

impl Override {
    /// Checks the override against the model: the outcome and value exist, and the reason is not empty.
    pub fn validate(&self, model: &Model) -> Result<(), OverrideError> {
        if self.reason.trim().is_empty() {
            return Err(OverrideError::MissingReason);
        }
        let out = model
            .outcomes
            .iter()
            .find(|o| o.id == self.outcome)
            .ok_or_else(|| OverrideError::UnknownOutcome(self.outcome.clone()))?;
        if out.values.iter().any(|v| v.id == self.value) {
            Ok(())
        } else {
            Err(OverrideError::UnknownValue {
                outcome: self.outcome.clone(),
                value: self.value.clone(),
            })
        }
    }
}

/// Words of the summary, per language.
struct Words {
    heading: &'static str,
    ruleset: &'static str,
    date: &'static str,
    outcomes: &'static str,
    provisional: &'static str,
    undecided: &'static str,
    conflict: &'static str,
    default: &'static str,
    override_by: &'static str,
    reason: &'static str,
    reasons: &'static str,
    conditions: &'static str,
    sources: &'static str,
    answers: &'static str,
    ignored: &'static str,
    open: &'static str,
    disclaimer: &'static str,
}

const NL: Words = Words {
    heading: "Regiewijzer – advies",
    ruleset: "Regelset",
    date: "Datum",
    outcomes: "Uitkomst",
    provisional: "voorlopig",
    undecided: "geen besluit",
    conflict: "tegenstrijdige regels",
    default: "standaard",
    override_by: "Afwijkend besloten door de professional",
    reason: "reden",
    reasons: "Waarom",
    conditions: "omdat",
    sources: "bron",
    answers: "Antwoorden",
    ignored: "Niet gebruikt (vraag niet gesteld)",
    open: "Wat nu telt",
    disclaimer: "Beslisondersteuning: de professional beslist. De regels zijn een regionaal voorbeeld, geen officiële richtlijn.",
};

const EN: Words = Words {
    heading: "Regiewijzer – advice",
    ruleset: "Ruleset",
    date: "Date",
    outcomes: "Outcome",
    provisional: "provisional",
    undecided: "no decision",
    conflict: "conflicting rules",
    default: "default",
    override_by: "Decided otherwise by the professional",
    reason: "reason",
    reasons: "Why",
    conditions: "because",
    sources: "source",
    answers: "Answers",
    ignored: "Not used (question not asked)",
    open: "What matters next",
    disclaimer: "Decision support: the professional decides. The rules are a regional example, not official guidance.",
};

/// A plain-text summary of an evaluation in `lang` (`"en"`, anything else is Dutch), with the overrides.
pub fn summary(model: &Model, eval: &Evaluation, overrides: &[Override], lang: &str) -> String {
    let w = if lang == "en" { &EN } else { &NL };
    let t = |x: &Text| x.get(lang).to_string();
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(w.heading.to_string());
    line(format!(
        "{}: {} ({}) {} – {}",
        w.ruleset,
        t(&eval.ruleset.title),
        eval.ruleset.id,
        eval.ruleset.version,
        eval.ruleset.hash
    ));
    line(format!("{}: {}", w.date, eval.today));
    line(String::new());

    line(format!("{}:", w.outcomes));
    for o in &eval.outcomes {
        let value = match o.status {
            Status::Undecided => w.undecided.to_string(),
            Status::Conflict => w.conflict.to_string(),
            _ => o.value_labels.iter().map(&t).collect::<Vec<_>>().join(", "),
        };
        let mut flags = Vec::new();
        if o.status == Status::Default {
            flags.push(w.default);
        }
        if o.provisional {
            flags.push(w.provisional);
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", flags.join(", "))
        };
        line(format!("- {}: {value}{flags}", t(&o.label)));
        for ov in overrides.iter().filter(|ov| ov.outcome == o.id) {
            let label = model
                .outcomes
                .iter()
                .find(|d| d.id == o.id)
                .and_then(|d| d.values.iter().find(|v| v.id == ov.value))
                .map_or_else(|| ov.value.clone(), |v| t(&v.label));
            line(format!(
                "  {}: {label} – {}: {}",
                w.override_by,
                w.reason,
                one_line(&ov.reason)
            ));
        }
    }
    if !eval.matters_next.is_empty() {
        let labels: Vec<String> = eval
            .matters_next
            .iter()
            .filter_map(|id| model.facts.iter().find(|f| &f.id == id))
            .map(|f| t(&f.label))
            .collect();
        line(format!("{}: {}", w.open, labels.join("; ")));
    }
    line(String::new());

    line(format!("{}:", w.reasons));
    for o in &eval.outcomes {
        for r in &o.reasons {
            line(format!(
                "- {}: {}",
                who(r, w, lang, &t(&o.label)),
                t(&r.because)
            ));
            let parts: Vec<String> = r
                .conditions
                .iter()
                .map(|p| t(&p.sentence))
                .filter(|s| !s.is_empty())
                .collect();
            if !parts.is_empty() {
                line(format!("  {}: {}", w.conditions, parts.join(" ")));
            }
            for s in &r.sources {
                line(format!("  {}: {s}", w.sources));
            }
        }
    }
    line(String::new());

    line(format!("{}:", w.answers));
    for (def, st) in model.facts.iter().zip(&eval.facts) {
        if let (Some(a), true) = (&st.answer, st.used) {
            line(format!(
                "- {}",
                question_and_answer(&t(&def.label), &t(&a.label))
            ));
            for record in st.records.iter().flatten() {
                let cells: Vec<String> = record
                    .iter()
                    .map(|v| v.as_ref().map_or_else(|| "–".to_string(), |v| t(&v.label)))
                    .collect();
                line(format!("  · {}", cells.join(", ")));
            }
        }
    }
    let ignored: Vec<String> = eval
        .ignored_answers
        .iter()
        .filter_map(|i| model.facts.iter().find(|f| f.id == i.fact))
        .map(|f| t(&f.label))
        .collect();
    if !ignored.is_empty() {
        line(format!("{}: {}", w.ignored, ignored.join("; ")));
    }
    line(String::new());
    line(w.disclaimer.to_string());
    out
}

/// Who gives a reason, in words: the outcome's label, with the rule's (or table's) title, or "standaard".
fn who(r: &crate::eval::Reason, w: &Words, lang: &str, outcome: &str) -> String {
    match (&r.title, r.kind) {
        (_, "default") => format!("{outcome} ({})", w.default),
        (Some(title), _) => format!("{outcome} «{}»", title.get(lang)),
        (None, _) => outcome.to_string(),
    }
}

/// Keeps a free text on one line of the summary.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
