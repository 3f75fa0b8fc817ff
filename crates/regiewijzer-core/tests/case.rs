//! A case: the shipped rulesets used together (triage, escalatie, regie), and small inline rulesets that
//! disagree on a shared question or on the phases. What the case element and the trajectory picture
//! rely on.

use regiewijzer_core::case::CaseDiagnostic;
use regiewijzer_core::{Model, Severity, check_case, compile, trajectory};

fn shipped(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets/");
    std::fs::read_to_string(format!("{path}{name}.regels")).unwrap()
}

fn model(src: &str) -> Model {
    let c = compile(src);
    let listed: Vec<String> = c.diagnostics.iter().map(|d| d.message_en.clone()).collect();
    c.model
        .unwrap_or_else(|| panic!("does not compile: {listed:#?}"))
}

fn check(sources: &[&str]) -> Vec<CaseDiagnostic> {
    let models: Vec<Model> = sources.iter().map(|s| model(s)).collect();
    let pairs: Vec<(&Model, &str)> = models.iter().zip(sources.iter().copied()).collect();
    check_case(&pairs)
}

fn three() -> Vec<String> {
    ["triage", "escalatie", "regie"].map(shipped).to_vec()
}

/// A small ruleset `id` with the given header lines and items, and one outcome and rule so it compiles.
fn ruleset(id: &str, header: &str, items: &str) -> String {
    format!(
        "ruleset {id}\n  title nl \"T\" en \"T\"\n  version \"1\"\n{header}\n{items}\n\
         outcome uit: priority required\n  label nl \"Uit\" en \"Out\"\n  value ja nl \"Ja\" en \"Yes\"\n\n\
         rule r\n  when 1 = 1\n  then uit = ja\n  because nl \"Altijd.\" en \"Always.\"\n"
    )
}

const BOOL: &str = "fact dementie_of_lvb: bool\n  label nl \"Dementie?\" en \"Dementia?\"\n";
const CHOICE: &str = "fact dementie_of_lvb: choice\n  label nl \"Dementie?\" en \"Dementia?\"\n  \
                      option ja nl \"Ja\" en \"Yes\"\n  option nee nl \"Nee\" en \"No\"\n";
const PHASES: &str = "phase melding\n  label nl \"Melding\" en \"Report\"\n\n\
                      phase vangnet\n  label nl \"Vangnet\" en \"Safety net\"\n";

#[test]
fn the_three_shipped_rulesets_together_give_no_errors_and_no_warnings() {
    let src = three();
    let got = check(&src.iter().map(String::as_str).collect::<Vec<_>>());
    let listed: Vec<String> = got
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d.ruleset, d.diagnostic.code, d.diagnostic.message_nl
            )
        })
        .collect();
    assert!(got.is_empty(), "{listed:#?}");
}

#[test]
fn the_same_question_with_another_type_is_an_error_in_plain_words_pointing_at_the_other() {
    let a = ruleset("triage", "", BOOL);
    let b = ruleset("escalatie", "", CHOICE);
    let got = check(&[&a, &b]);
    assert_eq!(got.len(), 1);
    let d = &got[0];
    assert_eq!((d.ruleset, d.diagnostic.code), (1, "E601"));
    assert_eq!(d.diagnostic.severity, Severity::Error);
    assert_eq!(
        d.diagnostic.message_nl,
        "de vraag `dementie_of_lvb` is in escalatie een keuze, maar in triage ja/nee: in één casus is het dezelfde vraag"
    );
    assert!(
        d.diagnostic
            .message_en
            .contains("a choice in escalatie, but yes/no in triage")
    );
    let name = |src: &str, span: regiewijzer_core::ast::Span| {
        src[span.start as usize..span.end as usize].to_string()
    };
    assert_eq!(name(&b, d.diagnostic.span), "dementie_of_lvb");
    let rel = &d.diagnostic.related[0];
    assert_eq!(name(&a, rel.span), "dementie_of_lvb");
    assert!(
        rel.message_nl.starts_with("in triage op "),
        "{}",
        rel.message_nl
    );
}

#[test]
fn the_same_question_with_other_options_is_an_error() {
    let a = ruleset("a", "", CHOICE);
    let b = ruleset("b", "", &CHOICE.replace("option nee", "option misschien"));
    let got = check(&[&a, &b]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].diagnostic.code, "E602");
    let c = ruleset("c", "", "fact n: int 0..\n  label nl \"N\" en \"N\"\n");
    let d = ruleset("d", "", "fact n: int 1..\n  label nl \"N\" en \"N\"\n");
    assert_eq!(check(&[&c, &d])[0].diagnostic.code, "E602");
}

#[test]
fn the_same_question_in_other_words_is_a_warning() {
    let a = ruleset("a", "", BOOL);
    let b = ruleset("b", "", &BOOL.replace("Dementie?", "Dementie of LVB?"));
    let got = check(&[&a, &b]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].diagnostic.code, "W601");
    assert_eq!(got[0].diagnostic.severity, Severity::Warning);
    assert!(check(&[&a, &a.replace("ruleset a", "ruleset b")]).is_empty());
}

#[test]
fn a_phase_no_ruleset_of_the_case_declares_is_an_error_with_did_you_mean() {
    let fase = format!("{PHASES}\nfact fase: phase\n  label nl \"Fase\" en \"Phase\"\n");
    let regie = ruleset("regie", "", &fase);
    let triage = ruleset("triage", "  phases meldingg", BOOL);
    let got = check(&[&triage, &regie]);
    assert_eq!(got.len(), 1);
    let d = &got[0].diagnostic;
    assert_eq!((got[0].ruleset, d.code), (0, "E603"));
    assert!(
        d.message_nl.ends_with("bedoel je `melding`?"),
        "{}",
        d.message_nl
    );
    assert_eq!(
        &triage[d.span.start as usize..d.span.end as usize],
        "meldingg"
    );
    // Within one ruleset that declares phases, the checker itself says so.
    let own = compile(&ruleset("regie", "  phases vangnett", PHASES));
    let codes: Vec<&str> = own.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E325"]);
    assert!(
        own.diagnostics[0]
            .message_en
            .contains("did you mean `vangnet`?")
    );
}

#[test]
fn two_rulesets_with_other_phases_and_two_phase_questions() {
    let one = format!("{PHASES}\nfact fase: phase\n  label nl \"Fase\" en \"Phase\"\n");
    let other = one
        .replace("phase vangnet", "phase bemoeizorg")
        .replace("fact fase", "fact stap");
    let got = check(&[&ruleset("a", "", &one), &ruleset("b", "", &other)]);
    let codes: Vec<&str> = got.iter().map(|d| d.diagnostic.code).collect();
    assert_eq!(codes, ["E604", "W602"]);
}

#[test]
fn the_trajectory_of_the_shipped_case() {
    let src = three();
    let models: Vec<Model> = src.iter().map(|s| model(s)).collect();
    let refs: Vec<&Model> = models.iter().collect();
    let t = trajectory(&refs);
    let ids: Vec<&str> = t.phases.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "melding",
            "vangnet",
            "bemoeizorg",
            "crisis",
            "opname",
            "ontslag",
            "nazorg",
            "afgesloten"
        ]
    );
    assert_eq!(t.phase_fact.as_deref(), Some("fase"));
    assert_eq!(t.lead_outcome.as_deref(), Some("regiehouder"));
    assert_eq!(t.lead_ruleset.as_deref(), Some("regie"));
    let phase = |id: &str| t.phases.iter().find(|p| p.id == id).unwrap();
    let leads =
        |id: &str| -> Vec<&str> { phase(id).leads.iter().map(|l| l.party.as_str()).collect() };
    assert_eq!(leads("vangnet"), ["meldpunt_vangnet"]);
    assert!(phase("vangnet").decided);
    assert_eq!(leads("opname"), ["kliniek", "fact_team"]);
    assert!(!phase("opname").decided);
    let naar_fact = t.handovers.iter().find(|h| h.id == "naar_fact").unwrap();
    assert_eq!(naar_fact.phases, ["ontslag"]);
    assert_eq!(
        (naar_fact.from.as_str(), naar_fact.to.as_str()),
        ("kliniek", "fact_team")
    );
    assert!(!naar_fact.requires.is_empty());
    let used: Vec<&str> = t
        .phases
        .iter()
        .filter(|p| p.rulesets.iter().any(|r| r == "triage"))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(used, ["melding"]);
    assert_eq!(phase("bemoeizorg").rulesets, ["escalatie", "regie"]);
    assert_eq!(
        t.rulesets[1].phases.as_deref(),
        Some(&["vangnet".to_string(), "bemoeizorg".to_string()][..])
    );
    for p in &t.ping_pong {
        assert!(!p.message.nl.contains('_'), "{}", p.message.nl);
    }
}
