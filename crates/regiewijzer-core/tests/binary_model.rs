//! The compact binary form of a model (what the widget bundle carries instead of the compiler): every
//! shipped ruleset survives the round trip unchanged, its tests pass on the decoded model exactly as on
//! the compiled one, and damaged or foreign bytes are an error, never a panic.

use std::path::PathBuf;

use proptest::prelude::*;
use regiewijzer_core::bin::{DecodeError, decode, encode, kept};
use regiewijzer_core::check::check_tests_file;
use regiewijzer_core::compile;
use regiewijzer_core::testing::run_tests;

fn rulesets_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets"))
}

fn shipped() -> Vec<(String, String)> {
    ["triage", "escalatie", "regie"]
        .iter()
        .map(|name| {
            let path = rulesets_dir().join(format!("{name}.regels"));
            (name.to_string(), std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

#[test]
fn every_shipped_ruleset_round_trips_as_far_as_kept() {
    for (name, src) in shipped() {
        let model = compile(&src).model.unwrap();
        let bytes = encode(&model);
        let back = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, kept(&model), "{name}");
        assert_eq!(
            back.meta.hash, model.meta.hash,
            "{name}: the content hash travels along"
        );
        // Encoding is deterministic, so the embedded default is reproducible.
        assert_eq!(encode(&back), bytes, "{name}");
    }
}

/// What only the analysis reads stays out of the bytes a page downloads: the code text of whole conditions
/// (each atom keeps its own), the places of facts and outcomes, and of rules and handovers all but their
/// line. (That a page sees the same without
/// them: `tests/widget_model.rs`.)
#[test]
fn what_only_the_analysis_reads_is_left_out() {
    for (name, src) in shipped() {
        let model = compile(&src).model.unwrap();
        let back = decode(&encode(&model)).unwrap();
        assert!(
            model.rules.iter().any(|r| r.cond_text.contains(" and ")),
            "{name}"
        );
        assert!(back.rules.iter().all(|r| r.cond_text.is_empty()), "{name}");
        assert!(
            back.handovers.iter().all(|h| h.when_text.is_empty()),
            "{name}"
        );
        assert!(
            back.facts.iter().all(|f| f.span == Default::default()),
            "{name}"
        );
        assert!(
            back.outcomes.iter().all(|o| o.span == Default::default()),
            "{name}"
        );
        // Rules and handovers keep their lines (reasons give them), not the byte offsets or the
        // lengths of the lines.
        for (a, b) in model.rules.iter().zip(&back.rules) {
            let lines = (model.line_of(a.span.start), back.line_of(b.span.start));
            assert_eq!(lines.0, lines.1, "{name} {}", a.id);
        }
        for (a, b) in model.handovers.iter().zip(&back.handovers) {
            let lines = (model.line_of(a.span.start), back.line_of(b.span.start));
            assert_eq!(lines.0, lines.1, "{name} {}", a.id);
        }
        let counting: Vec<u32> = (0..model.line_starts.len() as u32).collect();
        assert_eq!(back.line_starts, counting, "{name}");
        // Leaving them out of the model first changes nothing: they are not in the bytes.
        assert_eq!(encode(&kept(&model)), encode(&model), "{name}");
    }
}

#[test]
fn the_shipped_tests_give_the_same_results_on_the_decoded_model() {
    for (name, src) in shipped() {
        let model = compile(&src).model.unwrap();
        let mut tests = model.tests.clone();
        let sibling = rulesets_dir().join(format!("{name}.tests.regels"));
        if let Ok(more) = std::fs::read_to_string(&sibling) {
            let (t, diags) = check_tests_file(&model, &more);
            assert!(diags.is_empty(), "{name}: {diags:?}");
            tests.extend(t);
        }
        assert!(!tests.is_empty(), "{name} has tests");
        let decoded = decode(&encode(&model)).unwrap();
        let on_compiled = run_tests(&model, &tests);
        let on_decoded = run_tests(&decoded, &tests);
        assert_eq!(on_compiled, on_decoded, "{name}");
        assert!(on_decoded.iter().all(|r| r.passed), "{name}");
    }
}

#[test]
fn foreign_and_truncated_bytes_are_refused() {
    assert_eq!(decode(b""), Err(DecodeError::NotAModel));
    assert_eq!(decode(b"ruleset triage"), Err(DecodeError::NotAModel));
    let (_, src) = shipped().remove(0);
    let bytes = encode(&compile(&src).model.unwrap());
    for cut in [8, 9, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            matches!(decode(&bytes[..cut]), Err(DecodeError::Damaged(_))),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(decode(&longer), Err(DecodeError::Damaged(_))));
}

#[test]
fn the_previous_format_is_refused_not_misread() {
    let (_, src) = shipped().remove(0);
    let mut bytes = encode(&compile(&src).model.unwrap());
    bytes[..8].copy_from_slice(b"RWMODEL2");
    assert_eq!(decode(&bytes), Err(DecodeError::NotAModel));
}

#[test]
fn another_core_version_is_named() {
    let (_, src) = shipped().remove(0);
    let mut bytes = encode(&compile(&src).model.unwrap());
    // The version string follows the 8-byte header and its length byte.
    let at = 9;
    bytes[at] = b'9';
    match decode(&bytes) {
        Err(DecodeError::Version { found }) => assert!(found.starts_with('9')),
        other => panic!("{other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Flipping, cutting or inserting bytes anywhere gives a model or an error, never a panic or a hang.
    #[test]
    fn damaged_bytes_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let src = std::fs::read_to_string(rulesets_dir().join("escalatie.regels")).unwrap();
        let mut bytes = encode(&compile(&src).model.unwrap());
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        // What still decodes encodes back to what the form keeps of it (the fuzzer's `decode` check).
        if let Ok(model) = decode(&bytes) {
            prop_assert_eq!(decode(&encode(&model)), Ok(kept(&model)));
        }
        let n = cut.index(bytes.len());
        let _ = decode(&bytes[..n]);
    }

    /// Arbitrary bytes behind a valid header are refused cleanly.
    #[test]
    fn arbitrary_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut bytes = b"RWMODEL3".to_vec();
        bytes.push(5);
        bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
        bytes.extend_from_slice(&body);
        let _ = decode(&bytes);
    }
}
