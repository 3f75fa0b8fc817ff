//! The `regiewijzer` command as a rule author uses it: check, test, eval and fmt on real rule files.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs the command with `args`, the extra environment variables `env` and `stdin` as its input. The
/// colour variables of the surrounding environment are not passed on.
fn run_with(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("a pipe to its input");
    input.write_all(stdin).expect("it takes its input");
    drop(input);
    child.wait_with_output().expect("the binary ends")
}

fn run(args: &[&str]) -> Output {
    run_with(args, &[], b"")
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
fn check_speaks_english_when_asked() {
    let p = fixture("tien_fouten.regels");
    let o = run(&["--lang", "en", "check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error[E303]: unknown outcome `rout`"), "{out}");
    assert!(out.contains("= nl: onbekende uitkomst `rout`"), "{out}");
    assert!(
        out.ends_with("tien_fouten.regels: 10 errors, 0 warnings\n"),
        "{out}"
    );
}

#[test]
fn no_color_and_color_never_give_no_escape_codes() {
    let p = fixture("tien_fouten.regels");
    let p = p.to_str().unwrap();
    // The output here is a pipe, not a terminal: CLICOLOR_FORCE asks for colour anyway, so that what
    // NO_COLOR and --color never switch off is really there to begin with.
    let with = |env: &[(&str, &str)], args: &[&str]| stdout(&run_with(args, env, b""));
    let forced = with(&[("CLICOLOR_FORCE", "1")], &["check", p]);
    assert!(forced.contains('\u{1b}'), "CLICOLOR_FORCE gives colour");
    let out = with(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &["check", p]);
    assert!(
        !out.contains('\u{1b}'),
        "escape codes despite NO_COLOR: {out}"
    );
    let out = with(
        &[("CLICOLOR_FORCE", "1")],
        &["check", "--color", "never", p],
    );
    assert!(
        !out.contains('\u{1b}'),
        "escape codes despite --color never"
    );
    // The same words, only without colour.
    assert!(
        out.contains("fout[E303]: onbekende uitkomst `rout`"),
        "{out}"
    );
    let out = with(&[("NO_COLOR", "1")], &["check", "--color", "always", p]);
    assert!(out.contains('\u{1b}'), "--color always overrides NO_COLOR");
    let out = with(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], &["test", p]);
    assert!(
        !out.contains('\u{1b}'),
        "test: escape codes despite NO_COLOR"
    );
}

#[test]
fn check_finds_the_ruleset_of_a_tests_file_by_id_or_next_to_it() {
    let los = fixture("los.tests.regels");
    let mini = fixture("mini.regels");
    // Given together: paired by the id in `tests for mini`; the mistake is shown in the tests file.
    let o = run(&[
        "check",
        "--color",
        "never",
        los.to_str().unwrap(),
        mini.to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("fout[E304]: uitkomst `route` heeft geen waarde `crisisdients`"),
        "{out}"
    );
    assert!(out.contains("los.tests.regels:11:18"), "{out}");
    assert!(
        out.ends_with("los.tests.regels: 1 fout, 0 waarschuwingen\n"),
        "{out}"
    );
    // Alone, with no los.regels next to it: the command cannot know the ruleset (exit 2).
    let o = run(&["--lang", "en", "check", los.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("holds tests for ruleset `mini`"), "{err}");
    // mini.tests.regels finds mini.regels next to it.
    let o = run(&["check", fixture("mini.tests.regels").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).ends_with("mini.tests.regels: 0 fouten, 0 waarschuwingen\n"));
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
fn a_failing_test_says_what_was_expected_and_what_happened_in_dutch_or_english() {
    let p = fixture("mini_fout.regels");
    for (lang, expected, but) in [
        (
            "nl",
            "\n    verwacht: route = advies  (",
            "\n    maar:     route = crisisdienst (regel acuut), definitief\n",
        ),
        (
            "en",
            "\n    expected: route = advies  (",
            "\n    but:      route = crisisdienst (rule acuut), final\n",
        ),
    ] {
        let o = run(&["--lang", lang, "test", p.to_str().unwrap()]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert!(
            out.starts_with("FAILED acuut gevaar gaat voor alles ("),
            "{out}"
        );
        assert!(out.contains(expected) && out.contains(but), "{out}");
        assert!(out.ends_with("0 passed, 1 failed\n"), "{out}");
    }
}

#[test]
fn test_runs_a_given_tests_file_and_reports_tests_with_errors() {
    let o = run(&[
        "test",
        "--color",
        "never",
        fixture("los.tests.regels").to_str().unwrap(),
        fixture("mini.regels").to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("fout[E304]"), "{out}");
    assert!(
        out.contains("ok     bekend bij zorg (") && out.contains("los.tests.regels:5)"),
        "{out}"
    );
    assert!(
        out.contains("tests met fouten zijn niet uitgevoerd"),
        "{out}"
    );
    assert!(out.ends_with("4 passed, 0 failed\n"), "{out}");
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
    let o = run_with(
        &[
            "eval",
            fixture("mini.regels").to_str().unwrap(),
            "--answers",
            "-",
            "--today",
            "2026-03-02",
        ],
        &[],
        br#"{"acuut_gevaar": "misschien", "kleur": "rood"}"#,
    );
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
fn eval_as_text_gives_outcomes_reasons_and_answer_issues_in_dutch_or_english() {
    let eval = |lang: &str, answers: &[u8]| {
        let mini = fixture("mini.regels");
        let o = run_with(
            &[
                "--lang",
                lang,
                "eval",
                mini.to_str().unwrap(),
                "--answers",
                "-",
                "--today",
                "2026-03-02",
                "--format",
                "text",
            ],
            &[],
            answers,
        );
        assert_eq!(o.status.code(), Some(0));
        stdout(&o)
    };
    let out = eval("nl", br#"{"acuut_gevaar": false, "bekend_bij_zorg": true}"#);
    assert!(
        out.contains("Regelset: Mini-triage (mini) 0.1.0 – sha256:"),
        "{out}"
    );
    assert!(out.contains("Datum: 02-03-2026"), "{out}");
    assert!(
        out.contains("- Route: Terug naar de eigen zorgaanbieder\n"),
        "{out}"
    );
    assert!(
        out.contains("De eigen zorgaanbieder pakt de melding op."),
        "{out}"
    );
    // The reason in plain words; rule ids, lines and code only with --verbose.
    assert!(
        out.contains("omdat: Is de persoon bekend bij een zorgaanbieder? Ja.\n"),
        "{out}"
    );
    assert!(
        !out.contains("bekend_bij_zorg") && !out.contains("regelnummer"),
        "{out}"
    );
    let verbose = run_with(
        &[
            "eval",
            fixture("mini.regels").to_str().unwrap(),
            "--answers",
            "-",
            "--today",
            "2026-03-02",
            "--format",
            "text",
            "--verbose",
        ],
        &[],
        br#"{"acuut_gevaar": false, "bekend_bij_zorg": true}"#,
    );
    let verbose = stdout(&verbose);
    assert!(
        verbose.contains(
            "Voor wie regels schrijft:\n- route ← bekend (regel 32)\n    ✓ bekend_bij_zorg = yes\n"
        ),
        "{verbose}"
    );
    let out = eval("en", br#"{"acuut_gevaar": "misschien"}"#);
    assert!(
        out.starts_with("Answers not used (wrong input):\n- acuut_gevaar: "),
        "{out}"
    );
    assert!(out.contains("- Route: no decision (provisional)"), "{out}");
    assert!(
        out.contains("What matters next:\n- Is there acute danger now?\n  could change the route"),
        "{out}"
    );
}

#[test]
fn eval_without_its_files_or_with_a_bad_date_is_exit_two_and_with_bad_rules_one() {
    let mini = fixture("mini.regels");
    let mini = mini.to_str().unwrap();
    let o = run(&["eval", mini, "--answers", "geen-antwoorden.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kan `geen-antwoorden.json` niet lezen"));
    let answers = fixture("mini.antwoorden.json");
    let o = run(&[
        "eval",
        "geen.regels",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "eval",
        mini,
        "--answers",
        answers.to_str().unwrap(),
        "--today",
        "2026-02-30",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("geen geldige datum") && err.contains("not a valid date"),
        "{err}"
    );
    // Rules with errors: nothing on standard output, the errors on standard error, exit 1.
    let bad = fixture("tien_fouten.regels");
    let o = run(&[
        "eval",
        bad.to_str().unwrap(),
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("fout[E303]"));
}

#[test]
fn fmt_without_check_or_write_prints_the_formatted_text() {
    let p = fixture("rommelig.regels");
    let before = std::fs::read_to_string(&p).unwrap();
    let o = run(&["fmt", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("ruleset rommel\n  title nl \"R\" en \"R\"\n"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        before,
        "the file is left alone"
    );
    // The clean fixture is already in the canonical layout.
    let o = run(&["fmt", "--check", fixture("mini.regels").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
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
    assert_eq!(stdout(&o), format!("{f}: niet opgemaakt\n"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("regiewijzer fmt --write"));
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
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "fout: kan `bestaat-niet.regels` niet lezen: het bestand bestaat niet\n"
    );
    let o = run(&["--lang", "en", "check", "bestaat-niet.regels"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: cannot read `bestaat-niet.regels`: there is no such file\n"
    );
    // The other files are still checked.
    let mini = fixture("mini.regels");
    let o = run(&["check", "bestaat-niet.regels", mini.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).ends_with("mini.regels: 0 fouten, 0 waarschuwingen\n"));
}

#[test]
fn eval_takes_timelines_and_today_and_test_runs_the_shipped_escalation_rules() {
    let rules = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rulesets/escalatie.regels"
    );
    let answers = fixture("escalatie.antwoorden.json");
    let o = run(&[
        "eval",
        rules,
        "--answers",
        answers.to_str().unwrap(),
        "--today",
        "2026-03-15",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let esc = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "escalatie")
        .unwrap();
    assert_eq!(esc["values"][0], "bemoeizorg");
    let part = &esc["reasons"][0]["conditions"][0];
    assert_eq!(
        part["answers"][0]["answer"]["label"]["nl"],
        "3 registraties"
    );
    assert_eq!(v["parameters"][0]["id"], "max_mislukte_contactpogingen");
    // A day later the first attempt falls outside the window.
    let o = run(&[
        "eval",
        rules,
        "--answers",
        answers.to_str().unwrap(),
        "--today",
        "2026-03-16",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let esc = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "escalatie")
        .unwrap();
    assert_eq!(esc["values"][0], "vangnet");
    // The shipped tests of timelines, deadlines and handovers run through `test`.
    let regie = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets/regie.regels");
    let o = run(&["test", "--color", "never", rules, regie]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.ends_with("73 passed, 0 failed\n"), "{out}");
}

fn core_fixture(name: &str) -> String {
    format!(
        "{}/../regiewijzer-core/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn shipped(name: &str) -> String {
    format!("{}/../../rulesets/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn analyze_exits_1_on_gaps_and_conflicts_and_shows_each_finding_with_its_place_and_an_example() {
    let file = core_fixture("analyse_fouten.regels");
    let o = run(&["analyze", "--today", "2026-03-02", &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    for needle in [
        // As `check` shows a diagnostic: code, message, place, the line with a caret under the place.
        "fout[A101]: Geen regel beslist 'route'",
        "analyse_fouten.regels:37:9\n",
        "37 | outcome route: priority required\n   |         ^^^^^\n",
        "fout[A102]: Regels jong en ook_jong",
        "waarschuwing[A201]: Regel 'onmogelijk'",
        "analyse_fouten.regels:63:1\n",
        "63 | rule onmogelijk\n   | ^^^^^^^^^^^^^^^\n",
        "waarschuwing[A202]: Regel 'altijd_overstemd'",
        "waarschuwing[A301]: Regel 'wapen_zonder_acuut' leest 'wapen'",
        "waarschuwing[A402]",
        "voorbeeld (today 2026-03-02): {",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    // JSON for CI tooling, in English on request.
    let o = run(&[
        "analyze",
        "--today",
        "2026-03-02",
        "--format",
        "json",
        &file,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["complete"], true);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "A101" && f["example"]["answers"]["acuut"] == false)
    );
}

#[test]
fn analyze_passes_the_shipped_rules() {
    for name in ["triage.regels", "escalatie.regels", "regie.regels"] {
        let o = run(&["analyze", "--today", "2026-03-02", &shipped(name)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stdout(&o));
        assert!(stdout(&o).contains("0 fouten, 0 waarschuwingen"));
    }
}

#[test]
fn an_analysis_that_runs_out_of_budget_exits_3_and_lists_what_it_did_not_settle() {
    // A CI gate must not pass rules whose gap search was cut short: exit 3 (no finding, not settled),
    // and the unfinished gap and conflict searches are named, in the text and in the JSON.
    let file = shipped("triage.regels");
    let o = run(&["analyze", "--today", "2026-03-02", "--budget", "50", &file]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("ONVOLLEDIG: het budget was op"), "{out}");
    let unsettled = out
        .lines()
        .find(|l| l.contains("Niet uitgezocht binnen het budget"))
        .unwrap_or_else(|| panic!("no list of what was not settled in\n{out}"));
    assert!(
        unsettled.contains("A101 ") || unsettled.contains("A102 "),
        "{unsettled}"
    );
    let o = run(&[
        "analyze",
        "--today",
        "2026-03-02",
        "--budget",
        "50",
        "--format",
        "json",
        &file,
    ]);
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["complete"], false);
    let unchecked = v["unchecked"].as_array().unwrap();
    assert!(
        unchecked
            .iter()
            .any(|u| u["code"] == "A101" || u["code"] == "A102"),
        "{unchecked:?}"
    );
    // With the whole budget it is complete and passes.
    let o = run(&["analyze", "--today", "2026-03-02", &file]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn diff_names_what_changes_and_exits_1_only_when_something_does() {
    let old = shipped("triage.regels");
    let o = run(&["diff", "--today", "2026-03-02", &old, &old]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text = std::fs::read_to_string(&old).unwrap().replacen(
        "parameter draaideur_eerdere_meldingen = 2",
        "parameter draaideur_eerdere_meldingen = 3",
        1,
    );
    let dir = std::env::temp_dir().join(format!("rw-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new = dir.join("triage.regels");
    std::fs::write(&new, text).unwrap();
    let o = run(&["diff", "--today", "2026-03-02", &old, new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    // In the author's words: labels, no ids, no raw answer combinations.
    assert!(out.contains("- Route: van Bemoeizorg naar"), "{out}");
    assert!(
        out.contains("'Hoeveel eerdere meldingen waren er in de afgelopen 12 maanden?': 2"),
        "{out}"
    );
    assert!(!out.contains("eerdere_meldingen = 2"), "{out}");
    assert!(!out.contains("antwoordcombinaties"), "{out}");
    // Settled within the default budget, `acties` (which follows the route) included: the actions lose
    // the revolving-door talk for the same people.
    assert!(!out.contains("ONVOLLEDIG"), "{out}");
    assert!(
        out.contains("- Acties: verliest ")
            && out.contains("Bespreek de herhaalde meldingen (draaideur) bij"),
        "{out}"
    );
}

#[test]
fn test_coverage_lists_rules_no_test_fires_and_values_no_test_expects() {
    let o = run(&["test", "--coverage", &shipped("regie.regels")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("39 van 39 regels en tabelrijen"));
    let o = run(&[
        "test",
        "--coverage",
        fixture("mini.regels").to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("gaat in geen test af: niets_aan_de_hand"),
        "{out}"
    );
    assert!(
        out.contains("door geen test verwacht: route = advies"),
        "{out}"
    );
}

// ---------- issue 17: hostile files ----------

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regiewijzer-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// True for a character a terminal acts on or that reorders text: C0 and C1 controls, DEL, bidi
/// overrides and isolates. Line breaks and tabs are the output's own.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Asserts that `text` holds no escape sequence or other control character but the style sequences
/// (`ESC [ digits m`) of the command itself, when `styles` is set.
fn assert_inert(text: &str, styles: bool) {
    let mut rest = text;
    while let Some(i) = rest.find(unsafe_char) {
        let from = &rest[i..];
        let sgr = from.strip_prefix("\u{1b}[").map(|p| {
            let n = p
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b';')
                .count();
            (p.as_bytes().get(n) == Some(&b'm')).then_some(n + 3)
        });
        match sgr.flatten() {
            Some(len) if styles => rest = &from[len..],
            _ => panic!(
                "a raw control character in the output at {:?}:\n{text}",
                &from[..from.len().min(20)]
            ),
        }
    }
}

/// mini.regels with `extra` appended.
fn mini_with(dir: &std::path::Path, name: &str, extra: &str) -> PathBuf {
    let mut text = std::fs::read_to_string(fixture("mini.regels")).unwrap();
    text.push_str(extra);
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn escape_sequences_in_test_names_cannot_hide_a_failure_or_retitle_the_terminal() {
    let dir = temp_dir("esc-test");
    // A failing test whose name tries to overwrite `FAILED` with `ok`, hide the rest and set the title.
    // (A carriage return would end the text: CR is a line break in a rules file.)
    let name = "x\\u{1b}]0;pwned\\u{7}\\u{1b}[2Kok     alles goed\\u{1b}[8m";
    let hostile = format!(
        "\ntest \"{}\"\n  given acuut_gevaar = yes\n  expect route = advies\n",
        name.replace("\\u{1b}", "\u{1b}").replace("\\u{7}", "\u{7}")
    );
    let file = mini_with(&dir, "mini.regels", &hostile);
    let f = file.to_str().unwrap();
    for env in [&[][..], &[("CLICOLOR_FORCE", "1")][..]] {
        let o = run_with(&["test", f], env, b"");
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        assert_inert(&out, !env.is_empty());
        assert!(out.contains("FAILED"), "{out}");
        assert!(
            out.contains("x\\u{1b}]0;pwned\\u{7}\\u{1b}[2Kok     alles goed\\u{1b}[8m ("),
            "the name is shown with its escapes visible: {out}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_in_diagnostics_labels_paths_json_and_usage_errors_are_shown_visibly() {
    let dir = temp_dir("esc-all");
    // A raw escape character outside a text: E101, whose note (the other language) quotes it.
    let bad = mini_with(&dir, "e\u{1b}]0;t\u{7}.regels", "\nrule r \u{1b}[2J\n");
    let b = bad.to_str().unwrap();
    for lang in ["nl", "en"] {
        for env in [&[][..], &[("CLICOLOR_FORCE", "1")][..]] {
            let o = run_with(&["--lang", lang, "check", b], env, b"");
            assert_eq!(o.status.code(), Some(1));
            let out = stdout(&o);
            assert_inert(&out, !env.is_empty());
            assert!(out.contains("E101"), "{out}");
            assert!(out.contains("e\\u{1b}]0;t\\u{7}.regels"), "the path: {out}");
        }
    }
    // A label with a right-to-left override and an escape: text and JSON.
    let labels = mini_with(
        &dir,
        "l.regels",
        "\noutcome x: priority required\n  label nl \"a\u{202e}b\u{1b}[31m\" en \"c\u{2066}d\u{9b}e\"\n  value v nl \"V\" en \"V\"\n\nrule rx\n  when acuut_gevaar = yes\n  then x = v\n  because nl \"n\" en \"e\"\n",
    );
    let l = labels.to_str().unwrap();
    let answers = fixture("mini.antwoorden.json");
    let a = answers.to_str().unwrap();
    for lang in ["nl", "en"] {
        let o = run(&[
            "--lang",
            lang,
            "eval",
            l,
            "--answers",
            a,
            "--today",
            "2026-03-02",
            "--format",
            "text",
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = stdout(&o);
        assert_inert(&out, false);
    }
    let o = run(&["eval", l, "--answers", a, "--today", "2026-03-02"]);
    let out = stdout(&o);
    assert_inert(&out, false);
    assert!(out.contains("a\\u202eb\\u001b[31m"), "{out}");
    // Still the same JSON, with the same texts.
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v.to_string().contains("c\u{2066}d\u{9b}e"), "{v}");
    // Answers with a hostile name are reported with it visible.
    let o = run_with(
        &[
            "eval",
            l,
            "--answers",
            "-",
            "--today",
            "2026-03-02",
            "--format",
            "text",
        ],
        &[],
        "{\"x\\u001b]0;t\\u0007\\r\": 1}".as_bytes(),
    );
    let out = stdout(&o);
    assert_inert(&out, false);
    assert!(out.contains("x\\u{1b}]0;t\\u{7}\\u{d}"), "{out}");
    // A usage error quotes the argument (clap drops the escape sequences in it).
    let o = run(&["eval", l, "--answers", a, "--today", "2026\u{1b}]0;t\u{7}"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_inert(&err, false);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_byte_order_mark_is_dropped_in_rules_tests_and_answers() {
    let dir = temp_dir("bom");
    let plain = std::fs::read(fixture("mini.regels")).unwrap();
    let rules = dir.join("mini.regels");
    std::fs::write(&rules, [b"\xEF\xBB\xBF".as_slice(), &plain].concat()).unwrap();
    let tests = std::fs::read(fixture("mini.tests.regels")).unwrap();
    std::fs::write(
        dir.join("mini.tests.regels"),
        [b"\xEF\xBB\xBF".as_slice(), &tests].concat(),
    )
    .unwrap();
    let answers = std::fs::read(fixture("mini.antwoorden.json")).unwrap();
    let with_bom = dir.join("a.json");
    std::fs::write(&with_bom, [b"\xEF\xBB\xBF".as_slice(), &answers].concat()).unwrap();
    let r = rules.to_str().unwrap();
    let o = run(&["check", r]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&["test", r]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The same result, and the same hash, as without the mark.
    let eval = |rules: &str, answers: &str| {
        let o = run(&["eval", rules, "--answers", answers, "--today", "2026-03-02"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        stdout(&o)
    };
    let original = fixture("mini.regels");
    let plain_answers = fixture("mini.antwoorden.json");
    let expected = eval(original.to_str().unwrap(), plain_answers.to_str().unwrap());
    assert_eq!(eval(r, with_bom.to_str().unwrap()), expected);
    let o = run_with(
        &["eval", r, "--answers", "-", "--today", "2026-03-02"],
        &[],
        &[b"\xEF\xBB\xBF".as_slice(), &answers].concat(),
    );
    assert_eq!(stdout(&o), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_e111_at_their_place() {
    let dir = temp_dir("utf8");
    // Latin-1 `é` on line 3.
    let rules = dir.join("latin1.regels");
    std::fs::write(
        &rules,
        b"ruleset r\n  title nl \"T\" en \"T\"\n  version \"caf\xE9\"\n",
    )
    .unwrap();
    let r = rules.to_str().unwrap();
    let o = run(&["check", "--color", "never", r]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("fout[E112]: het bestand is geen UTF-8-tekst: byte 46 (0xE9)"),
        "{out}"
    );
    assert!(out.contains(&format!("--> {r}:3:15")), "{out}");
    assert!(
        out.contains("= en: the file is not UTF-8 text: byte 46 (0xE9)"),
        "{out}"
    );
    for cmd in [&["test", r][..], &["fmt", r][..], &["analyze", r][..]] {
        let o = run(cmd);
        assert_eq!(o.status.code(), Some(1), "{cmd:?}");
        let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        assert!(all.contains("E112"), "{cmd:?}: {all}");
    }
    // Answers: the same decoding, a usage error (exit 2) that names the place.
    let answers = dir.join("a.json");
    std::fs::write(&answers, b"{\"acuut_gevaar\": \"ja\xFF\"}").unwrap();
    let mini = fixture("mini.regels");
    let o = run(&[
        "--lang",
        "en",
        "eval",
        mini.to_str().unwrap(),
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not UTF-8 text: byte 20 (0xFF)") && err.contains("line 1, column 21"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_oversized_file_is_refused_with_e106_from_its_size() {
    let dir = temp_dir("large");
    let file = dir.join("nul.regels");
    std::fs::write(&file, vec![0u8; 8 << 20]).unwrap();
    let f = file.to_str().unwrap();
    let o = run(&["--lang", "en", "check", f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[E106]: the file is too large (8388608 bytes; at most 1048576)"),
        "{out}"
    );
    // The diagnostic shows no part of the file.
    assert!(out.len() < 1000, "{} bytes of output", out.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn the_command_reads_no_more_than_the_limit_and_one_byte() {
    use std::io::Write as _;
    // A pipe with more than the limit behind it: the command must stop reading and close it, so that
    // the writer's last bytes are refused (a reader that reads everything takes them all).
    let dir = temp_dir("fifo");
    let fifo = dir.join("stroom.regels");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut pipe = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        let chunk = vec![b'#'; 64 << 10];
        let mut written = 0usize;
        for _ in 0..64 {
            match pipe.write_all(&chunk) {
                Ok(()) => written += chunk.len(),
                Err(_) => return (written, true),
            }
        }
        (written, false)
    });
    let o = run(&["--lang", "en", "check", fifo.to_str().unwrap()]);
    let (written, refused) = writer.join().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("E106"), "{}", stdout(&o));
    assert!(refused, "the command read all {written} bytes");
    assert!(
        written < 4 << 20,
        "{written} bytes written before the command closed the pipe"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `regiewijzer fhir`: the questionnaire of a ruleset, and the response of a value to it, found in a folder
/// by the value's rules hash; a value of other rules is refused in both languages (docs/fhir.md).
#[test]
fn fhir_exports_a_questionnaire_and_a_response_found_by_the_rules_hash() {
    let rules = fixture("mini.regels");
    let o = run(&["fhir", "questionnaire", rules.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let q: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(q["resourceType"], "Questionnaire");
    let hash = q["identifier"][0]["value"].as_str().unwrap().to_string();
    let value = serde_json::json!({
        "ruleset": {"id": "mini", "version": "0.1.0", "hash": hash}, "today": "2026-03-02", "lang": "nl",
        "answers": {"acuut_gevaar": true}, "removed_answers": [],
        "outcomes": {"route": {"status": "decided", "values": ["crisisdienst"], "provisional": false, "rules": ["acuut"]}},
        "decided": true,
        "decisions": {"route": {"advice": ["crisisdienst"], "decision": "confirmed", "values": ["crisisdienst"],
                                "reason": null, "at": "2026-03-02T09:14:03.512Z"}}
    });
    let dir = fixture("mini.regels").parent().unwrap().to_path_buf();
    let o = run_with(
        &["fhir", "response", "-", "--rules", dir.to_str().unwrap()],
        &[],
        value.to_string().as_bytes(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        r["questionnaire"],
        format!("{}|0.1.0", q["url"].as_str().unwrap())
    );
    assert_eq!(r["status"], "completed");
    assert_eq!(r["item"][0]["item"][0]["answer"][0]["valueBoolean"], true);

    let mut other = value.clone();
    other["ruleset"]["hash"] = serde_json::json!("sha256:00");
    let o = run_with(
        &["fhir", "response", "-", "--rules", rules.to_str().unwrap()],
        &[],
        other.to_string().as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("andere regels"), "{err}");
    let o = run_with(
        &[
            "--lang",
            "en",
            "fhir",
            "response",
            "-",
            "--rules",
            dir.to_str().unwrap(),
        ],
        &[],
        other.to_string().as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("has the hash of the value"));
}
