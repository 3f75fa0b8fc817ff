//! The guard that a Dutch message is wholly Dutch: the English words that have no place in one, the
//! leaks known today, and a function that finds the others. Used by `diagnostics.rs` (over broken
//! variants of the shipped rulesets) and `catalogue.rs` (over a message of every code).

/// English words that have no place in a Dutch message. Words that are Dutch too (`of`, `is`, `test`,
/// `type`, `label`, `parameter`) are not listed; quoted code and texts are not looked at, so a keyword
/// is fine in backquotes (`` `collect`-uitkomst ``) and a leak without them (`collect-uitkomst`).
pub const ENGLISH: &[&str] = &[
    "the",
    "or",
    "and",
    "a",
    "an",
    "expected",
    "found",
    "end",
    "file",
    "keyword",
    "fact",
    "facts",
    "rule",
    "rules",
    "table",
    "number",
    "working",
    "days",
    "day",
    "value",
    "values",
    "outcome",
    "option",
    "field",
    "timeline",
    "records",
    "with",
    "this",
    "not",
    "cannot",
    "must",
    "needs",
    "has",
    "does",
    "only",
    "already",
    "unknown",
    "too",
    "large",
    "long",
    "many",
    "more",
    "choice",
    "date",
    "name",
    "text",
    "cell",
    "row",
    "handover",
    "party",
    "phase",
    "section",
    "clause",
    "something",
    "else",
    "empty",
    "expression",
    "level",
    "condition",
    "yes",
    "no",
    "shown",
    "problems",
    "warnings",
    "one",
    "given",
    "twice",
    "nor",
    "fits",
    "here",
    "use",
    "lead",
    "collect",
    "priority",
    "unique",
    "deadline",
    "required",
    "default",
    "policy",
];

/// The English words in `nl` outside `…` and "…".
pub fn english_words(nl: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut quote = None;
    for c in nl.chars() {
        match (quote, c) {
            (None, '`' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// English words that the Dutch message of a code has on main, as (code, word): known leaks, to be fixed
/// in the wording. `catalogue.rs` fails when a listed leak is gone, so the entry goes with its fix.
pub const KNOWN_LEAKS: &[(&str, &str)] = &[];

/// True when `word` in the Dutch message of `code` is a known leak ([`KNOWN_LEAKS`]).
pub fn is_known(code: &str, word: &str) -> bool {
    KNOWN_LEAKS.contains(&(code, word))
}
