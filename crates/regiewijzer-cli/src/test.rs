//! `regiewijzer test`: runs the tests of rulesets (in the file, in a sibling `NAME.tests.regels`, and in
//! given `tests for ID` files), prints `ok` or `FAILED` per test with what was expected and what happened,
//! and ends with `N passed, M failed`.

use std::path::PathBuf;

use regiewijzer_core::model::TestDef;
use regiewijzer_core::testing::{TestResult, run_tests, summary_line};

use crate::Status;
use crate::error::CliError;
use crate::files::Loaded;
use crate::render;
use crate::ui::{GREEN, RED_BOLD, Text, Ui};

/// Runs the tests in `files`; with `coverage`, also lists per ruleset the rules and table rows no test
/// makes fire and the outcome values no test expects (and exits 1 when there are any).
pub fn run(ui: &Ui, files: &[PathBuf], coverage: bool) -> Result<Status, CliError> {
    let loaded = Loaded::load(files, true);
    let mut status = Status::Ok;
    for p in &loaded.problems {
        ui.error(p);
        status = status.max(Status::Trouble);
    }
    let mut all: Vec<TestResult> = Vec::new();
    let mut coverage_out: Vec<Text> = Vec::new();
    for (i, r) in loaded.rulesets.iter().enumerate() {
        let tests_files: Vec<_> = loaded.tests.iter().filter(|t| t.ruleset == i).collect();
        if !r.given && tests_files.is_empty() {
            continue;
        }
        let Some(model) = &r.compiled.model else {
            // The rules have errors: show them; their tests cannot run.
            let diags = &r.compiled.diagnostics;
            let mut text = render::report(
                ui.lang,
                ui.color_out,
                &r.source.shown,
                &r.source.text,
                diags,
            );
            text.push(format!(
                "{}\n",
                ui.lang.pick(
                    &format!(
                        "{}: de regels hebben fouten; tests niet uitgevoerd",
                        r.source.shown
                    ),
                    &format!("{}: the rules have errors; tests not run", r.source.shown),
                )
            ));
            ui.out(text)?;
            status = status.max(Status::Findings);
            continue;
        };
        let mut groups: Vec<(&str, Vec<TestDef>)> =
            vec![(r.source.shown.as_str(), model.tests.clone())];
        for t in tests_files {
            let (tests, diags) = t.source.check_tests(model);
            if diags.iter().any(|d| d.is_error()) {
                let mut text = render::report(
                    ui.lang,
                    ui.color_out,
                    &t.source.shown,
                    &t.source.text,
                    &diags,
                );
                text.push(format!(
                    "{}: {}\n",
                    t.source.shown,
                    ui.lang.pick(
                        "tests met fouten zijn niet uitgevoerd (en niet meegeteld)",
                        "tests with errors were not run (nor counted)"
                    )
                ));
                ui.out(text)?;
                status = status.max(Status::Findings);
            }
            groups.push((t.source.shown.as_str(), tests));
        }
        if coverage {
            let every: Vec<TestDef> = groups.iter().flat_map(|(_, t)| t.iter().cloned()).collect();
            let c = regiewijzer_core::analysis::coverage(model, &every);
            let text = coverage_text(ui, &r.source.shown, &c);
            if !c.rules_not_fired.is_empty() || !c.values_not_expected.is_empty() {
                status = status.max(Status::Findings);
            }
            coverage_out.push(text);
        }
        for (shown, tests) in groups {
            let results = run_tests(model, &tests);
            let mut text = Text::new();
            for res in &results {
                text.append(line(ui, shown, res));
            }
            ui.out(text)?;
            all.extend(results);
        }
    }
    for text in coverage_out {
        ui.out(text)?;
    }
    let summary = summary_line(&all);
    let failed = all.iter().any(|r| !r.passed);
    let mut text = Text::styled(if failed { RED_BOLD } else { GREEN }, &summary);
    text.push("\n");
    ui.out(text)?;
    if failed {
        status = status.max(Status::Findings);
    }
    Ok(status)
}

/// `ok     naam (bestand:regel)`, or `FAILED naam (bestand:regel)` with each failed expectation. The
/// name is a text from the rules: it is kept on its line.
fn line(ui: &Ui, file: &str, r: &TestResult) -> Text {
    let mut text = if r.passed {
        Text::styled(GREEN, "ok    ")
    } else {
        Text::styled(RED_BOLD, "FAILED")
    };
    text.push(" ")
        .inline(&r.name)
        .push(format!(" ({file}:{})\n", r.line));
    for f in &r.failures {
        text.push(format!(
            "    {} {}  ({file}:{})\n    {} {}\n",
            ui.lang.pick("verwacht:", "expected:"),
            f.expect,
            f.line,
            ui.lang.pick("maar:    ", "but:     "),
            f.actual.get(ui.lang.code()),
        ));
    }
    text
}

/// The coverage report of one ruleset.
fn coverage_text(ui: &Ui, shown: &str, c: &regiewijzer_core::analysis::Coverage) -> Text {
    let (fired, rules) = c.rules_fired;
    let mut text = format!(
        "{}\n",
        ui.lang.pick(
            &format!("dekking {shown}: {fired} van {rules} regels en tabelrijen gaan af in een test ({} tests)", c.tests),
            &format!("coverage {shown}: {fired} of {rules} rules and table rows fire in a test ({} tests)", c.tests),
        )
    );
    for (id, line) in &c.rules_not_fired {
        text.push_str(&format!(
            "  {} {id} ({shown}:{line})\n",
            ui.lang.pick("gaat in geen test af:", "fires in no test:")
        ));
    }
    for (outcome, value) in &c.values_not_expected {
        text.push_str(&format!(
            "  {} {outcome} = {value}\n",
            ui.lang
                .pick("door geen test verwacht:", "expected by no test:")
        ));
    }
    let mut out = Text::from(text);
    if c.rules_not_fired.is_empty() && c.values_not_expected.is_empty() {
        out.push("  ").style(
            GREEN,
            ui.lang.pick(
                "elke regel gaat in een test af en elke waarde wordt verwacht",
                "every rule fires in a test and every value is expected",
            ),
        );
        out.push("\n");
    }
    out
}
