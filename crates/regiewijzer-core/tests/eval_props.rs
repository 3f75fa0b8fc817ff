//! Laws of evaluation, checked on random answers:
//! - evaluation never panics, whatever the answers (also loose JSON-like input);
//! - an outcome that is *final* does not change, whatever the open questions are answered with
//!   (brute force over random completions agrees with the analysis), also a collect outcome that
//!   `follows` single-value outcomes (the fixture `volgen.regels` and the shipped rulesets); for a
//!   `collect` outcome: a value shown that is final stays, and when the outcome is not provisional every
//!   value shown stays;
//! - a value a `collect` outcome *could add* is added by some completion: a rule giving it has a witness
//!   (answers extending the given ones) under which every random completion shows the value;
//! - the ranked open questions (`next`) are exactly what matters next;
//! - when every asked question is answered, nothing is provisional, and what matters next is empty;
//! - a provisional outcome names at least one asked, unanswered question;
//! - the outcomes alone (`evaluate_outcomes`) then what matters next (`what_matters_next`) give exactly
//!   the whole evaluation, and the first step leaves the ranking and `could_add` empty;
//! - deciding one outcome (`decide`) gives what the whole evaluation gives it;
//! - answers set one at a time (`Answers::set_raw`) are the answers converted at once (`from_raw`).

use proptest::prelude::*;
use regiewijzer_core::answers::{Answers, RawAnswers, RawValue};
use regiewijzer_core::ast::Policy;
use regiewijzer_core::eval::{
    Decision, Evaluation, decide, evaluate, evaluate_outcomes, what_matters_next, witness,
};
use regiewijzer_core::model::FactType;
use regiewijzer_core::{Date, Model};

#[path = "support/answers.rs"]
mod answers;
use answers::{answers_from, records_for, rule_files, today, value_for};

fn check_laws(e: &Evaluation) {
    if e.complete {
        for o in &e.outcomes {
            assert!(!o.provisional, "complete but provisional: {o:#?}");
        }
        assert!(e.matters_next.is_empty());
        assert!(e.outcomes.iter().all(|o| o.could_add.is_empty()));
    }
    for o in &e.outcomes {
        if o.policy == Policy::Collect {
            // Provisional: a value shown could fall away, so some open question matters.
            assert!(!o.provisional || !o.matters_next.is_empty(), "{o:#?}");
            assert!(o.final_values.iter().all(|v| o.values.contains(v)));
            assert_eq!(
                o.provisional,
                o.final_values.len() < o.values.len(),
                "{o:#?}"
            );
            assert!(o.could_add.iter().all(|v| !o.values.contains(v)));
            assert!(o.could_add.is_empty() || !o.matters_next.is_empty());
        } else {
            assert_eq!(o.provisional, !o.matters_next.is_empty(), "{o:#?}");
            assert!(o.final_values.is_empty() && o.could_add.is_empty());
        }
        assert_eq!(o.values.len(), o.value_labels.len());
        assert_eq!(o.could_add.len(), o.could_add_labels.len());
    }
    // The ranked list holds the same questions as what matters next.
    let mut ranked: Vec<&String> = e.next.iter().map(|n| &n.fact).collect();
    ranked.sort();
    let mut plain: Vec<&String> = e.matters_next.iter().collect();
    plain.sort();
    assert_eq!(ranked, plain);
}

/// `answers` with every unanswered question answered from `fill`.
fn complete(m: &Model, answers: &Answers, fill: &[u32]) -> Answers {
    let mut a = answers.clone();
    for (f, def) in m.facts.iter().enumerate() {
        if a.is_answered(f) {
            continue;
        }
        let seed = fill.get(f).copied().unwrap_or(0);
        match &def.ty {
            FactType::Timeline { fields } => a.set_list(f, Some(records_for(fields, seed))),
            ty => a.set(f, Some(value_for(ty, seed))),
        }
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn final_outcomes_survive_every_completion(
        picks in prop::collection::vec(prop::option::weighted(0.5, any::<u32>()), 40),
        fills in prop::collection::vec(prop::collection::vec(any::<u32>(), 40), 6),
        day in any::<u32>(),
    ) {
        for (name, m) in rule_files() {
            let partial = answers_from(&m, &picks);
            let e = evaluate(&m, &partial, today(day));
            check_laws(&e);
            for fill in &fills {
                // Answer every open question (asked or not); keep the given answers.
                let full: Vec<Option<u32>> = (0..m.facts.len())
                    .map(|f| picks.get(f).copied().flatten().or(fill.get(f).copied()))
                    .collect();
                let later = evaluate(&m, &answers_from(&m, &full), today(day));
                check_laws(&later);
                for (before, after) in e.outcomes.iter().zip(&later.outcomes) {
                    if before.policy == Policy::Collect {
                        for v in &before.final_values {
                            prop_assert!(after.values.contains(v), "{}: final value {} of {} fell away", name, v, before.id);
                        }
                        if !before.provisional {
                            for v in &before.values {
                                prop_assert!(after.values.contains(v), "{}: value {} of {} fell away", name, v, before.id);
                            }
                        }
                    } else if !before.provisional {
                        prop_assert_eq!(
                            (before.status, &before.values),
                            (after.status, &after.values),
                            "{}: final outcome {} changed", name, before.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn could_add_values_come_with_some_completion(
        picks in prop::collection::vec(prop::option::weighted(0.5, any::<u32>()), 40),
        fills in prop::collection::vec(prop::collection::vec(any::<u32>(), 40), 4),
        day in any::<u32>(),
    ) {
        for (name, m) in rule_files() {
            let partial = answers_from(&m, &picks);
            let e = evaluate(&m, &partial, today(day));
            for (oid, o) in e.outcomes.iter().enumerate() {
                for v in &o.could_add {
                    let vid = m.outcomes[oid].values.iter().position(|d| &d.id == v).unwrap();
                    // Some rule giving the value has a witness: answers extending the given ones.
                    let w = (0..m.rules.len())
                        .filter(|&r| m.rules[r].assigns.contains(&(oid, vid)))
                        .find_map(|r| witness(&m, &partial, today(day), r, oid));
                    prop_assert!(w.is_some(), "{}: no witness for {} in {}", name, v, o.id);
                    let w = w.unwrap();
                    for f in 0..m.facts.len() {
                        if partial.is_answered(f) {
                            prop_assert_eq!(partial.get(f), w.get(f));
                            prop_assert_eq!(partial.list(f), w.list(f));
                        }
                    }
                    for fill in &fills {
                        let later = evaluate(&m, &complete(&m, &w, fill), today(day));
                        prop_assert!(
                            later.outcomes[oid].values.contains(v),
                            "{}: {} could be added to {} but a completion of its witness lacks it", name, v, o.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn loose_answers_never_panic(
        entries in prop::collection::vec((0usize..60, 0u8..7, any::<i64>(), "[a-z0-9 -]{0,12}"), 0..30),
        day in any::<u32>(),
    ) {
        for (_, m) in rule_files() {
            let mut raw = regiewijzer_core::SortedMap::new();
            for (k, kind, n, text) in &entries {
                let key = m.facts.get(*k).map(|f| f.id.clone()).unwrap_or_else(|| format!("x{k}"));
                let v = match kind {
                    0 => RawValue::Null,
                    1 => RawValue::Bool(n % 2 == 0),
                    2 => RawValue::Int(*n),
                    3 => RawValue::Float(*n as f64 / 7.0),
                    4 => RawValue::Text(text.clone()),
                    5 => RawValue::Text(format!("2026-0{}-1{}", n.rem_euclid(9) + 1, n.rem_euclid(10))),
                    _ => RawValue::Text(match &m.facts.get(*k).map(|f| &f.ty) {
                        Some(FactType::Choice { options }) => options
                            .get(n.unsigned_abs() as usize % options.len().max(1))
                            .map(|o| o.id.clone())
                            .unwrap_or_default(),
                        _ => "ja".into(),
                    }),
                };
                raw.insert(key, v);
            }
            let (answers, issues) = Answers::from_raw(&m, &RawAnswers(raw.clone()));
            let e = evaluate(&m, &answers, today(day));
            check_laws(&e);
            // The same answers typed in one by one, in any order: the same answers and issues.
            let mut one_by_one = Answers::empty(&m);
            let mut issues_one = Vec::new();
            let entries: Vec<_> = raw.iter().collect();
            for (key, value) in entries.into_iter().rev() {
                if let Some(f) = m.fact_by_name(key) {
                    issues_one.extend(one_by_one.set_raw(&m, f, value));
                }
            }
            for f in 0..m.facts.len() {
                prop_assert_eq!(one_by_one.get(f), answers.get(f));
                prop_assert_eq!(one_by_one.list(f), answers.list(f));
            }
            let known: Vec<_> = issues.iter().filter(|i| m.fact_by_name(&i.fact).is_some()).collect();
            prop_assert_eq!(known.len(), issues_one.len());
            decides_like_evaluate(&m, &answers, today(day), &e)?;
        }
    }

    #[test]
    fn the_outcomes_then_what_matters_next_are_the_whole_evaluation(
        picks in prop::collection::vec(prop::option::weighted(0.5, any::<u32>()), 40),
        day in any::<u32>(),
    ) {
        for (name, m) in rule_files() {
            let answers = answers_from(&m, &picks);
            let whole = evaluate(&m, &answers, today(day));
            let mut steps = evaluate_outcomes(&m, &answers, today(day));
            prop_assert!(steps.next.is_empty(), "{}", name);
            prop_assert!(steps.outcomes.iter().all(|o| o.could_add.is_empty() && o.could_add_labels.is_empty()));
            what_matters_next(&m, &answers, today(day), &mut steps);
            prop_assert_eq!(&steps, &whole, "{}", name);
        }
    }

    #[test]
    fn deciding_one_outcome_gives_what_evaluation_gives(
        picks in prop::collection::vec(prop::option::weighted(0.6, any::<u32>()), 40),
        day in any::<u32>(),
    ) {
        for (_, m) in rule_files() {
            let answers = answers_from(&m, &picks);
            let e = evaluate(&m, &answers, today(day));
            decides_like_evaluate(&m, &answers, today(day), &e)?;
        }
    }
}

fn decides_like_evaluate(
    m: &Model,
    answers: &Answers,
    day: Date,
    e: &Evaluation,
) -> Result<(), TestCaseError> {
    for (o, whole) in e.outcomes.iter().enumerate() {
        let want = Decision {
            status: whole.status,
            values: whole.values.clone(),
            provisional: whole.provisional,
        };
        prop_assert_eq!(
            decide(m, answers, day, o),
            Some(want),
            "outcome {}",
            whole.id
        );
    }
    prop_assert_eq!(decide(m, answers, day, e.outcomes.len()), None);
    Ok(())
}
