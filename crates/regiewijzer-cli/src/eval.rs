//! `regiewijzer eval`: evaluates a ruleset on answers (a JSON object, from a file or standard input) and
//! prints the result: JSON by default (exactly what the widget gets), or text for a person.

use std::io::Read;
use std::path::Path;

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::eval::{Evaluation, Status as OutcomeStatus, evaluate};
use regiewijzer_core::{Date, compile};

use crate::Status;
use crate::error::CliError;
use crate::files::read;
use crate::render;
use crate::today::system_today;
use crate::ui::{BOLD, Ui, paint};

/// How to print the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The evaluation as JSON.
    Json,
    /// A readable text: per outcome the value, whether it is provisional, the reasons.
    Text,
}

/// Evaluates `file` on the answers in `answers` (`-` is standard input).
pub fn run(
    ui: &Ui,
    file: &Path,
    answers: &Path,
    today: Option<Date>,
    format: Format,
) -> Result<Status, CliError> {
    let source = read(file)?;
    let compiled = compile(&source.text);
    let Some(model) = compiled.model else {
        let diags = &compiled.diagnostics;
        let text = render::report(ui.lang, ui.color_out, &source.shown, &source.text, diags);
        ui.out(&text)?;
        return Ok(Status::Findings);
    };
    let (what, text) = if answers == Path::new("-") {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(CliError::Stdin)?;
        ("stdin".to_string(), s)
    } else {
        let s = read(answers)?;
        (s.shown, s.text)
    };
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
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&evaluation).map_err(|source| CliError::Answers {
                    what: "output".into(),
                    source,
                })?;
            s.push('\n');
            s
        }
        Format::Text => as_text(ui, &evaluation),
    };
    ui.out(&out)?;
    Ok(Status::Ok)
}

/// The evaluation for a person: outcomes with value, status, reasons and what matters next.
fn as_text(ui: &Ui, e: &Evaluation) -> String {
    let lang = ui.lang.code();
    let mut t = format!(
        "{} {} ({}) – {}\n{}: {}\n\n",
        e.ruleset.title.get(lang),
        e.ruleset.version,
        e.ruleset.id,
        e.ruleset.hash,
        ui.lang.pick("datum", "date"),
        e.today
    );
    for o in &e.outcomes {
        let value = match o.status {
            OutcomeStatus::Undecided => ui.lang.pick("geen besluit", "no decision").to_string(),
            OutcomeStatus::Conflict => ui.lang.pick("tegenstrijdig", "conflict").to_string(),
            _ => o
                .value_labels
                .iter()
                .map(|l| l.get(lang))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let flag = if o.provisional {
            ui.lang.pick(" (voorlopig)", " (provisional)")
        } else {
            ""
        };
        t.push_str(&format!(
            "{}: {value}{flag}\n",
            paint(ui.color_out, BOLD, o.label.get(lang))
        ));
        for r in &o.reasons {
            t.push_str(&format!(
                "  - {} ({}): {}\n",
                r.rule,
                r.kind,
                r.because.get(lang)
            ));
            for c in &r.conditions {
                let answers: Vec<String> = c
                    .answers
                    .iter()
                    .map(|a| {
                        let v = a
                            .answer
                            .as_ref()
                            .map_or(ui.lang.pick("onbeantwoord", "unanswered"), |s| {
                                s.label.get(lang)
                            });
                        format!("{} = {v}", a.fact)
                    })
                    .collect();
                t.push_str(&format!("      {} [{}]\n", c.text, answers.join("; ")));
            }
        }
        if !o.matters_next.is_empty() {
            t.push_str(&format!(
                "  {}: {}\n",
                ui.lang.pick("wat nu telt", "what matters next"),
                o.matters_next.join(", ")
            ));
        }
    }
    for i in &e.answer_issues {
        t.push_str(&format!("! {}: {}\n", i.fact, i.message.get(lang)));
    }
    t
}
