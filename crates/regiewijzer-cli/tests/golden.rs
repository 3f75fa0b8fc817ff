//! Golden outputs: what `regiewijzer eval --format text`, `analyze`, `diff`, `check` and `test` print on the
//! shipped rulesets (and the planted mistakes of the analysis fixture), kept byte for byte in
//! `tests/golden/*.txt`. A refactoring of the core must leave them as they are; a change in wording is
//! made on purpose: run with `REGIEWIJZER_BLESS=1` to write the new outputs, and read the diff in review.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day every golden run takes as today, so that deadlines and date rules stay put.
const TODAY: &str = "2026-03-16";

fn repo() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn golden_dir() -> PathBuf {
    repo().join("crates/regiewijzer-cli/tests/golden")
}

fn shipped(name: &str) -> String {
    repo().join("rulesets").join(name).display().to_string()
}

/// Runs the command without colour, in a fixed working directory, and returns its exit code, its
/// standard output and its standard error as one text (paths written relative to the repository).
fn run(args: &[&str]) -> String {
    let o: Output = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(["--color", "never"])
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .current_dir(repo())
        .output()
        .expect("the binary runs");
    let root = repo().display().to_string();
    let text = format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    text.replace(&format!("{root}/"), "")
}

/// Compares `actual` with `tests/golden/NAME.txt`, or writes it there when blessing. Returns the name
/// when it differs, so that one run lists every output that changed.
fn golden(name: &str, actual: &str) -> Option<String> {
    let path = golden_dir().join(format!("{name}.txt"));
    if std::env::var_os("REGIEWIJZER_BLESS").is_some() {
        std::fs::write(&path, actual).expect("the golden file can be written");
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let first = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    eprintln!(
        "{name}: differs from {} at line {}:\n  expected: {:?}\n  actual:   {:?}",
        path.display(),
        first + 1,
        expected.lines().nth(first),
        actual.lines().nth(first)
    );
    Some(name.to_string())
}

fn assert_all(changed: Vec<Option<String>>) {
    let changed: Vec<String> = changed.into_iter().flatten().collect();
    assert!(
        changed.is_empty(),
        "golden outputs changed: {changed:?} (REGIEWIJZER_BLESS=1 writes them again)"
    );
}

/// A copy of a shipped ruleset with one text replaced, written to a temporary folder, as a rule author
/// would change it.
fn changed_copy(name: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(shipped(name)).expect("the shipped ruleset");
    assert!(text.contains(from), "{name} has no {from:?}");
    let dir = std::env::temp_dir().join(format!("rw-golden-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).expect("the copy is written");
    path.display().to_string()
}

#[test]
fn eval_as_text_is_unchanged() {
    let cases = [
        ("triage.dementie", "triage.regels"),
        ("triage.acuut", "triage.regels"),
        ("triage.draaideur", "triage.regels"),
        ("escalatie.pogingen", "escalatie.regels"),
        ("regie.ontslag", "regie.regels"),
    ];
    let mut changed = Vec::new();
    for (answers, rules) in cases {
        let answers_file = golden_dir().join(format!("{answers}.json"));
        let answers_file = answers_file.display().to_string();
        let rules = shipped(rules);
        for (lang, extra) in [("nl", None), ("en", None), ("nl", Some("--verbose"))] {
            let mut args = vec!["eval", "--today", TODAY, "--format", "text", "--lang", lang];
            args.extend(extra);
            args.extend(["--answers", &answers_file, &rules]);
            let suffix = if extra.is_some() { ".verbose" } else { "" };
            changed.push(golden(
                &format!("eval.{answers}.{lang}{suffix}"),
                &run(&args),
            ));
        }
    }
    assert_all(changed);
}

#[test]
fn analyze_is_unchanged() {
    let fixture = repo()
        .join("crates/regiewijzer-core/tests/fixtures/analyse_fouten.regels")
        .display()
        .to_string();
    let mut changed = Vec::new();
    for (name, file) in [
        ("triage", shipped("triage.regels")),
        ("escalatie", shipped("escalatie.regels")),
        ("regie", shipped("regie.regels")),
        ("analyse_fouten", fixture),
    ] {
        for lang in ["nl", "en"] {
            let args = ["analyze", "--today", "2026-03-02", "--lang", lang, &file];
            changed.push(golden(&format!("analyze.{name}.{lang}"), &run(&args)));
        }
        let args = [
            "analyze",
            "--today",
            "2026-03-02",
            "--format",
            "json",
            &file,
        ];
        changed.push(golden(&format!("analyze.{name}.json"), &run(&args)));
    }
    assert_all(changed);
}

#[test]
fn diff_is_unchanged() {
    let changes = [
        (
            "triage.draaideur",
            "triage.regels",
            "parameter draaideur_eerdere_meldingen = 2",
            "parameter draaideur_eerdere_meldingen = 3",
        ),
        (
            "escalatie.pogingen",
            "escalatie.regels",
            "parameter max_mislukte_contactpogingen = 3",
            "parameter max_mislukte_contactpogingen = 2",
        ),
        (
            "regie.termijn",
            "regie.regels",
            "parameter termijn_contact_na_ontslag = 14",
            "parameter termijn_contact_na_ontslag = 7",
        ),
    ];
    let mut changed = Vec::new();
    for (name, file, from, to) in changes {
        let old = shipped(file);
        let new = changed_copy(file, from, to);
        for lang in ["nl", "en"] {
            let args = ["diff", "--today", "2026-03-02", "--lang", lang, &old, &new];
            let out = run(&args).replace(&new, &format!("NIEUW/{file}"));
            changed.push(golden(&format!("diff.{name}.{lang}"), &out));
        }
    }
    assert_all(changed);
}

#[test]
fn check_and_test_are_unchanged() {
    let fixtures = repo().join("crates/regiewijzer-cli/tests/fixtures");
    let ten = fixtures.join("tien_fouten.regels").display().to_string();
    let mut changed = Vec::new();
    for lang in ["nl", "en"] {
        changed.push(golden(
            &format!("check.tien_fouten.{lang}"),
            &run(&["check", "--lang", lang, &ten]),
        ));
    }
    for name in ["triage", "escalatie", "regie"] {
        let file = shipped(&format!("{name}.regels"));
        changed.push(golden(
            &format!("test.{name}.nl"),
            &run(&["test", "--coverage", &file]),
        ));
    }
    assert_all(changed);
}

#[test]
fn check_case_is_unchanged() {
    let files = ["triage", "escalatie", "regie"].map(|n| shipped(&format!("{n}.regels")));
    let mut changed = vec![golden(
        "check.case.nl",
        &run(&["check", "--case", &files[0], &files[1], &files[2]]),
    )];
    // An author rewords a shared question in triage and misspells a phase in escalatie.
    let triage = changed_copy(
        "triage.regels",
        "\"Is er een vermoeden van dementie of een verstandelijke beperking?\"",
        "\"Vermoeden van dementie of LVB?\"",
    );
    let escalatie = changed_copy(
        "escalatie.regels",
        "phases vangnet, bemoeizorg",
        "phases vangnet, bemoeizorgg",
    );
    let tmp = std::env::temp_dir().join(format!("rw-golden-{}-", std::process::id()));
    for lang in ["nl", "en"] {
        let out = run(&[
            "--lang", lang, "check", "--case", &triage, &escalatie, &files[2],
        ]);
        let tmp = tmp.display().to_string();
        let out = ["triage", "escalatie"]
            .iter()
            .fold(out, |out, n| out.replace(&format!("{tmp}{n}.regels/"), ""));
        changed.push(golden(&format!("check.case.changed.{lang}"), &out));
    }
    assert_all(changed);
}

#[test]
fn trajectory_is_unchanged() {
    let files = ["triage", "escalatie", "regie"].map(|n| shipped(&format!("{n}.regels")));
    let changed = ["nl", "en"]
        .map(|lang| {
            golden(
                &format!("trajectory.case.{lang}"),
                &run(&[
                    "--lang",
                    lang,
                    "trajectory",
                    &files[0],
                    &files[1],
                    &files[2],
                ]),
            )
        })
        .to_vec();
    assert_all(changed);
}

#[test]
fn a_variant_against_its_base_is_unchanged() {
    let variants = "crates/regiewijzer-core/tests/fixtures/variants";
    let base = shipped("triage.regels");
    let region = format!("{variants}/triage_drechtsteden.regels");
    let old = format!("{variants}/verouderd.regels");
    let mut changed = vec![golden(
        "test.variant.nl",
        &run(&["test", "--coverage", "--base", &base, &region]),
    )];
    for lang in ["nl", "en"] {
        changed.push(golden(
            &format!("check.variant.verouderd.{lang}"),
            &run(&["--lang", lang, "check", "--base", &base, &old]),
        ));
    }
    assert_all(changed);
}
