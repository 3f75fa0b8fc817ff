//! The compact binary form of a model (what the widget bundle carries instead of the compiler): every
//! shipped ruleset survives the round trip unchanged, its tests pass on the decoded model exactly as on
//! the compiled one, and damaged or foreign bytes are an error, never a panic. The format version is
//! tied to the bytes: they do not change while it stays (`fixtures/bin_format.digest`).

use std::path::PathBuf;

use proptest::prelude::*;
use regiewijzer_core::bin::{DecodeError, FORMAT_VERSION, decode, encode, kept};
use regiewijzer_core::check_tests_file;
use regiewijzer_core::compile;
use regiewijzer_core::testing::run_tests;
use sha2::{Digest, Sha256};

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

/// A model in another format version is refused with both versions named, not misread.
#[test]
fn another_format_version_is_refused_not_misread() {
    let (_, src) = shipped().remove(0);
    let bytes = encode(&compile(&src).model.unwrap());
    assert_eq!(&bytes[..8], b"RWMODEL5", "the header of format 5");
    for other in [4, 6] {
        let mut bytes = bytes.clone();
        bytes[7] = b'0' + other;
        let refused = decode(&bytes);
        assert_eq!(refused, Err(DecodeError::Format { found: other }));
        let text = refused.unwrap_err().to_string();
        assert!(text.contains(&format!("formaatversie {other}")), "{text}");
        assert!(text.contains(&format!("reads {FORMAT_VERSION}")), "{text}");
    }
}

/// The files whose encoded models stand for the format: the shipped rulesets and the core's fixtures. A
/// fixed list (not every file of a folder), so that adding a fixture does not touch the record.
const FORMAT_CORPUS: &[&str] = &[
    "rulesets/triage.regels",
    "rulesets/escalatie.regels",
    "rulesets/regie.regels",
    "crates/regiewijzer-core/tests/fixtures/analyse_fouten.regels",
    "crates/regiewijzer-core/tests/fixtures/beslissen.regels",
    "crates/regiewijzer-core/tests/fixtures/mini.regels",
    "crates/regiewijzer-core/tests/fixtures/overdracht.regels",
    "crates/regiewijzer-core/tests/fixtures/termijnen.regels",
    "crates/regiewijzer-core/tests/fixtures/tijdlijnen.regels",
    "crates/regiewijzer-core/tests/fixtures/volgen.regels",
];

fn short_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The record of the format: `format N`, then per corpus file `PATH SOURCE-DIGEST BYTES-DIGEST`, where the
/// bytes are the encoded model after its header (`RWMODEL`, the format version byte and the core's
/// version, which a new release changes without changing the format).
fn format_record() -> String {
    let header: Vec<u8> = [b"RWMODEL".as_slice(), &[b'0' + FORMAT_VERSION]]
        .concat()
        .into_iter()
        .chain([env!("CARGO_PKG_VERSION").len() as u8])
        .chain(env!("CARGO_PKG_VERSION").bytes())
        .collect();
    let mut record = format!("format {FORMAT_VERSION}\n");
    for path in FORMAT_CORPUS {
        let full = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(&full).unwrap();
        let model = compile(&src)
            .model
            .unwrap_or_else(|| panic!("{path} compiles"));
        let bytes = encode(&model);
        let body = bytes.strip_prefix(header.as_slice()).expect("the header");
        let line = format!(
            "{path} {} {}\n",
            short_digest(src.as_bytes()),
            short_digest(body)
        );
        record.push_str(&line);
    }
    record
}

/// The corpus files whose source is the same in both records but whose bytes differ: a change of the
/// format, when the version is the same too.
fn bytes_changed_alone(old: &str, new: &str) -> Vec<String> {
    let words = |line: &str| -> Vec<String> { line.split(' ').map(str::to_string).collect() };
    let old: Vec<Vec<String>> = old.lines().map(words).collect();
    new.lines()
        .map(words)
        .filter(|n| {
            old.iter()
                .any(|o| o.len() == 3 && n.len() == 3 && o[..2] == n[..2] && o[2] != n[2])
        })
        .map(|n| n[0].clone())
        .collect()
}

/// The binary format cannot change without its version: when the encoded model of a corpus file whose
/// source did not change has other bytes than recorded, and [`FORMAT_VERSION`] is the recorded one, this
/// fails, also with `REGIEWIJZER_BLESS=1` (which otherwise rewrites the record, e.g. after a ruleset
/// changed or the version was raised).
#[test]
fn the_format_version_changes_with_the_bytes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bin_format.digest"
    );
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let new = format_record();
    let same_version = old.lines().next() == new.lines().next();
    let changed = bytes_changed_alone(&old, &new);
    assert!(
        !same_version || changed.is_empty(),
        "the binary model format changed: raise the format version in \
         crates/regiewijzer-core/src/bin/mod.rs (FORMAT_VERSION, now {FORMAT_VERSION}); the encoded \
         models of {changed:?} differ from tests/fixtures/bin_format.digest while their sources did not"
    );
    if std::env::var_os("REGIEWIJZER_BLESS").is_some() {
        std::fs::write(path, &new).unwrap();
        return;
    }
    assert_eq!(
        old, new,
        "tests/fixtures/bin_format.digest is out of date (a corpus file or the format version \
         changed): write it again with REGIEWIJZER_BLESS=1"
    );
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
        let mut bytes = b"RWMODEL".to_vec();
        bytes.push(b'0' + FORMAT_VERSION);
        bytes.push(5);
        bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
        bytes.extend_from_slice(&body);
        let _ = decode(&bytes);
    }
}
