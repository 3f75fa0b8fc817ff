//! Any text that compiles: the analysis ends within its budget (small here, so that each input is quick;
//! an evaluation counts by its work)
//! and says so when it could not settle everything; coverage and a diff with itself never panic, and a
//! ruleset compared with itself changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regiewijzer_core::analysis::{Options, analyze, coverage, diff, evaluations_for};
use regiewijzer_core::{Date, compile};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Some(model) = compile(src).model else {
        return;
    };
    let Some(today) = Date::from_ymd(2026, 3, 2) else {
        return;
    };
    let mut options = Options::new(today);
    options.budget = 2_000;
    options.search_budget = 200;
    let report = analyze(&model, &options);
    // The budget bounds the searches: it is passed by at most the evaluation that crossed it and one per
    // example a finding shows, each counted by its work.
    let examples = report
        .findings
        .iter()
        .filter(|f| f.example.is_some())
        .count();
    let most = evaluations_for(report.max_work);
    assert!(
        report.evaluations <= options.budget + (examples + 1) * most,
        "{} evaluations, {} at most each",
        report.evaluations,
        most
    );
    let _coverage = coverage(&model, &model.tests);
    let same = diff(&model, &model, &options);
    assert!(same.changes.is_empty(), "a ruleset differs from itself");
});
