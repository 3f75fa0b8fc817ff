//! The whole evaluation (outcomes, reasons, what matters next ranked, `could_add`) stays what it was
//! when the ranking and the `could_add` search were made cheaper: a digest of each evaluation, over
//! seeded answers on the fixtures, the shipped rulesets and generated ones (with `collect` outcomes
//! that `follows` others), is compared with `fixtures/evaluations.digest`.
//!
//! The digests were written by the code before issue 19 (main e20102c). A change that is meant to
//! change results writes them again: `REGIEWIJZER_BLESS=1 cargo test -p regiewijzer-core --test
//! evaluation_unchanged`, and says why in its commit.

use regiewijzer_core::eval::evaluate;
use regiewijzer_core::{Model, compile};
use sha2::{Digest, Sha256};

#[path = "support/answers.rs"]
mod answers;
#[path = "support/generate.rs"]
mod generate;

/// Evaluations per ruleset.
const CASES: u64 = 16;

fn models() -> Vec<(String, Model)> {
    let mut out: Vec<(String, Model)> = answers::rule_files()
        .into_iter()
        .map(|(path, m)| {
            let name = path.rsplit('/').next().unwrap_or(&path).to_string();
            (name, m)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    for seed in 1..=4u64 {
        let shape = generate::Shape {
            facts: 10 + 2 * seed as usize,
            rules: 16 + 4 * seed as usize,
            min_atoms: 1,
            atoms: 3,
            priorities: 3,
            ask_when: true,
            catch_all: seed % 2 == 0,
            sets: true,
            together: true,
        };
        let src = generate::ruleset(seed, &shape);
        let m = compile(&src).model.expect("a generated ruleset compiles");
        out.push((format!("generated-{seed}"), m));
    }
    out
}

/// The digest lines: `RULESET CASE SHA256-PREFIX`, one per evaluation.
fn digests() -> String {
    let mut out = String::new();
    for (name, m) in models() {
        for case in 0..CASES {
            let mut rng = generate::Rng::new(1 + case * 7919 + name.len() as u64);
            // Nothing, a quarter, half or three quarters answered.
            let share = (case % 4) as usize;
            let picks: Vec<Option<u32>> = (0..m.facts.len())
                .map(|_| {
                    let seed = rng.next() as u32;
                    (rng.below(4) < share).then_some(seed)
                })
                .collect();
            let answers = answers::answers_from(&m, &picks);
            let e = evaluate(&m, &answers, answers::today(rng.next() as u32));
            let json = serde_json::to_string(&e).expect("an evaluation serialises");
            let hash = Sha256::digest(json.as_bytes());
            let hex: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
            out.push_str(&format!("{name} {case} {hex}\n"));
        }
    }
    out
}

#[test]
fn evaluations_are_what_they_were() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/evaluations.digest"
    );
    let now = digests();
    if std::env::var_os("REGIEWIJZER_BLESS").is_some() {
        std::fs::write(path, &now).expect("write the digests");
        return;
    }
    let want = std::fs::read_to_string(path).expect("fixtures/evaluations.digest exists");
    let changed: Vec<(&str, &str)> = want
        .lines()
        .zip(now.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(
        changed.is_empty() && want.lines().count() == now.lines().count(),
        "{} of {} evaluations changed, first: {:?}",
        changed.len(),
        want.lines().count(),
        changed.first()
    );
}
