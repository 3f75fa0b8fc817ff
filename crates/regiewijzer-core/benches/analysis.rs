//! How fast the analysis is: the shipped rulesets (gaps, conflicts, dead and shadowed rules, ask-when,
//! handovers), a semantic diff of triage against itself with one rule changed, and a generated ruleset
//! with 300 rules over 100 questions.
//!
//! Run with `make bench` (or `cargo bench -p regiewijzer-core --bench analysis`). Figures are reported,
//! never asserted; the evaluations each run does are printed once so the figures can be compared.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use regiewijzer_core::analysis::{Options, analyze, diff};
use regiewijzer_core::{Date, Model, compile};

#[path = "../tests/support/generate.rs"]
mod generate;

fn shipped(name: &str) -> Option<Model> {
    let path = format!(
        "{}/../../rulesets/{name}.regels",
        env!("CARGO_MANIFEST_DIR")
    );
    compile(&std::fs::read_to_string(path).ok()?).model
}

fn bench(c: &mut Criterion) {
    let Some(today) = Date::parse("2026-03-02") else {
        return;
    };
    let options = Options::new(today);
    for name in ["triage", "escalatie", "regie"] {
        let Some(model) = shipped(name) else {
            continue;
        };
        let r = analyze(&model, &options);
        eprintln!(
            "analyze {name}: {} rules, {} questions, {} findings, {} evaluations, complete {}",
            model.rules.len(),
            model.facts.len(),
            r.findings.len(),
            r.evaluations,
            r.complete
        );
        c.bench_function(&format!("analyze {name}"), |b| {
            b.iter(|| analyze(black_box(&model), &options))
        });
    }
    if let (Some(old), Some(src)) = (
        shipped("triage"),
        std::fs::read_to_string(format!(
            "{}/../../rulesets/triage.regels",
            env!("CARGO_MANIFEST_DIR")
        ))
        .ok(),
    ) {
        // The same change as the diff test: the revolving-door threshold from 2 to 3 earlier reports.
        let changed = src.replacen(
            "parameter draaideur_eerdere_meldingen = 2",
            "parameter draaideur_eerdere_meldingen = 3",
            1,
        );
        if let Some(new) = compile(&changed).model {
            let d = diff(&old, &new, &options);
            eprintln!(
                "diff triage: {} changes, {} evaluations",
                d.changes.len(),
                d.evaluations
            );
            c.bench_function("diff triage (one parameter changed)", |b| {
                b.iter(|| diff(black_box(&old), black_box(&new), &options))
            });
        }
    }
    let shape = generate::Shape::benchmark(100, 300);
    let source = generate::ruleset(7, &shape);
    if let Some(model) = compile(&source).model {
        let r = analyze(&model, &options);
        eprintln!(
            "analyze generated: {} rules, {} questions, {} findings, {} evaluations, complete {}",
            model.rules.len(),
            model.facts.len(),
            r.findings.len(),
            r.evaluations,
            r.complete
        );
        let mut group = c.benchmark_group("generated");
        group.sample_size(10);
        group.bench_function("analyze 300 rules over 100 questions", |b| {
            b.iter(|| analyze(black_box(&model), &options))
        });
        group.finish();
    } else {
        eprintln!(
            "the generated ruleset does not compile:\n{}",
            &source[..source.len().min(2000)]
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
