//! Tokens of the `.regels` language.
//!
//! Line breaks are not tokens, but every token knows whether it is the first on its line: table rows and
//! error recovery use that. A line break is LF, CRLF or a lone CR, here and wherever a position is shown
//! ([`crate::diag::LineIndex`]). Comments are collected on the side for the formatter.
//!
//! Lexing is one pass over the text: every step consumes at least one byte, a run of characters that do
//! not belong in the language is one problem, and problems are kept in a bounded
//! [`crate::diag::Problems`].

use crate::ast::{Comment, Span};
use crate::date::Date;
use crate::diag::{DiagKind, Found, Problems, RUN_SHOWN, is_line_break};
use crate::limits::MAX_TEXT_CHARS;
use crate::work;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A word: a name or a keyword.
    Word(String),
    /// A whole number without sign, as written (up to `u64::MAX`; whether it fits a number of the
    /// language, with or without a minus sign before it, is for the parser to say).
    Int(u64),
    /// A date `YYYY-MM-DD`.
    Date(Date),
    /// A text, escapes resolved.
    Str(String),
    /// `:`
    Colon,
    /// `,`
    Comma,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `|`
    Bar,
    /// `||`
    DoubleBar,
    /// `..`
    DotDot,
    /// `->` (reserved)
    Arrow,
    /// End of input.
    Eof,
}

impl Tok {
    /// How the token is shown in messages, as what was found.
    pub fn describe(&self) -> Found {
        match self {
            Tok::Word(w) => Found::Code(w.clone()),
            Tok::Int(n) => Found::Code(n.to_string()),
            Tok::Date(d) => Found::Code(d.to_string()),
            Tok::Str(s) => Found::Text(s.chars().take(30).collect()),
            Tok::Eof => Found::EndOfFile,
            other => Found::Code(other.symbol().to_string()),
        }
    }

    /// The symbol of a punctuation token.
    pub fn symbol(&self) -> &'static str {
        match self {
            Tok::Colon => ":",
            Tok::Comma => ",",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::Eq => "=",
            Tok::Ne => "!=",
            Tok::Lt => "<",
            Tok::Le => "<=",
            Tok::Gt => ">",
            Tok::Ge => ">=",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Bar => "|",
            Tok::DoubleBar => "||",
            Tok::DotDot => "..",
            Tok::Arrow => "->",
            _ => "",
        }
    }

    /// True for the word `w`.
    pub fn is_word(&self, w: &str) -> bool {
        matches!(self, Tok::Word(x) if x == w)
    }
}

/// A token with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it is.
    pub span: Span,
    /// True when it is the first token on its line.
    pub line_start: bool,
}

/// The result of lexing: tokens (ending with [`Tok::Eof`]), comments, and problems.
#[derive(Debug, Clone, Default)]
pub struct Lexed {
    /// The tokens; the last is always `Eof`.
    pub tokens: Vec<Token>,
    /// All comments.
    pub comments: Vec<Comment>,
    /// Problems with their spans (the first ones by position; the rest counted).
    pub errors: Problems,
}

/// Splits a source text into tokens. Never fails: problems are reported and skipped.
pub fn lex(source: &str) -> Lexed {
    let mut l = Lexer {
        source,
        bytes: source.as_bytes(),
        out: Lexed::default(),
        line_has_token: false,
    };
    let mut i = 0usize;
    while i < l.bytes.len() {
        work::tick(1);
        let Some(&b) = l.bytes.get(i) else { break };
        i = match b {
            b'\n' | b'\r' => {
                l.line_has_token = false;
                i + 1
            }
            b' ' | b'\t' => i + 1,
            b'#' => l.comment(i),
            b'"' => l.string(i),
            b'0'..=b'9' => l.number(i),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => l.word(i),
            _ => l.symbol(i),
        };
    }
    let end = source.len();
    l.out.tokens.push(Token {
        tok: Tok::Eof,
        span: Span::new(end, end),
        line_start: true,
    });
    l.out
}

/// The state of one pass over a text: what has been read so far.
struct Lexer<'a> {
    source: &'a str,
    bytes: &'a [u8],
    out: Lexed,
    /// True when a token was read on the current line.
    line_has_token: bool,
}

impl Lexer<'_> {
    /// Reads the comment that starts at byte `start` (`#` to the end of the line); returns where it ends.
    fn comment(&mut self, start: usize) -> usize {
        let mut i = start;
        while self.bytes.get(i).is_some_and(|&c| !is_line_break(c)) {
            i += 1;
        }
        work::tick(i - start);
        let text = self.source.get(start + 1..i).unwrap_or("").to_string();
        self.out.comments.push(Comment {
            text,
            span: Span::new(start, i),
            own_line: !self.line_has_token,
        });
        i
    }

    /// Reads the text in double quotes that starts at byte `start`; returns where it ends.
    fn string(&mut self, start: usize) -> usize {
        let source = self.source;
        let mut i = start + 1;
        let mut value = String::new();
        let mut closed = false;
        while let Some(c) = source.get(i..).and_then(|s| s.chars().next()) {
            work::tick(1);
            match c {
                '"' => {
                    i += 1;
                    closed = true;
                    break;
                }
                '\n' | '\r' => break,
                '\\' => i = self.escape(i, &mut value),
                c => {
                    value.push(c);
                    i += c.len_utf8();
                }
            }
        }
        if !closed {
            self.out
                .errors
                .push(DiagKind::UnterminatedString, Span::new(start, i));
        }
        let length = value.chars().count();
        if length > MAX_TEXT_CHARS {
            self.out.errors.push(
                DiagKind::TextTooLong {
                    length,
                    limit: MAX_TEXT_CHARS,
                },
                Span::new(start, i),
            );
        }
        self.push(Tok::Str(value), start, i);
        i
    }

    /// Reads the escape at byte `i` (a backslash) into `value`; returns where it ends.
    fn escape(&mut self, i: usize, value: &mut String) -> usize {
        let esc = self.source.get(i + 1..).and_then(|s| s.chars().next());
        match esc {
            Some('"') => value.push('"'),
            Some('\\') => value.push('\\'),
            Some('n') => value.push('\n'),
            Some(other) if other != '\n' && other != '\r' => {
                self.out.errors.push(
                    DiagKind::BadEscape(other),
                    Span::new(i, i + 1 + other.len_utf8()),
                );
            }
            _ => return i + 1,
        }
        i + 1 + esc.map_or(0, char::len_utf8)
    }

    /// Reads the number or date that starts at byte `start`; returns where it ends.
    fn number(&mut self, start: usize) -> usize {
        let bytes = self.bytes;
        let mut i = start;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        // A date: exactly 4 digits, '-', 2 digits, '-', 2 digits.
        let looks_like_date = i - start == 4
            && bytes.get(i) == Some(&b'-')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
            && bytes.get(i + 3) == Some(&b'-')
            && bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
            && bytes.get(i + 5).is_some_and(u8::is_ascii_digit)
            && !bytes
                .get(i + 6)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        if looks_like_date {
            return self.date(start, i + 6);
        }
        let text = self.source.get(start..i).unwrap_or("");
        let n = match text.parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                self.out.errors.push(
                    DiagKind::NumberTooLarge(text.to_string()),
                    Span::new(start, i),
                );
                0
            }
        };
        self.push(Tok::Int(n), start, i);
        i
    }

    /// Reads the date from `start` to `end` (`YYYY-MM-DD`); returns `end`.
    fn date(&mut self, start: usize, end: usize) -> usize {
        let text = self.source.get(start..end).unwrap_or("");
        match Date::parse(text) {
            Some(d) => self.push(Tok::Date(d), start, end),
            None => {
                self.out
                    .errors
                    .push(DiagKind::BadDate(text.to_string()), Span::new(start, end));
                // Still a date to the parser (the year and month as written, day 1, or
                // 1970-01-01), so the mistake is reported once, not again as a type error.
                let stand_in = text
                    .get(..7)
                    .and_then(|ym| Date::parse(&format!("{ym}-01")))
                    .or_else(|| Date::from_ymd(1970, 1, 1));
                let tok = stand_in.map_or(Tok::Int(0), Tok::Date);
                self.push(tok, start, end);
            }
        }
        end
    }

    /// Reads the word that starts at byte `start`; returns where it ends.
    fn word(&mut self, start: usize) -> usize {
        let mut i = start;
        while self
            .bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            i += 1;
        }
        let word = self.source.get(start..i).unwrap_or("").to_string();
        // Names become keys of JavaScript objects (answers, results, the widget's value), where
        // `__proto__` would replace the object's prototype instead of being a key.
        if word == "__proto__" {
            self.out
                .errors
                .push(DiagKind::ReservedName(word.clone()), Span::new(start, i));
        }
        self.push(Tok::Word(word), start, i);
        i
    }

    /// Reads the symbol at byte `i`, or reports the run of characters there that have no place in the
    /// language; returns where it ends.
    fn symbol(&mut self, i: usize) -> usize {
        let b = self.bytes.get(i).copied().unwrap_or(0);
        let two = self.bytes.get(i + 1).copied();
        let (tok, len) = match (b, two) {
            (b'!', Some(b'=')) => (Some(Tok::Ne), 2),
            (b'<', Some(b'=')) => (Some(Tok::Le), 2),
            (b'>', Some(b'=')) => (Some(Tok::Ge), 2),
            (b'|', Some(b'|')) => (Some(Tok::DoubleBar), 2),
            (b'.', Some(b'.')) => (Some(Tok::DotDot), 2),
            (b'-', Some(b'>')) => (Some(Tok::Arrow), 2),
            (b':', _) => (Some(Tok::Colon), 1),
            (b',', _) => (Some(Tok::Comma), 1),
            (b'(', _) => (Some(Tok::LParen), 1),
            (b')', _) => (Some(Tok::RParen), 1),
            (b'[', _) => (Some(Tok::LBracket), 1),
            (b']', _) => (Some(Tok::RBracket), 1),
            (b'=', _) => (Some(Tok::Eq), 1),
            (b'<', _) => (Some(Tok::Lt), 1),
            (b'>', _) => (Some(Tok::Gt), 1),
            (b'+', _) => (Some(Tok::Plus), 1),
            (b'-', _) => (Some(Tok::Minus), 1),
            (b'*', _) => (Some(Tok::Star), 1),
            (b'|', _) => (Some(Tok::Bar), 1),
            _ => (None, 1),
        };
        match tok {
            Some(t) => {
                self.push(t, i, i + len);
                i + len
            }
            None => unexpected_run(self.source, i, &mut self.out.errors),
        }
    }

    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        self.out.tokens.push(Token {
            tok,
            span: Span::new(start, end),
            line_start: !self.line_has_token,
        });
        self.line_has_token = true;
    }
}

/// Reports the run of characters from byte `i` on that have no place in the language, as one problem,
/// and returns where the run ends. The run stops at whitespace, a line break, or any character that
/// starts a token or a comment.
fn unexpected_run(source: &str, i: usize, errors: &mut Problems) -> usize {
    let rest = source.get(i..).unwrap_or("");
    let mut end = i;
    let mut count = 0;
    let mut start = String::new();
    for (at, c) in rest.char_indices() {
        work::tick(1);
        if count > 0 && starts_something(rest.get(at..).unwrap_or("")) {
            break;
        }
        if count < RUN_SHOWN {
            start.push(c);
        }
        count += 1;
        end += c.len_utf8();
    }
    errors.push(DiagKind::UnexpectedChar { start, count }, Span::new(i, end));
    end.max(i + 1)
}

/// True when `rest` starts with something the lexer reads: whitespace, a line break, a comment, a
/// text, a number, a word or a symbol.
fn starts_something(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else {
        return true;
    };
    c.is_ascii_alphanumeric()
        || " \t\r\n#\"_:,()[]=<>+-*|".contains(c)
        || rest.starts_with("!=")
        || rest.starts_with("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).tokens.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn dates_numbers_and_ranges() {
        assert_eq!(
            toks("2026-03-01 1..5 a-3"),
            vec![
                Tok::Date(Date::parse("2026-03-01").unwrap()),
                Tok::Int(1),
                Tok::DotDot,
                Tok::Int(5),
                Tok::Word("a".into()),
                Tok::Minus,
                Tok::Int(3),
                Tok::Eof
            ]
        );
    }

    #[test]
    fn strings_comments_and_line_starts() {
        let l = lex("label nl \"a \\\"b\\\"\" # c\n  x");
        assert_eq!(l.tokens[2].tok, Tok::Str("a \"b\"".into()));
        assert_eq!(l.comments.len(), 1);
        assert!(!l.comments[0].own_line);
        assert!(l.tokens[3].line_start);
        assert!(!l.tokens[1].line_start);
    }

    #[test]
    fn problems_are_reported_not_fatal() {
        let l = lex("a \"open\nb € 2026-02-30");
        let codes: Vec<_> = l.errors.sorted().iter().map(|(k, _)| k.code()).collect();
        assert_eq!(codes, vec!["E102", "E101", "E105"]);
    }
}
