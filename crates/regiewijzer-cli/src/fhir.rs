//! `regiewijzer fhir`: a ruleset's checklist as a FHIR R4 `Questionnaire`, and a value the widget posted
//! as a `QuestionnaireResponse` to it (docs/fhir.md). JSON on standard output.

use std::path::Path;

use regiewijzer_core::Model;
use regiewijzer_core::answers::RawValue;
use regiewijzer_core::fhir::{questionnaire, questionnaire_response};
use regiewijzer_core::model::Text as Message;

use crate::Status;
use crate::analyze::json;
use crate::error::CliError;
use crate::eval::read_json;
use crate::files::read;
use crate::ui::Ui;

/// Prints the `Questionnaire` of the ruleset in `file`.
pub fn run_questionnaire(ui: &Ui, file: &Path) -> Result<Status, CliError> {
    let Some(model) = compile(ui, file)? else {
        return Ok(Status::Findings);
    };
    ui.out(json(&questionnaire(&model))?)?;
    Ok(Status::Ok)
}

/// Prints the `QuestionnaireResponse` of the value in `value` (`-` is standard input), to the rules in
/// `rules`: a file, or a folder in which the ruleset with the value's hash is looked for.
pub fn run_response(ui: &Ui, value: &Path, rules: &Path) -> Result<Status, CliError> {
    let (what, json_value) = read_json(value)?;
    let raw: RawValue = serde_json::from_value(json_value).map_err(|source| CliError::Answers {
        what: what.clone(),
        source,
    })?;
    let model = if rules.is_dir() {
        let hash = posted_hash(&raw);
        match find_by_hash(rules, &hash)? {
            Some(model) => model,
            None => {
                return Err(CliError::NoRulesWithHash {
                    dir: rules.to_path_buf(),
                    hash,
                });
            }
        }
    } else {
        let Some(model) = compile(ui, rules)? else {
            return Ok(Status::Findings);
        };
        model
    };
    let response = questionnaire_response(&model, &raw).map_err(|e| CliError::Fhir {
        what,
        message: Message::from_pair(&e.to_string()),
    })?;
    ui.out(json(&response)?)?;
    Ok(Status::Ok)
}

/// The checked ruleset in `file`, or `None` after showing its errors on standard error.
fn compile(ui: &Ui, file: &Path) -> Result<Option<Model>, CliError> {
    Ok(read(file)?.model_or_report(ui))
}

/// The value's `ruleset.hash` (empty when it has none).
fn posted_hash(value: &RawValue) -> String {
    let RawValue::Record(v) = value else {
        return String::new();
    };
    match v.get("ruleset") {
        Some(RawValue::Record(r)) => match r.get("hash") {
            Some(RawValue::Text(h)) => h.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// The ruleset among the `.regels` files of `dir` (files of tests and files with errors left out) whose
/// hash is `hash`: the rulesets `verify` looks in.
fn find_by_hash(dir: &Path, hash: &str) -> Result<Option<Model>, CliError> {
    Ok(crate::verify::load(dir)?
        .models
        .into_iter()
        .find(|m| m.meta.hash == hash))
}
