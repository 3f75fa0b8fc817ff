//! Laws of the parser and checker: no input makes them panic, and every diagnostic points into the text.

use proptest::prelude::*;
use regiewijzer_core::compile;

const MINI: &str = include_str!("fixtures/mini.regels");

/// Pieces of the language, glued together at random.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "ruleset",
            "section",
            "fact",
            "outcome",
            "rule",
            "table",
            "test",
            "tests",
            "for",
            "title",
            "version",
            "valid",
            "from",
            "note",
            "label",
            "help",
            "ask",
            "when",
            "option",
            "level",
            "value",
            "default",
            "required",
            "then",
            "priority",
            "unique",
            "collect",
            "because",
            "source",
            "today",
            "given",
            "expect",
            "first",
            "and",
            "or",
            "not",
            "in",
            "between",
            "is",
            "answered",
            "unknown",
            "yes",
            "no",
            "days",
            "day",
            "since",
            "contains",
            "exactly",
            "undecided",
            "provisional",
            "final",
            "nl",
            "en",
            "bool",
            "choice",
            "int",
            "scale",
            "date",
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
        ])
        .prop_map(String::from),
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
