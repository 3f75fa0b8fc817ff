//! Any answers (JSON) against every shipped ruleset and the core's fixtures, on a date chosen by the
//! input: converting never panics, answers set one at a time are the answers converted at once, and
//! evaluating, deciding and summarising never panic and agree.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::{Date, Model, compile};

#[path = "common.rs"]
mod common;

const SOURCES: [&str; 6] = [
    include_str!("../../rulesets/triage.regels"),
    include_str!("../../rulesets/escalatie.regels"),
    include_str!("../../rulesets/regie.regels"),
    include_str!("../../crates/regiewijzer-core/tests/fixtures/tijdlijnen.regels"),
    include_str!("../../crates/regiewijzer-core/tests/fixtures/termijnen.regels"),
    include_str!("../../crates/regiewijzer-core/tests/fixtures/overdracht.regels"),
];

fn models() -> &'static [Model] {
    static MODELS: OnceLock<Vec<Model>> = OnceLock::new();
    MODELS.get_or_init(|| SOURCES.iter().filter_map(|s| compile(s).model).collect())
}

fuzz_target!(|data: &[u8]| {
    // The first two bytes pick the day (within about 180 years), the rest is the answers object.
    let (day, json) = match data {
        [a, b, rest @ ..] => (i64::from(u16::from_le_bytes([*a, *b])), rest),
        _ => return,
    };
    let Some(today) = Date::from_ymd(1950, 1, 1).and_then(|d| d.add_days(day)) else {
        return;
    };
    let Ok(raw) = serde_json::from_slice::<RawAnswers>(json) else {
        return;
    };
    for model in models() {
        let (answers, issues) = Answers::from_raw(model, &raw);
        for issue in &issues {
            assert!(!issue.message.nl.is_empty() && !issue.message.en.is_empty());
        }
        let mut one_by_one = Answers::empty(model);
        for (fact, value) in raw.0.iter() {
            if let Some(id) = model.facts.iter().position(|f| f.id == *fact) {
                let _ = one_by_one.set_raw(model, id, value);
            }
        }
        assert!(one_by_one == answers, "set_raw agrees with from_raw");
        common::check_answers(model, &answers, today);
    }
});
