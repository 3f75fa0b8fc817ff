//! Overrides per outcome: the reasons a ruleset lists (`override reason`), how an override is checked
//! against them, and how the summary says per outcome whether the advice was confirmed or decided otherwise.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::describe::checklist;
use regiewijzer_core::eval::{Evaluation, evaluate};
use regiewijzer_core::fmt::format;
use regiewijzer_core::summary::{Decision, Override, OverrideError, summary};
use regiewijzer_core::{Date, Model, compile};

const TRIAGE: &str = include_str!("../../../rulesets/triage.regels");

const SMALL: &str = r#"ruleset klein
  title nl "Klein" en "Small"
  version "1.0.0"

override reason meer_urgentie
  label nl "Meer urgentie door de context" en "More urgency because of the context"

override reason al_bekend
  label nl "Al bekend bij een andere hulpverlener" en "Already known to another care provider"

fact gevaar: bool
  label nl "Gevaar?" en "Danger?"

outcome route: priority required
  label nl "Route" en "Route"
  value crisis nl "Crisisdienst" en "Crisis service"
  value vangnet nl "Vangnet" en "Safety net"

rule vangnet
  when gevaar = no
  then route = vangnet
  because nl "Geen gevaar." en "No danger."
"#;

fn triage() -> Model {
    compile(TRIAGE)
        .model
        .expect("the shipped triage rules compile")
}

fn evaluated(m: &Model, answers: &str) -> Evaluation {
    let raw: RawAnswers = serde_json::from_str(answers).unwrap();
    let (a, _) = Answers::from_raw(m, &raw);
    evaluate(m, &a, Date::parse("2026-03-02").unwrap())
}

fn ov(outcome: &str, values: &[&str], code: &str, reason: &str) -> Override {
    Override {
        outcome: outcome.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
        code: code.into(),
        reason: reason.into(),
    }
}

#[test]
fn a_ruleset_lists_its_override_reasons_in_order_with_both_labels() {
    let m = compile(SMALL).model.unwrap();
    let ids: Vec<&str> = m.override_reasons.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["meer_urgentie", "al_bekend"]);
    assert_eq!(
        m.override_reasons[1].label.en,
        "Already known to another care provider"
    );
    // The checklist gives them to a UI.
    let c = checklist(&m);
    assert_eq!(c.override_reasons, m.override_reasons);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["override_reasons"][0]["id"], "meer_urgentie");
    // The binary form a page loads keeps them.
    let back = regiewijzer_core::bin::decode(&regiewijzer_core::bin::encode(&m)).unwrap();
    assert_eq!(back.override_reasons, m.override_reasons);
}

#[test]
fn every_shipped_ruleset_lists_override_reasons() {
    for src in [
        TRIAGE,
        include_str!("../../../rulesets/escalatie.regels"),
        include_str!("../../../rulesets/regie.regels"),
    ] {
        let m = compile(src).model.unwrap();
        assert!(m.override_reasons.len() >= 4, "{}", m.meta.id);
        assert!(m.override_reasons.iter().any(|r| r.id == "al_bekend"));
    }
}

#[test]
fn a_reason_declared_twice_or_without_label_is_an_error() {
    let twice = SMALL.replace("override reason al_bekend", "override reason meer_urgentie");
    let c = compile(&twice);
    assert!(c.model.is_none());
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.message_en.contains("meer_urgentie"))
        .expect("a duplicate diagnostic");
    assert_eq!(d.start.line, 8, "{d:?}");
    assert!(
        d.message_nl.contains("reden om af te wijken"),
        "{}",
        d.message_nl
    );

    let unlabelled = SMALL.replace(
        "  label nl \"Al bekend bij een andere hulpverlener\" en \"Already known to another care provider\"\n",
        "",
    );
    let c = compile(&unlabelled);
    assert!(c.model.is_none(), "{:?}", c.diagnostics);

    // `override` must be followed by `reason`.
    let c = compile(&SMALL.replace("override reason al_bekend", "override al_bekend"));
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.message_en.contains("`reason`"))
    );
}

#[test]
fn the_formatter_keeps_override_reasons_and_is_idempotent() {
    let messy = SMALL.replace(
        "override reason meer_urgentie\n  label",
        "override   reason   meer_urgentie\n      label",
    );
    let once = format(&messy).unwrap();
    assert!(once.contains("override reason meer_urgentie\n  label nl \"Meer urgentie door de context\" en \"More urgency because of the context\"\n"), "{once}");
    assert_eq!(format(&once).unwrap(), once);
    assert_eq!(
        compile(&once).model.unwrap().override_reasons,
        compile(SMALL).model.unwrap().override_reasons
    );
    assert_eq!(format(TRIAGE).unwrap(), TRIAGE);
}

#[test]
fn an_override_needs_a_listed_code_and_one_value_unless_it_collects() {
    let m = triage();
    assert_eq!(
        ov("urgentie", &["binnen_24_uur"], "", "de melder belt terug").validate(&m),
        Err(OverrideError::MissingCode)
    );
    assert_eq!(
        ov("urgentie", &["binnen_24_uur"], "gevoel", "").validate(&m),
        Err(OverrideError::UnknownCode("gevoel".into()))
    );
    assert_eq!(
        ov("urgentie", &[], "meer_urgentie", "").validate(&m),
        Err(OverrideError::NotOneValue("urgentie".into()))
    );
    assert_eq!(
        ov(
            "urgentie",
            &["binnen_1_uur", "binnen_24_uur"],
            "meer_urgentie",
            ""
        )
        .validate(&m),
        Err(OverrideError::NotOneValue("urgentie".into()))
    );
    // A code is enough; free text is optional.
    assert_eq!(
        ov("urgentie", &["binnen_24_uur"], "meer_urgentie", "").validate(&m),
        Ok(())
    );
    // A collect outcome takes any list of its values, also an empty one (every action struck).
    assert_eq!(ov("acties", &[], "al_bekend", "").validate(&m), Ok(()));
    assert!(matches!(
        ov("acties", &["bel_112", "fietsen"], "al_bekend", "").validate(&m),
        Err(OverrideError::UnknownValue { .. })
    ));
    assert_eq!(
        OverrideError::MissingCode.message().nl,
        "Kies een reden voor de afwijking."
    );
}

#[test]
fn the_summary_says_per_outcome_confirmed_overridden_or_not_yet() {
    let m = triage();
    let e = evaluated(&m, r#"{"acuut_gevaar": true}"#);
    let route = e.outcomes.iter().find(|o| o.id == "route").unwrap();
    let acties = e.outcomes.iter().find(|o| o.id == "acties").unwrap();
    let struck = acties.values.first().unwrap().clone();
    let acties_def = m.outcomes.iter().find(|o| o.id == "acties").unwrap();
    // The first action struck, one the advice does not have added.
    let added = acties_def
        .values
        .iter()
        .find(|v| !acties.values.contains(&v.id))
        .unwrap()
        .clone();
    let mut chosen: Vec<&str> = acties.values.iter().skip(1).map(String::as_str).collect();
    chosen.push(&added.id);
    let decisions = [
        Decision::Confirmed {
            outcome: route.id.clone(),
        },
        Decision::Override(ov(
            "urgentie",
            &["binnen_24_uur"],
            "minder_urgentie",
            "Persoon is\nal opgenomen",
        )),
        Decision::Override(ov("acties", &chosen, "veiligheid_medewerker", "")),
    ];
    for d in &decisions {
        if let Decision::Override(o) = d {
            o.validate(&m).unwrap();
        }
    }
    let nl = summary(&m, &e, &decisions, "nl");
    assert!(
        nl.contains("- Route: Crisisdienst / 112\n  Besluit van de professional: bevestigd\n"),
        "{nl}"
    );
    assert!(nl.contains("  Besluit van de professional: afgeweken: Binnen 24 uur (reden: Minder urgentie door de context – Persoon is al opgenomen)\n"), "{nl}");
    let struck_nl = acties_def
        .values
        .iter()
        .find(|v| v.id == struck)
        .unwrap()
        .label
        .nl
        .clone();
    let acties_nl = nl
        .lines()
        .skip_while(|l| !l.starts_with("- Acties"))
        .nth(1)
        .unwrap();
    let want = format!(
        "  Besluit van de professional: afgeweken: toegevoegd: {}; ",
        added.label.nl
    );
    assert!(acties_nl.starts_with(&want), "{acties_nl}");
    assert!(
        acties_nl.contains(&format!(
            "geschrapt: {struck_nl} (reden: Veiligheid van de medewerker)"
        )),
        "{acties_nl}"
    );
    assert!(
        nl.contains(
            "- Regiehouder nu: Crisisdienst\n  Besluit van de professional: nog niet genomen\n"
        ),
        "{nl}"
    );

    let en = summary(&m, &e, &decisions, "en");
    assert!(
        en.contains("  The professional's decision: confirmed\n"),
        "{en}"
    );
    assert!(en.contains("decided otherwise: Within 24 hours (reason: Less urgency because of the context – Persoon is al opgenomen)"), "{en}");
    assert!(
        en.contains("The professional's decision: not taken yet"),
        "{en}"
    );
}
