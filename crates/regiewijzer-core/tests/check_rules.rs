//! What rule authors rely on from the checker: valid files compile, every mistake is reported with its
//! code and line:column, and nothing is reported twice.

use regiewijzer_core::compile;

fn codes_at(src: &str) -> Vec<(&'static str, u32, u32)> {
    compile(src)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.start.line, d.start.column))
        .collect()
}

#[test]
fn the_reference_example_compiles() {
    let src = include_str!("fixtures/mini.regels");
    let c = compile(src);
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    let m = c.model.expect("model");
    assert_eq!(m.meta.id, "mini");
    assert!(m.meta.hash.starts_with("sha256:") && m.meta.hash.len() == 71);
    assert_eq!(m.facts.len(), 2);
    assert_eq!(m.rules.len(), 3);
    assert_eq!(m.tests.len(), 1);
    // bekend_bij_zorg is asked only when acuut_gevaar = no: it comes after it in ask order.
    assert_eq!(m.ask_order, vec![0, 1]);
}

#[test]
fn hash_ignores_line_endings_only() {
    let src = include_str!("fixtures/mini.regels");
    let a = compile(src).model.expect("a").meta.hash;
    let b = compile(&src.replace('\n', "\r\n"))
        .model
        .expect("b")
        .meta
        .hash;
    let c = compile(&src.replace("Mini-triage", "Mini triage"))
        .model
        .expect("c")
        .meta
        .hash;
    assert_eq!(a, b);
    assert_ne!(a, c);
}

const BASE: &str = r#"ruleset t
  title nl "T" en "T"
  version "1"
fact a: bool
  label nl "A" en "A"
fact k: choice
  label nl "K" en "K"
  option x nl "X" en "X"
  option y nl "Y" en "Y"
fact n: int 0..10
  label nl "N" en "N"
fact d: date
  label nl "D" en "D"
outcome route: priority required
  label nl "R" en "R"
  value p nl "P" en "P"
  value q nl "Q" en "Q"
outcome acties: collect default geen because nl "g" en "g"
  label nl "A" en "A"
  value geen nl "G" en "G"
  value bel nl "B" en "B"
rule r1
  when a and k = x and n between 1 and 3 and d < today - 14 days
  then route = p, acties = [bel]
  because nl "b" en "b"
rule r2
  when not a or k in [y] or days since d > 3
  then route = q
  because nl "b" en "b"
"#;

#[test]
fn names_types_and_values_are_checked() {
    assert_eq!(codes_at(BASE), vec![]);
    let cases: &[(&str, &str, (&str, u32, u32))] = &[
        (
            "when a and k = x and",
            "when b and k = x and",
            ("E301", 23, 8),
        ),
        ("k = x and n", "k = z and n", ("E305", 23, 18)),
        ("n between 1 and 3", "n between yes and 3", ("E307", 23, 34)),
        ("d < today - 14 days", "d < 14", ("E308", 23, 46)),
        ("then route = q", "then route = r", ("E304", 28, 16)),
        ("then route = q", "then rout = q", ("E303", 28, 8)),
        ("then route = q", "then route = [q]", ("E312", 28, 8)),
        ("k in [y]", "k > y", ("E309", 27, 17)),
        ("n between 1 and 3", "n = 11", ("E319", 23, 28)),
    ];
    for (from, to, want) in cases {
        let src = BASE.replacen(from, to, 1);
        assert_eq!(codes_at(&src), vec![*want], "replacing {from:?} by {to:?}");
    }
}

#[test]
fn structure_problems_are_reported() {
    let src = BASE.replace("  because nl \"b\" en \"b\"\nrule r2", "rule r2");
    assert_eq!(codes_at(&src), vec![("E206", 22, 6)]);
    let src = BASE.replace(
        "outcome route: priority required",
        "outcome route: priority",
    );
    assert_eq!(codes_at(&src), vec![("E206", 14, 9)]);
    let src = format!("{BASE}fact n: bool\n  label nl \"x\" en \"x\"\n");
    assert_eq!(codes_at(&src), vec![("E306", 30, 6)]);
}

#[test]
fn ask_when_cycles_are_found() {
    let src = BASE
        .replace(
            "  label nl \"A\" en \"A\"\nfact k",
            "  label nl \"A\" en \"A\"\n  ask when n > 2\nfact k",
        )
        .replace(
            "  label nl \"N\" en \"N\"\n",
            "  label nl \"N\" en \"N\"\n  ask when a\n",
        );
    let c = compile(&src);
    let cyc: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "E311").collect();
    assert_eq!(cyc.len(), 1, "{:#?}", c.diagnostics);
    assert!(
        cyc[0].message_en.contains("a → n → a"),
        "{}",
        cyc[0].message_en
    );
}

#[test]
fn tests_are_checked_against_the_rules() {
    let src = format!(
        "{BASE}test \"x\"\n  today 2026-01-01\n  given a = yes, zz = 3, k = w\n  expect route = p\n  expect acties = bel\ntest \"y\"\n  given a = no\n  expect route is provisional\n"
    );
    assert_eq!(
        codes_at(&src),
        vec![
            ("E301", 32, 18),
            ("E305", 32, 30),
            ("E402", 34, 3),
            ("E401", 35, 6)
        ]
    );
}

#[test]
fn missing_english_is_a_warning_only() {
    let src = BASE.replace("title nl \"T\" en \"T\"", "title nl \"T\"");
    let c = compile(&src);
    assert!(!c.has_errors());
    assert!(c.diagnostics.iter().any(|d| d.code == "W501"));
}

#[test]
fn one_mistake_gives_one_diagnostic() {
    let head = "ruleset x\n  title nl \"X\" en \"X\"\n  version \"1\"\n";
    let body = "fact d: date\n  label nl \"D\" en \"D\"\nfact b: bool\n  label nl \"B\" en \"B\"\noutcome o: priority required\n  label nl \"O\" en \"O\"\n  value a nl \"A\" en \"A\"\n";
    let cases = [
        // An impossible date: E105 once, no type error after it.
        (
            "rule r\n  when b and d > 2026-02-30\n  then o = a\n  because nl \"x\" en \"x\"\n",
            vec!["E105"],
        ),
        (
            "rule r\n  when b and d > d\n  then o = a\n  because nl \"x\" en \"x\"\ntest \"t\"\n  today 2026-13-01\n  expect o = a\n",
            vec!["E105"],
        ),
        // A misspelt fact compared with yes: an unknown fact, not an unknown name.
        (
            "rule r\n  when bb = yes and d > d\n  then o = a\n  because nl \"x\" en \"x\"\n",
            vec!["E301"],
        ),
    ];
    for (rules, want) in cases {
        let src = format!("{head}{body}{rules}");
        let c = regiewijzer_core::compile(&src);
        let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, want, "{src}");
    }
}
