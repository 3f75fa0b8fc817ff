//! A count of the work done while reading and checking a source, for tests that show the work grows
//! linearly with the input (never wall-clock time). Outside tests [`tick`] does nothing and costs nothing.
//!
//! What is counted: every step of the lexer (a byte or character looked at), every byte indexed for
//! line:column, every token the parser consumes (re-reading a token counts again), every problem recorded,
//! every expression node the checker visits, every step of placing a diagnostic at a line and column, and
//! every character of a message.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of work (in tests; nothing otherwise).
#[inline]
pub(crate) fn tick(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// The steps counted on this thread since the last call.
#[cfg(test)]
pub(crate) fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}

#[cfg(test)]
mod tests {
    use super::take;
    use crate::check::check_tests_file;
    use crate::compile;
    use crate::limits::{MAX_DIAGNOSTICS, MAX_SOURCE_BYTES};
    use proptest::prelude::*;

    /// The work of compiling `src`.
    fn work(src: &str) -> u64 {
        take();
        let c = compile(src);
        assert!(c.diagnostics.len() <= MAX_DIAGNOSTICS + 1);
        take()
    }

    /// Pieces of junk: characters with no place in the language, stray symbols and keywords, broken
    /// texts and numbers, line breaks of every kind.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "@",
            "€",
            "$",
            "%",
            "^",
            "~",
            "?",
            "'",
            ";",
            "\\",
            "!",
            ".",
            "é",
            "\u{0}",
            " ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "(",
            ")",
            "[",
            "]",
            "|",
            "||",
            ":",
            ",",
            "=",
            "<",
            "-",
            "+",
            "*",
            "..",
            "\"",
            "\"open",
            "#",
            "x",
            "rule",
            "fact",
            "when",
            "then",
            "and",
            "or",
            "not",
            "99999999999999999999",
            "2026-02-30",
            "1",
            "ruleset",
            "table",
            "test",
            "rule r\n",
            "fact f: bool\n",
            "fact c: choice\n  option a nl \"A\"\n",
            "  when (\n",
            "  when f = ja\n",
            "outcome o: priority required\n",
            "  value v nl \"V\"\n",
            "  then o = v\n",
            "  label nl \"L\"\n",
            "party p\n",
            "| - || v |\n",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Four times the junk is at most about four times the work: no step of reading, recovering,
        /// checking or placing the problems grows faster than the number of bad characters.
        #[test]
        fn work_grows_linearly_with_the_junk(
            unit in prop::collection::vec(piece(), 1..40),
            header in any::<bool>(),
        ) {
            let unit: String = unit.concat();
            let head = if header { "ruleset r\n" } else { "" };
            let times = 4_000 / unit.len().max(1) + 1;
            let n = format!("{head}{}", unit.repeat(times));
            let four_n = format!("{head}{}", unit.repeat(4 * times));
            let (small, large) = (work(&n), work(&four_n));
            prop_assert!(
                large <= 5 * small + 10_000,
                "work {small} at {} bytes, {large} at {} bytes", n.len(), four_n.len()
            );
        }
    }

    #[test]
    fn an_oversized_source_is_refused_by_its_length_alone() {
        // No index, no lexing, no checking: the work does not depend on the size (a file of NUL bytes once
        // cost about 90 bytes of memory per byte).
        let model = compile(include_str!("../tests/fixtures/mini.regels")).model;
        for size in [MAX_SOURCE_BYTES + 1, 4 * MAX_SOURCE_BYTES] {
            let src = "\0".repeat(size);
            take();
            let c = compile(&src);
            let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes, ["E106"]);
            let (_, diags) = check_tests_file(model.as_ref().unwrap(), &src);
            assert_eq!(diags.len(), 1);
            let steps = take();
            assert!(steps < 1_000, "{steps} steps for {size} bytes");
        }
    }

    #[test]
    fn one_long_line_of_bad_characters_is_little_work() {
        for bad in ["@", "@ ", "€", "x@", "\u{0}"] {
            let small = work(&bad.repeat(10_000));
            let large = work(&bad.repeat(40_000));
            assert!(
                large <= 5 * small + 10_000,
                "{}: {small} then {large}",
                bad.escape_debug()
            );
        }
    }
}
