//! Laws of the parser and checker: no input makes them panic, and every diagnostic points into the text.

use proptest::prelude::*;
use regiewijzer_core::compile;
use regiewijzer_core::keywords::{self, KEYWORDS};

const MINI: &str = include_str!("fixtures/mini.regels");

/// Pieces of the language that are not words: symbols, line breaks, comments, texts, names, numbers, dates.
const PIECES: &[&str] = &[
    ":",
    ",",
    "(",
    ")",
    "[",
    "]",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "+",
    "-",
    "*",
    "|",
    "||",
    "..",
    "->",
    "\n",
    "\n  ",
    "#c\n",
    "\"t\"",
    "\"open",
    "a",
    "b",
    "x",
    "route",
    "2026-02-29",
    "2025-02-29",
    "0",
    "1",
    "99999999999999999999",
];

/// Every keyword of the language (from the one keyword table) and the other pieces.
fn pieces() -> Vec<&'static str> {
    let words = KEYWORDS.iter().map(|k| k.word);
    words.chain(PIECES.iter().copied()).collect()
}

/// Pieces of the language, glued together at random.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(pieces()).prop_map(String::from),
        "[a-z_]{1,6}",
        "[0-9]{1,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let c = compile(&text);
        for d in &c.diagnostics {
            prop_assert!(d.start.line >= 1 && d.start.column >= 1);
            prop_assert!((d.span.end as usize) <= text.len());
        }
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(token(), 0..80)) {
        let text = tokens.join(" ");
        let c = compile(&text);
        prop_assert!(c.model.is_none() || !c.has_errors());
    }

    #[test]
    fn damaged_rulesets_never_panic(cut in 0usize..2000, insert in token()) {
        // Cut a real ruleset anywhere and insert a random piece of the language.
        let at = cut.min(MINI.len());
        let at = (0..=at).rev().find(|i| MINI.is_char_boundary(*i)).unwrap_or(0);
        let text = format!("{}{} {}", &MINI[..at], insert, &MINI[at..]);
        let c = compile(&text);
        if c.model.is_some() {
            prop_assert!(!c.has_errors());
        } else {
            prop_assert!(c.has_errors());
        }
    }
}

#[test]
fn deep_nesting_in_wasm_sized_stacks_is_an_error() {
    // The wasm stack is small: run the check on a thread with a stack the size of the default wasm32 stack (1 MiB).
    let src = format!(
        "ruleset r\n  title nl \"t\" en \"t\"\n  version \"1\"\nfact a: bool\n  label nl \"a\" en \"a\"\noutcome o: priority required\n  label nl \"o\" en \"o\"\n  value v nl \"v\" en \"v\"\nrule r\n  when {}a{}\n  then o = v\n  because nl \"b\" en \"b\"\n",
        "not (".repeat(5000),
        ")".repeat(5000)
    );
    let h = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || compile(&src).diagnostics.iter().any(|d| d.code == "E107"))
        .unwrap();
    assert!(h.join().unwrap());
}

#[test]
fn the_soup_holds_every_keyword() {
    let soup = pieces();
    let missing: Vec<&str> = KEYWORDS
        .iter()
        .map(|k| k.word)
        .filter(|w| !soup.contains(w))
        .collect();
    assert!(missing.is_empty(), "not in the soup: {missing:?}");
    assert_eq!(KEYWORDS.len(), 91);
}

/// The error messages of a missing type, whatever stands in its place, list the same types, and each of
/// them is a type the parser reads.
#[test]
fn a_missing_type_lists_every_type() {
    let message = |ty: &str| {
        let c = compile(&format!("fact a: {ty}\n"));
        let d = c.diagnostics.iter().find(|d| d.code == "E201").cloned();
        // What was expected, without what was found.
        let expected = |m: &str, found: &str| m.split(found).next().unwrap_or("").to_string();
        d.map(|d| {
            (
                expected(&d.message_en, ", found"),
                expected(&d.message_nl, ", gevonden"),
            )
        })
    };
    let word = message("kleur").unwrap();
    let number = message("3").unwrap();
    assert_eq!(word, number);
    let types: Vec<&str> = keywords::types().collect();
    assert_eq!(types.len(), 8);
    for t in &types {
        assert!(
            word.0.contains(&format!("`{t}`")),
            "{t} missing: {}",
            word.0
        );
        assert!(
            word.1.contains(&format!("`{t}`")),
            "{t} missing: {}",
            word.1
        );
        let ty = if *t == "scale" { "scale 1..5" } else { t };
        assert_eq!(message(ty), None, "`{ty}` is not read as a type");
    }
}
