//! The catalogue of diagnostics: every code in [`ALL_CODES`] raised by a minimal source, through the
//! public API as the command line reads files (bytes decoded by `source::decode`, then `compile` or
//! `check_tests_file`); its place and both messages kept as one snapshot
//! (`snapshots/catalogue__messages.snap`); every Dutch message checked for English words.
//!
//! A case is a file in `tests/catalogue/` named after its code: `E301.regels` (a ruleset),
//! `E402.tests.regels` (a tests file, checked against `voorbeeld.regels` or the ruleset [`RULESETS`]
//! names) or `E601.case.regels` (several rulesets of one case, each from its `ruleset` line, checked
//! together). A ruleset case that is a variant and holds a second `ruleset` line is the variant followed by its base, checked
//! with `compile_variant` (`E702.regels`). A name may go on after a dash for a second case of a code (`E201-eof.regels`). The cases at the
//! limits (too large, too deep, too many, too many problems) are made here from `voorbeeld.regels` and
//! the numbers in `limits.rs` ([`generated`]). Files not named after a code are rulesets for tests files
//! and have no diagnostics at all.
//!
//! To add a code: add its variant and its code to `ALL_CODES` (`src/diag.rs`), a case here, then bless
//! the snapshot with `INSTA_UPDATE=always cargo test -p regiewijzer-core --test catalogue` (or
//! `cargo insta review`) and read its diff.

use regiewijzer_core::check_tests_file;
use regiewijzer_core::diag::ALL_CODES;
use regiewijzer_core::limits::{
    MAX_DEPTH, MAX_DIAGNOSTICS, MAX_FACTS, MAX_RECORDS, MAX_RULES, MAX_SOURCE_BYTES, MAX_TEXT_CHARS,
};
use regiewijzer_core::{Diagnostic, Severity, check_case, compile, compile_variant, source};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "support/dutch.rs"]
mod dutch;

/// Codes that no source can raise any more, with the reason (the code is left for its variant's removal).
const UNREACHABLE: &[(&str, &str)] = &[];

/// Tests files checked against another ruleset than `voorbeeld.regels`: (case, ruleset file stem).
const RULESETS: &[(&str, &str)] = &[("E401", "vandaag"), ("E109-records", "tijdlijn")];

/// Codes a case may raise besides its own: the problems that its summary counts.
const ALONGSIDE: &[(&str, &str)] = &[("E111", "E301"), ("W507", "W504")];

/// One minimal source: a ruleset, or a tests file with the ruleset it is checked against.
struct Case {
    /// The code, optionally followed by `-` and a word.
    name: String,
    /// The bytes of the file with the mistake.
    bytes: Vec<u8>,
    /// For a tests file: the stem of the ruleset it is checked against.
    ruleset: Option<String>,
    /// For a case (`E601.case.regels`): several rulesets in one file, each from its `ruleset` line,
    /// checked together by `check_case`.
    case: bool,
}

impl Case {
    /// The code this case raises.
    fn code(&self) -> &str {
        self.name.split('-').next().unwrap_or_default()
    }

    /// Its diagnostics, as the command line gets them.
    fn diagnostics(&self) -> Vec<Diagnostic> {
        let text = match source::decode(&self.bytes) {
            Ok(text) => text,
            Err(d) => return vec![*d],
        };
        if self.case {
            return case_diagnostics(text);
        }
        match &self.ruleset {
            None => variant_diagnostics(text).unwrap_or_else(|| compile(text).diagnostics),
            Some(stem) => {
                let rules = compile(&read(stem, ".regels"));
                let model = rules
                    .model
                    .unwrap_or_else(|| panic!("{stem}.regels has errors"));
                check_tests_file(&model, text).1
            }
        }
    }
}

/// When `text` holds two rulesets, a variant and then its base: the variant's diagnostics.
fn variant_diagnostics(text: &str) -> Option<Vec<Diagnostic>> {
    let base = text.match_indices("\nruleset ").nth(1)?.0 + 1;
    let (variant, base) = text.split_at(base);
    regiewijzer_core::variant::variant_of(variant)?;
    Some(compile_variant(variant, base).diagnostics)
}

/// The diagnostics of the rulesets in `text` (each starts at a `ruleset` line), then of the case.
fn case_diagnostics(text: &str) -> Vec<Diagnostic> {
    let starts: Vec<usize> = text
        .match_indices("\nruleset ")
        .map(|(i, _)| i + 1)
        .collect();
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    let sources: Vec<&str> = starts.iter().zip(ends).map(|(&a, b)| &text[a..b]).collect();
    let compiled: Vec<_> = sources.iter().map(|s| compile(s)).collect();
    let mut out: Vec<Diagnostic> = compiled
        .iter()
        .flat_map(|c| c.diagnostics.clone())
        .collect();
    let pairs: Vec<(&regiewijzer_core::Model, &str)> = compiled
        .iter()
        .zip(&sources)
        .map(|(c, s)| {
            (
                c.model.as_ref().expect("each ruleset of a case compiles"),
                *s,
            )
        })
        .collect();
    out.extend(check_case(&pairs).into_iter().map(|d| d.diagnostic));
    out
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue")
}

fn read(stem: &str, ext: &str) -> String {
    let path = dir().join(format!("{stem}{ext}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// True for a case's name: a code (`E`/`W` and three digits), then nothing or a dash.
fn is_case(stem: &str) -> bool {
    let b = stem.as_bytes();
    b.len() >= 4
        && matches!(b[0], b'E' | b'W')
        && b[1..4].iter().all(u8::is_ascii_digit)
        && (b.len() == 4 || b[4] == b'-')
}

/// The ruleset a tests case is checked against.
fn ruleset_for(name: &str) -> String {
    RULESETS
        .iter()
        .find(|(case, _)| *case == name)
        .map_or("voorbeeld", |(_, stem)| stem)
        .to_string()
}

/// The cases in `tests/catalogue/`: a file per case, and the rulesets that are not cases.
fn files() -> (Vec<Case>, Vec<String>) {
    let mut cases = Vec::new();
    let mut rulesets = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let case = file.ends_with(".case.regels");
        let (stem, tests) = match file.strip_suffix(".tests.regels") {
            Some(stem) => (stem.to_string(), true),
            None => (file.strip_suffix(".regels").unwrap().to_string(), false),
        };
        let stem = stem.strip_suffix(".case").unwrap_or(&stem).to_string();
        if !is_case(&stem) {
            assert!(!tests, "{file}: a tests file is named after its code");
            rulesets.push(stem);
            continue;
        }
        cases.push(Case {
            ruleset: tests.then(|| ruleset_for(&stem)),
            case,
            name: stem,
            bytes: std::fs::read(&path).unwrap(),
        });
    }
    (cases, rulesets)
}

/// The cases at the limits, made from `voorbeeld.regels` (and `tijdlijn.regels`) and the limits.
fn generated() -> Vec<Case> {
    let base = read("voorbeeld", ".regels");
    let rules = |name: &str, text: String| Case {
        name: name.into(),
        bytes: text.into_bytes(),
        ruleset: None,
        case: false,
    };
    let when = |w: String| base.replace("when gevaar", &format!("when {w}"));
    let many = |n: usize, item: &dyn Fn(usize) -> String| (0..n).map(item).collect::<String>();
    let fact = |i| format!("\nfact vraag{i}: bool\n  label nl \"Vraag\" en \"Question\"\n");
    let unknown_fact = |i| {
        format!(
            "\nrule r{i}\n  when onbekend{i}\n  then route = crisis\n  because nl \"R\" en \"R\"\n"
        )
    };
    let row = |_| "  | yes || crisis |\n".to_string();
    let record = |_| "(2026-01-01), ".to_string();
    vec![
        rules(
            "E106",
            format!("{base}#{}\n", "x".repeat(MAX_SOURCE_BYTES - base.len())),
        ),
        rules(
            "E107",
            when(format!(
                "{}gevaar{}",
                "(".repeat(MAX_DEPTH + 1),
                ")".repeat(MAX_DEPTH + 1)
            )),
        ),
        rules(
            "E108",
            base.replace("\"Voorbeeld\"", &format!("\"{}\"", "x".repeat(MAX_TEXT_CHARS + 1))),
        ),
        rules("E109-facts", format!("{base}{}", many(MAX_FACTS, &fact))),
        rules(
            "E109-rules",
            format!(
                "{base}\ntable veel\n  because nl \"Veel.\" en \"Many.\"\n  | gevaar || route |\n{}",
                many(MAX_RULES, &row)
            ),
        ),
        Case {
            name: "E109-records".into(),
            bytes: format!(
                "tests for tijdlijn\n\ntest \"veel meldingen\"\n  today 2026-03-01\n  given meldingen = [{}]\n  expect route = crisis\n",
                many(MAX_RECORDS + 1, &record).trim_end_matches(", ")
            )
            .into_bytes(),
            ruleset: Some(ruleset_for("E109-records")),
            case: false,
        },
        rules("E111", format!("{base}{}", many(MAX_DIAGNOSTICS + 1, &unknown_fact))),
        rules("W507", format!("{base}{}", many(MAX_DIAGNOSTICS + 1, &fact))),
    ]
}

/// Every case, by name, with its diagnostics: worked out once for all the tests here.
fn catalogue() -> &'static [(Case, Vec<Diagnostic>)] {
    static CATALOGUE: OnceLock<Vec<(Case, Vec<Diagnostic>)>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut cases = files().0;
        cases.extend(generated());
        cases.sort_by(|a, b| a.name.cmp(&b.name));
        for pair in cases.windows(2) {
            assert_ne!(pair[0].name, pair[1].name, "two cases of one name");
        }
        cases
            .into_iter()
            .map(|c| {
                let d = c.diagnostics();
                (c, d)
            })
            .collect()
    })
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The case's own diagnostic: exactly one with its code, and nothing else but what [`ALONGSIDE`] allows.
fn own<'a>(case: &Case, diags: &'a [Diagnostic]) -> &'a Diagnostic {
    let code = case.code();
    let listed: Vec<String> = diags
        .iter()
        .map(|d| format!("{} {}", d.code, d.message_en))
        .collect();
    let mine: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(mine.len(), 1, "{}: {listed:#?}", case.name);
    for d in diags.iter().filter(|d| d.code != code) {
        assert!(
            ALONGSIDE.contains(&(code, d.code)),
            "{} raises {} too: {listed:#?}",
            case.name,
            d.code
        );
    }
    mine[0]
}

#[test]
fn every_code_is_raised_by_a_minimal_source() {
    let mut text = String::new();
    let mut covered = BTreeSet::new();
    for (case, diags) in catalogue() {
        let d = own(case, diags);
        covered.insert(d.code);
        text += &format!(
            "{} {}:{} {}\n  nl: {}\n  en: {}\n",
            case.name,
            d.start.line,
            d.start.column,
            severity(d),
            d.message_nl,
            d.message_en
        );
    }
    let unreachable: BTreeSet<&str> = UNREACHABLE.iter().map(|(code, _)| *code).collect();
    let missing: Vec<&str> = ALL_CODES
        .iter()
        .copied()
        .filter(|c| !covered.contains(c) && !unreachable.contains(c))
        .collect();
    assert!(missing.is_empty(), "no case raises {}", missing.join(", "));
    let stray: Vec<&str> = covered
        .iter()
        .chain(&unreachable)
        .copied()
        .filter(|c| !ALL_CODES.contains(c))
        .collect();
    assert!(stray.is_empty(), "not in ALL_CODES: {}", stray.join(", "));
    let raised: Vec<&&str> = covered.intersection(&unreachable).collect();
    assert!(
        raised.is_empty(),
        "listed as unreachable, but raised: {raised:?}"
    );
    insta::assert_snapshot!("messages", text);
}

#[test]
fn dutch_messages_in_the_catalogue_are_wholly_dutch() {
    let mut leaks = Vec::new();
    let mut known = BTreeSet::new();
    for (case, diags) in catalogue() {
        for d in diags {
            for word in dutch::english_words(&d.message_nl) {
                if dutch::is_known(d.code, &word) {
                    known.insert((d.code, word));
                } else {
                    leaks.push(format!("{}: {word:?} in {:?}", case.name, d.message_nl));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "English in Dutch:\n{}", leaks.join("\n"));
    let fixed: Vec<String> = dutch::KNOWN_LEAKS
        .iter()
        .filter(|(code, word)| !known.contains(&(*code, word.to_string())))
        .map(|(code, word)| format!("{code} {word}"))
        .collect();
    assert!(
        fixed.is_empty(),
        "fixed, so remove from KNOWN_LEAKS: {}",
        fixed.join(", ")
    );
}

#[test]
fn the_rulesets_for_tests_files_have_no_diagnostics() {
    let rulesets = files().1;
    assert!(rulesets.contains(&"voorbeeld".to_string()));
    for stem in rulesets {
        let c = compile(&read(&stem, ".regels"));
        let found: Vec<String> = c
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.message_en))
            .collect();
        assert!(found.is_empty(), "{stem}.regels: {found:#?}");
    }
}
