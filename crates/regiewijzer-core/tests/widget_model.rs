//! What a page sees from a ruleset in the widget's binary form (`bin`: the embedded default, and what
//! `compileForWidget` hands the widget) is byte for byte what it sees from the same ruleset compiled from
//! its source: the checklist, the whole evaluation and the one per answer, the answers it cannot use, the
//! summary with decisions in both languages and the check of an override. Over the shipped rulesets and
//! the fixtures, for many answer sets.

use regiewijzer_core::answers::{Answers, RawAnswers};
use regiewijzer_core::bin::{decode, encode};
use regiewijzer_core::describe::checklist;
use regiewijzer_core::eval::{Evaluation, evaluate, evaluate_outcomes};
use regiewijzer_core::summary::{Decision, Override, summary};
use regiewijzer_core::{Date, Model};

#[path = "support/answers.rs"]
mod answers;
#[path = "support/generate.rs"]
#[allow(dead_code)]
mod generate;

/// Answer sets per ruleset.
const CASES: u64 = 40;

/// Everything the widget's engine shows for these answers on `today`, as the page receives it.
fn seen(m: &Model, answers: &Answers, today: Date) -> Vec<String> {
    let whole = evaluate(m, answers, today);
    let first_values = |e: &Evaluation| -> Vec<Decision> {
        e.outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| match (i % 2, m.outcomes[i].values.first()) {
                (1, Some(v)) => Decision::Override(Override {
                    outcome: o.id.clone(),
                    values: vec![v.id.clone()],
                    code: m
                        .override_reasons
                        .first()
                        .map(|r| r.id.clone())
                        .unwrap_or_default(),
                    reason: "Anders besloten.".into(),
                }),
                _ => Decision::Confirmed {
                    outcome: o.id.clone(),
                },
            })
            .collect()
    };
    let decisions = first_values(&whole);
    vec![
        serde_json::to_string(&whole).unwrap(),
        serde_json::to_string(&evaluate_outcomes(m, answers, today)).unwrap(),
        summary(m, &whole, &decisions, "nl"),
        summary(m, &whole, &[], "en"),
    ]
}

/// What the page sees without answers: the checklist, the answers it cannot use (wrong type, out of
/// bounds, unknown question) and the check of overrides it cannot record.
fn seen_once(m: &Model) -> Vec<String> {
    let mut out = vec![serde_json::to_string(&checklist(m)).unwrap()];
    let mut wrong = serde_json::Map::new();
    for (i, f) in m.facts.iter().enumerate() {
        let value = match i % 3 {
            0 => serde_json::json!("geen antwoord"),
            1 => serde_json::json!(123_456_789),
            _ => serde_json::json!([{ "x": true }]),
        };
        wrong.insert(f.id.clone(), value);
    }
    wrong.insert("bestaat_niet".into(), serde_json::json!(true));
    let raw: RawAnswers = serde_json::from_value(serde_json::Value::Object(wrong)).unwrap();
    let (_, issues) = Answers::from_raw(m, &raw);
    out.push(serde_json::to_string(&issues).unwrap());
    for o in &m.outcomes {
        for values in [vec![], vec!["bestaat_niet".to_string()]] {
            let ov = Override {
                outcome: o.id.clone(),
                values,
                code: String::new(),
                reason: String::new(),
            };
            out.push(format!("{:?}", ov.validate(m).map_err(|e| e.message())));
        }
    }
    out
}

#[test]
fn a_page_sees_the_same_from_the_binary_form_as_from_the_source() {
    let files = answers::rule_files();
    assert!(files.iter().any(|(p, _)| p.ends_with("triage.regels")));
    for (path, m) in files {
        let back = decode(&encode(&m)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(seen_once(&back), seen_once(&m), "{path}");
        for case in 0..CASES {
            let mut rng = generate::Rng::new(1 + case * 104_729);
            // From nothing answered to everything answered.
            let share = (case % 5) as usize;
            let picks: Vec<Option<u32>> = (0..m.facts.len())
                .map(|_| {
                    let seed = rng.next() as u32;
                    (rng.below(4) < share).then_some(seed)
                })
                .collect();
            let today = answers::today(rng.next() as u32);
            let on_source = seen(&m, &answers::answers_from(&m, &picks), today);
            let on_bin = seen(&back, &answers::answers_from(&back, &picks), today);
            assert_eq!(on_bin, on_source, "{path}, case {case}");
        }
    }
}
