//! Running the tests of a ruleset: `test` items in the ruleset and `tests for ID` files.
use serde::Serialize;

use crate::answers::Answers;
use crate::date::Date;
use crate::eval::{
    Evaluation, HandoverResult, HandoverStatus, NextQuestion, OutcomeResult, Status,
    evaluate_outcomes, what_matters_next,
};
use crate::model::{ExpectDef, ExpectDefKind, Model, TestDef, Text, ValueId};

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The expectation as written, e.g. `route = crisisdienst`.
    pub expect: String,
    /// Line of the `expect`.
    pub line: u32,
    /// What happened instead, in words.
    pub actual: Text,
}

/// The result of one test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestResult {
    /// The test's name.
    pub name: String,
    /// Line of the test.
    pub line: u32,
    /// True when every expectation held.
    pub passed: bool,
    /// The expectations that did not hold.
    pub failures: Vec<Failure>,
}

/// The date used for tests without `today` (the checker only allows that when the rules never read
/// `today`, so any date gives the same result).
const ANY_DAY: (i32, u32, u32) = (2000, 1, 1);

/// Runs tests against a model: each test's answers are evaluated with its `today`, and every `expect`
/// is compared with the result.
pub fn run_tests(model: &Model, tests: &[TestDef]) -> Vec<TestResult> {
    tests.iter().map(|t| run_test(model, t)).collect()
}

/// The date a test is evaluated on: its own `today`, else a fixed day (only allowed when the rules never
/// read `today`).
pub fn test_today(model: &Model, test: &TestDef) -> Date {
    test.today
        .or_else(|| Date::from_ymd(ANY_DAY.0, ANY_DAY.1, ANY_DAY.2))
        .or(model.meta.valid_from)
        .unwrap_or(Date::EPOCH)
}

/// Runs one test. The expectations read only the outcomes, so the answers are evaluated without the
/// ranking of what matters next ([`evaluate_outcomes`]); only a test that fails gets the ranking too
/// ([`what_matters_next`]), to name its open questions most important first.
pub fn run_test(model: &Model, test: &TestDef) -> TestResult {
    let today = Some(test_today(model, test));
    let failures = match today {
        Some(today) => {
            let answers = Answers::from_test(model, test);
            let mut result = evaluate_outcomes(model, &answers, today);
            let fails = |result: &Evaluation| {
                test.expects
                    .iter()
                    .any(|e| check_expect(model, result, e).is_some())
            };
            if fails(&result) {
                what_matters_next(model, &answers, today, &mut result);
            }
            test.expects
                .iter()
                .filter_map(|e| check_expect(model, &result, e))
                .collect()
        }
        None => Vec::new(),
    };
    TestResult {
        name: test.name.clone(),
        line: test.line,
        passed: failures.is_empty(),
        failures,
    }
}

fn check_expect(model: &Model, result: &Evaluation, e: &ExpectDef) -> Option<Failure> {
    let out = model.outcomes.get(e.outcome)?;
    let Some(actual) = result.outcome(&out.id) else {
        return Some(Failure {
            expect: e.text.clone(),
            line: e.line,
            actual: Text {
                nl: "deze uitkomst ontbreekt in het resultaat".into(),
                en: "this outcome is missing from the result".into(),
            },
        });
    };
    let id = |v: &ValueId| out.values.get(*v).map(|d| d.id.clone()).unwrap_or_default();
    let decided = matches!(actual.status, Status::Decided | Status::Default);
    let ok = match &e.kind {
        ExpectDefKind::Equals(v) => decided && actual.values == [id(v)],
        ExpectDefKind::Contains(vs) => decided && vs.iter().all(|v| actual.values.contains(&id(v))),
        ExpectDefKind::Exactly(vs) => {
            let mut want: Vec<String> = vs.iter().map(id).collect();
            let mut got = actual.values.clone();
            want.sort();
            want.dedup();
            got.sort();
            decided && want == got
        }
        ExpectDefKind::Undecided => actual.status == Status::Undecided,
        ExpectDefKind::Provisional => actual.provisional,
        ExpectDefKind::Final => !actual.provisional,
        ExpectDefKind::DateIs(d) => {
            actual.status == Status::Decided
                && actual.deadline.as_ref().is_some_and(|x| x.date == *d)
        }
        ExpectDefKind::Overdue => actual.deadline.as_ref().is_some_and(|x| x.overdue),
        ExpectDefKind::Handover { handover, complete } => {
            let wanted = if *complete {
                HandoverStatus::Complete
            } else {
                HandoverStatus::Blocked
            };
            let got = result.handovers.get(*handover);
            if got.is_some_and(|h| h.status == wanted) {
                return None;
            }
            return Some(Failure {
                expect: e.text.clone(),
                line: e.line,
                actual: match got {
                    Some(h) => describe_handover(h),
                    None => Text::both("?"),
                },
            });
        }
    };
    (!ok).then(|| Failure {
        expect: e.text.clone(),
        line: e.line,
        actual: describe(actual, &result.next),
    })
}

/// Where a handover stands, in words: `blocked (missing: ...)`.
pub fn describe_handover(h: &HandoverResult) -> Text {
    let (nl, en) = match h.status {
        HandoverStatus::NotProposed => ("niet voorgesteld".to_string(), "not proposed".to_string()),
        HandoverStatus::Open => ("nog open".to_string(), "still open".to_string()),
        HandoverStatus::Complete => ("rond".to_string(), "complete".to_string()),
        HandoverStatus::Blocked => {
            let nl: Vec<&str> = h.missing.iter().map(|t| t.nl.as_str()).collect();
            let en: Vec<&str> = h.missing.iter().map(|t| t.en.as_str()).collect();
            (
                format!("geblokkeerd (ontbreekt: {})", nl.join("; ")),
                format!("blocked (missing: {})", en.join("; ")),
            )
        }
    };
    Text {
        nl: format!("{}: {nl}", h.id),
        en: format!("{}: {en}", h.id),
    }
}

/// What an outcome turned out to be, in words: `bemoeizorg (regel wvggz#2), voorlopig (nog open: …)`;
/// the questions still open in the order of `next`, the evaluation's ranking of what matters next.
pub fn describe(o: &OutcomeResult, next: &[NextQuestion]) -> Text {
    let rules: Vec<&str> = o
        .reasons
        .iter()
        .filter(|r| r.kind != "default")
        .map(|r| r.rule.as_str())
        .collect();
    let values = if o.values.is_empty() {
        "-".to_string()
    } else {
        o.values.join(", ")
    };
    let (mut nl, mut en) = match o.status {
        Status::Decided => (
            format!("{} = {values} (regel {})", o.id, rules.join(", ")),
            format!("{} = {values} (rule {})", o.id, rules.join(", ")),
        ),
        Status::Default => (
            format!("{} = {values} (standaardwaarde, geen regel vuurt)", o.id),
            format!("{} = {values} (default, no rule fires)", o.id),
        ),
        Status::Undecided => (
            format!("{}: geen besluit (geen regel vuurt)", o.id),
            format!("{}: no decision (no rule fires)", o.id),
        ),
        Status::Conflict => {
            let parts: Vec<String> = o
                .reasons
                .iter()
                .map(|r| format!("{} → {}", r.rule, r.values.join(", ")))
                .collect();
            (
                format!("{}: conflict tussen {}", o.id, parts.join("; ")),
                format!("{}: conflict between {}", o.id, parts.join("; ")),
            )
        }
    };
    if o.provisional {
        let open = ranked_open(o, next).join(", ");
        nl.push_str(&format!(", voorlopig (nog open: {open})"));
        en.push_str(&format!(", provisional (still open: {open})"));
    } else {
        nl.push_str(", definitief");
        en.push_str(", final");
    }
    Text { nl, en }
}

/// The open questions that could change outcome `o`, most important first (the order of `next`).
fn ranked_open<'a>(o: &'a OutcomeResult, next: &'a [NextQuestion]) -> Vec<&'a str> {
    let mut open: Vec<&str> = next
        .iter()
        .map(|n| n.fact.as_str())
        .filter(|f| o.matters_next.iter().any(|m| m == f))
        .collect();
    // Not ranked (cannot happen: `next` holds every open question): kept, after the ranked ones.
    let unranked: Vec<&str> = o
        .matters_next
        .iter()
        .map(String::as_str)
        .filter(|m| !open.contains(m))
        .collect();
    open.extend(unranked);
    open
}

/// The closing line of a test run: `N passed, M failed`.
pub fn summary_line(results: &[TestResult]) -> String {
    let passed = results.iter().filter(|r| r.passed).count();
    let failed = results.len() - passed;
    format!("{passed} passed, {failed} failed")
}

/// A value as the rules language writes it in a `given`: `yes`/`no`, a number, a date, an option's id.
fn value_source(def: &crate::model::FactType, v: crate::model::Value) -> String {
    use crate::model::{FactType, Value};
    match (def, v) {
        (_, Value::Bool(b)) => if b { "yes" } else { "no" }.to_string(),
        (_, Value::Int(n)) => n.to_string(),
        (_, Value::Date(d)) => d.to_string(),
        (FactType::Choice { options }, Value::Choice(i)) => {
            options.get(i).map_or_else(String::new, |o| o.id.clone())
        }
        (_, Value::Choice(i)) => i.to_string(),
    }
}

/// A `test` block that fixes what the rules now say for these answers: a `today`, the answers as
/// `given` lines (timelines as lists of records) and an `expect` for every outcome and every handover
/// that is proposed. Written by the playground's "save as test"; it passes against the same rules.
pub fn test_block(model: &Model, name: &str, answers: &Answers, today: Date) -> String {
    use crate::model::FactType;
    let mut out = format!("test {}\n  today {today}\n", crate::print::string_lit(name));
    let mut givens: Vec<String> = Vec::new();
    for (f, def) in model.facts.iter().enumerate() {
        if let FactType::Timeline { fields } = &def.ty {
            let Some(records) = answers.list(f) else {
                continue;
            };
            let recs: Vec<String> = records
                .iter()
                .map(|r| {
                    let cells: Vec<String> = fields
                        .iter()
                        .zip(r)
                        .map(|(fd, v)| v.map_or_else(String::new, |v| value_source(&fd.ty, v)))
                        .collect();
                    format!("({})", cells.join(", "))
                })
                .collect();
            givens.push(format!("{} = [{}]", def.id, recs.join(", ")));
        } else if let Some(v) = answers.get(f) {
            givens.push(format!("{} = {}", def.id, value_source(&def.ty, v)));
        }
    }
    // A few answers per line, as people write them.
    for chunk in givens.chunks(4) {
        out.push_str(&format!("  given {}\n", chunk.join(", ")));
    }
    let result = evaluate_outcomes(model, answers, today);
    for o in &result.outcomes {
        let expect = match (o.status, o.policy) {
            (Status::Undecided, _) => format!("{} is undecided", o.id),
            (Status::Conflict, _) => continue,
            (_, crate::ast::Policy::Collect) => {
                format!("{} exactly [{}]", o.id, o.values.join(", "))
            }
            (_, _) => match o.values.first() {
                Some(v) => format!("{} = {v}", o.id),
                None => continue,
            },
        };
        out.push_str(&format!("  expect {expect}\n"));
    }
    for h in &result.handovers {
        match h.status {
            HandoverStatus::Complete => out.push_str(&format!("  expect {} is complete\n", h.id)),
            HandoverStatus::Blocked => out.push_str(&format!("  expect {} is blocked\n", h.id)),
            _ => {}
        }
    }
    out
}
