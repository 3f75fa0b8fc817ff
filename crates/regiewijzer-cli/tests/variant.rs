//! A region's variant on the command line: found with its base, checked, tested, evaluated and compared.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(["--color", "never"])
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The variant fixture with its tests and a copy of the shipped triage, in one temporary folder.
fn folder(with_base: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rw-variant-{}-{with_base}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let variants = repo().join("crates/regiewijzer-core/tests/fixtures/variants");
    for name in [
        "triage_drechtsteden.regels",
        "triage_drechtsteden.tests.regels",
    ] {
        std::fs::copy(variants.join(name), dir.join(name)).unwrap();
    }
    if with_base {
        std::fs::copy(
            repo().join("rulesets/triage.regels"),
            dir.join("triage.regels"),
        )
        .unwrap();
    }
    dir
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn the_base_is_found_in_the_variants_folder_and_the_tests_run_on_the_resolved_rules() {
    let dir = folder(true);
    let variant = dir.join("triage_drechtsteden.regels").display().to_string();
    let check = run(&["check", &variant]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let test = run(&["test", &variant]);
    assert_eq!(test.status.code(), Some(0), "{}", text(&test));
    assert!(
        text(&test).contains("4 passed, 0 failed"),
        "{}",
        text(&test)
    );
}

#[test]
fn without_its_base_a_variant_says_it_needs_one() {
    let dir = folder(false);
    let variant = dir.join("triage_drechtsteden.regels").display().to_string();
    let check = run(&["--lang", "en", "check", &variant]);
    assert_eq!(check.status.code(), Some(1));
    let out = text(&check);
    assert!(out.contains("error[E701]"), "{out}");
    assert!(
        out.contains("1 error"),
        "only E701, nothing that follows from it: {out}"
    );
}

#[test]
fn eval_names_the_variant_and_its_base_and_diff_compares_them() {
    let dir = folder(true);
    let variant = dir.join("triage_drechtsteden.regels").display().to_string();
    let base = dir.join("triage.regels").display().to_string();
    let answers = dir.join("antwoorden.json");
    std::fs::write(&answers, r#"{"acuut_gevaar": false, "eenzaam": true}"#).unwrap();
    let answers = answers.display().to_string();
    let eval = run(&[
        "eval",
        &variant,
        "--answers",
        &answers,
        "--today",
        "2026-03-02",
    ]);
    assert_eq!(eval.status.code(), Some(0), "{}", text(&eval));
    let json: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    assert_eq!(json["ruleset"]["id"], "triage_drechtsteden");
    assert_eq!(json["ruleset"]["base"]["id"], "triage");
    assert_eq!(json["ruleset"]["base"]["version"], "0.1.0");
    // The diff runs on the resolved variant: the threshold and the new rules change outcomes.
    let diff = run(&["diff", &base, &variant, "--today", "2026-03-02"]);
    assert_eq!(diff.status.code(), Some(1), "{}", text(&diff));
    assert!(
        text(&diff).contains("'Hoeveel eerdere meldingen waren er in de afgelopen 12 maanden?': 2"),
        "{}",
        text(&diff)
    );
}

#[test]
fn the_diff_of_a_variant_names_the_base_and_the_variant() {
    let dir = folder(true);
    let variant = dir.join("triage_drechtsteden.regels").display().to_string();
    let base = dir.join("triage.regels").display().to_string();
    let diff = run(&["diff", &base, &variant, "--today", "2026-03-02"]);
    let out = text(&diff);
    let first = out.lines().next().unwrap_or_default();
    assert!(first.starts_with("triage 0.1.0 (sha256:"), "{first}");
    assert!(
        first.contains("→ triage_drechtsteden 0.1.0 (sha256:"),
        "{first}"
    );
}
