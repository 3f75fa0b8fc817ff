//! The analysis agrees with brute force: on many small random rulesets (yes/no, choice and whole-number
//! questions, `ask when`, `priority`/`unique`/`collect` outcomes) every answer combination is evaluated,
//! and every gap, conflict, dead rule and shadowed rule the analysis reports is real, and none is
//! missed. Each reported example, evaluated, shows what the finding says.

use proptest::prelude::*;
use regiewijzer_core::analysis::{FindingKind, Options, analyze};
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn analysis_agrees_with_brute_force(
        seed in any::<u64>(),
        facts in 2usize..6,
        rules in 2usize..10,
        atoms in 1usize..4,
        priorities in 1usize..3,
        ask_when in any::<bool>(),
    ) {
        let shape = generate::Shape {
            facts,
            rules,
            min_atoms: 1,
            atoms,
            priorities,
            ask_when,
            catch_all: false,
        };
        check(seed, &shape)?;
    }
}
