//! What a professional keeps: an override of the advice with a recorded reason, and a plain-text summary
//! (answers, outcomes, reasons, ruleset id/version/hash, date) to paste into an existing dossier system.
//!
//! Decision support, not decision: the summary always says that the professional decides, and an
//! override is shown next to the advice it replaces, never instead of it.

use crate::words::JoinWords;
use serde::{Deserialize, Serialize};

use crate::ast::Policy;
use crate::eval::{Evaluation, NEXT_SHOWN, NextWords, OutcomeResult, Status, question_and_answer};
use crate::model::{Model, Text};

/// A professional's decision on the advice for one outcome: confirmed as it stands, or decided otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Decision {
    /// The advice for `outcome` is confirmed.
    Confirmed {
        /// The outcome id.
        outcome: String,
    },
    /// Decided otherwise, with the reason.
    Override(Override),
}

impl Decision {
    /// The outcome the decision is about.
    pub fn outcome(&self) -> &str {
        match self {
            Decision::Confirmed { outcome } => outcome,
            Decision::Override(ov) => &ov.outcome,
        }
    }
}

/// A professional's decision that differs from the advice for one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// The outcome id, e.g. `route`.
    pub outcome: String,
    /// The chosen value ids: exactly one for a single-value outcome; for a `collect` outcome the whole
    /// list that holds (the advice with actions added or struck).
    pub values: Vec<String>,
    /// The reason's code from the ruleset's `override reason` list (required when it has one).
    #[serde(default)]
    pub code: String,
    /// Why, in the professional's words (required when the ruleset lists no reasons).
    #[serde(default)]
    pub reason: String,
}

/// Why an override cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverrideError {
    /// No reason: neither a code (the ruleset lists none) nor a text.
    #[error("Geef een reden voor de afwijking. / Give a reason for the override.")]
    MissingReason,
    /// The ruleset lists reasons and none was chosen.
    #[error("Kies een reden voor de afwijking. / Choose a reason for the override.")]
    MissingCode,
    /// The code is not in the ruleset's list of reasons.
    #[error("'{0}' is geen reden uit deze regels. / '{0}' is not a reason in these rules.")]
    UnknownCode(String),
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
    /// A single-value outcome was given no value or more than one.
    #[error("Kies precies één besluit voor '{0}'. / Choose exactly one decision for '{0}'.")]
    NotOneValue(String),
}

impl OverrideError {
    /// The message in Dutch and English.
    pub fn message(&self) -> Text {
        Text::from_pair(&self.to_string())
    }
}

impl Override {
    /// Checks the override against the model: the outcome and values exist (one value unless the outcome
    /// collects), and there is a reason: a code from the ruleset's list, or, when it lists none, a text.
    pub fn validate(&self, model: &Model) -> Result<(), OverrideError> {
        let out = model
            .outcomes
            .iter()
            .find(|o| o.id == self.outcome)
            .ok_or_else(|| OverrideError::UnknownOutcome(self.outcome.clone()))?;
        if out.policy != Policy::Collect && self.values.len() != 1 {
            return Err(OverrideError::NotOneValue(self.outcome.clone()));
        }
        if let Some(bad) = self
            .values
            .iter()
            .find(|v| !out.values.iter().any(|d| &d.id == *v))
        {
            return Err(OverrideError::UnknownValue {
                outcome: self.outcome.clone(),
                value: bad.clone(),
            });
        }
        let code = self.code.trim();
        match (model.override_reasons.is_empty(), code.is_empty()) {
            (true, _) if self.reason.trim().is_empty() => Err(OverrideError::MissingReason),
            (true, true) => Ok(()),
            (false, true) => Err(OverrideError::MissingCode),
            _ if model.override_reasons.iter().any(|r| r.id == code) => Ok(()),
            _ => Err(OverrideError::UnknownCode(code.to_string())),
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
    decision: &'static str,
    confirmed: &'static str,
    overridden: &'static str,
    not_decided: &'static str,
    added: &'static str,
    struck: &'static str,
    none: &'static str,
    reason: &'static str,
    reasons: &'static str,
    conditions: &'static str,
    sources: &'static str,
    answers: &'static str,
    ignored: &'static str,
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
    decision: "Besluit van de professional",
    confirmed: "bevestigd",
    overridden: "afgeweken",
    not_decided: "nog niet genomen",
    added: "toegevoegd",
    struck: "geschrapt",
    none: "geen",
    reason: "reden",
    reasons: "Waarom",
    conditions: "omdat",
    sources: "bron",
    answers: "Antwoorden",
    ignored: "Niet gebruikt (vraag niet gesteld)",
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
    decision: "The professional's decision",
    confirmed: "confirmed",
    overridden: "decided otherwise",
    not_decided: "not taken yet",
    added: "added",
    struck: "struck",
    none: "none",
    reason: "reason",
    reasons: "Why",
    conditions: "because",
    sources: "source",
    answers: "Answers",
    ignored: "Not used (question not asked)",
    disclaimer: "Decision support: the professional decides. The rules are a regional example, not official guidance.",
};

/// A plain-text summary of an evaluation in `lang` (`"en"`, anything else is Dutch), with the
/// professional's decision per outcome: confirmed, decided otherwise (what, and why) or not taken yet.
pub fn summary(model: &Model, eval: &Evaluation, decisions: &[Decision], lang: &str) -> String {
    let w = if lang == "en" { &EN } else { &NL };
    let mut lines = head_lines(eval, w, lang);
    lines.push(String::new());
    lines.extend(outcome_lines(model, eval, decisions, w, lang));
    lines.extend(next_lines(eval, lang));
    lines.push(String::new());
    lines.extend(reason_lines(eval, w, lang));
    lines.push(String::new());
    lines.extend(answer_lines(model, eval, w, lang));
    lines.push(String::new());
    lines.push(w.disclaimer.to_string());
    let mut out = String::new();
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The heading, the ruleset (title, id, version, hash) and the date.
fn head_lines(eval: &Evaluation, w: &Words, lang: &str) -> Vec<String> {
    let t = |x: &Text| x.get(lang).to_string();
    vec![
        w.heading.to_string(),
        format!(
            "{}: {} ({}) {} – {}",
            w.ruleset,
            t(&eval.ruleset.title),
            eval.ruleset.id,
            eval.ruleset.version,
            eval.ruleset.hash
        ),
        format!("{}: {}", w.date, t(&eval.today.label())),
    ]
}

/// Per outcome its value (with "standaard" / "voorlopig") and the professional's decision on it.
fn outcome_lines(
    model: &Model,
    eval: &Evaluation,
    decisions: &[Decision],
    w: &Words,
    lang: &str,
) -> Vec<String> {
    let t = |x: &Text| x.get(lang).to_string();
    let mut out = vec![format!("{}:", w.outcomes)];
    for o in &eval.outcomes {
        let value = match o.status {
            Status::Undecided => w.undecided.to_string(),
            Status::Conflict => w.conflict.to_string(),
            _ => o
                .value_labels
                .iter()
                .map(&t)
                .collect::<Vec<_>>()
                .join_words(", "),
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
            format!(" ({})", flags.join_words(", "))
        };
        out.push(format!("- {}: {value}{flags}", t(&o.label)));
        let decided = decisions.iter().find(|d| d.outcome() == o.id);
        out.push(format!(
            "  {}: {}",
            w.decision,
            decision_in_words(model, o, decided, lang)
        ));
    }
    out
}

/// "Waarom": per reason who gives it and its because, the sentences of its conditions, its sources.
fn reason_lines(eval: &Evaluation, w: &Words, lang: &str) -> Vec<String> {
    let t = |x: &Text| x.get(lang).to_string();
    let mut out = vec![format!("{}:", w.reasons)];
    for o in &eval.outcomes {
        for r in &o.reasons {
            out.push(format!(
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
                out.push(format!("  {}: {}", w.conditions, parts.join_words(" ")));
            }
            for s in &r.sources {
                out.push(format!("  {}: {s}", w.sources));
            }
        }
    }
    out
}

/// The answers used (a timeline's records under it), then the answers not used.
fn answer_lines(model: &Model, eval: &Evaluation, w: &Words, lang: &str) -> Vec<String> {
    let t = |x: &Text| x.get(lang).to_string();
    let mut out = vec![format!("{}:", w.answers)];
    for (def, st) in model.facts.iter().zip(&eval.facts) {
        if let (Some(a), true) = (&st.answer, st.used) {
            out.push(format!(
                "- {}",
                question_and_answer(&t(&def.label), &t(&a.label))
            ));
            for record in st.records.iter().flatten() {
                let cells: Vec<String> = record
                    .iter()
                    .map(|v| v.as_ref().map_or_else(|| "–".to_string(), |v| t(&v.label)))
                    .collect();
                out.push(format!("  · {}", cells.join_words(", ")));
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
        out.push(format!("{}: {}", w.ignored, ignored.join_words("; ")));
    }
    out
}

/// "Wat nu telt" as the widget shows it: the open questions ranked by what their answer could change,
/// the first [`NEXT_SHOWN`] each with what it could change, then the others by name after "Meer vragen".
fn next_lines(eval: &Evaluation, lang: &str) -> Vec<String> {
    let words = NextWords::of(lang);
    let mut out = Vec::new();
    let (top, rest) = eval.next.split_at(NEXT_SHOWN.min(eval.next.len()));
    if top.is_empty() {
        return out;
    }
    out.push(format!("{}:", words.heading));
    for n in top {
        out.push(format!("- {}", n.question.get(lang)));
        let said = n.said(lang);
        if !said.is_empty() {
            out.push(format!("  {said}"));
        }
    }
    if !rest.is_empty() {
        let names: Vec<&str> = rest.iter().map(|n| n.question.get(lang)).collect();
        out.push(format!(
            "{} ({}): {}",
            words.more,
            rest.len(),
            names.join_words("; ")
        ));
    }
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

/// The decision on outcome `o` in words, in `lang`: "bevestigd", "afgeweken: X (reden: …)" (for a
/// `collect` outcome the actions added and struck) or "nog niet genomen"; the summary and the widget
/// say it the same way.
pub fn decision_in_words(
    model: &Model,
    o: &OutcomeResult,
    decided: Option<&Decision>,
    lang: &str,
) -> String {
    let w = if lang == "en" { &EN } else { &NL };
    let ov = match decided {
        None => return w.not_decided.to_string(),
        Some(Decision::Confirmed { .. }) => return w.confirmed.to_string(),
        Some(Decision::Override(ov)) => ov,
    };
    let def = model.outcomes.iter().find(|d| d.id == o.id);
    let label = |id: &String| {
        def.and_then(|d| d.values.iter().find(|v| &v.id == id))
            .map_or_else(|| id.clone(), |v| v.label.get(lang).to_string())
    };
    let labels = |ids: Vec<&String>| {
        let list: Vec<String> = ids.into_iter().map(label).collect();
        if list.is_empty() {
            w.none.to_string()
        } else {
            list.join_words(", ")
        }
    };
    let what = if def.is_some_and(|d| d.policy == Policy::Collect) {
        let added: Vec<&String> = ov.values.iter().filter(|v| !o.values.contains(v)).collect();
        let struck: Vec<&String> = o.values.iter().filter(|v| !ov.values.contains(v)).collect();
        // "toegevoegd: …; geschrapt: …", a side left out when it is empty.
        let parts: Vec<String> = [(w.added, added), (w.struck, struck)]
            .into_iter()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(word, ids)| format!("{word}: {}", labels(ids)))
            .collect();
        if parts.is_empty() {
            w.none.to_string()
        } else {
            parts.join_words("; ")
        }
    } else {
        labels(ov.values.iter().collect())
    };
    let code = model
        .override_reasons
        .iter()
        .find(|r| r.id == ov.code)
        .map(|r| r.label.get(lang).to_string());
    let text = Some(one_line(&ov.reason)).filter(|t| !t.is_empty());
    let why: Vec<String> = code.into_iter().chain(text).collect();
    format!(
        "{}: {what} ({}: {})",
        w.overridden,
        w.reason,
        why.join_words(" – ")
    )
}

/// Keeps a free text on one line of the summary.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join_words(" ")
}
