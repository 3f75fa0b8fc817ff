//! Parameters inside texts: `{name}` in a `because`, `help` or label shows the parameter's value, so a
//! region that changes a parameter changes every text that names it; `{{`/`}}` are literal braces, an
//! unknown name is `E324` at the name, and the formatter keeps the placeholder as written.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::eval::evaluate;
use regiewijzer_core::{Date, Model, compile};

fn shipped(name: &str) -> String {
    let path = format!("{}/../../rulesets/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn model(src: &str) -> Model {
    let c = compile(src);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    c.model.unwrap()
}

/// The draaideur reason of triage for a third report, in nl and en.
fn draaideur_reason(src: &str) -> (String, String) {
    let m = model(src);
    let raw: RawAnswers =
        serde_json::from_str(r#"{"acuut_gevaar": false, "eerdere_meldingen": 5}"#).unwrap();
    let (answers, _) = Answers::from_raw(&m, &raw);
    let e = evaluate(&m, &answers, Date::parse("2026-03-01").unwrap());
    let route = e.outcome("route").unwrap();
    let r = route
        .reasons
        .iter()
        .find(|r| r.rule == "draaideur")
        .unwrap_or_else(|| panic!("no draaideur reason: {:?}", route.reasons));
    (r.because.nl.clone(), r.because.en.clone())
}

#[test]
fn a_changed_parameter_changes_the_reason_that_names_it() {
    let src = shipped("triage.regels");
    let (nl, en) = draaideur_reason(&src);
    assert!(nl.contains("vanaf 2 eerdere meldingen"), "{nl}");
    assert!(en.contains("from 2 earlier reports"), "{en}");
    assert!(!nl.contains('{'), "{nl}");

    let changed = src.replace(
        "parameter draaideur_eerdere_meldingen = 2",
        "parameter draaideur_eerdere_meldingen = 3",
    );
    assert_ne!(changed, src, "the shipped triage declares the parameter");
    let (nl, en) = draaideur_reason(&changed);
    assert!(nl.contains("vanaf 3 eerdere meldingen"), "{nl}");
    assert!(en.contains("from 3 earlier reports"), "{en}");
}

const SMALL: &str = r#"ruleset p
  title nl "P" en "P"
  version "1"

parameter drempel = 3
  label nl "Drempel" en "Threshold"
  source regional

fact n: int
  label nl "Aantal (vanaf {drempel})" en "Count (from {drempel})"

outcome o: priority
  label nl "O" en "O"
  value a nl "A" en "A"
  value b nl "B" en "B"
  default b because nl "Onder {drempel}" en "Below {drempel}"

rule r
  when n >= drempel
  then o = a
  because nl "{drempel} of meer; {{letterlijk}}" en "{drempel} or more; {{literal}}"
"#;

#[test]
fn placeholders_fill_labels_defaults_and_reasons_and_braces_escape() {
    let m = model(SMALL);
    assert_eq!(m.facts[0].label.nl, "Aantal (vanaf 3)");
    assert_eq!(m.facts[0].label.en, "Count (from 3)");
    let r = &m.rules[0];
    assert_eq!(r.because.nl, "3 of meer; {letterlijk}");
    assert_eq!(r.because.en, "3 or more; {literal}");
}

#[test]
fn an_unknown_name_in_a_text_is_e324_at_the_name() {
    let src = SMALL.replace(
        "because nl \"{drempel} of meer",
        "because nl \"{drempl} of meer",
    );
    let c = compile(&src);
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code == "E324")
        .unwrap_or_else(|| panic!("no E324: {:?}", c.diagnostics));
    let at = src.find("{drempl}").unwrap();
    assert_eq!(d.span.start as usize, at);
    assert_eq!(d.span.end as usize, at + "{drempl}".len());
    assert!(d.message_nl.contains("drempl") && d.message_en.contains("drempl"));
    assert!(d.message_nl.contains("parameter") && !d.message_nl.contains("names"));
    assert!(c.model.is_none());
}

#[test]
fn the_formatter_keeps_placeholders_and_escapes() {
    let out = regiewijzer_core::fmt::format(SMALL).unwrap();
    assert!(out.contains("{drempel} of meer; {{letterlijk}}"), "{out}");
    assert!(out.contains("Aantal (vanaf {drempel})"), "{out}");
}
