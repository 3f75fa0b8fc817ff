//! `regiewijzer replay OLD NEW CASES`: a file of cases (CSV or JSON Lines) evaluated under two versions,
//! and per outcome what flips, with the cases behind each flip and their reasons under both versions.

use std::path::Path;

use regiewijzer_core::Date;
use regiewijzer_core::replay::{ReplayOptions, Report, replay, to_csv};

use crate::Status;
use crate::analyze::json;
use crate::error::CliError;
use crate::files::{read, read_input};
use crate::today::system_today;
use crate::ui::{RED_BOLD, Text, Ui};

/// How to print the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReplayFormat {
    /// Per outcome the flips in words, with lines and reasons.
    Text,
    /// The whole report as JSON.
    Json,
    /// One row per case that flips (for a spreadsheet).
    Csv,
}

/// What `replay` is given besides the files.
pub struct Args {
    /// The date of cases without their own `today` (default: the system date, UTC).
    pub today: Option<Date>,
    /// How to print.
    pub format: ReplayFormat,
    /// Reasons in words for at most this many cases per flip.
    pub reasons: usize,
}

/// Replays `cases` under `old` and `new`. Exit code 0 when nothing flips, 1 when something does.
pub fn run(ui: &Ui, old: &Path, new: &Path, cases: &Path, args: Args) -> Result<Status, CliError> {
    let Some(old) = read(old)?.model_or_report(ui) else {
        return Ok(Status::Findings);
    };
    let Some(new) = read(new)?.model_or_report(ui) else {
        return Ok(Status::Findings);
    };
    let (_, text) = read_input(cases)?;
    let today = match args.today {
        Some(d) => d,
        None => system_today()?,
    };
    let options = ReplayOptions {
        today: Some(today),
        reasons_per_flip: args.reasons,
    };
    let report = replay(&old, &new, &text, options);
    let out = match args.format {
        ReplayFormat::Json => json(&report)?,
        ReplayFormat::Csv => Text::data(to_csv(&report, ui.lang.code())),
        ReplayFormat::Text => as_text(ui, &report),
    };
    ui.out(out)?;
    Ok(match report.changed {
        0 => Status::Ok,
        _ => Status::Findings,
    })
}

/// The report for a person: the counts, the bad rows and unusable answers, then per outcome its flips.
fn as_text(ui: &Ui, r: &Report) -> Text {
    let lang = ui.lang.code();
    let mut t = Text::new();
    t.push(match ui.lang.code() {
        "en" => format!("{} cases, {} with a change.\n", r.cases, r.changed),
        _ => format!(
            "{} meldingen, {} met een verandering.\n",
            r.cases, r.changed
        ),
    });
    if !r.bad.is_empty() {
        t.style(
            RED_BOLD,
            ui.lang.pick("Niet gelezen regels:", "Rows not read:"),
        );
        t.push("\n");
        for b in &r.bad {
            let line = ui.lang.pick("regel", "line");
            t.push(format!("- {line} {}: {}\n", b.line, b.reason.get(lang)));
        }
    }
    for (title, list) in [
        (
            ui.lang.pick(
                "Niet te gebruiken door de oude versie:",
                "Not usable by the old version:",
            ),
            &r.unusable_old,
        ),
        (
            ui.lang.pick(
                "Niet te gebruiken door de nieuwe versie:",
                "Not usable by the new version:",
            ),
            &r.unusable_new,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        t.push(format!("{title}\n"));
        for u in list {
            let lines: Vec<String> = u.lines.iter().map(ToString::to_string).collect();
            t.push(format!("- {}× ", u.count));
            if let Some(label) = &u.label {
                t.push(format!("{} (", label.get(lang)));
            }
            t.inline(&u.fact);
            if u.label.is_some() {
                t.push(")");
            }
            t.push(format!(
                ": {} ({} {})\n",
                u.message.get(lang),
                ui.lang.pick("regels", "lines"),
                lines.join(", ")
            ));
        }
    }
    for o in &r.outcomes {
        flips_text(ui, o, &mut t);
    }
    t
}

fn flips_text(ui: &Ui, o: &regiewijzer_core::replay::OutcomeReplay, t: &mut Text) {
    let lang = ui.lang.code();
    t.push(format!("\n{}\n", o.label.get(lang)));
    if !(o.in_old && o.in_new) {
        t.push(
            ui.lang
                .pick("  alleen in één versie\n", "  only in one version\n"),
        );
        return;
    }
    if o.flips.is_empty() {
        t.push(ui.lang.pick("  verandert niet\n", "  does not change\n"));
    }
    for f in &o.flips {
        t.push(format!("  {}\n", f.message.get(lang)));
        let lines: Vec<String> = f.lines.iter().take(50).map(ToString::to_string).collect();
        let more = f.lines.len().saturating_sub(50);
        t.push(format!(
            "    {}: {}",
            ui.lang.pick("regels", "lines"),
            lines.join(", ")
        ));
        t.push(match more {
            0 => "\n".to_string(),
            n => format!(" (+{n})\n"),
        });
        for c in &f.cases {
            t.push(format!(
                "    {} {}:\n",
                ui.lang.pick("regel", "line"),
                c.line
            ));
            for (side, reasons) in [
                (ui.lang.pick("oud", "old"), &c.old),
                (ui.lang.pick("nieuw", "new"), &c.new),
            ] {
                for reason in reasons {
                    t.push(format!("      {side}: {}\n", reason.get(lang)));
                }
            }
        }
    }
}
