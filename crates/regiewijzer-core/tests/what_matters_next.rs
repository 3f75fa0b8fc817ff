//! "Wat nu telt", ranked, on the shipped triage rules: the open question whose answer switches the route
//! comes first and says so in words; an acute case does not ask first for residence documents or
//! housing; a `collect` outcome shows what holds for good and what could still be added.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::eval::{Evaluation, NextKind, evaluate};
use regiewijzer_core::{Date, Model, compile};

fn triage() -> Model {
    let src = include_str!("../../../rulesets/triage.regels");
    compile(src)
        .model
        .expect("the shipped triage rules compile")
}

fn eval(m: &Model, json: &str) -> Evaluation {
    let raw: RawAnswers = serde_json::from_str(json).unwrap();
    let (answers, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "{issues:?}");
    evaluate(m, &answers, Date::parse("2026-03-02").unwrap())
}

fn ranked(e: &Evaluation) -> Vec<&str> {
    e.next.iter().map(|n| n.fact.as_str()).collect()
}

#[test]
fn dementia_and_refused_help_put_serious_harm_first_as_it_switches_the_route_to_wzd() {
    let m = triage();
    let e = eval(&m, r#"{"dementie_of_lvb": true, "hulp_geweigerd": true}"#);
    let first = e.next.first().expect("open questions");
    assert_eq!(first.fact, "ernstig_nadeel", "ranked: {:?}", ranked(&e));
    assert_eq!(first.kind, NextKind::Changes);
    let route = first.changes.iter().find(|c| c.outcome == "route").unwrap();
    assert_eq!(route.to_values, ["wzd_route"]);
    assert_eq!(
        route.text.nl,
        "kan de route veranderen in Wzd-route (dementie of verstandelijke beperking)"
    );
    assert_eq!(
        route.text.en,
        "could change the route to Wzd route (dementia or intellectual disability)"
    );
    // The page order, still in `matters_next`, has it far down.
    let plain = e.matters_next.iter().position(|f| f == "ernstig_nadeel");
    assert!(plain > Some(2), "{:?}", e.matters_next);
    // Every question that changes a single-value outcome comes before those that only add an action,
    // and those before the ones that matter only together with other answers.
    let kinds: Vec<NextKind> = e.next.iter().map(|n| n.kind).collect();
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
}

#[test]
fn an_acute_case_does_not_ask_first_for_residence_documents_or_housing() {
    let m = triage();
    let e = eval(&m, r#"{"acuut_gevaar": true}"#);
    let top: Vec<&str> = ranked(&e).into_iter().take(3).collect();
    for late in ["ongedocumenteerd", "woonsituatie"] {
        assert!(!top.contains(&late), "top three: {top:?}");
    }
    // Nothing can change the route any more: the first questions can only add an action, and say which.
    let first = e.next.first().unwrap();
    assert_eq!(first.kind, NextKind::Adds);
    assert_eq!(first.fact, "suicidegevaar", "ranked: {:?}", ranked(&e));
    assert_eq!(
        first.changes[0].text.nl,
        "kan aan de acties toevoegen: Vraag de GGZ-crisisdienst om een beoordeling"
    );
}

#[test]
fn actions_show_what_holds_for_good_and_what_could_still_be_added() {
    let m = triage();
    let e = eval(&m, r#"{"acuut_gevaar": true}"#);
    let acties = e.outcome("acties").unwrap();
    // Calling 112 and recording stay whatever comes: not provisional as a whole.
    assert_eq!(acties.final_values, ["bel_112", "registreer_melding"]);
    assert!(!acties.provisional);
    assert!(
        acties.could_add.contains(&"schakel_politie_in".to_string()),
        "{:?}",
        acties.could_add
    );
    // Debt counselling given while the ZRM score is open could fall away: provisional.
    let e = eval(
        &m,
        r#"{"acuut_gevaar": false, "huiselijk_geweld": false, "schulden": true}"#,
    );
    let acties = e.outcome("acties").unwrap();
    assert!(acties.values.contains(&"verwijs_schuldhulp".to_string()));
    assert!(
        !acties
            .final_values
            .contains(&"verwijs_schuldhulp".to_string())
    );
    assert!(acties.provisional);
    let zrm = e.next.iter().find(|n| n.fact == "zrm_financien").unwrap();
    assert!(!zrm.changes.is_empty());
}

#[test]
fn with_every_question_answered_nothing_is_next_and_nothing_could_be_added() {
    let m = triage();
    let e = eval(
        &m,
        r#"{"melder": "naaste", "acuut_gevaar": false, "huiselijk_geweld": false, "leeftijd": 52,
            "ongedocumenteerd": false, "woonsituatie": "eigen_woning", "vermoeden_psychische_stoornis": false,
            "dementie_of_lvb": false, "hulp_geweigerd": false, "verslaving": false, "schulden": false,
            "overlast": false, "bekend_bij_zorg": false, "eerdere_meldingen": 0}"#,
    );
    assert!(e.complete);
    assert!(e.next.is_empty());
    assert!(e.outcomes.iter().all(|o| o.could_add.is_empty()));
}

#[test]
fn the_summary_lists_what_matters_next_ranked_with_what_each_could_change() {
    use regiewijzer_core::summary::summary;
    let m = triage();
    let e = eval(&m, r#"{"dementie_of_lvb": true, "hulp_geweigerd": true}"#);
    let question = |lang: &str| {
        let f = m.facts.iter().find(|f| f.id == "ernstig_nadeel").unwrap();
        f.label.get(lang).to_string()
    };
    for (lang, heading, change) in [
        (
            "nl",
            "Wat nu telt:",
            "kan de route veranderen in Wzd-route (dementie of verstandelijke beperking)",
        ),
        (
            "en",
            "What matters next:",
            "could change the route to Wzd route (dementia or intellectual disability)",
        ),
    ] {
        let text = summary(&m, &e, &[], lang);
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|l| *l == heading);
        let at = at.unwrap_or_else(|| panic!("no heading {heading:?} in:\n{text}"));
        // First the question whose answer switches the route, then what it could change (the widget's
        // words), then two more; the rest by name after "Meer vragen".
        assert_eq!(lines[at + 1], format!("- {}", question(lang)), "{text}");
        let said = lines[at + 2];
        assert!(said.starts_with("  ") && said.contains(change), "{text}");
        let widget: Vec<&str> = e.next[0].changes.iter().map(|c| c.text.get(lang)).collect();
        assert_eq!(said.trim_start(), widget.join("; "));
        let shown = lines[at + 1..]
            .iter()
            .take_while(|l| l.starts_with("- ") || l.starts_with("  "))
            .filter(|l| l.starts_with("- "))
            .count();
        assert_eq!(shown, 3.min(e.next.len()), "{text}");
        if e.next.len() > 3 {
            let more = if lang == "en" {
                "More questions"
            } else {
                "Meer vragen"
            };
            let rest = format!("{more} ({}): ", e.next.len() - 3);
            assert!(lines.iter().any(|l| l.starts_with(&rest)), "{text}");
        }
        assert!(!text.contains("ernstig_nadeel"), "{text}");
    }
}

#[test]
fn the_test_runner_lists_the_open_questions_most_important_first() {
    use regiewijzer_core::check_tests_file;
    use regiewijzer_core::testing::run_tests;
    let m = triage();
    // An expectation that does not hold, so that the runner says what came instead and what is open.
    let src = "tests for triage\n\ntest \"dementie en geweigerde hulp\"\n  given dementie_of_lvb = yes, hulp_geweigerd = yes\n  expect route is final\n";
    let (tests, diags) = check_tests_file(&m, src);
    assert!(diags.is_empty(), "{diags:?}");
    let results = run_tests(&m, &tests);
    let failure = &results[0].failures[0];
    let open = failure
        .actual
        .en
        .split("still open: ")
        .nth(1)
        .unwrap_or_else(|| panic!("{}", failure.actual.en));
    assert!(
        open.starts_with("ernstig_nadeel, "),
        "{}",
        failure.actual.en
    );
}
