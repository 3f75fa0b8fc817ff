//! The shipped rulesets (`rulesets/*.regels`, without their `.tests.regels`), for tests that run over all of
//! them: one place that finds them.

use std::path::PathBuf;

use regiewijzer_core::{Model, compile};

/// The paths of the shipped rulesets, sorted (at least the three the project ships).
pub fn paths() -> Vec<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        let name = p.to_string_lossy();
        name.ends_with(".regels") && !name.ends_with(".tests.regels")
    });
    files.sort();
    assert!(files.len() >= 3, "the shipped rulesets are missing");
    files
}

/// Each shipped ruleset's path and its compiled model.
#[allow(dead_code)]
pub fn models() -> Vec<(PathBuf, Model)> {
    paths()
        .into_iter()
        .map(|p| {
            let model = compile(&std::fs::read_to_string(&p).unwrap()).model;
            (p, model.expect("a shipped ruleset compiles"))
        })
        .collect()
}
