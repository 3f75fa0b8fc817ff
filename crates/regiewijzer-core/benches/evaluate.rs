//! How fast the core is on the shipped triage ruleset: compile once, evaluate many times (every answer a
//! professional types re-evaluates), format, and run the ruleset's tests.
//!
//! Run with `make bench` (or `cargo bench -p regiewijzer-core`). Figures are reported, never asserted.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::eval::{decide, evaluate, evaluate_outcomes};
use regiewijzer_core::testing::run_tests;
use regiewijzer_core::{Date, compile};

fn source() -> (String, String) {
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets/triage.regels");
    match std::fs::read_to_string(shipped) {
        Ok(s) => ("triage".into(), s),
        Err(_) => (
            "beslissen".into(),
            include_str!("../tests/fixtures/beslissen.regels").into(),
        ),
    }
}

/// Answers for about half of the questions, as a form would send them (JSON strings and numbers).
fn half_answers(model: &regiewijzer_core::Model) -> RawAnswers {
    use regiewijzer_core::answers::RawValue;
    use regiewijzer_core::model::FactType;
    let mut raw = regiewijzer_core::SortedMap::new();
    for (i, f) in model.facts.iter().enumerate() {
        if i % 2 == 1 {
            continue;
        }
        let v = match &f.ty {
            FactType::Bool => RawValue::Text("nee".into()),
            FactType::Choice { options } => {
                RawValue::Text(options.first().map(|o| o.id.clone()).unwrap_or_default())
            }
            FactType::Int { min, .. } => RawValue::Int(min.unwrap_or(0).max(30)),
            FactType::Scale { min, .. } => RawValue::Int(*min),
            FactType::Date => RawValue::Text("2026-03-01".into()),
            FactType::Timeline { .. } => RawValue::List(Vec::new()),
        };
        raw.insert(f.id.clone(), v);
    }
    RawAnswers(raw)
}

fn bench(c: &mut Criterion) {
    let (name, src) = source();
    let model = compile(&src).model.expect("the ruleset compiles");
    let today = Date::parse("2026-03-20").expect("date");
    let raw = half_answers(&model);
    let (answers, _) = Answers::from_raw(&model, &raw);
    let empty = Answers::empty(&model);

    c.bench_function(&format!("{name}: compile (parse + check)"), |b| {
        b.iter(|| compile(black_box(&src)))
    });
    c.bench_function(&format!("{name}: evaluate, nothing answered"), |b| {
        b.iter(|| evaluate(black_box(&model), black_box(&empty), today))
    });
    c.bench_function(
        &format!("{name}: answers from JSON + evaluate, half answered"),
        |b| {
            b.iter(|| {
                let (a, _) = Answers::from_raw(black_box(&model), black_box(&raw));
                evaluate(&model, &a, today)
            })
        },
    );
    c.bench_function(&format!("{name}: evaluate, half answered"), |b| {
        b.iter(|| evaluate(black_box(&model), black_box(&answers), today))
    });
    // What a page needs to paint the outcome: no ranking, no `could_add` search.
    c.bench_function(
        &format!("{name}: evaluate_outcomes, nothing answered"),
        |b| b.iter(|| evaluate_outcomes(black_box(&model), black_box(&empty), today)),
    );
    c.bench_function(&format!("{name}: evaluate_outcomes, half answered"), |b| {
        b.iter(|| evaluate_outcomes(black_box(&model), black_box(&answers), today))
    });
    if let Some(route) = model.outcome_by_name("route") {
        c.bench_function(&format!("{name}: decide route only, half answered"), |b| {
            b.iter(|| decide(black_box(&model), black_box(&answers), today, route))
        });
    }
    // The four-branch decision the engines are compared on (benches/compare.mjs), all answered.
    let vier = include_str!("../../../benches/engines/vier.regels");
    if let Some(m) = compile(vier).model {
        let mut a = Answers::empty(&m);
        for (f, v) in [(0, false), (1, false), (2, true)] {
            a.set(f, Some(regiewijzer_core::model::Value::Bool(v)));
        }
        a.set(3, Some(regiewijzer_core::model::Value::Int(40)));
        let route = m.outcome_by_name("route").unwrap_or(0);
        c.bench_function("vier: evaluate", |b| {
            b.iter(|| evaluate(black_box(&m), black_box(&a), today))
        });
        c.bench_function("vier: decide route", |b| {
            b.iter(|| decide(black_box(&m), black_box(&a), today, route))
        });
    }
    c.bench_function(&format!("{name}: format"), |b| {
        b.iter(|| regiewijzer_core::fmt::format(black_box(&src)))
    });
    // The ruleset's own tests plus those in its sibling `NAME.tests.regels`.
    let mut tests = model.tests.clone();
    let sibling = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rulesets/triage.tests.regels"
    );
    if let (Ok(text), "triage") = (std::fs::read_to_string(sibling), name.as_str()) {
        tests.extend(regiewijzer_core::check_tests_file(&model, &text).0);
    }
    c.bench_function(&format!("{name}: run its {} tests", tests.len()), |b| {
        b.iter(|| run_tests(black_box(&model), black_box(&tests)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
