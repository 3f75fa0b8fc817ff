//! `verify`: a value posted by the browser element (the fixtures in tests/fixtures/values/, written by
//! tests/value.test.mjs from the real element) is what its rules give; any edit of its advice is found, at
//! its place; a value that names rules that are not there cannot be verified, and says what there is.

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use regiewijzer_core::compile;
use regiewijzer_core::verify::{Difference, Posted, verify};
use regiewijzer_core::{Model, source};

const VALUES: [&str; 3] = ["bevestigd", "afgeweken", "escalatie"];

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Every shipped ruleset, compiled once (the files of tests left out).
fn shipped() -> &'static [Model] {
    static MODELS: OnceLock<Vec<Model>> = OnceLock::new();
    MODELS.get_or_init(compile_shipped)
}

fn compile_shipped() -> Vec<Model> {
    let mut models = Vec::new();
    for entry in std::fs::read_dir(root().join("rulesets"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".regels") && !name.ends_with(".tests.regels") {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = source::decode(&bytes).unwrap();
            models.push(compile(text).model.unwrap());
        }
    }
    models
}

fn json(name: &str) -> serde_json::Value {
    let path = root().join(format!("tests/fixtures/values/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn posted(value: serde_json::Value) -> Posted {
    serde_json::from_value(value).unwrap()
}

fn codes_and_places(d: &[Difference]) -> Vec<(&'static str, String)> {
    d.iter().map(|d| (d.code(), d.place())).collect()
}

#[test]
fn values_posted_by_the_element_are_what_their_rules_give() {
    let models = shipped();
    for name in VALUES {
        let report = verify(&posted(json(name)), models).unwrap();
        let found: Vec<String> = report.differences.iter().map(|d| d.to_string()).collect();
        assert_eq!(found, Vec::<String>::new(), "{name}");
        assert_eq!(report.ruleset.id, json(name)["ruleset"]["id"], "{name}");
    }
}

#[test]
fn an_edited_advice_is_found_in_words_at_its_place() {
    let mut v = json("bevestigd");
    v["outcomes"]["urgentie"]["values"] = serde_json::json!(["binnen_1_uur"]);
    let report = verify(&posted(v), shipped()).unwrap();
    assert_eq!(
        codes_and_places(&report.differences),
        [("V103", "/outcomes/urgentie/values".to_string())]
    );
    let d = &report.differences[0];
    assert_eq!(
        d.message_nl(),
        "Urgentie: de waarde adviseert Binnen 1 uur, de regels adviseren Binnen 5 werkdagen"
    );
    assert_eq!(
        d.to_string(),
        "Urgency: the value advises Within 1 hour, the rules advise Within 5 working days"
    );
}

#[test]
fn a_confirmation_of_other_values_than_the_advice_is_found() {
    let mut v = json("bevestigd");
    v["decisions"]["route"]["values"] = serde_json::json!(["vangnet"]);
    let report = verify(&posted(v), shipped()).unwrap();
    assert_eq!(
        codes_and_places(&report.differences),
        [("V107", "/decisions/route/values".to_string())]
    );
}

#[test]
fn rules_of_the_same_id_and_version_with_another_content_are_a_difference() {
    let mut v = json("bevestigd");
    let other = format!("sha256:{}", "0".repeat(64));
    v["ruleset"]["hash"] = serde_json::json!(other);
    let report = verify(&posted(v), shipped()).unwrap();
    assert_eq!(
        codes_and_places(&report.differences),
        [("V101", "/ruleset/hash".to_string())]
    );
    assert!(report.differences[0].message_nl().contains(&other));
}

#[test]
fn a_value_that_names_rules_not_given_says_what_was_looked_for_and_what_there_is() {
    let mut v = json("escalatie");
    v["ruleset"]["version"] = serde_json::json!("9.9.9");
    let models = shipped();
    let e = verify(&posted(v), models).unwrap_err();
    assert_eq!((e.code(), e.place()), ("V204", "/ruleset"));
    let nl = e.message_nl();
    assert!(nl.starts_with("geen regelset `escalatie` versie 9.9.9 (inhoud sha256:"));
    for m in models {
        assert!(
            nl.contains(&format!("`{}` {}", m.meta.id, m.meta.version)),
            "{nl}"
        );
    }
    let none = verify(&posted(json("escalatie")), &[]).unwrap_err();
    assert!(none.to_string().ends_with("there are: none"), "{none}");
}

#[test]
fn values_that_cannot_be_verified_say_why() {
    let models = shipped();
    let mut future = json("bevestigd");
    future["format"] = serde_json::json!(2);
    let mut no_date = json("bevestigd");
    no_date["today"] = serde_json::json!("2026-02-30");
    let unavailable = serde_json::json!({"format": 1, "ruleset": null, "answers": {}, "decided": false, "decisions": {}});
    let cases = [
        (future, "V202", "/format"),
        (no_date, "V203", "/today"),
        (unavailable, "V201", "/ruleset"),
    ];
    for (v, code, place) in cases {
        let e = verify(&posted(v), models).unwrap_err();
        assert_eq!((e.code(), e.place()), (code, place));
        assert_ne!(e.message_nl(), e.to_string());
    }
    // A value of a widget before format 1 (no `format`) is verified as it is.
    let mut older = json("bevestigd");
    older.as_object_mut().unwrap().remove("format");
    assert!(
        verify(&posted(older), models)
            .unwrap()
            .differences
            .is_empty()
    );
}

#[test]
fn an_outcome_the_rules_lack_or_the_value_lacks_is_named() {
    let mut v = json("bevestigd");
    let route = v["outcomes"]["route"].take();
    v["outcomes"].as_object_mut().unwrap().remove("route");
    v["outcomes"]["ernst"] = route;
    let report = verify(&posted(v), shipped()).unwrap();
    assert_eq!(
        codes_and_places(&report.differences),
        [
            ("V105", "/outcomes/route".to_string()),
            ("V106", "/outcomes/ernst".to_string())
        ]
    );
}

proptest! {
    /// Any one edit of one outcome's advice (its status, one value more or less, its provisional mark) in
    /// any fixture is found, as exactly that difference at that outcome.
    #[test]
    fn every_single_edit_of_the_advice_is_found(value in 0..VALUES.len(), outcome in 0usize..8, edit in 0u8..4) {
        let mut v = json(VALUES[value]);
        let ids: Vec<String> = v["outcomes"].as_object().unwrap().keys().cloned().collect();
        let id = &ids[outcome % ids.len()];
        let o = &mut v["outcomes"][id];
        let (code, field) = match edit {
            0 => {
                let other = if o["status"] == "conflict" { "decided" } else { "conflict" };
                o["status"] = serde_json::json!(other);
                ("V102", "status")
            }
            1 => {
                o["values"].as_array_mut().unwrap().push(serde_json::json!("iets_anders"));
                ("V103", "values")
            }
            2 => {
                let p = o["provisional"].as_bool().unwrap();
                o["provisional"] = serde_json::json!(!p);
                ("V104", "provisional")
            }
            _ => {
                let values = o["values"].as_array_mut().unwrap();
                prop_assume!(!values.is_empty());
                values.pop();
                ("V103", "values")
            }
        };
        let report = verify(&posted(v), shipped()).unwrap();
        let found = codes_and_places(&report.differences);
        prop_assert_eq!(found, vec![(code, format!("/outcomes/{id}/{field}"))]);
    }
}

#[test]
fn an_unknown_status_in_the_value_is_shown_as_written() {
    let mut v = json("bevestigd");
    v["outcomes"]["route"]["status"] = serde_json::json!("klaar");
    let d = verify(&posted(v), shipped()).unwrap().differences;
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message_nl(),
        "Route: volgens de waarde `klaar`, volgens de regels beslist"
    );
}

/// A region's variant: its value names the base it ran on. Rules here resolved against that base verify;
/// against another base (the variant's own text the same) they are difference `V108`, whatever the advice.
#[test]
fn a_variant_resolved_against_another_base_than_the_values_is_a_difference() {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
    let variant_text =
        read("crates/regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.regels");
    let base_text = read("rulesets/triage.regels");
    let variant = regiewijzer_core::compile_variant(&variant_text, &base_text)
        .model
        .unwrap();
    let identity = regiewijzer_core::verify::identity(&variant);
    let base = identity.base.clone().expect("a variant names its base");
    assert_eq!(base.id, "triage");
    let mut v = json("bevestigd");
    v["ruleset"] = serde_json::json!({
        "id": identity.id, "version": identity.version, "hash": identity.hash,
        "base": {"id": base.id, "version": base.version, "hash": base.hash},
    });
    let models = std::slice::from_ref(&variant);
    let same = verify(&posted(v.clone()), models).unwrap();
    assert!(
        !same.differences.iter().any(|d| d.code() == "V108"),
        "{:?}",
        codes_and_places(&same.differences)
    );
    let other = format!("sha256:{}", "1".repeat(64));
    v["ruleset"]["base"]["hash"] = serde_json::json!(other);
    let report = verify(&posted(v), models).unwrap();
    assert_eq!(
        codes_and_places(&report.differences).first(),
        Some(&("V108", "/ruleset/base/hash".to_string()))
    );
    assert!(report.differences[0].message_nl().contains(&other));
    assert!(report.differences[0].to_string().contains(&base.hash));
}
