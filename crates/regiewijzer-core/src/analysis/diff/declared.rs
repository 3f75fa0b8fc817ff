//! What two versions declare differently, in the author's words: the questions and outcomes only one of
//! them has or that are asked or named otherwise, the values an outcome gained, lost or named otherwise,
//! the parameters added, removed or with another value, and (`declared_rules`) the rules, table rows and
//! handovers added, removed or written otherwise.
//! The comparison by meaning says what that does to the advice; this says what was written (for a
//! variant: what the region wrote), by label, never by id.

use serde::Serialize;

use super::declared_rules::rules;
use super::sigs::type_sig;
use crate::eval::{PLAIN, shown_type};
use crate::model::{FactDef, FactType, Model, OutcomeDef, Text, Value};

/// What kind of difference a [`Declared`] is (the playground marks each with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DeclaredKind {
    /// A question only in the new version.
    QuestionAdded,
    /// A question only in the old version.
    QuestionRemoved,
    /// A question of both versions asked otherwise: its words, its options, its type or bounds, or when
    /// it is asked.
    QuestionChanged,
    /// An outcome only in the new version.
    OutcomeAdded,
    /// An outcome only in the old version.
    OutcomeRemoved,
    /// An outcome of both versions with other words.
    OutcomeRenamed,
    /// A value an outcome has only in the new version.
    ValueAdded,
    /// A value an outcome has only in the old version.
    ValueRemoved,
    /// A value of both versions with other words.
    ValueRenamed,
    /// A parameter of both versions with another value.
    ParameterChanged,
    /// A parameter only in the new version.
    ParameterAdded,
    /// A parameter only in the old version.
    ParameterRemoved,
    /// A rule (or table row) only in the new version.
    RuleAdded,
    /// A rule (or table row) only in the old version.
    RuleRemoved,
    /// A rule of both versions with another condition, priority or consequences.
    RuleChanged,
    /// A table whose rows changed: how many are new and how many are gone (rows are compared by what
    /// they say, not by their number).
    RowsChanged,
    /// A handover only in the new version.
    HandoverAdded,
    /// A handover only in the old version.
    HandoverRemoved,
    /// A handover of both versions with another moment, parties or requirements.
    HandoverChanged,
}

/// How each difference is said: its kind, then the Dutch and the English line.
pub(super) type Say<'s> = dyn FnMut(DeclaredKind, String, String) + 's;

/// One difference in what two versions declare, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declared {
    /// Which kind.
    pub kind: DeclaredKind,
    /// In Dutch and English.
    pub text: Text,
}

/// What `new` declares differently from `old`, questions first, then outcomes, their values, the
/// parameters, the rules and tables and the handovers, each in the order of the version that has it.
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
    for f in &new.facts {
        if let Some(before) = old.fact_by_name(&f.id).and_then(|i| old.facts.get(i)) {
            question(before, f, &mut say);
        }
    }
    for o in &new.outcomes {
        let Some(before) = old.outcome_by_name(&o.id).and_then(|i| old.outcomes.get(i)) else {
            continue;
        };
        if before.label != o.label {
            say(
                DeclaredKind::OutcomeRenamed,
                format!("Uitkomst {} heet nu {}", before.label.nl, o.label.nl),
                format!("Outcome {} is now called {}", before.label.en, o.label.en),
            );
        }
        values(before, o, &mut say);
    }
    parameters(old, new, &mut say);
    rules(old, new, &mut say);
    out
}

/// A question of both versions: its words, its options (added, removed, named otherwise), or else its
/// type, bounds or `ask when`.
fn question(before: &FactDef, f: &FactDef, say: &mut Say) {
    let (q_nl, q_en) = (&f.label.nl, &f.label.en);
    if before.label != f.label {
        say(
            DeclaredKind::QuestionChanged,
            format!("Vraag '{}' heet nu '{q_nl}'", before.label.nl),
            format!("Question '{}' is now '{q_en}'", before.label.en),
        );
    }
    if let (FactType::Choice { options: was }, FactType::Choice { options: now }) =
        (&before.ty, &f.ty)
    {
        let label = |list: &[crate::model::OptionDef], id: &str| {
            list.iter().find(|o| o.id == id).map(|o| o.label.clone())
        };
        for o in now {
            match label(was, &o.id) {
                None => say(
                    DeclaredKind::QuestionChanged,
                    format!("Vraag '{q_nl}': nieuwe keuze {}", o.label.nl),
                    format!("Question '{q_en}': new option {}", o.label.en),
                ),
                Some(l) if l != o.label => say(
                    DeclaredKind::QuestionChanged,
                    format!("Vraag '{q_nl}': keuze {} heet nu {}", l.nl, o.label.nl),
                    format!("Question '{q_en}': option {} is now {}", l.en, o.label.en),
                ),
                Some(_) => {}
            }
        }
        for o in was.iter().filter(|o| label(now, &o.id).is_none()) {
            say(
                DeclaredKind::QuestionChanged,
                format!("Vraag '{q_nl}': keuze {} vervalt", o.label.nl),
                format!("Question '{q_en}': option {} removed", o.label.en),
            );
        }
    } else if type_sig(&before.ty) != type_sig(&f.ty) {
        say(
            DeclaredKind::QuestionChanged,
            format!("Vraag '{q_nl}': een ander soort antwoord of andere grenzen"),
            format!("Question '{q_en}': another kind of answer or other bounds"),
        );
    }
    if before.ask_when_text != f.ask_when_text {
        say(
            DeclaredKind::QuestionChanged,
            format!("Vraag '{q_nl}': wordt in andere gevallen gesteld"),
            format!("Question '{q_en}': asked in other cases"),
        );
    }
}

/// The parameters of both versions whose value changed, with both values; those only one has, with
/// their value.
fn parameters(old: &Model, new: &Model, say: &mut Say) {
    let words = |v: Value| shown_type(&PLAIN, v).label;
    for p in &new.parameters {
        let now = words(p.value);
        match old.parameters.iter().find(|b| b.id == p.id) {
            None => say(
                DeclaredKind::ParameterAdded,
                format!("Nieuwe parameter: {} ({})", p.label.nl, now.nl),
                format!("New parameter: {} ({})", p.label.en, now.en),
            ),
            Some(before) if before.value != p.value => {
                let was = words(before.value);
                say(
                    DeclaredKind::ParameterChanged,
                    format!("{}: van {} naar {}", p.label.nl, was.nl, now.nl),
                    format!("{}: from {} to {}", p.label.en, was.en, now.en),
                );
            }
            Some(_) => {}
        }
    }
    for p in old
        .parameters
        .iter()
        .filter(|p| !new.parameters.iter().any(|n| n.id == p.id))
    {
        say(
            DeclaredKind::ParameterRemoved,
            format!("Vervallen parameter: {}", p.label.nl),
            format!("Parameter removed: {}", p.label.en),
        );
    }
}

/// The values outcome `o` gained, lost or named otherwise since `before`.
fn values(before: &OutcomeDef, o: &OutcomeDef, say: &mut Say) {
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
