//! Every limit of `regiewijzer_core::limits`, shown: one past the limit is a clear diagnostic (code,
//! line:column, Dutch and English) or answer issue, never a hang, a stack overflow or a panic; at the limit
//! everything still works. Recursive steps run on a thread with the browser's stack size (1 MiB), in the
//! unoptimised test build whose frames are larger than the shipped ones.

use regiewijzer_core::analysis::{Options, analyze, evaluations_for};
use regiewijzer_core::answers::{AnswerIssueKind, Answers, RawAnswers};
use regiewijzer_core::bin::{decode, encode};
use regiewijzer_core::eval::evaluate;
use regiewijzer_core::fmt::format;
use regiewijzer_core::limits::*;
use regiewijzer_core::{Compiled, Date, compile};

/// The browser's stack (wasm32's default, 1 MiB) for the optimised build. The unoptimised test build's
/// frames are several times larger, so it gets 8 MiB; `cargo test --release --test limits` checks the real
/// size, and so does the browser test (`tests/hardening.test.mjs`) on the shipped bundle.
const STACK: usize = if cfg!(debug_assertions) {
    8 * 1024 * 1024
} else {
    1024 * 1024
};

/// Runs `f` on a thread with a small stack; a stack overflow would abort the test binary.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

fn today() -> Date {
    Date::from_ymd(2026, 3, 2).unwrap()
}

/// A small valid ruleset with `when` as the condition of its one rule and `extra` items after it: the
/// template `fixtures/grenzen.sjabloon`, which the browser test of the limits uses too.
fn ruleset(when: &str, extra: &str) -> String {
    let template = include_str!("fixtures/grenzen.sjabloon");
    format!("{}{extra}", template.replace("WHEN", when))
}

/// The diagnostics with `code`, after checking that each has both messages and a position in the text.
fn with_code<'a>(c: &'a Compiled, code: &str) -> Vec<&'a regiewijzer_core::Diagnostic> {
    for d in &c.diagnostics {
        assert!(!d.message_nl.is_empty() && !d.message_en.is_empty());
        assert!(d.start.line >= 1 && d.start.column >= 1);
    }
    c.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// Everything a ruleset goes through, on the browser's stack: check, evaluate (all answered and none),
/// format (same meaning), the widget's binary form, and the analysis.
fn whole_pipeline_on_small_stack(src: String) {
    on_small_stack(move || {
        let c = compile(&src);
        assert!(!c.has_errors(), "{:#?}", c.diagnostics);
        let model = c.model.unwrap();
        let raw: RawAnswers = serde_json::from_str(r#"{"dakloos": true, "leeftijd": 40}"#).unwrap();
        let (answers, issues) = Answers::from_raw(&model, &raw);
        assert!(issues.is_empty());
        let ev = evaluate(&model, &answers, today());
        assert!(!ev.outcomes.is_empty());
        evaluate(&model, &Answers::empty(&model), today());
        let formatted = format(&src).unwrap();
        assert!(!compile(&formatted).has_errors());
        assert!(decode(&encode(&model)).is_ok());
        let report = analyze(&model, &Options::new(today()));
        assert!(report.evaluations > 0);
    });
}

// ---------- size of the source ----------

#[test]
fn a_source_over_one_mebibyte_is_refused_at_once() {
    let src = ruleset(
        "dakloos = yes",
        &format!("# {}\n", "x".repeat(MAX_SOURCE_BYTES)),
    );
    let c = compile(&src);
    let found = with_code(&c, "E106");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].start.line, found[0].start.column), (1, 1));
    assert!(found[0].message_nl.contains("te groot"));
    assert!(found[0].message_en.contains("too large"));
    assert!(c.model.is_none());
}

// ---------- depth ----------

#[test]
fn deep_parentheses_not_and_minus_are_an_error_on_a_small_stack() {
    for (open, close) in [("(", ")"), ("not (", ")"), ("- ", "")] {
        let when = if open == "- " {
            format!("leeftijd > {}1", open.repeat(50_000))
        } else {
            format!(
                "{}dakloos = yes{}",
                open.repeat(20_000),
                close.repeat(20_000)
            )
        };
        let src = ruleset(&when, "");
        let c = on_small_stack(move || compile(&src));
        let found = with_code(&c, "E107");
        assert!(!found.is_empty(), "{open}: {:?}", c.diagnostics);
        assert!(found[0].message_nl.contains("te diep genest"));
        assert!(c.model.is_none());
    }
}

#[test]
fn long_chains_of_and_or_and_arithmetic_are_an_error_on_a_small_stack() {
    // Each of these fits in 1 MiB and once overflowed the stack of the checker (natively, too).
    for when in [
        format!("dakloos = yes{}", " or dakloos = yes".repeat(55_000)),
        format!("dakloos = yes{}", " and dakloos = yes".repeat(50_000)),
        format!("leeftijd{} > 3", " + 1".repeat(190_000)),
        format!("leeftijd{} > 3", " * 1".repeat(190_000)),
    ] {
        let src = ruleset(&when, "");
        assert!(src.len() <= MAX_SOURCE_BYTES);
        let c = on_small_stack(move || compile(&src));
        let found = with_code(&c, "E107");
        assert!(!found.is_empty(), "{:?}", c.diagnostics);
        assert!(found[0].message_en.contains("chains too many"));
        assert_eq!(found[0].start.line, 17, "on the rule's own line");
        assert!(c.model.is_none());
    }
}

#[test]
fn the_deepest_accepted_conditions_go_through_everything_on_a_small_stack() {
    // One level below the limit, in each of the ways depth can grow, and mixed.
    let below = MAX_DEPTH - 2;
    let parens = format!("{}dakloos = yes{}", "(".repeat(below), ")".repeat(below));
    let nots = format!("{}dakloos = yes", "not ".repeat(below));
    let ors = format!("dakloos = yes{}", " or dakloos = no".repeat(below));
    let sums = format!("leeftijd{} > 3", " + 1".repeat(below));
    let half = below / 2;
    let mixed = format!(
        "{}dakloos = yes{}{}",
        "(".repeat(half),
        " and leeftijd > 3".repeat(half - 2),
        ")".repeat(half)
    );
    for when in [parens, nots, ors, sums, mixed] {
        whole_pipeline_on_small_stack(ruleset(&when, ""));
    }
}

#[test]
fn one_level_past_the_limit_is_an_error_and_at_the_limit_is_not() {
    // The condition itself is the first level; each parenthesis adds one.
    let levels = |n: usize| format!("{}dakloos = yes{}", "(".repeat(n - 1), ")".repeat(n - 1));
    assert!(with_code(&compile(&ruleset(&levels(MAX_DEPTH), "")), "E107").is_empty());
    let past = levels(MAX_DEPTH + 1);
    assert!(!with_code(&compile(&ruleset(&past, "")), "E107").is_empty());
    // The same for a chain: 99 `or`s make 100 levels.
    let chain = |ors: usize| format!("dakloos = yes{}", " or dakloos = no".repeat(ors));
    assert!(with_code(&compile(&ruleset(&chain(MAX_DEPTH - 1), "")), "E107").is_empty());
    assert!(!with_code(&compile(&ruleset(&chain(MAX_DEPTH), "")), "E107").is_empty());
}

#[test]
fn an_error_deep_in_one_rule_does_not_spill_into_the_next() {
    // The depth counter is restored after the error, so later rules are read normally.
    let past = format!("{}dakloos = yes", "(".repeat(MAX_DEPTH + 5));
    let c = compile(&ruleset(&past, ""));
    let found = with_code(&c, "E107");
    assert_eq!(found.len(), 1, "{:?}", c.diagnostics);
    assert_eq!(found[0].start.line, 17);
    assert!(
        c.diagnostics.iter().all(|d| d.start.line < 20),
        "r2 reads normally"
    );
}

// ---------- texts ----------

#[test]
fn a_text_over_the_limit_is_an_error_at_the_text() {
    let extra = |n: usize| {
        format!(
            "\nfact lang: bool\n  label nl \"{}\" en \"Long\"\n",
            "é".repeat(n)
        )
    };
    let ok = compile(&ruleset("dakloos = yes", &extra(MAX_TEXT_CHARS)));
    assert!(with_code(&ok, "E108").is_empty());
    let c = compile(&ruleset("dakloos = yes", &extra(MAX_TEXT_CHARS + 1)));
    let found = with_code(&c, "E108");
    assert_eq!(found.len(), 1, "{:?}", c.diagnostics);
    assert_eq!((found[0].start.line, found[0].start.column), (27, 12));
    assert!(found[0].message_nl.contains("2001 tekens"));
    assert!(found[0].message_en.contains("at most 2000"));
    assert!(c.model.is_none());
}

// ---------- counts ----------

#[test]
fn more_facts_than_the_limit_is_an_error_at_the_first_one_too_many() {
    let facts = |n: usize| {
        (0..n)
            .map(|i| format!("fact v{i}: bool\n  label nl \"V\" en \"Q\"\n"))
            .collect::<String>()
    };
    // Two facts are in the ruleset itself.
    let ok = compile(&ruleset("dakloos = yes", &facts(MAX_FACTS - 2)));
    assert!(with_code(&ok, "E109").is_empty());
    assert!(!ok.has_errors());
    let c = compile(&ruleset("dakloos = yes", &facts(MAX_FACTS - 1)));
    let found = with_code(&c, "E109");
    assert_eq!(found.len(), 1);
    let line_of_last = 25 + 2 * (MAX_FACTS - 2) as u32;
    assert_eq!(
        (found[0].start.line, found[0].start.column),
        (line_of_last, 6)
    );
    assert!(found[0].message_nl.contains("te veel vragen"));
    assert!(
        found[0]
            .message_en
            .contains("too many facts (at most 2000)")
    );
}

#[test]
fn more_rules_than_the_limit_is_an_error_and_table_rows_count() {
    let table = |rows: usize| {
        let mut t =
            String::from("\ntable veel\n  because nl \"T\" en \"T\"\n  | leeftijd || route |\n");
        for i in 0..rows {
            t.push_str(&format!("  | {} || a |\n", i % 131));
        }
        t
    };
    // Two rules are in the ruleset itself.
    let ok = compile(&ruleset("dakloos = yes", &table(MAX_RULES - 2)));
    assert!(with_code(&ok, "E109").is_empty(), "{:?}", ok.diagnostics);
    let c = compile(&ruleset("dakloos = yes", &table(MAX_RULES - 1)));
    let found = with_code(&c, "E109");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].start.line, 26, "at the table");
    assert!(found[0].message_nl.contains("te veel regels"));
    assert!(found[0].message_en.contains("at most 10000"));
}

fn timeline_ruleset(extra: &str) -> String {
    format!(
        r#"ruleset pogingen
  title nl "Pogingen" en "Attempts"
  version "1"

fact pogingen: timeline
  label nl "Contactpogingen" en "Contact attempts"
  field datum: date nl "Datum" en "Date"

outcome route: priority required
  label nl "Route" en "Route"
  value veel nl "Veel" en "Many"
  value weinig nl "Weinig" en "Few"

rule veel
  when count(pogingen) >= 3
  then route = veel
  because nl "Veel" en "Many"

rule weinig
  when count(pogingen) < 3
  then route = weinig
  because nl "Weinig" en "Few"
{extra}"#
    )
}

fn records_json(n: usize) -> String {
    let one = r#"{"datum": "2026-03-01"}"#;
    format!(r#"{{"pogingen": [{}]}}"#, vec![one; n].join(","))
}

#[test]
fn a_timeline_answer_with_too_many_records_is_not_used_and_reported() {
    let model = compile(&timeline_ruleset("")).model.unwrap();
    let raw: RawAnswers = serde_json::from_str(&records_json(MAX_RECORDS)).unwrap();
    let (answers, issues) = Answers::from_raw(&model, &raw);
    assert!(issues.is_empty());
    assert_eq!(answers.list(0).map(<[_]>::len), Some(MAX_RECORDS));

    let raw: RawAnswers = serde_json::from_str(&records_json(MAX_RECORDS + 1)).unwrap();
    let (answers, issues) = Answers::from_raw(&model, &raw);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].kind, AnswerIssueKind::TooManyRecords);
    assert_eq!(issues[0].fact, "pogingen");
    assert!(issues[0].message.nl.contains("hoogstens 1000"));
    assert!(issues[0].message.en.contains("None of them is used"));
    assert!(answers.list(0).is_none(), "left unanswered, not cut short");
    let ev = evaluate(&model, &answers, today());
    assert_eq!(ev.outcome("route").unwrap().values, Vec::<String>::new());
}

#[test]
fn a_test_with_too_many_records_in_a_timeline_is_an_error() {
    let test = |n: usize| {
        format!(
            "\ntest \"veel\"\n  given pogingen = [{}]\n  expect route = veel\n",
            vec!["(2026-03-01)"; n].join(", ")
        )
    };
    let ok = compile(&timeline_ruleset(&test(MAX_RECORDS)));
    assert!(!ok.has_errors(), "{:?}", ok.diagnostics);
    let c = compile(&timeline_ruleset(&test(MAX_RECORDS + 1)));
    let found = with_code(&c, "E109");
    assert_eq!(found.len(), 1, "{:?}", c.diagnostics);
    assert_eq!((found[0].start.line, found[0].start.column), (25, 20));
    assert!(
        found[0]
            .message_en
            .contains("too many records in one timeline")
    );
}

// ---------- the analysis budget ----------

#[test]
fn the_analysis_stops_at_its_budget_and_says_it_is_incomplete() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rulesets/triage.regels"
    ))
    .unwrap();
    let model = compile(&src).model.unwrap();
    let full = analyze(&model, &Options::new(today()));
    assert!(
        full.complete,
        "the shipped rules are analysed within the default budget"
    );
    assert!(full.evaluations <= ANALYSIS_BUDGET);

    let mut small = Options::new(today());
    small.budget = 50;
    small.search_budget = 10;
    let report = analyze(&model, &small);
    assert!(!report.complete);
    // The budget bounds the searches: it is passed by at most the evaluation that crossed it and one per
    // example a finding shows, each counted by its work.
    let examples = report
        .findings
        .iter()
        .filter(|f| f.example.is_some())
        .count();
    assert!(
        report.evaluations <= 50 + (examples + 1) * evaluations_for(report.max_work),
        "{}",
        report.evaluations
    );
    assert!(
        !report.unchecked.is_empty(),
        "it names what it did not settle"
    );
}

// ---------- names that are special where answers travel ----------

#[test]
fn proto_cannot_be_a_name() {
    let src = ruleset(
        "__proto__ = yes",
        "\nfact __proto__: bool\n  label nl \"P\" en \"P\"\n",
    );
    let c = compile(&src);
    let found = with_code(&c, "E110");
    assert_eq!(
        found.len(),
        2,
        "at the declaration and at the use: {:?}",
        c.diagnostics
    );
    assert!(found[0].message_en.contains("JavaScript"));
    assert!(c.model.is_none());
    // `constructor` and `prototype` are plain keys of an object: they stay usable names.
    let src = ruleset(
        "constructor = yes",
        "\nfact constructor: bool\n  label nl \"C\" en \"C\"\n",
    );
    assert!(!compile(&src).has_errors());
}
