//! The fuzzers' committed seed corpus (`fuzz/seeds/`) is made from the shipped rulesets and stays in step
//! with them: the `evaluate` target starts from the answers of every shipped test, the `decode` target from
//! the binary form of every shipped ruleset. The rule-text targets read `rulesets/` itself.
//!
//! When a shipped ruleset or its tests change, regenerate with
//! `REGIEWIJZER_BLESS=1 cargo test -p regiewijzer-core --test fuzz_seeds` and commit the result.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regiewijzer_core::analysis::answers_example;
use regiewijzer_core::answers::Answers;
use regiewijzer_core::bin::encode;
use regiewijzer_core::check_tests_file;
use regiewijzer_core::testing::test_today;
use regiewijzer_core::{Date, compile};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed files each target should have: file name → bytes.
fn expected() -> BTreeMap<(&'static str, String), Vec<u8>> {
    let mut out = BTreeMap::new();
    // The `evaluate` target reads two bytes (little-endian days since 1950-01-01) and then JSON answers.
    let base = Date::from_ymd(1950, 1, 1).unwrap();
    for name in ["triage", "escalatie", "regie"] {
        let dir = root().join("rulesets");
        let src = std::fs::read_to_string(dir.join(format!("{name}.regels"))).unwrap();
        let model = compile(&src).model.unwrap();
        out.insert(("decode", format!("{name}.bin")), encode(&model));
        let tests_src = std::fs::read_to_string(dir.join(format!("{name}.tests.regels"))).unwrap();
        let (tests, diagnostics) = check_tests_file(&model, &tests_src);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
        for (i, test) in tests.iter().enumerate() {
            let answers = Answers::from_test(&model, test);
            let json = serde_json::to_vec(&answers_example(&model, &answers)).unwrap();
            let day = u16::try_from(base.days_until(test_today(&model, test))).unwrap();
            let mut bytes = day.to_le_bytes().to_vec();
            bytes.extend(json);
            out.insert(("evaluate", format!("{name}-{i:02}.bin")), bytes);
        }
    }
    out
}

#[test]
fn the_seed_corpus_matches_the_shipped_rulesets() {
    let expected = expected();
    let bless = std::env::var_os("REGIEWIJZER_BLESS").is_some();
    let seeds = root().join("fuzz/seeds");
    for target in ["evaluate", "decode"] {
        let dir = seeds.join(target);
        let mut present: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        present.sort();
        let wanted: Vec<&String> = expected
            .keys()
            .filter(|(t, _)| *t == target)
            .map(|(_, n)| n)
            .collect();
        if bless {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for ((t, name), bytes) in &expected {
                if *t == target {
                    std::fs::write(dir.join(name), bytes).unwrap();
                }
            }
            continue;
        }
        assert_eq!(
            present.iter().collect::<Vec<_>>(),
            wanted,
            "fuzz/seeds/{target} is out of step with the shipped rulesets; regenerate it (see this file)"
        );
        for name in wanted {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            assert!(
                expected.get(&(target, name.clone())) == Some(&bytes),
                "fuzz/seeds/{target}/{name} is out of step with the shipped rulesets; regenerate it"
            );
        }
    }
}
