//! Test coverage: which rules no test makes fire, and which outcome values no test expects.

use serde::Serialize;

use crate::answers::Answers;
use crate::eval::probe;
use crate::model::{ExpectDefKind, Model, TestDef};

/// Which rules no test makes fire, and which outcome values no test expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// How many tests ran.
    pub tests: usize,
    /// Rules and table rows (id, line) that no test makes fire.
    pub rules_not_fired: Vec<(String, u32)>,
    /// Outcome values (outcome, value) that no test expects.
    pub values_not_expected: Vec<(String, String)>,
    /// How many rules fire in some test, of how many.
    pub rules_fired: (usize, usize),
}

/// Runs the tests' answers and collects which rules fire and which values are expected.
pub fn coverage(model: &Model, tests: &[TestDef]) -> Coverage {
    let mut fired = vec![false; model.rules.len()];
    let mut expected: Vec<(usize, usize)> = Vec::new();
    for t in tests {
        let today = crate::testing::test_today(model, t);
        let answers = Answers::from_test(model, t);
        let p = probe(model, &answers, today);
        for (i, (now, _)) in p.rules.iter().enumerate() {
            if *now == Some(true)
                && let Some(slot) = fired.get_mut(i)
            {
                *slot = true;
            }
        }
        for e in &t.expects {
            let vals: &[usize] = match &e.kind {
                ExpectDefKind::Equals(v) => std::slice::from_ref(v),
                ExpectDefKind::Contains(vs) | ExpectDefKind::Exactly(vs) => vs,
                _ => &[],
            };
            for v in vals {
                if !expected.contains(&(e.outcome, *v)) {
                    expected.push((e.outcome, *v));
                }
            }
        }
    }
    let rules_not_fired: Vec<(String, u32)> = model
        .rules
        .iter()
        .zip(&fired)
        .filter(|(_, f)| !**f)
        .map(|(r, _)| (r.id.clone(), model.line_of(r.span.start)))
        .collect();
    let mut values_not_expected = Vec::new();
    for (oid, o) in model.outcomes.iter().enumerate() {
        for (vid, v) in o.values.iter().enumerate() {
            if !expected.contains(&(oid, vid)) {
                values_not_expected.push((o.id.clone(), v.id.clone()));
            }
        }
    }
    Coverage {
        tests: tests.len(),
        rules_fired: (fired.iter().filter(|f| **f).count(), model.rules.len()),
        rules_not_fired,
        values_not_expected,
    }
}
