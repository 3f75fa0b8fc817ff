//! How cost grows with the size of a ruleset: generated rulesets of 10, 100, 1,000 and 5,000 rules (one
//! question per three rules, at least 10; 2 to 4 conditions per rule, `ask when` on some questions), each
//! compiled (parse + check), evaluated with half of the questions answered, and analysed with the default
//! budget (100,000 evaluations: past it the analysis says it is incomplete rather than run on).
//! The analysis of 5,000 rules is not sampled: with the default budget one run takes many minutes (the
//! budget times the cost of one evaluation), so it is run once with a budget of 10,000 evaluations and
//! written to target/scaling-once.json, which the plot shows as a separate point.
//!
//! Run with `make bench` (or `cargo bench -p regiewijzer-core --bench scaling`); `node benches/plot.mjs`
//! then draws docs/img/scaling.svg from criterion's estimates. Figures are reported, never asserted.

use criterion::{BenchmarkId, Criterion, black_box, criterion_group, criterion_main};
use regiewijzer_core::analysis::{Options, analyze};
use regiewijzer_core::answers::Answers;
use regiewijzer_core::eval::evaluate;
use regiewijzer_core::model::{FactType, Value};
use regiewijzer_core::{Date, Model, compile};
use std::time::{Duration, Instant};

#[path = "../tests/support/generate.rs"]
mod generate;

const SIZES: [usize; 4] = [10, 100, 1_000, 5_000];

/// Every other question answered with a value near the middle of its range.
fn half_answered(model: &Model) -> Answers {
    let mut a = Answers::empty(model);
    for (f, def) in model.facts.iter().enumerate().step_by(2) {
        let v = match &def.ty {
            FactType::Bool => Some(Value::Bool(f % 4 == 0)),
            FactType::Choice { options } => Some(Value::Choice(f % options.len().max(1))),
            FactType::Int { min, max } => {
                Some(Value::Int((min.unwrap_or(0) + max.unwrap_or(20)) / 2))
            }
            _ => None,
        };
        a.set(f, v);
    }
    a
}

fn bench(c: &mut Criterion) {
    let Some(today) = Date::parse("2026-03-02") else {
        return;
    };
    let options = Options::new(today);
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for n in SIZES {
        let source = generate::ruleset(7, &generate::Shape::benchmark((n / 3).max(10), n));
        let Some(model) = compile(&source).model else {
            eprintln!("scaling: the generated ruleset of {n} rules does not compile");
            continue;
        };
        let answers = half_answered(&model);
        group.bench_with_input(BenchmarkId::new("compile", n), &source, |b, s| {
            b.iter(|| compile(black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("evaluate", n), &model, |b, m| {
            b.iter(|| evaluate(black_box(m), black_box(&answers), today))
        });
        if n > 1_000 {
            let mut once = options;
            once.budget = 10_000;
            let start = Instant::now();
            let r = analyze(&model, &once);
            let took = start.elapsed();
            eprintln!(
                "scaling {n}: analysis once with a budget of 10,000: {:.1} s, {} evaluations, {} findings, complete {}",
                took.as_secs_f64(),
                r.evaluations,
                r.findings.len(),
                r.complete
            );
            let json = format!(
                "{{\"rules\": {n}, \"budget\": 10000, \"ns\": {}, \"evaluations\": {}, \"complete\": {}}}\n",
                took.as_nanos(),
                r.evaluations,
                r.complete
            );
            let out = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../target/scaling-once.json"
            );
            if let Err(e) = std::fs::write(out, json) {
                eprintln!("scaling: cannot write {out}: {e}");
            }
            continue;
        }
        let r = analyze(&model, &options);
        eprintln!(
            "scaling {n}: {} bytes of source, {} rules, {} questions; analysis: {} evaluations, {} findings, complete {}",
            source.len(),
            model.rules.len(),
            model.facts.len(),
            r.evaluations,
            r.findings.len(),
            r.complete
        );
        group.bench_with_input(BenchmarkId::new("analyze", n), &model, |b, m| {
            b.iter(|| analyze(black_box(m), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
