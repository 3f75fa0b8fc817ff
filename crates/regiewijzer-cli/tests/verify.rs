//! `regiewijzer verify` as a receiving backend runs it: values posted by the real element (checked in as
//! tests/fixtures/values/*.json by tests/value.test.mjs, which fails when they go stale) are what the
//! shipped rules give; an edited advice and rules of another content are not, and say what differs; a
//! value whose rules are not there cannot be verified and says what was looked for and what there is.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const VALUES: [&str; 3] = ["bevestigd", "afgeweken", "escalatie"];

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn value_file(name: &str) -> PathBuf {
    root().join(format!("tests/fixtures/values/{name}.json"))
}

fn value(name: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(value_file(name)).unwrap()).unwrap()
}

fn rulesets() -> String {
    root().join("rulesets").display().to_string()
}

/// `regiewijzer [--lang LANG] verify VALUE --rules DIR`, with `stdin` as the input.
fn verify(lang: &str, value: &str, dir: &str, stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regiewijzer"))
        .args([
            "--lang", lang, "--color", "never", "verify", value, "--rules", dir,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Verifies `v` given on standard input.
fn verify_json(lang: &str, v: &serde_json::Value) -> Output {
    verify(lang, "-", &rulesets(), v.to_string().as_bytes())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn values_posted_by_the_element_match_their_rules() {
    for name in VALUES {
        let file = value_file(name).display().to_string();
        let o = verify("nl", &file, &rulesets(), b"");
        let out = text(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{name}: {out}{}", text(&o.stderr));
        assert!(out.starts_with("klopt: het advies in "), "{out}");
        let id = value(name)["ruleset"]["id"].as_str().unwrap().to_string();
        assert!(
            out.contains(&format!("regelset `{id}` versie 0.1.0")),
            "{out}"
        );
        assert_eq!(out.lines().count(), 1);
        let en = verify("en", &file, &rulesets(), b"");
        assert!(text(&en.stdout).starts_with("matches: the advice in "));
    }
}

#[test]
fn an_edited_advice_is_a_no_that_says_what_differs() {
    let mut v = value("afgeweken");
    v["outcomes"]["route"]["values"] = serde_json::json!(["bemoeizorg"]);
    v["outcomes"]["route"]["provisional"] = serde_json::json!(false);
    let o = verify_json("nl", &v);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(
            "verschilt: het advies in stdin is niet wat regelset `triage` versie 0.1.0"
        ),
        "{out}"
    );
    assert_eq!(
        lines[1..],
        [
            "  V103 /outcomes/route/values: Route: de waarde adviseert Bemoeizorg, de regels adviseren Vangnet (wijk-GGD'er)",
            "  V104 /outcomes/route/provisional: Route: de waarde noemt het advies definitief, de regels noemen het voorlopig",
        ]
    );
    let en = text(&verify_json("en", &v).stdout);
    assert!(
        en.contains("V103 /outcomes/route/values: Route: the value advises "),
        "{en}"
    );
}

#[test]
fn a_value_whose_rules_hash_does_not_match_is_a_no() {
    let mut v = value("escalatie");
    let posted = format!("sha256:{}", "ab".repeat(32));
    v["ruleset"]["hash"] = serde_json::json!(posted);
    let o = verify_json("en", &v);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(out.starts_with("differs: "), "{out}");
    let expected = format!(
        "  V101 /ruleset/hash: the rules `escalatie` version 0.1.0 here are not the ones the value was made with: the value names content {posted}, these rules are {}",
        value("escalatie")["ruleset"]["hash"].as_str().unwrap()
    );
    assert_eq!(out.lines().nth(1), Some(expected.as_str()));
}

#[test]
fn rules_that_are_not_there_cannot_be_verified_and_it_says_what_there_is() {
    let mut v = value("bevestigd");
    v["ruleset"]["version"] = serde_json::json!("2.0.0");
    let o = verify_json("nl", &v);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stdout), "");
    let err = text(&o.stderr);
    assert!(err.starts_with("fout: V204: "), "{err}");
    // The hash the value names (that of the shipped triage rules when the fixture was posted).
    let hash = v["ruleset"]["hash"].as_str().unwrap_or_default();
    assert!(
        err.contains(&format!(
            "geen regelset `triage` versie 2.0.0 (inhoud {hash})"
        )),
        "{err}"
    );
    for (id, version) in [
        ("escalatie", "0.1.0"),
        ("regie", "0.1.0"),
        ("triage", "0.1.0"),
    ] {
        assert!(err.contains(&format!("`{id}` {version} (sha256:")), "{err}");
    }
}

#[test]
fn input_that_is_not_a_value_is_wrong_use() {
    let unavailable = serde_json::json!({"format": 1, "unavailable": {}, "ruleset": null, "answers": {}, "decided": false, "decisions": {}}).to_string();
    let cases: [(&[u8], &str); 4] = [
        (b"[1]", "is geen widgetwaarde"),
        (
            b"{\"format\": 1, \"ruleset\": {\"id\": \"triage\"}}",
            "is geen widgetwaarde",
        ),
        (b"niet json", "is geen widgetwaarde"),
        (unavailable.as_bytes(), "V201"),
    ];
    for (input, says) in cases {
        let o = verify("nl", "-", &rulesets(), input);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains(says), "{}", text(&o.stderr));
    }
    let missing = verify(
        "en",
        &value_file("bevestigd").display().to_string(),
        "/geen/map",
        b"",
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/geen/map"));
}
