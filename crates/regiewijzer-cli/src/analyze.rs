//! `regiewijzer analyze` (gaps, conflicts, dead and shadowed rules, ask-when problems, handovers) and
//! `regiewijzer diff` (which outcomes change between two versions, for which answers).

use std::path::Path;

use regiewijzer_core::analysis::{Change, Diff, Finding, Options, Report, analyze, diff};
use regiewijzer_core::{Date, Model, Severity};

use crate::Status;
use crate::error::CliError;
use crate::eval::Format;
use crate::files::read;
use crate::render;
use crate::today::system_today;
use crate::ui::{Text, Ui};

/// A ruleset read and compiled: the path as shown, the source text, the model.
type Compiled = (String, String, Model);

/// Reads and compiles a ruleset; its errors go to standard error.
fn model_of(ui: &Ui, file: &Path) -> Result<Option<Compiled>, CliError> {
    let source = read(file)?;
    Ok(source
        .model_or_report(ui)
        .map(|m| (source.shown, source.text, m)))
}

/// The options of an analysis (`make` is [`Options::new`]) or a comparison ([`Options::for_diff`]) on
/// `today` (else the system's date), with `budget` when given.
fn options(
    make: fn(Date) -> Options,
    today: Option<Date>,
    budget: Option<usize>,
) -> Result<Options, CliError> {
    let mut o = make(match today {
        Some(t) => t,
        None => system_today()?,
    });
    if let Some(b) = budget {
        o = o.with_budget(b);
    }
    Ok(o)
}

/// Analyses `file`; exit 1 on gaps or conflicts, else 3 when the budget ran out before everything was
/// settled (what was not is listed).
pub fn run(
    ui: &Ui,
    file: &Path,
    today: Option<Date>,
    budget: Option<usize>,
    format: Format,
) -> Result<Status, CliError> {
    let Some((shown, source, model)) = model_of(ui, file)? else {
        return Ok(Status::Findings);
    };
    let report = analyze(&model, &options(Options::new, today, budget)?);
    let text = match format {
        Format::Json => json(&report)?,
        Format::Text => report_text(ui, &shown, &source, &report),
    };
    ui.out(text)?;
    Ok(verdict(report.has_errors(), report.complete))
}

/// The exit status of an analysis or diff: findings first (a gap, conflict or change found is certain),
/// then an incomplete search (nothing found, but not everything was settled).
fn verdict(findings: bool, complete: bool) -> Status {
    if findings {
        Status::Findings
    } else if !complete {
        Status::Incomplete
    } else {
        Status::Ok
    }
}

/// `value` as JSON for the output.
pub fn json<T: serde::Serialize>(value: &T) -> Result<Text, CliError> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            Text::json(s)
        })
        .map_err(CliError::Encode)
}

/// A finding as `check` shows a diagnostic (code, message, `file:line:column`, the source line with a
/// caret under the place, the message in the other language), then the answers that show it.
fn finding_text(ui: &Ui, shown: &str, source: &str, f: &Finding) -> Text {
    let mut out = render::problem(ui.lang, ui.color_out, shown, source, &as_problem(f));
    let mut out_rest = String::new();
    if let Some(e) = &f.example
        && let Ok(answers) = serde_json::to_string(&e.answers)
    {
        out_rest.push_str(&format!(
            "  {} (today {}): {answers}\n",
            ui.lang.pick("voorbeeld", "example"),
            e.today
        ));
    }
    if !f.exact {
        out_rest.push_str(&format!(
            "  {}\n",
            ui.lang.pick(
                "(niet exact: zie de opmerkingen hieronder)",
                "(not exact: see the notes below)"
            )
        ));
    }
    out_rest.push('\n');
    out.push(out_rest);
    out
}

/// A finding as the renderer shows a diagnostic: the same code, severity, place and messages.
fn as_problem(f: &Finding) -> render::Problem<'_> {
    render::Problem {
        code: f.code,
        severity: f.severity,
        span: f.span,
        start: f.start,
        message_nl: &f.message.nl,
        message_en: &f.message.en,
        related: &[],
    }
}

fn report_text(ui: &Ui, shown: &str, source: &str, r: &Report) -> Text {
    let mut text = Text::new();
    for f in &r.findings {
        text.append(finding_text(ui, shown, source, f));
    }
    let mut out = String::new();
    for n in &r.notes {
        out.push_str(&format!(
            "{}: {}\n",
            ui.lang.pick("opmerking", "note"),
            ui.lang.pick(&n.nl, &n.en)
        ));
    }
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = r.findings.len() - errors;
    let complete = match (r.complete, r.notes.is_empty()) {
        (true, true) => ui.lang.pick("volledig", "complete"),
        (true, false) => ui.lang.pick(
            "benaderd: zie de opmerkingen",
            "approximated: see the notes",
        ),
        (false, _) => ui.lang.pick(
            "ONVOLLEDIG: het budget was op",
            "INCOMPLETE: the budget ran out",
        ),
    };
    out.push_str(&format!(
        "{shown}: {errors} {}, {warnings} {}; {} {}; {complete}\n",
        ui.lang.pick("fouten", "errors"),
        ui.lang.pick("waarschuwingen", "warnings"),
        r.evaluations,
        ui.lang.pick("doorrekeningen", "evaluations"),
    ));
    text.push(out);
    text
}

/// Compares two versions; exit 1 when some outcome changes, else 3 when the budget ran out first.
pub fn run_diff(
    ui: &Ui,
    old: &Path,
    new: &Path,
    today: Option<Date>,
    budget: Option<usize>,
    format: Format,
) -> Result<Status, CliError> {
    let (Some((_, _, a)), Some((_, _, b))) = (model_of(ui, old)?, model_of(ui, new)?) else {
        return Ok(Status::Findings);
    };
    let d = diff(&a, &b, &options(Options::for_diff, today, budget)?);
    let text = match format {
        Format::Json => json(&d)?,
        Format::Text => Text::from(diff_text(ui, &d)),
    };
    ui.out(text)?;
    Ok(verdict(!d.changes.is_empty(), d.complete))
}

fn diff_text(ui: &Ui, d: &Diff) -> String {
    // A variant compared with its base: both names.
    let new_id = if d.new.id == d.old.id {
        String::new()
    } else {
        format!("{} ", d.new.id)
    };
    let mut out = format!(
        "{} {} ({}) → {new_id}{} ({})\n",
        d.old.id,
        d.old.version,
        short(&d.old.hash),
        d.new.version,
        short(&d.new.hash)
    );
    // What was written differently, by label.
    for x in &d.declared {
        out.push_str(&format!("{}\n", ui.lang.pick(&x.text.nl, &x.text.en)));
    }
    for c in &d.changes {
        out.push_str(&change_text(ui, c));
    }
    for n in &d.notes {
        out.push_str(&format!(
            "{}: {}\n",
            ui.lang.pick("opmerking", "note"),
            ui.lang.pick(&n.nl, &n.en)
        ));
    }
    let verdict = if d.changes.is_empty() {
        ui.lang
            .pick("geen uitkomst verandert", "no outcome changes")
    } else {
        ui.lang.pick("uitkomsten veranderen", "outcomes change")
    };
    let complete = if d.complete {
        ""
    } else {
        ui.lang
            .pick(" (ONVOLLEDIG: budget op)", " (INCOMPLETE: budget ran out)")
    };
    out.push_str(&format!(
        "{}: {verdict}{complete}; {} {}\n",
        d.changes.len(),
        d.evaluations,
        ui.lang.pick("doorrekeningen", "evaluations")
    ));
    out
}

/// One change in the author's words: the headline, the situations (when there are several) with their
/// own conditions, and one example to try with `regiewijzer eval`.
fn change_text(ui: &Ui, c: &Change) -> String {
    let pick = |t: &regiewijzer_core::model::Text| ui.lang.pick(&t.nl, &t.en).to_string();
    let mut out = format!("- {}\n", pick(&c.message));
    if c.situations.len() > 1 {
        for s in &c.situations {
            let when: Vec<String> = s.when.iter().map(pick).collect();
            out.push_str(&format!(
                "  · {}\n",
                when.join(ui.lang.pick(" en ", " and "))
            ));
        }
    }
    if c.more {
        out.push_str(&format!(
            "  {}\n",
            ui.lang.pick(
                "(het zoeken stopte bij dit aantal situaties: er kunnen er meer zijn)",
                "(the search stopped at this many situations: there may be more)"
            )
        ));
    }
    if let Ok(answers) = serde_json::to_string(&c.example.answers) {
        out.push_str(&format!(
            "  {}: {answers}\n",
            ui.lang.pick("voorbeeld", "example")
        ));
    }
    out
}

fn short(hash: &str) -> &str {
    hash.get(..19).unwrap_or(hash)
}
