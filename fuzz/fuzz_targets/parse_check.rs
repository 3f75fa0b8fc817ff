//! Any text: parsing and checking never panic or hang; every diagnostic points into the text with a code
//! and both messages; a text that compiles survives the widget's binary form, evaluates, and runs its own
//! tests (and itself read as a tests file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use regiewijzer_core::check_tests_file;
use regiewijzer_core::testing::run_tests;
use regiewijzer_core::{Date, compile};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let compiled = compile(&src);
    common::check_diagnostics(&src, &compiled);
    let Some(model) = compiled.model else {
        return;
    };
    let Some(today) = Date::from_ymd(2026, 3, 2) else {
        return;
    };
    common::check_model(&model, today);
    let results = run_tests(&model, &model.tests);
    assert_eq!(results.len(), model.tests.len());
    let (_tests, diagnostics) = check_tests_file(&model, &src);
    for d in diagnostics {
        assert!(
            d.span.end as usize <= src.len(),
            "{}: span past the end",
            d.code
        );
    }
});
