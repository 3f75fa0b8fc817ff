//! Joining texts with a separator, in one small loop: std's `[S]::join` is instantiated apart for
//! `[String]` and `[&str]` (0.9 KB of code each in the widget's wasm); this gives the same text.

/// Texts joined with a separator (what `[S]::join(sep)` gives).
pub(crate) trait JoinWords {
    /// The items with `sep` between each two.
    fn join_words(&self, sep: &str) -> String;
}

impl<S: AsRef<str>> JoinWords for [S] {
    fn join_words(&self, sep: &str) -> String {
        let mut out = String::new();
        for (i, part) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(part.as_ref());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::JoinWords;
    use proptest::prelude::*;

    proptest! {
        /// The same text as the standard library's join, for texts and borrowed texts.
        #[test]
        fn joins_as_the_standard_library_does(parts in proptest::collection::vec(".{0,4}", 0..6), sep in ".{0,3}") {
            prop_assert_eq!(parts.join_words(&sep), parts.join(&sep));
            let borrowed: Vec<&str> = parts.iter().map(String::as_str).collect();
            prop_assert_eq!(borrowed.join_words(&sep), borrowed.join(&sep));
        }
    }
}
