//! What two versions declare differently, in the author's words: the questions and outcomes only one of
//! them has, the values an outcome gained, lost or named otherwise, the parameters with another value,
//! the rules (and table rows) added, removed or written otherwise.
//! The comparison by meaning says what that does to the advice; this says what was written (for a
//! variant: what the region wrote), by label, never by id.

use serde::Serialize;

use crate::eval::shown_type;
use crate::model::{FactType, Model, OutcomeDef, RuleDef, RuleOrigin, Text};

/// What kind of difference a [`Declared`] is (the playground marks each with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DeclaredKind {
    /// A question only in the new version.
    QuestionAdded,
    /// A question only in the old version.
    QuestionRemoved,
    /// An outcome only in the new version.
    OutcomeAdded,
    /// An outcome only in the old version.
    OutcomeRemoved,
    /// A value an outcome has only in the new version.
    ValueAdded,
    /// A value an outcome has only in the old version.
    ValueRemoved,
    /// A value of both versions with other words.
    ValueRenamed,
    /// A parameter of both versions with another value.
    ParameterChanged,
    /// A rule (or table row) only in the new version.
    RuleAdded,
    /// A rule (or table row) only in the old version.
    RuleRemoved,
    /// A rule (or table row) of both versions with another condition, priority or consequences.
    RuleChanged,
}

/// One difference in what two versions declare, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declared {
    /// Which kind.
    pub kind: DeclaredKind,
    /// In Dutch and English.
    pub text: Text,
}

/// What `new` declares differently from `old`, questions first, then outcomes, their values, the
/// parameters and the rules, each in the order of the version that has it.
pub fn declared(old: &Model, new: &Model) -> Vec<Declared> {
    let mut out = Vec::new();
    let mut say = |kind, nl: String, en: String| {
        out.push(Declared {
            kind,
            text: Text { nl, en },
        })
    };
    // A question by its label in quotes (it is a question), an outcome by its label.
    let questions = |a: &Model, b: &Model| -> Vec<Text> {
        let only = a.facts.iter().filter(|f| b.fact_by_name(&f.id).is_none());
        only.map(|f| Text {
            nl: format!("'{}'", f.label.nl),
            en: format!("'{}'", f.label.en),
        })
        .collect()
    };
    let outcomes = |a: &Model, b: &Model| -> Vec<Text> {
        let only = a
            .outcomes
            .iter()
            .filter(|o| b.outcome_by_name(&o.id).is_none());
        only.map(|o| o.label.clone()).collect()
    };
    for (kind, nl, en, labels) in [
        (
            DeclaredKind::QuestionAdded,
            "Nieuwe vraag",
            "New question",
            questions(new, old),
        ),
        (
            DeclaredKind::QuestionRemoved,
            "Vervallen vraag",
            "Question removed",
            questions(old, new),
        ),
        (
            DeclaredKind::OutcomeAdded,
            "Nieuwe uitkomst",
            "New outcome",
            outcomes(new, old),
        ),
        (
            DeclaredKind::OutcomeRemoved,
            "Vervallen uitkomst",
            "Outcome removed",
            outcomes(old, new),
        ),
    ] {
        for label in labels {
            say(
                kind,
                format!("{nl}: {}", label.nl),
                format!("{en}: {}", label.en),
            );
        }
    }
    for o in &new.outcomes {
        let Some(before) = old.outcome_by_name(&o.id).and_then(|i| old.outcomes.get(i)) else {
            continue;
        };
        values(before, o, &mut say);
    }
    parameters(old, new, &mut say);
    rules(old, new, &mut say);
    out
}

/// The parameters of both versions whose value changed, with both values.
fn parameters(old: &Model, new: &Model, say: &mut impl FnMut(DeclaredKind, String, String)) {
    for p in &new.parameters {
        let Some(before) = old.parameters.iter().find(|b| b.id == p.id) else {
            continue;
        };
        if before.value != p.value {
            let words = |v| {
                shown_type(
                    &FactType::Int {
                        min: None,
                        max: None,
                    },
                    v,
                )
                .label
            };
            let (was, now) = (words(before.value), words(p.value));
            say(
                DeclaredKind::ParameterChanged,
                format!("{}: van {} naar {}", p.label.nl, was.nl, now.nl),
                format!("{}: from {} to {}", p.label.en, was.en, now.en),
            );
        }
    }
}

/// The rules (and table rows) `new` added, removed or wrote otherwise than `old`; a rule that a handover
/// compiles to is said by its handover's own difference, not here.
fn rules(old: &Model, new: &Model, say: &mut impl FnMut(DeclaredKind, String, String)) {
    let (was, now) = (written(old), written(new));
    for r in &now {
        let kind = match find(&was, &r.id) {
            None => DeclaredKind::RuleAdded,
            Some(b) if what_it_does(old, b) != what_it_does(new, r) => DeclaredKind::RuleChanged,
            Some(_) => continue,
        };
        let (nl, en) = rule_words(r);
        let (nl_says, en_says) = match kind {
            DeclaredKind::RuleAdded => ("nieuw", "added"),
            _ => ("anders geschreven", "written otherwise"),
        };
        say(kind, format!("{nl}: {nl_says}"), format!("{en}: {en_says}"));
    }
    for r in was.iter().filter(|r| find(&now, &r.id).is_none()) {
        let (nl, en) = rule_words(r);
        say(
            DeclaredKind::RuleRemoved,
            format!("{nl}: vervalt"),
            format!("{en}: removed"),
        );
    }
}

/// The rules and table rows a model's author wrote (not those a handover compiles to).
fn written(m: &Model) -> Vec<&RuleDef> {
    m.rules
        .iter()
        .filter(|r| matches!(r.origin, RuleOrigin::Rule | RuleOrigin::Row { .. }))
        .collect()
}

/// The rule or row `id` of `list`.
fn find<'m>(list: &[&'m RuleDef], id: &str) -> Option<&'m RuleDef> {
    list.iter().find(|r| r.id == id).copied()
}

/// A rule as its author knows it: "Regel 'title'", or a table's row by number.
fn rule_words(r: &RuleDef) -> (String, String) {
    let title = r.title.clone().unwrap_or_else(|| Text {
        nl: "zonder titel".into(),
        en: "without a title".into(),
    });
    match &r.origin {
        RuleOrigin::Row { row, .. } => (
            format!("Tabel '{}', rij {row}", title.nl),
            format!("Table '{}', row {row}", title.en),
        ),
        _ => (
            format!("Regel '{}'", title.nl),
            format!("Rule '{}'", title.en),
        ),
    }
}

/// What a rule does, comparable across two versions: its condition as written, its priority and rank,
/// and what it gives (outcome and value by id; a deadline's outcome by id and its date as written).
fn what_it_does(m: &Model, r: &RuleDef) -> (String, i64, i64, Vec<(String, String)>) {
    let values = r.assigns.iter().filter_map(|&(o, v)| {
        let o = m.outcomes.get(o)?;
        Some((o.id.clone(), o.values.get(v)?.id.clone()))
    });
    let dates = r
        .deadlines
        .iter()
        .filter_map(|d| Some((m.outcomes.get(d.outcome)?.id.clone(), d.text.clone())));
    (
        r.cond_text.clone(),
        r.priority,
        r.rank,
        values.chain(dates).collect(),
    )
}

/// The values outcome `o` gained, lost or named otherwise since `before`.
fn values(before: &OutcomeDef, o: &OutcomeDef, say: &mut impl FnMut(DeclaredKind, String, String)) {
    let find = |d: &OutcomeDef, id: &str| {
        d.values
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.label.clone())
    };
    for v in &o.values {
        match find(before, &v.id) {
            None => say(
                DeclaredKind::ValueAdded,
                format!("{}: nieuwe waarde {}", o.label.nl, v.label.nl),
                format!("{}: new value {}", o.label.en, v.label.en),
            ),
            Some(was) if was != v.label => say(
                DeclaredKind::ValueRenamed,
                format!("{}: {} heet nu {}", o.label.nl, was.nl, v.label.nl),
                format!("{}: {} is now called {}", o.label.en, was.en, v.label.en),
            ),
            Some(_) => {}
        }
    }
    for v in before.values.iter().filter(|v| find(o, &v.id).is_none()) {
        say(
            DeclaredKind::ValueRemoved,
            format!("{}: waarde {} vervalt", o.label.nl, v.label.nl),
            format!("{}: value {} removed", o.label.en, v.label.en),
        );
    }
}
