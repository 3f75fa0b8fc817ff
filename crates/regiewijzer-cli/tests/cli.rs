//! The `regiewijzer` command as a rule author uses it: check, test, eval and fmt on real rule files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn ten_mistakes_give_ten_diagnostics_each_with_code_place_and_both_languages() {
    let path = fixture("tien_fouten.regels");
    let p = path.to_str().unwrap();
    let o = run(&["check", "--color", "never", p]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let found: Vec<(String, String)> = out
        .lines()
        .zip(out.lines().skip(1))
        .filter(|(a, _)| a.starts_with("fout["))
        .map(|(a, b)| {
            let code = a[5..9].to_string();
            let place = b.rsplit(':').take(2).collect::<Vec<_>>();
            (code, format!("{}:{}", place[1], place[0]))
        })
        .collect();
    let expected = [
        ("E311", "21:6"),  // ask when in a circle
        ("E201", "38:12"), // priority is not a number
        ("E306", "46:6"),  // a rule name used twice
        ("E305", "47:44"), // an option that does not exist (typo)
        ("E307", "52:25"), // yes/no where a number is needed
        ("E303", "58:8"),  // an outcome that does not exist (typo)
        ("E304", "63:16"), // a value the outcome does not have
        ("E206", "66:6"),  // a rule without `because`
        ("E301", "71:29"), // a test names an unknown fact
        ("E402", "76:3"),  // `contains` on a priority outcome
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    assert_eq!(found, expected, "{out}");
    assert!(
        out.ends_with("tien_fouten.regels: 10 fouten, 0 waarschuwingen\n"),
        "{out}"
    );
    // Every diagnostic shows the source line with a caret, and the English message as a note.
    assert_eq!(out.matches("= en: ").count(), 10, "{out}");
    assert!(
        out.contains("then rout = advies\n   |        ^^^^"),
        "{out}"
    );
}

#[test]
fn check_speaks_english_when_asked_and_never_colours_with_no_color() {
    let p = fixture("tien_fouten.regels");
    let o = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(["--lang", "en", "check", p.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(out.contains("error[E303]: unknown outcome `rout`"), "{out}");
    assert!(out.contains("= nl: onbekende uitkomst `rout`"), "{out}");
    assert!(!out.contains('\u{1b}'), "escape codes despite NO_COLOR");
    let o = run(&["check", "--color", "always", p.to_str().unwrap()]);
    assert!(stdout(&o).contains('\u{1b}'));
}

#[test]
fn a_clean_ruleset_checks_clean() {
    let o = run(&["check", fixture("mini.regels").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).ends_with("mini.regels: 0 fouten, 0 waarschuwingen\n"));
}

#[test]
fn test_runs_the_file_and_its_sibling_and_ends_with_the_count() {
    let o = run(&[
        "test",
        "--color",
        "never",
        fixture("mini.regels").to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("ok     acuut gevaar gaat voor alles"), "{out}");
    assert!(out.contains("ok     niets beantwoord"), "{out}");
    assert!(out.contains("mini.tests.regels:3)"), "{out}");
    assert!(out.ends_with("3 passed, 0 failed\n"), "{out}");
}

#[test]
fn a_failing_test_says_what_was_expected_and_what_happened() {
    let o = run(&[
        "test",
        "--color",
        "never",
        fixture("mini_fout.regels").to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("FAILED acuut gevaar gaat voor alles"), "{out}");
    assert!(out.contains("verwacht: route = advies"), "{out}");
    assert!(
        out.contains("maar:     route = crisisdienst (regel acuut), definitief"),
        "{out}"
    );
    assert!(out.ends_with("0 passed, 1 failed\n"), "{out}");
}

#[test]
fn test_on_rules_with_errors_reports_them_and_fails() {
    let o = run(&[
        "test",
        "--color",
        "never",
        fixture("tien_fouten.regels").to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("tests niet uitgevoerd"), "{out}");
}

#[test]
fn eval_prints_the_evaluation_as_json_with_the_ruleset_identity() {
    let o = run(&[
        "eval",
        fixture("mini.regels").to_str().unwrap(),
        "--answers",
        fixture("mini.antwoorden.json").to_str().unwrap(),
        "--today",
        "2026-03-02",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ruleset"]["id"], "mini");
    assert_eq!(v["ruleset"]["version"], "0.1.0");
    assert!(
        v["ruleset"]["hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    assert_eq!(v["today"], "2026-03-02");
    assert_eq!(v["outcomes"][0]["values"][0], "terug_naar_zorg");
    assert_eq!(v["outcomes"][0]["reasons"][0]["rule"], "bekend");
}

#[test]
fn eval_reports_bad_answers_instead_of_crashing() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args([
            "eval",
            fixture("mini.regels").to_str().unwrap(),
            "--answers",
            "-",
            "--today",
            "2026-03-02",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"acuut_gevaar": "misschien", "kleur": "rood"}"#)
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = v["answer_issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["wrong_type", "unknown_fact"]);
    // Not JSON at all: a usage problem, exit 2, in both languages' reach.
    let o = run(&[
        "eval",
        fixture("mini.regels").to_str().unwrap(),
        "--answers",
        fixture("mini.regels").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("geen geldige JSON"));
}

#[test]
fn fmt_check_finds_an_unformatted_file_and_write_fixes_it() {
    let dir = std::env::temp_dir().join(format!("regiewijzer-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rommelig.regels");
    std::fs::copy(fixture("rommelig.regels"), &file).unwrap();
    let f = file.to_str().unwrap();
    let o = run(&["fmt", "--check", f]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["fmt", "--write", f]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["fmt", "--check", f]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("ruleset rommel\n  title nl \"R\" en \"R\"\n  version \"1\"\n"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_file_is_exit_two_with_a_message() {
    let o = run(&["check", "bestaat-niet.regels"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("kan `bestaat-niet.regels` niet lezen"),
        "{err}"
    );
    let o = run(&["--lang", "en", "check", "bestaat-niet.regels"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read `bestaat-niet.regels`"));
}
