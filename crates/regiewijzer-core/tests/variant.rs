//! Variants (docs/language.md, "Variants: a region's own version"): a region's ruleset written as changes
//! to the shipped triage, resolved against it. The fixtures are in `tests/fixtures/variants/`.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::model::{Model, Value};
use regiewijzer_core::{
    Date, Diagnostic, check_tests_file, compile, compile_variant, decode, encode, evaluate,
    run_tests,
};

fn read(path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    std::fs::read_to_string(format!("{root}{path}")).unwrap()
}

fn triage() -> String {
    read("../../rulesets/triage.regels")
}

fn variant() -> String {
    read("tests/fixtures/variants/triage_drechtsteden.regels")
}

fn resolved() -> Model {
    let c = compile_variant(&variant(), &triage());
    assert!(c.diagnostics.is_empty(), "{:#?}", codes(&c.diagnostics));
    c.model.expect("the variant resolves")
}

fn codes(diags: &[Diagnostic]) -> Vec<(String, u32, u32, String)> {
    diags
        .iter()
        .map(|d| {
            let at = (d.start.line, d.start.column);
            (d.code.to_string(), at.0, at.1, d.message_en.clone())
        })
        .collect()
}

fn route_of(m: &Model, answers: &str) -> Vec<String> {
    let raw: RawAnswers = serde_json::from_str(answers).unwrap();
    let (a, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "{issues:?}");
    let e = evaluate(m, &a, Date::parse("2026-03-02").unwrap());
    let route = e.outcomes.iter().find(|o| o.id == "route").unwrap();
    route.values.clone()
}

const LONELY: &str = r#"{"melder":"buurt","acuut_gevaar":false,"huiselijk_geweld":false,
  "vermoeden_psychische_stoornis":false,"dementie_of_lvb":false,"verslaving":false,"schulden":false,
  "overlast":false,"woonsituatie":"eigen_woning","ongedocumenteerd":false,"hulp_geweigerd":false,
  "leeftijd":70,"bekend_bij_zorg":false,"eerdere_meldingen":0,"eenzaam":true}"#;

#[test]
fn a_parameter_override_keeps_the_bases_label_and_sources() {
    let m = resolved();
    let base = compile(&triage()).model.unwrap();
    let p = |m: &Model| {
        m.parameters
            .iter()
            .find(|p| p.id == "draaideur_eerdere_meldingen")
            .cloned()
            .unwrap()
    };
    assert_eq!(p(&m).value, Value::Int(3));
    assert_eq!(p(&base).value, Value::Int(2));
    assert_eq!(p(&m).label, p(&base).label);
    assert_eq!(p(&m).sources, p(&base).sources);
    // In its place: the parameters are in the base's order.
    let ids = |m: &Model| {
        m.parameters
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&m), ids(&base));
}

#[test]
fn a_replaced_rule_takes_the_place_of_the_bases() {
    let m = resolved();
    let base = compile(&triage()).model.unwrap();
    let at = |m: &Model| {
        m.rules
            .iter()
            .position(|r| r.id == "vangnet_regel")
            .unwrap()
    };
    assert!(m.rules[at(&m)].cond_text.contains("eenzaam"));
    assert_eq!(route_of(&m, LONELY), ["vangnet"]);
    // The base has no such question: the same answers (without it) give advice there.
    let without = LONELY.replace(r#","eenzaam":true"#, "");
    assert_eq!(route_of(&base, &without), ["advies"]);
    // It stands where the base's rule stood (among the rules before it, the same ones).
    let before = |m: &Model| {
        m.rules[..at(m)]
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(before(&m), before(&base));
}

#[test]
fn a_removed_rule_is_gone_and_added_rules_facts_values_and_reasons_are_there() {
    let m = resolved();
    assert!(m.rules.iter().all(|r| r.id != "geldzorgen"));
    assert!(m.rules.iter().any(|r| r.id == "schuldhulp_regel"));
    assert!(m.facts.iter().any(|f| f.id == "eenzaam"));
    let route = m.outcomes.iter().find(|o| o.id == "route").unwrap();
    let last = route.values.last().unwrap();
    assert_eq!(last.id, "schuldhulp_drechtsteden");
    assert_eq!(last.label.nl, "Schuldhulp Drechtsteden");
    let reasons: Vec<&str> = m.override_reasons.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(reasons.last(), Some(&"afspraak_drechtsteden"));
}

#[test]
fn a_text_is_overridden_by_name() {
    let m = resolved();
    let route = m.outcomes.iter().find(|o| o.id == "route").unwrap();
    let vangnet = route.values.iter().find(|v| v.id == "vangnet").unwrap();
    assert_eq!(vangnet.label.nl, "Vangnet Drechtsteden (wijk-GGD'er)");
    assert_eq!(
        vangnet.label.en,
        "Safety net Drechtsteden (neighbourhood public health worker)"
    );
}

#[test]
fn the_variants_tests_run_against_the_resolved_rules() {
    let m = resolved();
    let tests = read("tests/fixtures/variants/triage_drechtsteden.tests.regels");
    let (defs, diags) = check_tests_file(&m, &tests);
    assert!(diags.is_empty(), "{:#?}", codes(&diags));
    let results = run_tests(&m, &defs);
    assert_eq!(results.len(), 4);
    assert!(results.iter().all(|r| r.passed), "{results:#?}");
    // The base's own tests are not the variant's: the draaideur test of the base fails here.
    let base_tests = read("../../rulesets/triage.tests.regels")
        .replace("tests for triage", "tests for triage_drechtsteden");
    let (defs, _) = check_tests_file(&m, &base_tests);
    assert!(run_tests(&m, &defs).iter().any(|r| !r.passed));
    assert!(m.tests.is_empty(), "the base's tests are left out");
}

#[test]
fn the_identity_names_the_variant_and_its_base() {
    let m = resolved();
    let base = compile(&triage()).model.unwrap();
    assert_eq!(m.meta.id, "triage_drechtsteden");
    let b = m.meta.base.clone().unwrap();
    assert_eq!(
        (b.id.as_str(), b.version.as_str(), b.hash.as_str()),
        ("triage", "0.1.0", base.meta.hash.as_str())
    );
    // The variant's hash is of its own text: a change in the base's comments leaves it, and changes
    // the base's hash.
    let touched = format!("# aangepast\n{}", triage());
    let again = compile_variant(&variant(), &touched).model.unwrap();
    assert_eq!(again.meta.hash, m.meta.hash);
    assert_ne!(again.meta.base.unwrap().hash, b.hash);
    let edited = variant().replace("# Een draaideur", "# Een  draaideur");
    let other = compile_variant(&edited, &triage()).model.unwrap();
    assert_ne!(other.meta.hash, m.meta.hash);
    // An evaluation names both; a ruleset that is no variant has no `base` in its JSON.
    let raw: RawAnswers = serde_json::from_str(LONELY).unwrap();
    let e = evaluate(
        &m,
        &Answers::from_raw(&m, &raw).0,
        Date::parse("2026-03-02").unwrap(),
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["ruleset"]["id"], "triage_drechtsteden");
    assert_eq!(json["ruleset"]["base"]["id"], "triage");
    assert_eq!(json["ruleset"]["base"]["hash"], base.meta.hash.as_str());
    let plain = evaluate(
        &base,
        &Answers::default(),
        Date::parse("2026-03-02").unwrap(),
    );
    assert!(
        serde_json::to_value(&plain).unwrap()["ruleset"]
            .get("base")
            .is_none()
    );
}

#[test]
fn the_binary_model_carries_the_base() {
    let m = resolved();
    let back = decode(&encode(&m)).unwrap();
    assert_eq!(back.meta.base, m.meta.base);
}

#[test]
fn everything_the_base_brings_in_is_placed_at_variant_of() {
    let m = resolved();
    let line = |m: &Model, id: &str| {
        let r = m.rules.iter().find(|r| r.id == id).unwrap();
        m.line_of(r.span.start)
    };
    assert_eq!(line(&m, "acuut"), 2, "a base rule: the `variant of` line");
    assert_eq!(
        line(&m, "vangnet_regel"),
        34,
        "a replaced rule: its line in the variant"
    );
}

#[test]
fn a_base_that_changed_gives_a_diagnostic_for_each_change_that_no_longer_applies() {
    // The base moves on: a new version, the safety-net rule renamed, the value `vangnet` gone, the
    // parameter renamed, the rule `geldzorgen` gone.
    let base = triage()
        .replace("version \"0.1.0\"", "version \"0.2.0\"")
        .replace("rule vangnet_regel", "rule vangnet_regels")
        .replace("value vangnet nl", "value vangnets nl")
        .replace("route = vangnet,", "route = vangnets,")
        .replace("draaideur_eerdere_meldingen", "draaideur_drempel")
        .replace("rule geldzorgen", "rule schuldenregel");
    assert!(compile(&base).model.is_some(), "the changed base compiles");
    let c = compile_variant(&variant(), &base);
    assert!(c.model.is_none());
    let got: Vec<(String, u32, u32)> = codes(&c.diagnostics)
        .into_iter()
        .filter(|(code, ..)| code.starts_with('E'))
        .map(|(code, l, col, _)| (code, l, col))
        .collect();
    let want = [
        ("E703", 2, 47),
        ("E705", 7, 11),
        ("E705", 10, 21),
        ("E705", 13, 13),
        ("E705", 34, 14),
    ];
    let want: Vec<(String, u32, u32)> = want
        .iter()
        .map(|(c, l, col)| (c.to_string(), *l, *col))
        .collect();
    assert_eq!(got, want, "{:#?}", c.diagnostics);
    let msg = |i: usize| c.diagnostics[i].message_en.clone();
    assert!(
        msg(0).contains("version \"0.1.0\", but the base is version \"0.2.0\""),
        "{}",
        msg(0)
    );
    assert_eq!(
        msg(1),
        "the base has no parameter `draaideur_eerdere_meldingen` (any more)"
    );
    assert_eq!(
        msg(2),
        "the base has no value `vangnet` (any more); did you mean `vangnets`?"
    );
    assert_eq!(
        msg(4),
        "the base has no rule or table `vangnet_regel` (any more); did you mean `vangnet_regels`?"
    );
    assert!(
        c.diagnostics[1]
            .message_nl
            .starts_with("de basis heeft geen parameter")
    );
}

#[test]
fn a_variant_for_an_old_base_names_all_that_is_gone() {
    let c = compile_variant(&read("tests/fixtures/variants/verouderd.regels"), &triage());
    let got: Vec<String> = c.diagnostics.iter().map(|d| d.code.to_string()).collect();
    assert_eq!(
        got,
        ["E703", "E705", "E705", "E705", "E705", "E705"],
        "{:#?}",
        codes(&c.diagnostics)
    );
    assert!(c.model.is_none());
}

#[test]
fn without_its_base_or_with_another_a_variant_says_so() {
    let v = variant();
    let alone = compile(&v);
    assert_eq!(alone.diagnostics[0].code, "E701");
    assert!(alone.model.is_none());
    let other = compile_variant(&v, &read("../../rulesets/regie.regels"));
    assert_eq!(codes(&other.diagnostics)[0].0, "E702");
    let broken = compile_variant(
        &v,
        &triage().replace("when acuut_gevaar\n", "when acuut_gevaa\n"),
    );
    assert_eq!(codes(&broken.diagnostics)[0].0, "E704");
    // Changes without `variant of` belong nowhere.
    let lone = triage().replace("rule wapen\n", "remove rule wapen\n\nrule wapen\n");
    assert_eq!(compile(&lone).diagnostics[0].code, "E706");
}

#[test]
fn a_variant_formats_to_itself() {
    let v = variant();
    let out = regiewijzer_core::format(&v).unwrap();
    assert_eq!(out, v, "the fixture is in canonical layout");
}

fn regie() -> String {
    read("../../rulesets/regie.regels")
}

/// The lead in aftercare after the clinic (or `None`), by the rules of `m`.
fn aftercare_lead(m: &Model, by: &str) -> Vec<String> {
    let answers = format!(r#"{{"fase":"nazorg","nazorg_door":"{by}"}}"#);
    let raw: RawAnswers = serde_json::from_str(&answers).unwrap();
    let (a, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "{issues:?}");
    let e = evaluate(m, &a, Date::parse("2026-03-02").unwrap());
    let lead = e.outcomes.iter().find(|o| o.id == "regiehouder").unwrap();
    lead.values.clone()
}

#[test]
fn table_rows_are_replaced_and_removed_by_their_input_cells() {
    let c = compile_variant(&read("tests/fixtures/variants/regie_zuid.regels"), &regie());
    assert!(c.diagnostics.is_empty(), "{:#?}", codes(&c.diagnostics));
    let m = c.model.unwrap();
    let base = compile(&regie()).model.unwrap();
    assert_eq!(aftercare_lead(&base, "kliniek"), ["kliniek"]);
    assert_eq!(aftercare_lead(&m, "kliniek"), ["fact_team"]);
    let rows = |m: &Model| {
        m.rules
            .iter()
            .filter(|r| r.id.starts_with("nazorg_regie"))
            .count()
    };
    assert_eq!(rows(&m), rows(&base) - 1);
    assert_eq!(aftercare_lead(&base, "crisisdienst"), ["crisisdienst"]);
    assert_ne!(aftercare_lead(&m, "crisisdienst"), ["crisisdienst"]);
    // A row the base no longer has is named by its cells; a table the base no longer has by its name.
    let moved = regie().replace("| nazorg | kliniek ", "| nazorg | in [kliniek] ");
    let gone = compile_variant(&read("tests/fixtures/variants/regie_zuid.regels"), &moved);
    let errors: Vec<_> = codes(&gone.diagnostics)
        .into_iter()
        .filter(|d| d.0.starts_with('E'))
        .collect();
    assert!(!errors.is_empty());
    let row = errors
        .iter()
        .find(|d| d.1 == 8)
        .expect("the replaced row, at its line");
    assert_eq!(
        row.3,
        "the base has no row `nazorg_regie | nazorg | kliniek |` (any more)"
    );
}

#[test]
fn rows_added_to_a_table_come_after_the_bases() {
    let variant = "ruleset regie_west variant of regie \"0.1.0\"\n  title nl \"W\" en \"W\"\n  version \"1\"\n\nextend table nazorg_regie\n  | nazorg | kliniek || huisarts |\n";
    // The base's row for the clinic comes first (its rows keep their order and priority).
    let m = compile_variant(variant, &regie()).model.unwrap();
    let base = compile(&regie()).model.unwrap();
    let rows = |m: &Model| {
        m.rules
            .iter()
            .filter(|r| r.id.starts_with("nazorg_regie"))
            .count()
    };
    assert_eq!(rows(&m), rows(&base) + 1);
    assert_eq!(regiewijzer_core::format(variant).unwrap(), variant);
}

/// What a region wrote differently is said by label, one line each, never by id: the questions it
/// added, the route value it named otherwise and the one it added, its threshold, its rules.
#[test]
fn what_the_variant_wrote_differently_is_said_in_the_authors_words() {
    let base = compile(&triage()).model.expect("triage compiles");
    let said: Vec<(String, String)> = regiewijzer_core::analysis::declared(&base, &resolved())
        .into_iter()
        .map(|d| (d.text.nl, d.text.en))
        .collect();
    let nl: Vec<&str> = said.iter().map(|(nl, _)| nl.as_str()).collect();
    assert_eq!(
        nl,
        [
            "Nieuwe vraag: 'Is de persoon al bekend bij de schuldhulp?'",
            "Nieuwe vraag: 'Is de persoon erg eenzaam?'",
            "Route: Vangnet (wijk-GGD'er) heet nu Vangnet Drechtsteden (wijk-GGD'er)",
            "Route: nieuwe waarde Schuldhulp Drechtsteden",
            "Eerdere meldingen in 12 maanden vanaf waar het een draaideur is: van 2 naar 3",
            "Regel 'Vangnet': anders geschreven",
            "Regel 'Schuldhulp Drechtsteden': nieuw",
            "Regel 'Schulden': vervalt",
        ]
    );
    for (nl, en) in &said {
        for id in [
            "schuldhulp_bekend",
            "vangnet_regel",
            "schuldhulp_drechtsteden",
            "draaideur_eerdere",
        ] {
            assert!(!nl.contains(id) && !en.contains(id), "{nl} / {en}");
        }
    }
    // The other way round: what the variant added is gone.
    let back: Vec<String> = regiewijzer_core::analysis::declared(&resolved(), &base)
        .into_iter()
        .map(|d| d.text.en)
        .collect();
    for line in [
        "Question removed: 'Is the person very lonely?'",
        "Route: value Debt counselling Drechtsteden removed",
        "Rule 'Debt counselling Drechtsteden': removed",
        "Rule 'Debts': added",
        "Earlier reports in 12 months from which it is a revolving door: from 3 to 2",
    ] {
        assert!(
            back.iter().any(|b| b == line),
            "{line}\n---\n{}",
            back.join("\n")
        );
    }
    // A version compared with itself declares nothing.
    assert!(regiewijzer_core::analysis::declared(&base, &base).is_empty());
}

/// A table's rows are compared by what they say: a row replaced and a row removed halfway through the
/// aftercare table is one row new and two gone, not every row after them written otherwise.
#[test]
fn a_tables_rows_are_declared_by_what_they_say_not_by_their_number() {
    let c = compile_variant(&read("tests/fixtures/variants/regie_zuid.regels"), &regie());
    let zuid = c.model.expect("regie_zuid resolves");
    let base = compile(&regie()).model.expect("regie compiles");
    let said: Vec<String> = regiewijzer_core::analysis::declared(&base, &zuid)
        .into_iter()
        .map(|d| d.text.nl)
        .collect();
    let tables: Vec<&String> = said.iter().filter(|l| l.starts_with("Tabel ")).collect();
    assert_eq!(tables.len(), 1, "{said:#?}");
    assert!(
        tables[0].ends_with(": 1 rij nieuw, 2 rijen vervallen"),
        "{said:#?}"
    );
    assert!(
        !said.iter().any(|l| l.contains("anders geschreven")),
        "{said:#?}"
    );
}

/// A question asked otherwise is said: its words, an option renamed, added or removed, other bounds,
/// another `ask when`; a rule without a title is named by what it gives.
#[test]
fn a_question_asked_otherwise_and_an_untitled_rule_are_said_in_words() {
    let base_text = triage();
    let base = compile(&base_text).model.expect("triage compiles");
    let changed = base_text
        .replace(
            r#"option buurt nl "Buren of omgeving""#,
            r#"option buurt nl "Buren""#,
        )
        .replace(
            r#"  option anders nl "Iemand anders" en "Someone else""#,
            "  option wijkagent nl \"De wijkagent\" en \"The community officer\"",
        )
        .replace("zorgaanbieder, anders]", "zorgaanbieder, wijkagent]")
        .replace("fact leeftijd: int 0..120", "fact leeftijd: int 0..110");
    assert_ne!(changed, base_text);
    let new = compile(&format!(
        "{changed}\nrule zonder_titel\n  when acuut_gevaar\n  then route = crisisdienst_112\n  priority 100\n  because nl \"x\" en \"x\"\n"
    ));
    assert!(new.model.is_some(), "{:#?}", codes(&new.diagnostics));
    let new = new.model.expect("the changed triage compiles");
    let said: Vec<String> = regiewijzer_core::analysis::declared(&base, &new)
        .into_iter()
        .map(|d| d.text.nl)
        .collect();
    for line in [
        "Vraag 'Wie doet de melding?': keuze Buren of omgeving heet nu Buren",
        "Vraag 'Wie doet de melding?': nieuwe keuze De wijkagent",
        "Vraag 'Wie doet de melding?': keuze Iemand anders vervalt",
        "Vraag 'Hoe oud is de persoon (ongeveer)?': een ander soort antwoord of andere grenzen",
        "Een regel zonder titel (geeft Route: Crisisdienst / 112): nieuw",
    ] {
        assert!(
            said.iter().any(|s| s == line),
            "{line}\n---\n{}",
            said.join("\n")
        );
    }
}
