//! The analysis agrees with brute force: on many small random rulesets (yes/no, choice and whole-number
//! questions, `ask when`, `priority`/`unique`/`collect` outcomes) every answer combination is evaluated,
//! and every gap, conflict, dead rule and shadowed rule the analysis reports is real, and none is
//! missed. Each reported example, evaluated, shows what the finding says.

use proptest::prelude::*;
use regiewijzer_core::analysis::{FindingKind, Options, analyze, diff};
use regiewijzer_core::answers::Answers;
use regiewijzer_core::ast::Policy;
use regiewijzer_core::eval::{Probe, Status, probe};
use regiewijzer_core::model::{FactType, Value};
use regiewijzer_core::{Date, Model, compile};

#[path = "support/generate.rs"]
mod generate;

fn today() -> Date {
    Date::parse("2026-03-02").unwrap_or(Date::EPOCH)
}

/// Every value of a fact (whole numbers: the declared range).
fn domain(ty: &FactType) -> Vec<Value> {
    match ty {
        FactType::Bool => vec![Value::Bool(true), Value::Bool(false)],
        FactType::Choice { options } => (0..options.len()).map(Value::Choice).collect(),
        FactType::Int { min, max } => (min.unwrap_or(0)..=max.unwrap_or(20))
            .map(Value::Int)
            .collect(),
        FactType::Scale { min, max, .. } => (*min..=*max).map(Value::Int).collect(),
        _ => Vec::new(),
    }
}

/// Evaluates every full answer combination (hidden questions answered too; their answers are ignored).
fn all_probes(m: &Model) -> Vec<Probe> {
    let domains: Vec<Vec<Value>> = m.facts.iter().map(|f| domain(&f.ty)).collect();
    let mut out = Vec::new();
    let mut idx = vec![0usize; domains.len()];
    loop {
        let mut a = Answers::empty(m);
        for (f, (d, &i)) in domains.iter().zip(&idx).enumerate() {
            a.set(f, d.get(i).copied());
        }
        out.push(probe(m, &a, today()));
        let mut k = 0;
        loop {
            let Some(d) = domains.get(k) else {
                return out;
            };
            idx[k] += 1;
            if idx[k] < d.len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
}

fn example_probe(m: &Model, ex: &regiewijzer_core::analysis::Example) -> Probe {
    let json = serde_json::to_string(&ex.answers).unwrap();
    let raw: regiewijzer_core::answers::RawAnswers = serde_json::from_str(&json).unwrap();
    let (answers, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "example answers are valid: {issues:?}");
    probe(m, &answers, ex.today)
}

fn check(seed: u64, shape: &generate::Shape) -> Result<(), TestCaseError> {
    let src = generate::ruleset(seed, shape);
    let Some(m) = compile(&src).model else {
        return Err(TestCaseError::fail(format!(
            "generated ruleset does not compile:\n{src}"
        )));
    };
    let size: usize = m.facts.iter().map(|f| domain(&f.ty).len().max(1)).product();
    prop_assume!(size <= 30_000);
    let report = analyze(&m, &Options::new(today()));
    prop_assert!(
        report.complete,
        "small rulesets are searched completely:\n{src}"
    );
    prop_assert!(
        report.notes.is_empty(),
        "nothing approximated: {:?}",
        report.notes
    );
    let all = all_probes(&m);
    for (oid, o) in m.outcomes.iter().enumerate() {
        let status_of = |p: &Probe| p.outcomes.get(oid).map(|x| x.status);
        let gap = all.iter().any(|p| status_of(p) == Some(Status::Undecided));
        let conflict = all.iter().any(|p| status_of(p) == Some(Status::Conflict));
        let gaps: Vec<_> = report
            .findings
            .iter()
            .filter(|f| matches!(&f.kind, FindingKind::Gap { outcome } if *outcome == o.id))
            .collect();
        let conflicts: Vec<_> = report
            .findings
            .iter()
            .filter(
                |f| matches!(&f.kind, FindingKind::Conflict { outcome, .. } if *outcome == o.id),
            )
            .collect();
        prop_assert_eq!(
            gap,
            !gaps.is_empty(),
            "gap in {} (brute force {}):\n{}",
            o.id,
            gap,
            src
        );
        prop_assert_eq!(
            conflict,
            !conflicts.is_empty(),
            "conflict in {} (brute force {}):\n{}",
            o.id,
            conflict,
            src
        );
        for f in gaps.iter().chain(&conflicts) {
            let ex = f
                .example
                .as_ref()
                .ok_or_else(|| TestCaseError::fail("no example"))?;
            let p = example_probe(&m, ex);
            let want = if matches!(f.kind, FindingKind::Gap { .. }) {
                Status::Undecided
            } else {
                Status::Conflict
            };
            prop_assert_eq!(
                status_of(&p),
                Some(want),
                "example of {:?} shows it:\n{}",
                f,
                src
            );
        }
    }
    for (ri, r) in m.rules.iter().enumerate() {
        let fires = |p: &Probe| p.rules.get(ri).is_some_and(|(now, _)| *now == Some(true));
        let dead = !all.iter().any(fires);
        let reported = report
            .findings
            .iter()
            .any(|f| matches!(&f.kind, FindingKind::DeadRule { rule } if *rule == r.id));
        prop_assert_eq!(
            dead,
            reported,
            "dead rule {} (brute force {}):\n{}",
            r.id,
            dead,
            src
        );
        if dead {
            continue;
        }
        for &(oid, _) in &r.assigns {
            let Some(o) = m.outcomes.get(oid) else {
                continue;
            };
            if o.policy != Policy::Priority {
                continue;
            }
            let key = (r.priority, r.rank);
            let higher: Vec<usize> = m
                .rules
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    h.assigns.iter().any(|(x, _)| *x == oid) && (h.priority, h.rank) > key
                })
                .map(|(i, _)| i)
                .collect();
            let wins = all.iter().any(|p| {
                fires(p)
                    && higher
                        .iter()
                        .all(|&h| p.rules.get(h).is_some_and(|(now, _)| *now != Some(true)))
            });
            let reported = report.findings.iter().any(|f| {
                matches!(&f.kind, FindingKind::ShadowedRule { rule, outcome, .. } if *rule == r.id && *outcome == o.id)
            });
            prop_assert_eq!(
                !wins,
                reported,
                "shadowed rule {} for {}:\n{}",
                r.id,
                o.id,
                src
            );
        }
    }
    Ok(())
}

/// What an outcome comes to in a probe: its status and its values, sorted (a set for `collect`).
fn outcome_state(p: &Probe, o: usize) -> Option<(Status, Vec<String>)> {
    let out = p.outcomes.get(o)?;
    let mut values = out.values.clone();
    values.sort();
    Some((out.status, values))
}

/// The diff agrees with brute force: every change it reports is real (its example gives the old and
/// the new state it names, and they differ), and when it says it is complete, every outcome that
/// changes for some answers has at least one change reported.
fn check_diff(seed: u64, mutation: u64, shape: &generate::Shape) -> Result<(), TestCaseError> {
    let src = generate::ruleset(seed, shape);
    let Some(changed) = generate::mutate(&src, mutation) else {
        return Ok(());
    };
    let (Some(old), Some(new)) = (compile(&src).model, compile(&changed).model) else {
        return Ok(());
    };
    let d = diff(&old, &new, &Options::new(today()));
    for c in &d.changes {
        let o = old.outcome_by_name(&c.outcome).unwrap();
        let (a, b) = (
            example_probe(&old, &c.example),
            example_probe(&new, &c.example),
        );
        let (sa, sb) = (outcome_state(&a, o).unwrap(), outcome_state(&b, o).unwrap());
        prop_assert_ne!(
            &sa,
            &sb,
            "reported change is not one: {}\n{}\n---\n{}",
            c.message.en,
            src,
            changed
        );
        let mut from = c.from.clone();
        from.1.sort();
        let mut to = c.to.clone();
        to.1.sort();
        prop_assert_eq!((&from, &to), (&sa, &sb), "{}", c.message.en);
        for v in &c.gained {
            prop_assert!(
                sb.1.contains(v) && !sa.1.contains(v),
                "gained {} in {}",
                v,
                c.message.en
            );
        }
        for v in &c.lost {
            prop_assert!(
                sa.1.contains(v) && !sb.1.contains(v),
                "lost {} in {}",
                v,
                c.message.en
            );
        }
    }
    if !d.complete {
        return Ok(());
    }
    let (pa, pb) = (all_probes(&old), all_probes(&new));
    for (o, def) in old.outcomes.iter().enumerate() {
        let changes = pa
            .iter()
            .zip(&pb)
            .any(|(a, b)| outcome_state(a, o) != outcome_state(b, o));
        let reported = d.changes.iter().any(|c| c.outcome == def.id);
        // A region's count never exceeds the answer combinations that change.
        let differing = pa
            .iter()
            .zip(&pb)
            .filter(|(a, b)| outcome_state(a, o) != outcome_state(b, o))
            .count() as u64;
        for c in d.changes.iter().filter(|c| c.outcome == def.id) {
            prop_assert!(
                c.combinations.is_some_and(|n| n >= 1 && n <= differing),
                "{} counts {:?} of {} changing combinations",
                c.message.en,
                c.combinations,
                differing
            );
        }
        prop_assert_eq!(
            changes,
            reported,
            "outcome {} changes for some answers: {}, reported: {}\n{}\n---\n{}",
            def.id,
            changes,
            reported,
            src,
            changed
        );
    }
    Ok(())
}

/// A small random shape: 2–5 questions, up to 9 rules of 1–3 atoms, one or two priorities.
fn small_shape() -> impl Strategy<Value = generate::Shape> {
    (2usize..6, 2usize..10, 1usize..4, 1usize..3, any::<bool>()).prop_map(
        |(facts, rules, atoms, priorities, ask_when)| generate::Shape {
            facts,
            rules,
            min_atoms: 1,
            atoms,
            priorities,
            ask_when,
            catch_all: false,
            sets: true,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn diff_agrees_with_brute_force(seed in any::<u64>(), mutation in any::<u64>(), shape in small_shape()) {
        check_diff(seed, mutation, &shape)?;
    }

    #[test]
    fn analysis_agrees_with_brute_force(seed in any::<u64>(), shape in small_shape()) {
        check(seed, &shape)?;
    }
}
