//! What the analysis promises on hostile or unusual rules: it is bounded in time by its budget (it counts
//! the work of every evaluation, not just the evaluations) and in stack depth (a long chain of questions
//! is searched without recursion), it treats scales and whole numbers of any size exactly, and it never
//! calls something exact that arithmetic overflow or a comparison of two questions makes approximate.
//! Dates far out of range are unknown, never a panic.

use regiewijzer_core::analysis::{
    Example, FindingKind, Options, Report, analyze, diff, evaluations_for,
};
use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::eval::{Status, evaluate, probe};
use regiewijzer_core::limits::ANALYSIS_STEPS_PER_EVALUATION;
use regiewijzer_core::{Date, Model, compile};

fn today() -> Date {
    Date::parse("2026-03-02").unwrap()
}

fn model(src: &str) -> Model {
    let c = compile(src);
    c.model
        .unwrap_or_else(|| panic!("compiles: {:?}\n{src}", c.diagnostics))
}

fn answers(m: &Model, json: &str) -> Answers {
    let raw: RawAnswers = serde_json::from_str(json).unwrap();
    let (a, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "{issues:?}");
    a
}

fn example_answers(m: &Model, ex: &Example) -> Answers {
    answers(m, &serde_json::to_string(&ex.answers).unwrap())
}

/// A ruleset with the given questions (`id: type` lines) and one rule per condition, each giving the
/// required outcome `route` the value `a`.
fn rules(facts: &[&str], conds: &[&str]) -> String {
    let mut s = String::from(
        "ruleset t\n  title nl \"T\" en \"T\"\n  version \"0.0.1\"\n  valid from 2026-01-01\n\n",
    );
    for f in facts {
        let id = f.split(':').next().unwrap_or("").trim();
        s.push_str(&format!("fact {f}\n  label nl \"{id}\" en \"{id}\"\n\n"));
    }
    s.push_str("outcome route: priority required\n  label nl \"Route\" en \"Route\"\n  value a nl \"A\" en \"A\"\n\n");
    for (i, c) in conds.iter().enumerate() {
        s.push_str(&format!(
            "rule r{i}\n  when {c}\n  then route = a\n  because nl \"R\" en \"R\"\n\n"
        ));
    }
    s
}

fn dead(r: &Report) -> Vec<String> {
    r.findings
        .iter()
        .filter_map(|f| match &f.kind {
            FindingKind::DeadRule { rule } => Some(rule.clone()),
            _ => None,
        })
        .collect()
}

fn gaps(r: &Report) -> Vec<&Example> {
    r.findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::Gap { .. }))
        .filter_map(|f| f.example.as_ref())
        .collect()
}

/// Every gap's example, evaluated, leaves `route` undecided.
fn gaps_are_real(m: &Model, r: &Report) {
    for ex in gaps(r) {
        let e = evaluate(m, &example_answers(m, ex), ex.today);
        assert_eq!(
            e.outcome("route").map(|o| o.status),
            Some(Status::Undecided),
            "{:?}",
            ex.answers
        );
    }
}

/// Runs `f` on a thread with a small stack of `kib` KiB (in a debug build): what it does cannot recurse
/// deeply.
fn on_small_stack<T: Send + 'static>(kib: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(kib * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// `n` yes/no questions, each asked once the one before it is answered (as the issue had it), and two
/// rules at the ends of the chain.
fn ask_when_chain(n: usize) -> String {
    let mut s = String::from(
        "ruleset keten\n  title nl \"Keten\" en \"Chain\"\n  version \"0.0.1\"\n  valid from 2026-01-01\n\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "fact f{i}: bool\n  label nl \"Vraag {i}\" en \"Question {i}\"\n"
        ));
        if i > 0 {
            s.push_str(&format!("  ask when f{} is answered\n", i - 1));
        }
        s.push('\n');
    }
    s.push_str("outcome route: priority required\n  label nl \"Route\" en \"Route\"\n  value a nl \"A\" en \"A\"\n  value b nl \"B\" en \"B\"\n\n");
    s.push_str(&format!(
        "rule eind\n  when f{} = yes\n  then route = a\n  because nl \"Eind\" en \"End\"\n\n",
        n - 1
    ));
    s.push_str(
        "rule begin\n  when f0 = no\n  then route = b\n  because nl \"Begin\" en \"Start\"\n",
    );
    s
}

#[test]
fn a_long_ask_when_chain_is_analysed_within_the_budget_counting_the_work() {
    // 2,000 questions (the most a ruleset may have): every evaluation carries the whole chain, so one
    // evaluation is thousands of steps. It used to take minutes and then overflow the stack.
    let m = model(&ask_when_chain(2_000));
    let options = Options::new(today());
    let report = on_small_stack(256, move || analyze(&m, &options));
    // An evaluation carries the whole chain: it is counted as thousands of steps, not as one.
    assert!(report.max_work >= 2_000 * 1_000, "{}", report.max_work);
    assert!(report.work <= report.evaluations * ANALYSIS_STEPS_PER_EVALUATION);
    // The budget bounds the work: it is passed by at most the evaluation that crossed it and one per
    // example shown.
    let examples = report
        .findings
        .iter()
        .filter(|f| f.example.is_some())
        .count();
    assert!(
        report.evaluations <= options.budget + (examples + 1) * evaluations_for(report.max_work),
        "{} evaluations",
        report.evaluations
    );
    // What it could not settle is said, not passed over.
    if !report.complete {
        assert!(!report.unchecked.is_empty());
    }
}

#[test]
fn a_deep_search_needs_no_deep_stack() {
    // 500 rules, one per question: the gap (every answer no) lies 500 splits deep.
    let facts: Vec<String> = (0..500).map(|i| format!("f{i}: bool")).collect();
    let conds: Vec<String> = (0..500).map(|i| format!("f{i} = yes")).collect();
    let facts: Vec<&str> = facts.iter().map(String::as_str).collect();
    let conds: Vec<&str> = conds.iter().map(String::as_str).collect();
    let m = model(&rules(&facts, &conds));
    let m2 = m.clone();
    let report = on_small_stack(128, move || analyze(&m2, &Options::new(today())));
    let found = gaps(&report);
    assert!(!found.is_empty(), "the gap is found");
    gaps_are_real(&m, &report);
}

#[test]
fn scales_of_more_than_100_values_are_analysed_exactly() {
    // Only the first 100 values used to be tried: `s > 120` looked dead and the gap 101..=120 was missed
    // while the report said it was complete and exact.
    let m = model(&rules(&["s: scale 0..150"], &["s > 120", "s <= 100"]));
    let r = analyze(&m, &Options::new(today()));
    assert!(r.complete && r.notes.is_empty(), "{:?}", r.notes);
    assert!(dead(&r).is_empty(), "{:?}", dead(&r));
    let found = gaps(&r);
    assert_eq!(found.len(), 1, "one gap, 101..=120");
    gaps_are_real(&m, &r);
    // Even 101 values: `s > 99` fires at 100.
    let m = model(&rules(&["s: scale 0..100"], &["s > 99", "s < 100"]));
    let r = analyze(&m, &Options::new(today()));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(r.complete && r.notes.is_empty());
}

#[test]
fn a_diff_sees_a_change_past_the_100th_value_of_a_scale() {
    let old = model(&rules(&["s: scale 0..150"], &["s > 120", "s <= 120"]));
    let new = model(&rules(&["s: scale 0..150"], &["s > 130", "s <= 120"]));
    let d = diff(&old, &new, &Options::new(today()));
    assert!(d.complete);
    let change = d.changes.first().expect("a change for 121..=130");
    let a = example_answers(&new, &change.example);
    let s = a.get(0);
    assert!(
        matches!(s, Some(regiewijzer_core::model::Value::Int(121..=130))),
        "{s:?}"
    );
    assert_eq!(change.combinations, Some(10));
}

#[test]
fn overflowing_arithmetic_is_unknown_and_never_exact() {
    // x * 2^62 overflows for every x but -1, 0 and 1: then the rule is unknown (does not fire), and
    // for x >= 2 nothing decides the route. The analysis used to try only 0 and 1 and call it exact.
    let src = rules(&["x: int"], &["x * 4611686018427387904 > 5", "x <= 0"]);
    let m = model(&src);
    let e = evaluate(&m, &answers(&m, r#"{"x": 2}"#), today());
    assert_eq!(
        e.outcome("route").map(|o| o.status),
        Some(Status::Undecided)
    );
    let r = analyze(&m, &Options::new(today()));
    assert!(!gaps(&r).is_empty(), "the gap where it overflows");
    gaps_are_real(&m, &r);
    assert!(!r.notes.is_empty(), "approximated, and said");
    // Arithmetic on a question that is not compared with a constant directly.
    let m = model(&rules(&["x: int"], &["x + 1 > 5", "x + 1 <= 5"]));
    let r = analyze(&m, &Options::new(today()));
    assert!(dead(&r).is_empty(), "{:?}", dead(&r));
    // (x = i64::MAX overflows: a real gap.)
    gaps_are_real(&m, &r);
    // Small finite questions in arithmetic are tried completely: exact.
    let m = model(&rules(
        &["a: scale 1..5", "b: scale 1..5"],
        &["a + b <= 4", "a + b > 4"],
    ));
    let r = analyze(&m, &Options::new(today()));
    assert!(r.findings.is_empty() && r.complete && r.notes.is_empty());
}

#[test]
fn two_unbounded_numbers_compared_with_each_other_are_tried_in_both_orders() {
    let m = model(&rules(&["n: int", "m: int"], &["n > m"]));
    let r = analyze(&m, &Options::new(today()));
    assert!(dead(&r).is_empty(), "n > m can hold: {:?}", dead(&r));
    gaps_are_real(&m, &r);
    // Bounded and small: every value is tried, and `n > m` is really dead.
    let m = model(&rules(
        &["n: int 0..5", "m: int 10..20"],
        &["n > m", "n <= m"],
    ));
    let r = analyze(&m, &Options::new(today()));
    assert_eq!(dead(&r), vec!["r0".to_string()]);
    assert!(r.complete && r.notes.is_empty());
}

#[test]
fn a_date_plus_two_to_the_31_days_is_unknown_not_a_panic() {
    let src = std::fs::read_to_string(format!(
        "{}/../../rulesets/regie.regels",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replacen(
        "parameter termijn_contact_na_ontslag = 14",
        "parameter termijn_contact_na_ontslag = 2147483648",
        1,
    );
    let m = model(&src);
    let a = answers(
        &m,
        r#"{"fase": "ontslag", "datum_ontslag": "1000-01-01", "eerste_afspraak": "1000-01-02"}"#,
    );
    let e = evaluate(&m, &a, today());
    let deadline = e.outcome("termijn_contact_na_ontslag");
    assert!(deadline.is_some_and(|o| o.deadline.is_none()), "no date");
    let _ = probe(&m, &a, today());
    let r = analyze(&m, &Options::new(today()));
    assert!(!r.has_errors());
}
