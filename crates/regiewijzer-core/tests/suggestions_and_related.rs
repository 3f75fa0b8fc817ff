//! "Did you mean" for misspelt names, and the first declaration of a name declared twice as a related
//! place (issue 22): both languages, and the serialized form the JavaScript side reads.

use regiewijzer_core::{Diagnostic, compile};

const BASE: &str = r#"ruleset r
  title nl "T" en "T"
  version "1"
parameter termijn_dagen = 14
  label nl "Termijn" en "Term"
  source "wet"
fact acuut_gevaar: bool
  label nl "Gevaar?" en "Danger?"
fact woonsituatie: choice
  label nl "Woon" en "Living"
  option dakloos nl "Dakloos" en "Homeless"
  option thuis nl "Thuis" en "At home"
outcome route: priority required
  label nl "Route" en "Route"
  value crisisdienst nl "Crisisdienst" en "Crisis service"
  value vangnet nl "Vangnet" en "Safety net"
rule r1
  when acuut_gevaar = yes and woonsituatie = dakloos
  then route = crisisdienst
  because nl "Binnen {termijn_dagen} dagen." en "Within {termijn_dagen} days."
"#;

/// The diagnostics of `BASE` with `from` replaced by `to` (which must occur).
fn diags(from: &str, to: &str) -> Vec<Diagnostic> {
    assert!(BASE.contains(from), "{from}");
    compile(&BASE.replacen(from, to, 1)).diagnostics
}

/// The one diagnostic with `code`.
fn one(d: &[Diagnostic], code: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = d.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "{code} in {:?}",
        d.iter().map(|d| &d.message_en).collect::<Vec<_>>()
    );
    found[0].clone()
}

#[test]
fn the_base_compiles() {
    let c = compile(BASE);
    assert!(
        !c.diagnostics.iter().any(Diagnostic::is_error),
        "{:?}",
        c.diagnostics
    );
}

#[test]
fn a_misspelt_fact_gets_the_declared_name_in_both_languages() {
    let d = one(&diags("when acuut_gevaar", "when acuut_gevar"), "E301");
    assert_eq!(
        d.message_nl,
        "onbekend gegeven `acuut_gevar`; bedoel je `acuut_gevaar`?"
    );
    assert_eq!(
        d.message_en,
        "unknown fact `acuut_gevar`; did you mean `acuut_gevaar`?"
    );
}

#[test]
fn a_far_off_name_gets_no_suggestion() {
    let d = one(&diags("when acuut_gevaar", "when inkomen_hoog"), "E301");
    assert_eq!(d.message_nl, "onbekend gegeven `inkomen_hoog`");
    assert_eq!(d.message_en, "unknown fact `inkomen_hoog`");
}

#[test]
fn misspelt_options_values_outcomes_and_parameters_get_suggestions() {
    let cases = [
        ("= dakloos", "= daklos", "E305", "bedoel je `dakloos`?"),
        (
            "route = crisisdienst",
            "route = crisisdiens",
            "E304",
            "bedoel je `crisisdienst`?",
        ),
        ("then route", "then rout", "E303", "bedoel je `route`?"),
        (
            "{termijn_dagen} dagen",
            "{termijn_dagn} dagen",
            "E324",
            "bedoel je `termijn_dagen`?",
        ),
    ];
    for (from, to, code, nl) in cases {
        let d = one(&diags(from, to), code);
        assert!(d.message_nl.ends_with(nl), "{}", d.message_nl);
        let en = nl.replace("bedoel je", "did you mean");
        assert!(d.message_en.ends_with(&en), "{}", d.message_en);
    }
}

#[test]
fn a_fact_declared_twice_points_at_the_first_declaration() {
    let twice = BASE.replace(
        "outcome route",
        "fact acuut_gevaar: bool\n  label nl \"G\" en \"D\"\noutcome route",
    );
    let d = one(&compile(&twice).diagnostics, "E306");
    assert_eq!((d.start.line, d.start.column), (13, 6));
    assert_eq!(d.related.len(), 1);
    let r = &d.related[0];
    assert_eq!((r.start.line, r.start.column), (7, 6));
    assert_eq!(
        twice.get(r.span.start as usize..r.span.end as usize),
        Some("acuut_gevaar")
    );
    assert_eq!(r.message_nl, "eerder gedeclareerd op 7:6");
    assert_eq!(r.message_en, "first declared at 7:6");
}

#[test]
fn values_options_outcomes_and_rules_declared_twice_point_at_the_first() {
    let cases = [
        (
            "  value vangnet",
            "  value crisisdienst nl \"X\" en \"X\"\n  value vangnet",
            "15:9",
        ),
        (
            "  option thuis",
            "  option dakloos nl \"X\" en \"X\"\n  option thuis",
            "11:10",
        ),
        (
            "rule r1",
            "outcome route: priority required\n  label nl \"R\" en \"R\"\n  value a nl \"A\" en \"A\"\nrule r1",
            "13:9",
        ),
        (
            "rule r1",
            "rule r1\n  when acuut_gevaar = no\n  then route = vangnet\n  because nl \"x\" en \"x\"\nrule r1",
            "17:6",
        ),
    ];
    for (from, to, at) in cases {
        let d = one(&diags(from, to), "E306");
        let r = d
            .related
            .first()
            .unwrap_or_else(|| panic!("{}", d.message_en));
        assert_eq!(
            r.message_en,
            format!("first declared at {at}"),
            "{}",
            d.message_en
        );
        assert_eq!(r.message_nl, format!("eerder gedeclareerd op {at}"));
    }
}

#[test]
fn related_places_are_serialized_and_other_diagnostics_keep_their_fields() {
    let twice = BASE.replace(
        "outcome route",
        "fact acuut_gevaar: bool\n  label nl \"G\" en \"D\"\noutcome route",
    );
    let d = one(&compile(&twice).diagnostics, "E306");
    let json = serde_json::to_value(&d).unwrap();
    let related = &json["related"][0];
    assert_eq!(related["message_nl"], "eerder gedeclareerd op 7:6");
    assert_eq!(related["message_en"], "first declared at 7:6");
    assert_eq!(related["start"]["line"], 7);
    assert_eq!(related["start"]["column"], 6);
    assert_eq!(related["span"]["start"], d.related[0].span.start);
    // A diagnostic without related places serializes as before.
    let d = one(&diags("when acuut_gevaar", "when inkomen_hoog"), "E301");
    let json = serde_json::to_string(&d).unwrap();
    assert!(
        json.starts_with("{\"code\":\"E301\",\"severity\":\"error\",\"start\":"),
        "{json}"
    );
    assert!(
        json.ends_with("\"message_en\":\"unknown fact `inkomen_hoog`\"}"),
        "{json}"
    );
}

#[test]
fn an_override_reason_without_label_is_named_in_dutch() {
    let src = BASE.replace(
        "fact acuut_gevaar",
        "override reason al_bekend\nfact acuut_gevaar",
    );
    let d = one(&compile(&src).diagnostics, "E206");
    assert_eq!(
        d.message_nl,
        "deze reden om af te wijken heeft een `label` nodig"
    );
    assert_eq!(d.message_en, "this override reason needs a `label`");
}

#[test]
fn a_fact_without_label_is_dit_gegeven() {
    let d = one(
        &diags("  label nl \"Gevaar?\" en \"Danger?\"\n", ""),
        "E206",
    );
    assert_eq!(d.message_nl, "dit gegeven heeft een `label` nodig");
}
