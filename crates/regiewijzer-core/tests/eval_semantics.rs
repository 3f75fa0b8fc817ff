//! What professionals rely on when they read an evaluation: the decided value, its reasons with the
//! actual answers, the provisional flag with what matters next, ignored answers to hidden questions,
//! conflicts instead of silent choices, and "no decision" instead of a guess.

use regiewijzer_core::answers::{AnswerIssueKind, Answers, RawAnswers};
use regiewijzer_core::eval::{Asked, Evaluation, Status, evaluate};
use regiewijzer_core::testing::{run_tests, summary_line};
use regiewijzer_core::{Date, Model, compile};

const BESLISSEN: &str = include_str!("fixtures/beslissen.regels");
const MINI: &str = include_str!("fixtures/mini.regels");

fn model(src: &str) -> Model {
    let c = compile(src);
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    c.model.unwrap()
}

fn today() -> Date {
    Date::parse("2026-03-20").unwrap()
}

fn eval_json(m: &Model, json: &str) -> Evaluation {
    let raw: RawAnswers = serde_json::from_str(json).unwrap();
    let (answers, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "{issues:?}");
    evaluate(m, &answers, today())
}

#[test]
fn the_fixtures_own_tests_pass() {
    for src in [BESLISSEN, MINI] {
        let m = model(src);
        let results = run_tests(&m, &m.tests);
        assert!(results.iter().all(|r| r.passed), "{results:#?}");
        assert_eq!(
            summary_line(&results),
            format!("{} passed, 0 failed", m.tests.len())
        );
    }
}

#[test]
fn every_result_names_the_ruleset_id_version_and_hash() {
    let m = model(BESLISSEN);
    let e = eval_json(&m, "{}");
    assert_eq!(e.ruleset.id, "beslissen");
    assert_eq!(e.ruleset.version, "1.0.0");
    assert!(e.ruleset.hash.starts_with("sha256:"));
    assert_eq!(e.ruleset.hash.len(), "sha256:".len() + 64);
    assert_eq!(e.today, today());
}

#[test]
fn acute_danger_decides_with_reasons_and_the_actual_answers() {
    let m = model(BESLISSEN);
    let e = eval_json(&m, r#"{"gevaar": "ja"}"#);
    let route = e.outcome("route").unwrap();
    assert_eq!(route.status, Status::Decided);
    assert_eq!(route.values, ["crisis"]);
    assert_eq!(route.value_labels[0].nl, "Crisisdienst");
    assert!(!route.provisional, "{route:#?}");
    let reason = &route.reasons[0];
    assert_eq!(reason.rule, "acuut");
    assert_eq!(reason.kind, "rule");
    assert_eq!(reason.sources, ["Wvggz"]);
    assert_eq!(reason.line, 72);
    assert_eq!(
        reason.because.en,
        "In acute danger the crisis service comes first."
    );
    assert_eq!(reason.conditions.len(), 1);
    let part = &reason.conditions[0];
    assert_eq!(part.text, "gevaar");
    assert_eq!(part.holds, Some(true));
    assert_eq!(part.answers[0].fact, "gevaar");
    assert_eq!(part.answers[0].answer.as_ref().unwrap().label.nl, "ja");
}

#[test]
fn a_lower_priority_rule_cannot_overturn_a_settled_high_one() {
    let m = model(BESLISSEN);
    // Danger decides route; the unanswered living situation cannot change that.
    let e = eval_json(&m, r#"{"gevaar": true}"#);
    let route = e.outcome("route").unwrap();
    assert!(!route.provisional);
    assert!(route.matters_next.is_empty());
    // But the actions still depend on the weapon question, which is now asked, and on others: calling
    // 112 stays (final, so not provisional), and more actions could still be added.
    let acties = e.outcome("acties").unwrap();
    assert_eq!(acties.values, ["bel_112"]);
    assert_eq!(acties.final_values, ["bel_112"]);
    assert!(!acties.provisional);
    assert!(!acties.could_add.is_empty());
    assert_eq!(
        acties.matters_next,
        [
            "wapen",
            "woonsituatie",
            "zrm_financien",
            "eerdere_meldingen"
        ]
    );
    // Once those are answered, nothing is open: the date rule (which needs `not gevaar`) cannot fire,
    // and the homeless rule reads the hidden `bekend`, which stays unknown, so it never fires.
    let e = eval_json(
        &m,
        r#"{"gevaar": true, "wapen": false, "woonsituatie": "dakloos", "zrm_financien": 3,
            "eerdere_meldingen": 0, "leeftijd": 50}"#,
    );
    let acties = e.outcome("acties").unwrap();
    assert_eq!(acties.values, ["bel_112"]);
    assert!(!acties.provisional, "{acties:#?}");
}

#[test]
fn nothing_answered_is_no_decision_with_the_nearest_rules() {
    let m = model(BESLISSEN);
    let e = eval_json(&m, "{}");
    let route = e.outcome("route").unwrap();
    assert_eq!(route.status, Status::Undecided);
    assert!(route.values.is_empty());
    assert!(route.provisional);
    assert!(route.matters_next.contains(&"gevaar".to_string()));
    assert!(!route.nearest.is_empty() && route.nearest.len() <= 3);
    assert_eq!(route.nearest[0].rule, "acuut");
    assert_eq!(route.nearest[0].missing, ["gevaar"]);
    // A default outcome shows its default with the default's reason.
    let urg = e.outcome("urgentie").unwrap();
    assert_eq!(urg.status, Status::Default);
    assert_eq!(urg.values, ["regulier"]);
    assert_eq!(urg.reasons[0].kind, "default");
    assert_eq!(urg.reasons[0].because.nl, "Geen reden tot haast.");
    assert!(urg.provisional);
    assert!(!e.complete);
}

#[test]
fn hidden_questions_are_not_asked_and_their_answers_are_ignored() {
    let m = model(BESLISSEN);
    let e = eval_json(&m, r#"{"gevaar": false, "wapen": true, "bekend": true}"#);
    let wapen = e.facts.iter().find(|f| f.id == "wapen").unwrap();
    assert_eq!(wapen.asked, Asked::No);
    assert!(!wapen.used);
    assert_eq!(e.ignored_answers.len(), 1);
    assert_eq!(e.ignored_answers[0].fact, "wapen");
    assert!(e.ignored_answers[0].reason.nl.contains("gevaar = yes"));
    let acties = e.outcome("acties").unwrap();
    assert!(!acties.values.contains(&"politie".to_string()));
    let bekend = e.facts.iter().find(|f| f.id == "bekend").unwrap();
    assert_eq!(bekend.asked, Asked::Yes);
    assert!(bekend.used);
}

#[test]
fn a_question_whose_ask_when_is_open_is_maybe_and_its_answer_waits() {
    let m = model(BESLISSEN);
    let e = eval_json(&m, r#"{"bekend": true}"#);
    let bekend = e.facts.iter().find(|f| f.id == "bekend").unwrap();
    assert_eq!(bekend.asked, Asked::Maybe);
    assert!(!bekend.used);
    let route = e.outcome("route").unwrap();
    assert_eq!(route.status, Status::Undecided);
    assert!(e.ignored_answers[0].reason.en.starts_with("Not used yet"));
}

#[test]
fn unique_outcome_with_two_fired_rules_is_a_conflict_naming_both() {
    let m = model(BESLISSEN);
    let e = eval_json(
        &m,
        r#"{"gevaar": false, "bekend": true, "eerdere_meldingen": 3, "woonsituatie": "eigen_woning",
            "leeftijd": 40, "zrm_financien": 4, "datum_melding": "2026-03-19"}"#,
    );
    let lead = e.outcome("regiehouder").unwrap();
    assert_eq!(lead.status, Status::Conflict);
    assert!(lead.values.is_empty());
    let rules: Vec<&str> = lead.reasons.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["eigen_zorg", "draaideur"]);
    assert!(e.complete);
    assert!(
        e.outcomes.iter().all(|o| !o.provisional),
        "{:#?}",
        e.outcomes
    );
}

#[test]
fn collect_gathers_values_in_declaration_order_from_several_rules() {
    let m = model(BESLISSEN);
    let e = eval_json(&m, r#"{"gevaar": true, "wapen": true, "zrm_financien": 1}"#);
    let acties = e.outcome("acties").unwrap();
    assert_eq!(acties.values, ["bel_112", "politie", "schulden"]);
    assert_eq!(acties.reasons.len(), 3);
    let geld = acties
        .reasons
        .iter()
        .find(|r| r.rule == "geldzorgen")
        .unwrap();
    // Only the part of the `or` that holds is shown, with the scale's level label.
    assert_eq!(geld.conditions.len(), 1);
    assert_eq!(geld.conditions[0].text, "zrm_financien between 1 and 2");
    let answer = geld.conditions[0].answers[0].answer.as_ref().unwrap();
    assert_eq!(answer.value, "1");
    assert_eq!(answer.label.nl, "1 (Acuut probleem)");
}

#[test]
fn table_rows_are_named_and_first_tables_let_the_first_row_win() {
    let m = model(BESLISSEN);
    let e = eval_json(&m, r#"{"gevaar": true, "leeftijd": 16}"#);
    let urg = e.outcome("urgentie").unwrap();
    assert_eq!(urg.values, ["direct"]);
    assert_eq!(urg.reasons.len(), 1);
    assert_eq!(urg.reasons[0].kind, "row");
    assert_eq!(urg.reasons[0].table.as_deref(), Some("tempo"));
    assert_eq!(urg.reasons[0].row, Some(1));
    let e = eval_json(&m, r#"{"gevaar": false, "leeftijd": 16}"#);
    let urg = e.outcome("urgentie").unwrap();
    assert_eq!(urg.values, ["snel"]);
    assert_eq!(urg.reasons[0].rule, "tempo#2");
}

#[test]
fn dates_count_from_the_given_today() {
    let m = model(BESLISSEN);
    let raw: RawAnswers =
        serde_json::from_str(r#"{"gevaar": "nee", "datum_melding": "2026-03-01"}"#).unwrap();
    let (answers, _) = Answers::from_raw(&m, &raw);
    let has_visit = |day: &str| {
        let e = evaluate(&m, &answers, Date::parse(day).unwrap());
        e.outcome("acties")
            .unwrap()
            .values
            .contains(&"huisbezoek".to_string())
    };
    assert!(!has_visit("2026-03-15"), "14 days is not more than 14");
    assert!(has_visit("2026-03-16"));
}

#[test]
fn bad_answers_are_reported_not_used_and_never_crash() {
    let m = model(BESLISSEN);
    let raw: RawAnswers = serde_json::from_str(
        r#"{"gevaar": "misschien", "leeftijd": 200, "woonsituatie": "kasteel",
            "datum_melding": "20-03-2026", "onbekend": 1, "zrm_financien": [1], "bekend": null}"#,
    )
    .unwrap();
    let (answers, issues) = Answers::from_raw(&m, &raw);
    assert_eq!(answers.count(), 0);
    let kinds: Vec<(String, AnswerIssueKind)> =
        issues.iter().map(|i| (i.fact.clone(), i.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("datum_melding".to_string(), AnswerIssueKind::BadDate),
            ("gevaar".to_string(), AnswerIssueKind::WrongType),
            ("leeftijd".to_string(), AnswerIssueKind::OutOfRange),
            ("onbekend".to_string(), AnswerIssueKind::UnknownFact),
            ("woonsituatie".to_string(), AnswerIssueKind::UnknownOption),
            ("zrm_financien".to_string(), AnswerIssueKind::WrongType),
        ]
    );
    assert!(
        issues
            .iter()
            .all(|i| !i.message.nl.is_empty() && !i.message.en.is_empty())
    );
    assert!(
        issues[4]
            .message
            .en
            .contains("eigen_woning, dakloos, instelling")
    );
}

#[test]
fn a_failing_test_says_what_happened_instead() {
    let src = MINI.replace("expect route = crisisdienst", "expect route = advies");
    let m = model(&src);
    let results = run_tests(&m, &m.tests);
    assert!(!results[0].passed);
    let f = &results[0].failures[0];
    assert_eq!(f.expect, "route = advies");
    assert_eq!(f.line, 44);
    assert_eq!(
        f.actual.nl,
        "route = crisisdienst (regel acuut), definitief"
    );
    assert_eq!(f.actual.en, "route = crisisdienst (rule acuut), final");
    assert_eq!(summary_line(&results), "0 passed, 1 failed");
}

#[test]
fn the_evaluation_serializes_to_the_json_the_widget_reads() {
    let m = model(MINI);
    let e = eval_json(&m, r#"{"acuut_gevaar": false}"#);
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["ruleset"]["id"], "mini");
    assert_eq!(v["today"], "2026-03-20");
    assert_eq!(v["outcomes"][0]["status"], "undecided");
    assert_eq!(v["outcomes"][0]["policy"], "priority");
    assert_eq!(v["outcomes"][0]["provisional"], true);
    assert_eq!(v["outcomes"][0]["matters_next"][0], "bekend_bij_zorg");
    assert_eq!(v["facts"][1]["asked"], "yes");
    assert_eq!(v["matters_next"][0], "bekend_bij_zorg");
}
