//! Deadlines and parameters: dates computed by rules, shown with days left or overdue, working days,
//! and the region's parameters visible in every result and reason.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::eval::{Status, evaluate};
use regiewijzer_core::testing::run_tests;
use regiewijzer_core::{Date, Model, compile};

const SRC: &str = include_str!("fixtures/termijnen.regels");

fn model() -> Model {
    let c = compile(SRC);
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    c.model.unwrap()
}

fn eval(m: &Model, json: &str, today: &str) -> regiewijzer_core::eval::Evaluation {
    let raw: RawAnswers = serde_json::from_str(json).unwrap();
    let (a, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty());
    evaluate(m, &a, Date::parse(today).unwrap())
}

#[test]
fn the_fixtures_tests_pass() {
    let m = model();
    let r = run_tests(&m, &m.tests);
    assert!(r.iter().all(|t| t.passed), "{r:#?}");
    assert_eq!(r.len(), 5);
}

#[test]
fn a_deadline_shows_days_left_then_overdue() {
    let m = model();
    let answers = r#"{"wvggz_melding": true, "datum_melding": "2026-03-02"}"#;
    let e = eval(&m, answers, "2026-03-13");
    let t = e.outcome("termijn_onderzoek").unwrap();
    assert_eq!(t.status, Status::Decided);
    assert_eq!(t.values, ["2026-03-16"]);
    let d = t.deadline.as_ref().unwrap();
    assert_eq!((d.days_left, d.overdue), (3, false));
    // A date as a person reads it: day first in Dutch; the value stays YYYY-MM-DD.
    assert_eq!(t.value_labels[0].nl, "16-03-2026 (nog 3 dagen)");
    assert_eq!(t.value_labels[0].en, "2026-03-16 (3 days left)");
    let e = eval(&m, answers, "2026-03-18");
    let t = e.outcome("termijn_onderzoek").unwrap();
    assert!(t.deadline.as_ref().unwrap().overdue);
    assert_eq!(t.value_labels[0].nl, "16-03-2026 (2 dagen te laat)");
    // The reason names the rule, the date expression with its answers, and the parameter.
    let r = &t.reasons[0];
    assert_eq!(r.rule, "onderzoek");
    assert_eq!(r.values, ["2026-03-16"]);
    let date_part = r.conditions.last().unwrap();
    assert_eq!(
        date_part.text,
        "termijn_onderzoek = datum_melding + termijn_verkennend_onderzoek days"
    );
    assert_eq!(date_part.answers[0].fact, "datum_melding");
}

#[test]
fn a_deadline_waits_for_its_date_and_says_so() {
    let m = model();
    let e = eval(&m, r#"{"wvggz_melding": true}"#, "2026-03-13");
    let t = e.outcome("termijn_onderzoek").unwrap();
    assert_eq!(t.status, Status::Undecided);
    assert!(t.provisional);
    assert_eq!(t.matters_next, ["datum_melding"]);
}

#[test]
fn parameters_are_listed_with_their_source_and_in_the_reasons_that_use_them() {
    let m = model();
    let e = eval(&m, r#"{"eerdere_meldingen": 4}"#, "2026-03-13");
    let ids: Vec<(&str, &str, bool)> = e
        .parameters
        .iter()
        .map(|p| (p.id.as_str(), p.value.as_str(), p.regional))
        .collect();
    assert_eq!(
        ids,
        [
            ("termijn_verkennend_onderzoek", "14", false),
            ("nazorg_werkdagen", "10", true),
            ("draaideur_drempel", "3", true)
        ]
    );
    assert_eq!(e.parameters[0].sources, ["Wvggz art. 5:2"]);
    let d = e.outcome("draaideur").unwrap();
    assert_eq!(d.values, ["ja"]);
    let part = &d.reasons[0].conditions[0];
    assert_eq!(part.text, "eerdere_meldingen >= draaideur_drempel");
    assert_eq!(part.parameters[0].id, "draaideur_drempel");
    assert_eq!(part.parameters[0].value, "3");
}

#[test]
fn mistakes_with_parameters_and_deadlines_are_reported() {
    let cases = [
        // A parameter without a source.
        ("parameter p = 3\n  label nl \"P\" en \"P\"\n", "E206"),
        // A deadline outcome with values.
        (
            "outcome t: deadline\n  label nl \"T\" en \"T\"\n  value a nl \"A\" en \"A\"\n",
            "E202",
        ),
        // A deadline set to a number.
        (
            "outcome t: deadline\n  label nl \"T\" en \"T\"\nrule r\n  when yes\n  then t = 3 + 4\n  because nl \"x\" en \"x\"\n",
            "E307",
        ),
        // `= DATE` on an outcome that is not a deadline.
        (
            "outcome o: priority required\n  label nl \"O\" en \"O\"\n  value a nl \"A\" en \"A\"\nrule r\n  when yes\n  then o = a\n  because nl \"x\" en \"x\"\ntest \"t\"\n  expect o = 2026-01-01\n",
            "E402",
        ),
    ];
    let head = "ruleset x\n  title nl \"X\" en \"X\"\n  version \"1\"\n";
    for (body, code) in cases {
        let src = format!("{head}{body}");
        let c = compile(&src);
        let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&code), "{code} not in {codes:?} for\n{src}");
    }
}
