//! Timelines: dated records (contact attempts, reports, admissions) with `count`, `latest`, `earliest`,
//! filters and windows relative to `today`, from tests and from JSON answers.

use regiewijzer_core::answers::{AnswerIssueKind, Answers, RawAnswers};
use regiewijzer_core::eval::{Status, evaluate};
use regiewijzer_core::testing::run_tests;
use regiewijzer_core::{Date, Model, compile};

const SRC: &str = include_str!("fixtures/tijdlijnen.regels");

fn model() -> Model {
    let c = compile(SRC);
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    c.model.unwrap()
}

#[test]
fn the_fixtures_tests_pass() {
    let m = model();
    let r = run_tests(&m, &m.tests);
    assert!(r.iter().all(|t| t.passed), "{r:#?}");
}

#[test]
fn the_third_failed_attempt_flips_vangnet_to_bemoeizorg() {
    let m = model();
    let today = Date::parse("2026-03-15").unwrap();
    let mut attempts = vec![
        r#"{"datum": "2026-03-02", "resultaat": "geen_contact"}"#,
        r#"{"datum": "2026-03-09", "resultaat": "geweigerd"}"#,
    ];
    let run = |attempts: &[&str]| {
        let json = format!(
            r#"{{"contactpogingen": [{}], "meldingen": [], "opnames": []}}"#,
            attempts.join(",")
        );
        let raw: RawAnswers = serde_json::from_str(&json).unwrap();
        let (a, issues) = Answers::from_raw(&m, &raw);
        assert!(issues.is_empty(), "{issues:?}");
        evaluate(&m, &a, today)
    };
    let e = run(&attempts);
    assert_eq!(e.outcome("route").unwrap().values, ["vangnet"]);
    assert_eq!(e.outcome("route").unwrap().status, Status::Default);
    attempts.push(r#"{"datum": "2026-03-13", "resultaat": "geen_contact"}"#);
    let e = run(&attempts);
    let route = e.outcome("route").unwrap();
    assert_eq!(route.values, ["bemoeizorg"]);
    assert!(!route.provisional);
    let part = &route.reasons[0].conditions[0];
    assert!(part.text.starts_with("count(contactpogingen where resultaat in [geen_contact, geweigerd] in the last venster_pogingen days)"), "{}", part.text);
    assert_eq!(
        part.answers[0].answer.as_ref().unwrap().label.nl,
        "3 registraties"
    );
    let ids: Vec<&str> = part.parameters.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["max_mislukte_pogingen", "venster_pogingen"]);
    // The records are in the result for display.
    let st = e.facts.iter().find(|f| f.id == "contactpogingen").unwrap();
    let recs = st.records.as_ref().unwrap();
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[1][1].as_ref().unwrap().label.nl, "Contact geweigerd");
}

#[test]
fn an_unanswered_timeline_keeps_the_route_provisional() {
    let m = model();
    let e = evaluate(&m, &Answers::empty(&m), Date::parse("2026-03-15").unwrap());
    let route = e.outcome("route").unwrap();
    assert!(route.provisional);
    assert_eq!(route.matters_next, ["contactpogingen", "opnames"]);
}

#[test]
fn latest_and_is_unknown_on_records() {
    let m = model();
    let raw: RawAnswers = serde_json::from_str(
        r#"{"opnames": [{"start": "2026-01-05", "eind": "2026-02-01"}, {"start": "2026-03-01"}],
            "contactpogingen": [{"datum": "2026-01-10", "resultaat": "gelegd"}], "meldingen": []}"#,
    )
    .unwrap();
    let (a, issues) = Answers::from_raw(&m, &raw);
    assert!(issues.is_empty(), "{issues:?}");
    let e = evaluate(&m, &a, Date::parse("2026-03-15").unwrap());
    let s = e.outcome("signalen").unwrap();
    assert_eq!(s.values, ["opgenomen", "stil"]);
}

#[test]
fn bad_records_are_reported_and_left_out() {
    let m = model();
    let raw: RawAnswers = serde_json::from_str(
        r#"{"contactpogingen": [{"datum": "2026-03-01", "resultaat": "zwaaien"}, {"resultaat": "gelegd"},
            {"datum": "2026-03-02", "kleur": "rood"}, 7, {"datum": "2026-03-03", "resultaat": "gelegd"}],
            "meldingen": "veel"}"#,
    )
    .unwrap();
    let (a, issues) = Answers::from_raw(&m, &raw);
    let kinds: Vec<AnswerIssueKind> = issues.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            AnswerIssueKind::UnknownOption,
            AnswerIssueKind::BadRecord,
            AnswerIssueKind::BadRecord,
            AnswerIssueKind::BadRecord,
            AnswerIssueKind::WrongType,
        ]
    );
    assert!(
        issues[0]
            .message
            .nl
            .starts_with("Registratie 1, veld 'resultaat'")
    );
    let f = m.fact_by_name("contactpogingen").unwrap();
    assert_eq!(a.list(f).unwrap().len(), 1);
}

#[test]
fn mistakes_with_timelines_are_reported() {
    let head = "ruleset x\n  title nl \"X\" en \"X\"\n  version \"1\"\n";
    let list = "fact l: timeline\n  label nl \"L\" en \"L\"\n  field d: date nl \"D\" en \"D\"\n  field r: choice nl \"R\" en \"R\"\n  option a nl \"A\" en \"A\"\n";
    let out =
        "outcome o: priority required\n  label nl \"O\" en \"O\"\n  value v nl \"V\" en \"V\"\n";
    let rule =
        |cond: &str| format!("rule q\n  when {cond}\n  then o = v\n  because nl \"x\" en \"x\"\n");
    let cases = [
        (
            format!(
                "{head}fact l: timeline\n  label nl \"L\" en \"L\"\n  field r: bool nl \"R\" en \"R\"\n{out}{}",
                rule("count(l) > 0")
            ),
            "E320",
        ),
        (
            format!(
                "{head}{list}fact b: bool\n  label nl \"B\" en \"B\"\n{out}{}",
                rule("count(b) > 0")
            ),
            "E321",
        ),
        (
            format!("{head}{list}{out}{}", rule("latest(x of l) = a")),
            "E322",
        ),
        (
            format!("{head}{list}{out}{}", rule("count(l where r = z) > 0")),
            "E305",
        ),
        (format!("{head}{list}{out}{}", rule("l > 3")), "E308"),
        (
            format!(
                "{head}{list}{out}{}test \"t\"\n  given l = [(2026-01-01)]\n  expect o = v\n",
                rule("count(l) > 0")
            ),
            "E307",
        ),
    ];
    for (src, code) in cases {
        let c = compile(&src);
        let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&code), "{code} not in {codes:?} for\n{src}");
    }
}
