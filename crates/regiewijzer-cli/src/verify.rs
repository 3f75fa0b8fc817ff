//! `regiewijzer verify VALUE.json --rules DIR`: checks a value posted by the browser element on the
//! receiving side. Compiles every ruleset in DIR, lets the core find the one the value names (id, version,
//! content hash), evaluate its answers again with its `today` and compare the advice
//! ([`regiewijzer_core::verify`]). Exit 0 when the advice is what the rules give, 1 with what differs, 2
//! when the value cannot be verified.

use std::path::{Path, PathBuf};

use regiewijzer_core::Model;
use regiewijzer_core::verify::{Posted, PostedRuleset, Report, identity, verify};

use crate::Status;
use crate::error::CliError;
use crate::files::{read, read_input, tests_for};
use crate::ui::{GREEN, RED_BOLD, Text, Ui};

/// The rulesets of a directory: each compiled one with its file, and the files with errors.
pub(crate) struct Rulesets {
    files: Vec<PathBuf>,
    pub(crate) models: Vec<Model>,
    broken: Vec<PathBuf>,
}

/// Verifies the value in `value` (`-` is standard input) against the rulesets in `dir`.
pub fn run(ui: &Ui, value: &Path, dir: &Path) -> Result<Status, CliError> {
    let (what, text) = read_input(value)?;
    let posted = parse(&text).map_err(|source| CliError::Value {
        what: what.clone(),
        source,
    })?;
    let rulesets = load(dir)?;
    let report = match verify(&posted, &rulesets.models) {
        Ok(report) => report,
        Err(error) => {
            if !rulesets.broken.is_empty() {
                ui.err(broken_note(ui, &rulesets.broken));
            }
            return Err(CliError::Unverifiable {
                what,
                error: Box::new(error),
            });
        }
    };
    let file = rulesets.file_of(&report.ruleset);
    ui.out(outcome(ui, &what, file, &report))?;
    Ok(if report.differences.is_empty() {
        Status::Ok
    } else {
        Status::Findings
    })
}

/// The value in `text`: a JSON object of the value's shape (serde would also take a list for a struct).
fn parse(text: &str) -> Result<Posted, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(text)?;
    if !value.is_object() {
        let found = serde::de::Unexpected::Other(kind(&value));
        return Err(serde::de::Error::invalid_type(found, &"a JSON object"));
    }
    serde_json::from_value(value)
}

/// What kind of JSON value `v` is, in words.
fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::String(_) => "a text",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "yes/no",
        serde_json::Value::Null => "null",
        serde_json::Value::Object(_) => "an object",
    }
}

impl Rulesets {
    /// The file of the ruleset with this id and version (the one with this hash, when there is one).
    fn file_of(&self, r: &PostedRuleset) -> Option<&PathBuf> {
        let found = |exact: bool| {
            self.models.iter().position(|m| {
                let i = identity(m);
                i.id == r.id && i.version == r.version && (!exact || i.hash == r.hash)
            })
        };
        found(true)
            .or_else(|| found(false))
            .and_then(|i| self.files.get(i))
    }
}

/// Compiles every `.regels` file in `dir` that is not a file of tests (also `regiewijzer fhir response`'s
/// way of finding rules in a folder).
pub(crate) fn load(dir: &Path) -> Result<Rulesets, CliError> {
    let error = |source| CliError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(error)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(error)?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "regels"));
    paths.sort();
    let mut out = Rulesets {
        files: Vec::new(),
        models: Vec::new(),
        broken: Vec::new(),
    };
    for path in paths {
        let source = read(&path)?;
        if tests_for(&source).is_some() {
            continue;
        }
        match source.compile().model {
            Some(model) => {
                out.files.push(path);
                out.models.push(model);
            }
            None => out.broken.push(path),
        }
    }
    Ok(out)
}

/// The files left out because they have errors.
fn broken_note(ui: &Ui, broken: &[PathBuf]) -> Text {
    let mut t = Text::new();
    t.push(ui.lang.pick(
        "let op: deze bestanden hebben fouten en zijn overgeslagen: ",
        "note: these files have errors and were left out: ",
    ));
    let names: Vec<String> = broken.iter().map(|p| p.display().to_string()).collect();
    t.inline(&names.join(", ")).push("\n");
    t
}

/// "klopt" / "matches", or "verschilt" / "differs" with every difference: code, place and words.
fn outcome(ui: &Ui, what: &str, file: Option<&PathBuf>, report: &Report) -> Text {
    let r = &report.ruleset;
    let mut t = Text::new();
    let (style, word, line) = if report.differences.is_empty() {
        let line = ui.lang.pick(
            ": het advies in {what} is wat {ruleset} geeft",
            ": the advice in {what} is what {ruleset} gives",
        );
        (GREEN, ui.lang.pick("klopt", "matches"), line)
    } else {
        let line = ui.lang.pick(
            ": het advies in {what} is niet wat {ruleset} geeft:",
            ": the advice in {what} is not what {ruleset} gives:",
        );
        (RED_BOLD, ui.lang.pick("verschilt", "differs"), line)
    };
    let mut ruleset = format!(
        "{} `{}` {} {}",
        ui.lang.pick("regelset", "ruleset"),
        r.id,
        ui.lang.pick("versie", "version"),
        r.version
    );
    if let Some(file) = file {
        ruleset.push_str(&format!(" ({})", file.display()));
    }
    t.style(style, word);
    t.inline(&line.replace("{what}", what).replace("{ruleset}", &ruleset));
    t.push("\n");
    for d in &report.differences {
        t.push(format!("  {} ", d.code()))
            .inline(&d.place())
            .push(": ")
            .inline(&d.message(ui.lang.code()))
            .push("\n");
    }
    t
}
