//! `regiewijzer eval`: evaluates a ruleset on answers (a JSON object, from a file or standard input) and
//! prints the result: JSON by default (exactly what the widget gets), or text for a person.

use std::path::Path;

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::eval::{Evaluation, evaluate};
use regiewijzer_core::summary::summary;
use regiewijzer_core::{Date, Model};

use crate::Status;
use crate::analyze::json;
use crate::error::CliError;
use crate::files::{read, read_input};
use crate::today::system_today;
use crate::ui::{RED_BOLD, Text, Ui};

/// How to print the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The evaluation as JSON.
    Json,
    /// A readable text: per outcome the value, whether it is provisional, the reasons, what matters next.
    Text,
}

/// Evaluates `file` on the answers in `answers` (`-` is standard input).
pub fn run(
    ui: &Ui,
    file: &Path,
    answers: &Path,
    today: Option<Date>,
    format: Format,
    verbose: bool,
) -> Result<Status, CliError> {
    let Some(model) = read(file)?.model_or_report(ui) else {
        return Ok(Status::Findings);
    };
    let (what, value) = read_json(answers)?;
    let raw: RawAnswers =
        serde_json::from_value(value).map_err(|source| CliError::Answers { what, source })?;
    let today = match today {
        Some(d) => d,
        None => system_today()?,
    };
    let (answers, issues) = Answers::from_raw(&model, &raw);
    let mut evaluation = evaluate(&model, &answers, today);
    evaluation.answer_issues = issues;
    let out = match format {
        Format::Json => json(&evaluation)?,
        Format::Text => {
            let mut t = as_text(ui, &model, &evaluation);
            if verbose {
                for_authors(ui, &evaluation, &mut t);
            }
            t
        }
    };
    ui.out(out)?;
    Ok(Status::Ok)
}

/// Reads a JSON object from `path` (`-` is standard input), decoded as rules are: what it is called in
/// messages, and the object. Not JSON, or not an object, is an error.
pub fn read_json(path: &Path) -> Result<(String, serde_json::Value), CliError> {
    let (what, text) = read_input(path)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|source| CliError::Json {
            what: what.clone(),
            source,
        })?;
    if !value.is_object() {
        let (found_en, found_nl) = match value {
            serde_json::Value::Array(_) => ("a list", "een lijst"),
            serde_json::Value::String(_) => ("a text", "een tekst"),
            serde_json::Value::Number(_) => ("a number", "een getal"),
            serde_json::Value::Bool(_) => ("yes/no", "ja/nee"),
            _ => ("null", "null"),
        };
        return Err(CliError::NotAnObject {
            what,
            found_en,
            found_nl,
        });
    }
    Ok((what, value))
}

/// For rule authors (`--verbose`): per outcome the rules that gave it, with id, line and the conditions
/// in code form, and the rules closest to deciding an undecided outcome with the questions they miss.
fn for_authors(ui: &Ui, e: &Evaluation, t: &mut Text) {
    t.push("\n");
    t.push(
        ui.lang
            .pick("Voor wie regels schrijft:", "For rule authors:"),
    );
    t.push("\n");
    let line = ui.lang.pick("regel", "line");
    for o in &e.outcomes {
        for r in &o.reasons {
            t.push("- ").inline(&o.id).push(" ← ").inline(&r.rule);
            t.push(format!(" ({line} {})\n", r.line));
            for c in &r.conditions {
                let holds = match c.holds {
                    Some(true) => "✓",
                    Some(false) => "✗",
                    None => "?",
                };
                t.push(format!("    {holds} ")).inline(&c.text).push("\n");
            }
        }
        for n in &o.nearest {
            t.push("  ~ ").inline(&o.id).push(" ← ").inline(&n.rule);
            t.push(format!(" ({line} {})", n.line));
            if !n.missing.is_empty() {
                t.push(": ").inline(&n.missing.join(", "));
            }
            t.push("\n");
        }
    }
}

/// The evaluation for a person: the answers that could not be used, then the core's plain-text summary
/// (the same text the widget offers for the dossier): outcomes with value, default/provisional, the reasons
/// with the conditions and the answers they read, what matters next, the answers used.
fn as_text(ui: &Ui, model: &Model, e: &Evaluation) -> Text {
    let lang = ui.lang.code();
    let mut t = Text::new();
    if !e.answer_issues.is_empty() {
        t.style(
            RED_BOLD,
            ui.lang.pick(
                "Niet gebruikte antwoorden (fout in de invoer):",
                "Answers not used (wrong input):",
            ),
        );
        t.push("\n");
        for i in &e.answer_issues {
            t.push("- ")
                .inline(&i.fact)
                .push(format!(": {}\n", i.message.get(lang)));
        }
        t.push("\n");
    }
    t.push(summary(model, e, &[], lang));
    t
}
