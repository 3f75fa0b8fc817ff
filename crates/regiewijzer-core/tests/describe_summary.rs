//! The checklist a UI renders, and the summary a professional pastes into a dossier.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::describe::checklist;
use regiewijzer_core::eval::evaluate;
use regiewijzer_core::summary::{Decision, Override, OverrideError, summary};
use regiewijzer_core::{Date, Model, compile};

fn model() -> Model {
    compile(include_str!("fixtures/beslissen.regels"))
        .model
        .unwrap()
}

#[test]
fn the_checklist_has_sections_questions_options_and_ask_when() {
    let m = model();
    let c = checklist(&m);
    assert_eq!(c.ruleset.id, "beslissen");
    assert_eq!(c.note.as_ref().unwrap().nl, "Alleen voor tests.");
    assert!(c.uses_today);
    let ids: Vec<&str> = c.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["melding", "zorg"]);
    let melding = &c.sections[0];
    let wapen = melding.facts.iter().find(|f| f.id == "wapen").unwrap();
    assert_eq!(wapen.ty, "bool");
    assert_eq!(wapen.ask_when.as_deref(), Some("gevaar = yes"));
    let leeftijd = melding.facts.iter().find(|f| f.id == "leeftijd").unwrap();
    assert_eq!(
        (leeftijd.ty, leeftijd.min, leeftijd.max),
        ("int", Some(0), Some(120))
    );
    let woon = melding
        .facts
        .iter()
        .find(|f| f.id == "woonsituatie")
        .unwrap();
    assert_eq!(woon.options.len(), 3);
    assert_eq!(woon.options[1].label.en, "Homeless");
    let zrm = &c.sections[1]
        .facts
        .iter()
        .find(|f| f.id == "zrm_financien")
        .unwrap();
    let levels: Vec<&str> = zrm.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(levels, ["1", "2", "3", "4", "5"]);
    assert_eq!(zrm.options[0].label.nl, "1 – Acuut probleem");
    assert_eq!(zrm.options[2].label.nl, "3");
    assert_eq!(c.outcomes.len(), 4);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["sections"][0]["facts"][0]["type"], "bool");
}

#[test]
fn the_summary_has_ruleset_date_outcomes_reasons_answers_and_the_override() {
    let m = model();
    let raw: RawAnswers = serde_json::from_str(
        r#"{"gevaar": false, "bekend": false, "woonsituatie": "dakloos", "wapen": true}"#,
    )
    .unwrap();
    let (answers, _) = Answers::from_raw(&m, &raw);
    let e = evaluate(&m, &answers, Date::parse("2026-03-20").unwrap());
    let ov = Override {
        outcome: "route".into(),
        values: vec!["crisis".into()],
        code: String::new(),
        reason: "Melder belt\nopnieuw: wapen gezien".into(),
    };
    ov.validate(&m).unwrap();
    let decisions = [Decision::Override(ov)];
    let nl = summary(&m, &e, &decisions, "nl");
    assert!(nl.starts_with("Regiewijzer – advies\n"), "{nl}");
    assert!(nl.contains(&format!(
        "Evaluator-proef (beslissen) 1.0.0 – {}",
        m.meta.hash
    )));
    // Dates as a person reads them: day first in Dutch, as given in English.
    assert!(nl.contains("Datum: 20-03-2026"), "{nl}");
    assert!(!nl.contains("2026-03-20"), "{nl}");
    assert!(nl.contains("- Route: Bemoeizorg (voorlopig)"), "{nl}");
    assert!(nl.contains("Besluit van de professional: afgeweken: Crisisdienst (reden: Melder belt opnieuw: wapen gezien)"), "{nl}");
    assert!(
        nl.contains("- Urgentie: Regulier (standaard, voorlopig)"),
        "{nl}"
    );
    // Reasons in plain words: no rule id, line number or condition code.
    assert!(
        nl.contains("- Route: Dakloos en niet in zorg: bemoeizorg.\n  omdat: Woonsituatie: Dakloos. Bekend bij een zorgaanbieder? Nee.\n"),
        "{nl}"
    );
    assert!(
        !nl.contains("dakloos_en_onbekend") && !nl.contains("regelnummer"),
        "{nl}"
    );
    assert!(!nl.contains("woonsituatie = dakloos"), "{nl}");
    assert!(nl.contains("- Is er acuut gevaar? Nee\n"), "{nl}");
    assert!(nl.contains("Niet gebruikt (vraag niet gesteld): Is er een wapen?"));
    // What matters next, ranked as the widget shows it: each question with what it could change.
    assert!(
        nl.contains("Wat nu telt:\n- Leeftijd\n  kan de urgentie veranderen in Binnen 24 uur\n"),
        "{nl}"
    );
    assert!(nl.trim_end().ends_with("geen officiële richtlijn."));
    let en = summary(&m, &e, &decisions, "en");
    assert!(en.contains("- Route: Outreach care (provisional)"), "{en}");
    assert!(en.contains("Date: 2026-03-20"), "{en}");
    assert!(
        en.contains("The professional's decision: decided otherwise: Crisis service"),
        "{en}"
    );
}

#[test]
fn an_override_needs_a_reason_and_a_real_value() {
    let m = model();
    let mut ov = Override {
        outcome: "route".into(),
        values: vec!["crisis".into()],
        code: String::new(),
        reason: "   ".into(),
    };
    assert_eq!(ov.validate(&m), Err(OverrideError::MissingReason));
    assert_eq!(
        ov.validate(&m).unwrap_err().message().en,
        "Give a reason for the override."
    );
    ov.reason = "gesprek met huisarts".into();
    ov.values = vec!["gevangenis".into()];
    assert!(matches!(
        ov.validate(&m),
        Err(OverrideError::UnknownValue { .. })
    ));
    ov.outcome = "straf".into();
    assert_eq!(
        ov.validate(&m),
        Err(OverrideError::UnknownOutcome("straf".into()))
    );
}
