//! Consequences that go together (`outcome acties: collect follows route`): a rule's collect values
//! count only when its values for the followed outcomes are their results. What authors and
//! professionals rely on: a rule that lost the route adds no actions, a rule that agrees with the winner
//! and a rule without a route still do, the actions stay provisional while the route is, the reasons
//! cite only rules whose actions count, `decide` and the binary model agree, the formatter keeps the
//! clause, mistakes are diagnosed, and the analysis finds a collect value from a rule that lost (`A203`).

use regiewijzer_core::analysis::{FindingKind, Options, analyze};
use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::bin::{decode, encode};
use regiewijzer_core::eval::{Evaluation, decide, evaluate};
use regiewijzer_core::testing::run_tests;
use regiewijzer_core::{Date, Model, compile};

const VOLGEN: &str = include_str!("fixtures/volgen.regels");

fn model(src: &str) -> Model {
    let c = compile(src);
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    c.model.unwrap()
}

fn today() -> Date {
    Date::parse("2026-03-02").unwrap()
}

fn answers(m: &Model, json: &str) -> Answers {
    let raw: RawAnswers = serde_json::from_str(json).unwrap();
    let (a, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "{issues:?}");
    a
}

fn eval(m: &Model, json: &str) -> Evaluation {
    evaluate(m, &answers(m, json), today())
}

const DANGER_AND_CONCERNS: &str =
    r#"{"gevaar": true, "zorgmijding": false, "zorgen": true, "meldingen": 0}"#;

#[test]
fn the_fixtures_own_tests_pass() {
    let m = model(VOLGEN);
    let results = run_tests(&m, &m.tests);
    assert!(results.iter().all(|r| r.passed), "{results:#?}");
    assert_eq!(results.len(), 3);
}

#[test]
fn a_rule_that_lost_the_route_adds_no_actions_and_is_not_cited() {
    let m = model(VOLGEN);
    let e = eval(&m, DANGER_AND_CONCERNS);
    assert_eq!(e.outcome("route").unwrap().values, ["crisis"]);
    let acties = e.outcome("acties").unwrap();
    assert_eq!(acties.values, ["bel_112", "registreer"]);
    assert!(!acties.provisional);
    let cited: Vec<&str> = acties.reasons.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(cited, ["acuut", "registreren"]);
    // An outcome that does not follow the route keeps the losing rule's value.
    assert_eq!(e.outcome("signalen").unwrap().values, ["zorgelijk"]);
}

#[test]
fn a_rule_that_agrees_with_the_winner_counts() {
    let m = model(VOLGEN);
    let e = eval(
        &m,
        r#"{"gevaar": false, "zorgmijding": true, "zorgen": true, "meldingen": 0}"#,
    );
    let acties = e.outcome("acties").unwrap();
    assert_eq!(
        acties.values,
        ["inzet_bemoeizorg", "bemoeizorg_dossier", "registreer"]
    );
}

#[test]
fn a_unique_outcome_is_followed_too() {
    let m = model(VOLGEN);
    let e = eval(
        &m,
        r#"{"gevaar": false, "zorgmijding": false, "zorgen": false, "meldingen": 4}"#,
    );
    assert_eq!(e.outcome("team").unwrap().values, ["draaideurteam"]);
    assert!(
        e.outcome("acties")
            .unwrap()
            .values
            .contains(&"draaideur_bespreken".to_string())
    );
}

#[test]
fn actions_of_a_rule_that_may_still_lose_are_provisional() {
    let m = model(VOLGEN);
    // Danger not answered yet: the safety net's visit holds now, but danger would take the route.
    let e = eval(
        &m,
        r#"{"zorgen": true, "zorgmijding": false, "meldingen": 0}"#,
    );
    let acties = e.outcome("acties").unwrap();
    assert!(acties.values.contains(&"huisbezoek".to_string()));
    assert!(acties.provisional);
    assert!(acties.matters_next.contains(&"gevaar".to_string()));
    // Answered: final, and the visit stays.
    let e = eval(
        &m,
        r#"{"gevaar": false, "zorgen": true, "zorgmijding": false, "meldingen": 0}"#,
    );
    let acties = e.outcome("acties").unwrap();
    assert_eq!(acties.values, ["huisbezoek", "registreer"]);
    assert!(!acties.provisional);
}

#[test]
fn decide_and_the_binary_model_give_what_evaluate_gives() {
    let m = model(VOLGEN);
    let back = decode(&encode(&m)).unwrap();
    let acties = m.outcome_by_name("acties").unwrap();
    assert_eq!(back.outcomes[acties].follows, m.outcomes[acties].follows);
    assert_eq!(m.outcomes[acties].follows.len(), 2);
    for json in [
        DANGER_AND_CONCERNS,
        r#"{"zorgen": true}"#,
        r#"{"gevaar": false, "zorgmijding": true, "zorgen": true, "meldingen": 5}"#,
        "{}",
    ] {
        let a = answers(&m, json);
        let whole = evaluate(&m, &a, today());
        let o = whole.outcome("acties").unwrap();
        let d = decide(&m, &a, today(), acties).unwrap();
        assert_eq!(
            (d.status, &d.values, d.provisional),
            (o.status, &o.values, o.provisional),
            "{json}"
        );
        let from_bytes = evaluate(&back, &a, today());
        assert_eq!(from_bytes.outcome("acties").unwrap().values, o.values);
    }
}

#[test]
fn the_formatter_keeps_follows_on_the_header() {
    let out = regiewijzer_core::fmt::format(VOLGEN).unwrap();
    assert!(out.contains("outcome acties: collect follows route, team required\n"));
    let again = regiewijzer_core::fmt::format(&out).unwrap();
    assert_eq!(again, out);
    assert_eq!(
        model(&out).outcomes[2].follows,
        model(VOLGEN).outcomes[2].follows
    );
}

#[test]
fn mistakes_in_follows_are_diagnosed_with_code_place_and_both_languages() {
    let cases = [
        (
            "collect follows route, onbekend required",
            "E303",
            "onbekend",
        ),
        ("collect follows signalen required", "E330", "signalen"),
        ("priority follows route required", "E331", "follows route"),
    ];
    for (header, code, at) in cases {
        let src = VOLGEN.replace("collect follows route, team required", header);
        let c = compile(&src);
        let d = c
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{header}: {:#?}", c.diagnostics));
        assert!(d.is_error());
        assert!(src[d.span.start as usize..].starts_with(at), "{header}");
        assert!(!d.message_nl.is_empty() && d.message_nl != d.message_en);
        assert!(d.message_en.contains("`"), "{}", d.message_en);
    }
}

#[test]
fn the_analysis_finds_a_collect_value_from_a_rule_that_lost_with_an_example() {
    let m = model(VOLGEN);
    let r = analyze(&m, &Options::new(today()));
    let lost: Vec<_> = r.findings.iter().filter(|f| f.code == "A203").collect();
    // `acties` follows the route: nothing there. `signalen` does not: both route rules that add a
    // signal can lose to danger.
    let rules: Vec<&str> = lost
        .iter()
        .map(|f| match &f.kind {
            FindingKind::LostValue {
                rule,
                outcome,
                lost,
                to,
            } => {
                assert_eq!((outcome.as_str(), lost.as_str()), ("signalen", "route"));
                assert_eq!(to, &["acuut"]);
                rule.as_str()
            }
            k => panic!("{k:?}"),
        })
        .collect();
    assert_eq!(rules, ["mijder", "vangnet_regel"]);
    for f in &lost {
        let ex = f.example.as_ref().expect("an example");
        let raw: RawAnswers =
            serde_json::from_str(&serde_json::to_string(&ex.answers).unwrap()).unwrap();
        let (a, _) = Answers::from_raw(&m, &raw);
        let e = evaluate(&m, &a, ex.today);
        assert_eq!(e.outcome("route").unwrap().values, ["crisis"], "{f:?}");
        assert!(
            !e.outcome("signalen")
                .unwrap()
                .values
                .contains(&"geen".to_string())
        );
        assert!(f.message.nl.contains("follows route") && f.message.en.contains("lost"));
    }
}
