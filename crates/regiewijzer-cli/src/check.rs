//! `regiewijzer check`: every problem in every file, with the place and a closing count per file.

use std::path::PathBuf;

use crate::Status;
use crate::error::CliError;
use crate::files::{Given, Loaded, RulesetFile};
use crate::render;
use crate::ui::{Text, Ui};

/// Checks `files` (rulesets, and files of tests paired with their ruleset).
pub fn run(ui: &Ui, files: &[PathBuf]) -> Result<Status, CliError> {
    let loaded = Loaded::load(files, false);
    let mut status = Status::Ok;
    for p in &loaded.problems {
        ui.error(p);
        status = status.max(Status::Trouble);
    }
    let mut shown_brought = vec![false; loaded.rulesets.len()];
    for given in &loaded.order {
        match *given {
            Given::Ruleset(i) => {
                let Some(r) = loaded.rulesets.get(i) else {
                    continue;
                };
                ui.out(report(ui, r))?;
                if r.compiled.has_errors() {
                    status = status.max(Status::Findings);
                }
            }
            Given::Tests(i) => {
                let Some(t) = loaded.tests.get(i) else {
                    continue;
                };
                let Some(r) = loaded.rulesets.get(t.ruleset) else {
                    continue;
                };
                // A ruleset found next to the tests file is only shown when it stands in their way.
                if !r.given
                    && r.compiled.has_errors()
                    && !shown_brought.get(t.ruleset).copied().unwrap_or(true)
                {
                    ui.out(report(ui, r))?;
                    if let Some(s) = shown_brought.get_mut(t.ruleset) {
                        *s = true;
                    }
                }
                match &r.compiled.model {
                    Some(model) => {
                        let (_, diags) = t.source.check_tests(model);
                        let text = render::report(
                            ui.lang,
                            ui.color_out,
                            &t.source.shown,
                            &t.source.text,
                            &diags,
                        );
                        ui.out(text)?;
                        if diags.iter().any(|d| d.is_error()) {
                            status = status.max(Status::Findings);
                        }
                    }
                    None => {
                        ui.out(not_checked(ui, &t.source.shown, &r.source.shown))?;
                        status = status.max(Status::Findings);
                    }
                }
            }
        }
    }
    Ok(status)
}

/// `check --case`: each ruleset's own diagnostics, then where they disagree as one case (each shown in
/// the file it is in, with the place in the other file), then a closing line for the case.
pub fn run_case(ui: &Ui, files: &[PathBuf]) -> Result<Status, CliError> {
    let loaded = Loaded::load(files, false);
    let mut status = Status::Ok;
    for p in &loaded.problems {
        ui.error(p);
        status = status.max(Status::Trouble);
    }
    let given: Vec<&RulesetFile> = loaded.rulesets.iter().filter(|r| r.given).collect();
    for r in &given {
        ui.out(report(ui, r))?;
        if r.compiled.has_errors() {
            status = status.max(Status::Findings);
        }
    }
    let compiled: Vec<&RulesetFile> = given
        .iter()
        .copied()
        .filter(|r| r.compiled.model.is_some())
        .collect();
    let pairs: Vec<(&regiewijzer_core::Model, &str)> = compiled
        .iter()
        .filter_map(|r| Some((r.compiled.model.as_ref()?, r.source.text.as_str())))
        .collect();
    let found = regiewijzer_core::check_case(&pairs);
    let files: Vec<(&str, &str)> = compiled
        .iter()
        .map(|r| (r.source.shown.as_str(), r.source.text.as_str()))
        .collect();
    let mut text = Text::new();
    for d in &found {
        text.append(render::case_diagnostic(ui.lang, ui.color_out, &files, d));
        text.push("\n");
    }
    let all: Vec<regiewijzer_core::Diagnostic> = found.into_iter().map(|d| d.diagnostic).collect();
    text.push(render::summary(
        ui.lang,
        ui.lang.pick("casus", "case"),
        &all,
    ));
    ui.out(text)?;
    if all.iter().any(|d| d.is_error()) {
        status = status.max(Status::Findings);
    }
    Ok(status)
}

/// The diagnostics of a ruleset file and its closing line.
fn report(ui: &Ui, r: &RulesetFile) -> Text {
    render::report(
        ui.lang,
        ui.color_out,
        &r.source.shown,
        &r.source.text,
        &r.compiled.diagnostics,
    )
}

/// Says that a file of tests could not be checked because its ruleset has errors.
pub fn not_checked(ui: &Ui, tests: &str, ruleset: &str) -> String {
    format!(
        "{}\n",
        match ui.lang {
            crate::ui::Lang::Nl =>
                format!("{tests}: niet gecontroleerd, want de regelset in {ruleset} heeft fouten"),
            crate::ui::Lang::En =>
                format!("{tests}: not checked, because the ruleset in {ruleset} has errors"),
        }
    )
}
