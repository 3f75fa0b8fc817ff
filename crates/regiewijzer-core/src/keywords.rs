//! Every keyword of the `.regels` language, with what it is: the one list that the parser reads
//! ([`is_reserved`], [`is_item`], [`is_clause`], [`type_list`]; the lexer makes every word a
//! [`crate::lexer::Tok::Word`] and leaves keywords to the parser), the property tests of the parser and
//! the formatter read, and the playground's highlighter is made from (`www/playground/src/keywords.gen.mjs`,
//! written by `cargo run -p regiewijzer-core --example keywords_js` when the playground is built).
//! Tests below fail when the parser reads, or the formatter writes, a word that is not in the table.
//!
//! A word may have several roles (`party` starts an item and is a type; `priority` is a clause and a
//! policy). A keyword is reserved (cannot be a name) unless it only has a meaning right after another
//! keyword ([`Keyword::reserved`] false: `reason`, `to`, `the`, `last`, `rows`).

use crate::diag::Words;

/// What a keyword does in the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Starts an item (at the start of a line): `fact`, `rule`, ...
    Item,
    /// Starts a clause of an item: `label`, `when`, ...
    Clause,
    /// A type of a fact or field: `bool`, `int`, ...
    Type,
    /// The policy of an outcome: `priority`, `unique`, `collect`, `deadline`.
    Policy,
    /// A word inside a condition, an expression or a clause: an operator, a unit, a connective.
    Word,
    /// A state in `expect OUTCOME is ...`.
    State,
    /// A literal value: `yes`, `no`.
    Literal,
    /// The language of a text: `nl`, `en`.
    Language,
}

/// One keyword of the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    /// The word as written.
    pub word: &'static str,
    /// What it does (at least one role).
    pub roles: &'static [Role],
    /// False for a word that is a keyword only right after another keyword, and may also be a name.
    pub reserved: bool,
    /// True when the name being declared follows it (`fact NAME`, `value NAME`, `reason NAME`).
    pub declares: bool,
}

impl Role {
    /// The role's name in lower case (`item`, `clause`, ...), as the playground's keyword module has it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Item => "item",
            Role::Clause => "clause",
            Role::Type => "type",
            Role::Policy => "policy",
            Role::Word => "word",
            Role::State => "state",
            Role::Literal => "literal",
            Role::Language => "language",
        }
    }
}

impl Keyword {
    /// True when the keyword has role `role`.
    pub fn is(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

use Role::*;

const fn kw(word: &'static str, roles: &'static [Role]) -> Keyword {
    Keyword {
        word,
        roles,
        reserved: true,
        declares: false,
    }
}

/// A keyword after which the name being declared follows.
const fn declaring(word: &'static str, roles: &'static [Role]) -> Keyword {
    Keyword {
        word,
        roles,
        reserved: true,
        declares: true,
    }
}

/// A keyword only right after another keyword; elsewhere it may be a name.
const fn contextual(word: &'static str, declares: bool) -> Keyword {
    Keyword {
        word,
        roles: &[Word],
        reserved: false,
        declares,
    }
}

/// Every keyword of the language (a table of data: one line per word).
pub const KEYWORDS: &[Keyword] = &[
    // Items.
    declaring("ruleset", &[Item]),
    kw("section", &[Item]),
    declaring("fact", &[Item]),
    declaring("outcome", &[Item]),
    declaring("rule", &[Item]),
    declaring("table", &[Item]),
    kw("test", &[Item]),
    kw("tests", &[Item]),
    declaring("parameter", &[Item]),
    declaring("party", &[Item, Type]),
    declaring("phase", &[Item, Type]),
    declaring("handover", &[Item]),
    kw("override", &[Item]),
    kw("replace", &[Item]),
    kw("remove", &[Item]),
    kw("extend", &[Item]),
    // Clauses.
    kw("title", &[Clause]),
    kw("version", &[Clause]),
    kw("valid", &[Clause]),
    kw("note", &[Clause]),
    kw("label", &[Clause]),
    kw("help", &[Clause]),
    kw("ask", &[Clause]),
    declaring("option", &[Clause]),
    kw("level", &[Clause]),
    declaring("value", &[Clause]),
    kw("default", &[Clause]),
    kw("required", &[Clause]),
    kw("when", &[Clause, Word]),
    kw("then", &[Clause]),
    kw("priority", &[Clause, Policy]),
    kw("because", &[Clause, Word]),
    kw("source", &[Clause]),
    kw("today", &[Clause, Word]),
    kw("given", &[Clause]),
    kw("expect", &[Clause]),
    declaring("field", &[Clause]),
    kw("require", &[Clause]),
    kw("lead", &[Clause]),
    kw("values", &[Clause]),
    kw("follows", &[Clause]),
    // Types, in the order messages list them.
    kw("bool", &[Type]),
    kw("choice", &[Type]),
    kw("int", &[Type]),
    kw("scale", &[Type]),
    kw("date", &[Type]),
    kw("timeline", &[Type]),
    // Policies (besides `priority`).
    kw("unique", &[Policy]),
    kw("collect", &[Policy]),
    kw("deadline", &[Policy]),
    // Words inside clauses and conditions.
    kw("from", &[Word]),
    kw("for", &[Word]),
    kw("first", &[Word]),
    kw("and", &[Word]),
    kw("or", &[Word]),
    kw("not", &[Word]),
    kw("in", &[Word]),
    kw("between", &[Word]),
    kw("is", &[Word]),
    kw("answered", &[Word]),
    kw("unknown", &[Word]),
    kw("days", &[Word]),
    kw("day", &[Word]),
    kw("since", &[Word]),
    kw("working", &[Word]),
    kw("contains", &[Word]),
    kw("exactly", &[Word]),
    kw("count", &[Word]),
    kw("latest", &[Word]),
    kw("earliest", &[Word]),
    kw("where", &[Word]),
    kw("of", &[Word]),
    kw("regional", &[Word]),
    kw("parties", &[Word]),
    kw("phases", &[Word, Clause]),
    kw("variant", &[Word]),
    // States an outcome can be expected in.
    kw("undecided", &[State]),
    kw("provisional", &[State]),
    kw("final", &[State]),
    kw("overdue", &[State]),
    kw("blocked", &[State]),
    kw("complete", &[State]),
    // Literals and languages.
    kw("yes", &[Literal]),
    kw("no", &[Literal]),
    kw("nl", &[Language]),
    kw("en", &[Language]),
    // Words that are keywords only after another keyword.
    contextual("reason", true),
    contextual("to", false),
    contextual("the", false),
    contextual("last", false),
    contextual("rows", false),
];

/// The keyword `w`, if it is one.
pub fn keyword(w: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.word == w)
}

/// True when `w` is a keyword that cannot be used as a name.
pub fn is_reserved(w: &str) -> bool {
    keyword(w).is_some_and(|k| k.reserved)
}

/// True when `w` starts an item.
pub fn is_item(w: &str) -> bool {
    keyword(w).is_some_and(|k| k.is(Item))
}

/// True when `w` starts a clause of some item.
pub fn is_clause(w: &str) -> bool {
    keyword(w).is_some_and(|k| k.is(Clause))
}

/// The keywords with role `role`, in table order.
pub fn with_role(role: Role) -> impl Iterator<Item = &'static str> {
    KEYWORDS.iter().filter(move |k| k.is(role)).map(|k| k.word)
}

/// The types, in the order messages list them (`bool` first, `party` and `phase` last).
pub fn types() -> impl Iterator<Item = &'static str> {
    let first = KEYWORDS.iter().filter(|k| k.roles == [Type]);
    let also = KEYWORDS.iter().filter(|k| k.is(Type) && k.roles != [Type]);
    first.chain(also).map(|k| k.word)
}

/// The types as a list in words ("`bool`, `choice`, ... or `phase`"), without `timeline` when
/// `with_timeline` is false (a field of a timeline cannot be one).
pub fn type_list(with_timeline: bool) -> Words {
    let names: Vec<String> = types()
        .filter(|t| with_timeline || *t != "timeline")
        .map(|t| format!("`{t}`"))
        .collect();
    Words::new(either_or(&names, "or"), either_or(&names, "of"))
}

/// `a, b, c or d` (with `last` as the last joining word).
fn either_or(items: &[String], last: &str) -> String {
    match items.split_last() {
        Some((end, [])) => end.clone(),
        Some((end, rest)) => format!("{} {last} {end}", rest.join(", ")),
        None => String::new(),
    }
}

/// The number of reserved keywords.
const RESERVED_COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < KEYWORDS.len() {
        if KEYWORDS[i].reserved {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The reserved keywords (words that cannot be names), in table order: made from [`KEYWORDS`] when
/// compiling.
pub const RESERVED: [&str; RESERVED_COUNT] = {
    let mut out = [""; RESERVED_COUNT];
    let mut i = 0;
    let mut j = 0;
    while i < KEYWORDS.len() {
        if KEYWORDS[i].reserved {
            out[j] = KEYWORDS[i].word;
            j += 1;
        }
        i += 1;
    }
    out
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_once_with_a_role() {
        let mut seen = std::collections::HashSet::new();
        for k in KEYWORDS {
            assert!(seen.insert(k.word), "{} twice", k.word);
            assert!(!k.roles.is_empty(), "{} has no role", k.word);
        }
    }

    #[test]
    fn type_lists_in_both_languages() {
        let all = type_list(true);
        assert_eq!(
            all.en,
            "`bool`, `choice`, `int`, `scale`, `date`, `timeline`, `party` or `phase`"
        );
        assert_eq!(
            type_list(false).nl,
            "`bool`, `choice`, `int`, `scale`, `date`, `party` of `phase`"
        );
    }

    /// Every word the parser reads with `at_word`, `eat_word`, `expect_word` or `is_word`, or as an item,
    /// type or primary (`"word" =>`), is in the table: a word added to the parser and not here fails.
    #[test]
    fn every_word_the_parser_reads_is_a_keyword() {
        let sources = [
            include_str!("parse/mod.rs"),
            include_str!("parse/items.rs"),
            include_str!("parse/facts.rs"),
            include_str!("parse/outcomes.rs"),
            include_str!("parse/tables.rs"),
            include_str!("parse/test_items.rs"),
            include_str!("parse/expr.rs"),
            include_str!("parse/recovery.rs"),
        ];
        let mut missing = Vec::new();
        for src in sources {
            for word in quoted_words(src) {
                if keyword(&word).is_none() {
                    missing.push(word);
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in the keyword table: {}",
            missing.join(", ")
        );
    }

    /// Every word the formatter and the printer write (the words in their texts, outside their tests)
    /// is in the table: a keyword added to the printer and not here fails. One exception: the syntax
    /// tree can hold `values` of override reasons, which the parser never makes (it reads `values
    /// parties` and `values phases` only), so `reasons` is printed for a tree no text gives.
    #[test]
    fn every_word_the_formatter_writes_is_a_keyword() {
        let sources = [include_str!("fmt.rs"), include_str!("print.rs")];
        let mut missing = Vec::new();
        for src in sources {
            let code = src.split("#[cfg(test)]").next().unwrap_or(src);
            for word in literal_words(code) {
                if keyword(&word).is_none() && word != "reasons" {
                    missing.push(word);
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in the keyword table: {}",
            missing.join(", ")
        );
    }

    /// The words (runs of ASCII letters) in the string literals of `code`, without `{...}`
    /// placeholders; comments and character literals are skipped.
    fn literal_words(code: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut chars = code.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if chars.peek() == Some(&'/') => {
                    chars.by_ref().find(|&c| c == '\n');
                }
                '\'' => {
                    // A character literal ('"', '\\', '\''), not a lifetime ('a).
                    let rest: Vec<char> = chars.clone().take(2).collect();
                    if rest.first() == Some(&'\\') {
                        chars.nth(1);
                        chars.by_ref().find(|&c| c == '\'');
                    } else if rest.get(1) == Some(&'\'') {
                        chars.nth(1);
                    }
                }
                '"' => {
                    let mut text = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                // An escape; `\\n` is the escape `\n` the printer writes in a text.
                                if chars.next() == Some('\\') {
                                    chars.next_if(char::is_ascii_alphabetic);
                                }
                                text.push(' ');
                            }
                            '"' => break,
                            c => text.push(c),
                        }
                    }
                    words.extend(words_outside_placeholders(&text));
                }
                _ => {}
            }
        }
        words
    }

    fn words_outside_placeholders(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut depth = 0;
        for c in text.chars().chain([' ']) {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                c if depth == 0 && c.is_ascii_alphabetic() => {
                    word.push(c);
                    continue;
                }
                _ => {}
            }
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
        out
    }

    /// The words in `"word"` right after `_word(` or `is_word(`, or before ` =>` / ` |`.
    fn quoted_words(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (at, _) in src.match_indices('"') {
            let rest = &src[at + 1..];
            let Some(end) = rest.find('"') else { continue };
            let word = &rest[..end];
            if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let before = &src[..at];
            let after = &rest[end + 1..];
            let called = before.ends_with("_word(") || before.ends_with("is_word(");
            let matched = after.starts_with(" =>") || after.starts_with(" |");
            if called || matched {
                out.push(word.to_string());
            }
        }
        out
    }
}
