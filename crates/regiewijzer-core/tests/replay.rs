//! Laws of the batch evaluator and of replay, on random answers for the fixtures and shipped rulesets:
//! - `eval::Batch` gives every outcome the status and values `evaluate_outcomes` gives it, and as
//!   deciding rules the rules its reasons name; a batch of one outcome (`Batch::only`) gives it the same;
//! - cases written as JSON Lines and as CSV (timelines in the cell encoding of docs/replay.md) read back
//!   to the same cases: both give the batch the same decisions as the answers themselves;
//! - replaying a ruleset against itself flips nothing, and every case is evaluated.

use proptest::prelude::*;
use regiewijzer_core::analysis::{ExampleValue, answers_example};
use regiewijzer_core::answers::Answers;
use regiewijzer_core::eval::{Batch, CaseOutcome, evaluate_outcomes};
use regiewijzer_core::model::FactType;
use regiewijzer_core::replay::{CaseFormat, ReplayOptions, evaluate_cases, read_cases, replay};
use regiewijzer_core::{Date, Model};

#[path = "support/answers.rs"]
mod answers;
use answers::{answers_from, rule_files, today};

/// A value as one CSV cell; a timeline as `date:field:…;…` in field order.
fn cell(m: &Model, fact: &str, v: &ExampleValue) -> String {
    match v {
        ExampleValue::Bool(b) => if *b { "ja" } else { "nee" }.to_string(),
        ExampleValue::Int(n) => n.to_string(),
        ExampleValue::Text(t) => t.clone(),
        ExampleValue::Records(records) if records.is_empty() => "-".to_string(),
        ExampleValue::Records(records) => {
            let def = m.facts.iter().find(|f| f.id == fact).unwrap();
            let FactType::Timeline { fields } = &def.ty else {
                unreachable!()
            };
            records
                .iter()
                .map(|r| {
                    fields
                        .iter()
                        .map(|f| r.get(&f.id).map(|x| cell(m, fact, x)).unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(":")
                })
                .collect::<Vec<_>>()
                .join(";")
        }
    }
}

/// The cases as JSON Lines and as CSV (with a `today` column).
fn files(m: &Model, cases: &[(Answers, Date)]) -> (String, String) {
    let mut jsonl = String::new();
    let ids: Vec<&str> = m.facts.iter().map(|f| f.id.as_str()).collect();
    let mut csv = format!("today,{}\n", ids.join(","));
    for (a, day) in cases {
        let example = answers_example(m, a);
        let line = serde_json::json!({"today": day.to_string(), "answers": example});
        jsonl += &line.to_string();
        jsonl.push('\n');
        let cells: Vec<String> = ids
            .iter()
            .map(|id| example.get(*id).map(|v| cell(m, id, v)).unwrap_or_default())
            .map(|c| {
                if c.contains([',', '"']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        csv += &format!("{day},{}\n", cells.join(","));
    }
    (jsonl, csv)
}

fn decisions(m: &Model, a: &Answers, day: Date) -> Vec<CaseOutcome> {
    let mut out = Vec::new();
    Batch::new(m).decide(a, day, &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    #[test]
    fn the_batch_decides_as_evaluate(
        picks in prop::collection::vec(prop::option::weighted(0.7, any::<u32>()), 40),
        day in any::<u32>(),
    ) {
        for (name, m) in rule_files() {
            let a = answers_from(&m, &picks);
            let e = evaluate_outcomes(&m, &a, today(day));
            let got = decisions(&m, &a, today(day));
            prop_assert_eq!(got.len(), e.outcomes.len());
            for (o, (b, whole)) in got.iter().zip(&e.outcomes).enumerate() {
                let def = &m.outcomes[o];
                let values: Vec<String> = match b.date {
                    Some(d) => vec![d.to_string()],
                    None => b.values.iter().map(|v| def.values[*v].id.clone()).collect(),
                };
                prop_assert_eq!(b.status, whole.status, "{} {}", name, whole.id);
                prop_assert_eq!(&values, &whole.values, "{} {}", name, whole.id);
                let rules: Vec<&str> = b.rules.iter().map(|r| m.rules[*r].id.as_str()).collect();
                let reasons: Vec<&str> = whole
                    .reasons
                    .iter()
                    .filter(|r| r.kind != "default")
                    .map(|r| r.rule.as_str())
                    .collect();
                prop_assert_eq!(rules, reasons, "{} {}", name, whole.id);
                // Deciding this outcome alone gives the same.
                let mut alone = Vec::new();
                Batch::only(&m, &[o]).decide(&a, today(day), &mut alone);
                prop_assert_eq!(&alone[o], b, "{} {} alone", name, whole.id);
            }
        }
    }

    #[test]
    fn cases_read_back_and_a_ruleset_replayed_against_itself_flips_nothing(
        picks in prop::collection::vec(prop::collection::vec(prop::option::weighted(0.7, any::<u32>()), 40), 1..12),
        day in any::<u32>(),
    ) {
        for (name, m) in rule_files() {
            let cases: Vec<(Answers, Date)> = picks
                .iter()
                .enumerate()
                .map(|(i, p)| (answers_from(&m, p), today(day.wrapping_add(i as u32))))
                .collect();
            let (jsonl, csv) = files(&m, &cases);
            for (text, format) in [(&jsonl, CaseFormat::Jsonl), (&csv, CaseFormat::Csv)] {
                prop_assert_eq!(CaseFormat::sniff(text), format);
                let read = read_cases(text, format);
                let mut got = Vec::new();
                let summary = evaluate_cases(&m, &read, None, None, |_, out| got.push(out.to_vec()));
                prop_assert!(summary.bad.is_empty(), "{}: {:?}", name, summary.bad);
                prop_assert!(summary.unusable.is_empty(), "{}: {:?}", name, summary.unusable);
                for ((a, d), g) in cases.iter().zip(&got) {
                    prop_assert_eq!(g, &decisions(&m, a, *d), "{} {:?}", name, format);
                }
                let report = replay(&m, &m, text, ReplayOptions::default());
                prop_assert_eq!(report.cases, cases.len());
                prop_assert_eq!(report.changed, 0);
                prop_assert!(report.outcomes.iter().all(|o| o.flips.is_empty()));
            }
        }
    }
}

/// Forgets every atom's recorded list of the questions it reads (as a damaged compiled model might).
fn forget_atom_facts(c: &mut regiewijzer_core::model::Cond) {
    use regiewijzer_core::model::Cond;
    match c {
        Cond::Atom(a) => a.facts.clear(),
        Cond::And(cs) | Cond::Or(cs) => cs.iter_mut().for_each(forget_atom_facts),
        Cond::Not(c) | Cond::Definitely(c) => forget_atom_facts(c),
        Cond::True => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 30, ..ProptestConfig::default() })]

    /// The batch works out the questions its rules read from the tests themselves, not only from the
    /// atoms' recorded lists: with those lists emptied it still decides as `evaluate` does.
    #[test]
    fn the_batch_reads_the_tests_not_only_the_recorded_lists(
        picks in prop::collection::vec(prop::option::weighted(0.7, any::<u32>()), 40),
        day in any::<u32>(),
    ) {
        for (name, m) in rule_files() {
            let a = answers_from(&m, &picks);
            let want = decisions(&m, &a, today(day));
            let mut damaged = m.clone();
            damaged.rules.iter_mut().for_each(|r| forget_atom_facts(&mut r.cond));
            for (o, expected) in want.iter().enumerate() {
                let mut got = Vec::new();
                Batch::only(&damaged, &[o]).decide(&a, today(day), &mut got);
                prop_assert_eq!(&got[o], expected, "{} outcome {}", name, o);
            }
        }
    }
}
