//! The parser: tokens to a syntax tree, collecting every problem and recovering at the next line.
//!
//! Items start with a keyword (`ruleset`, `section`, `fact`, `outcome`, `rule`, `table`, `test`, `tests`);
//! clauses start with their own keyword. After an error the parser skips to the next line that starts with
//! a clause or item keyword, so one mistake gives one diagnostic.
//!
//! By what it reads: this file holds the token access and the small pieces (names, texts, numbers,
//! dates); `items.rs` the file, the header and the small items (sections, parameters, parties, phases,
//! override reasons, handovers); `facts.rs` facts and types; `outcomes.rs` outcomes and rules; `tables.rs`
//! decision tables; `test_items.rs` tests; `expr.rs` expressions; `recovery.rs` the clause loop and the
//! skipping after an error. Which words are keywords is [`crate::keywords`].

use crate::ast::*;
use crate::diag::{DiagKind, Diagnostic, Found, ItemType, LineIndex, Problems, Wanted, Words};
use crate::keywords;
use crate::lexer::{Tok, Token, lex};

mod expr;
mod facts;
mod items;
mod outcomes;
mod recovery;
mod tables;
mod variant;
pub(crate) use variant::parse_placed;
mod test_items;

pub use crate::limits::{MAX_DEPTH, MAX_SOURCE_BYTES};

/// Words that cannot be used as names (the reserved words of [`crate::keywords::KEYWORDS`]).
pub const RESERVED: &[&str] = &crate::keywords::RESERVED;

type PResult<T> = Result<T, ()>;
/// Input cell ranges, output cell ranges, end of row.
type RowCells = (Vec<(usize, usize)>, Vec<(usize, usize)>, usize);

/// Parses a source text into a syntax tree and the problems found (errors only; warnings come from the
/// checker).
///
/// At most [`crate::limits::MAX_DIAGNOSTICS`] problems are returned (the first by position), then one
/// that counts the rest. A source over [`MAX_SOURCE_BYTES`] is not read at all: only its length is used.
pub fn parse(source: &str) -> (File, Vec<Diagnostic>) {
    if source.len() > MAX_SOURCE_BYTES {
        let d = Diagnostic::new(
            DiagKind::SourceTooLarge {
                size: source.len(),
                limit: MAX_SOURCE_BYTES,
            },
            Span::new(0, 0),
            &LineIndex::new(""),
        );
        return (File::default(), vec![d]);
    }
    parse_lexed(lex(source), &LineIndex::new(source))
}

/// Parses the tokens of a source text (its places as `index` says).
fn parse_lexed(lexed: crate::lexer::Lexed, index: &LineIndex) -> (File, Vec<Diagnostic>) {
    let mut p = Parser {
        tokens: lexed.tokens,
        pos: 0,
        limit: usize::MAX,
        errors: lexed.errors,
        depth: 0,
        broken: Vec::new(),
    };
    let items = p.file();
    let diags = p.errors.into_diagnostics(index);
    (
        File {
            items,
            comments: lexed.comments,
            broken_clauses: p.broken,
        },
        diags,
    )
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// Tokens at or past this index read as end of input (used for table cells).
    limit: usize,
    errors: Problems,
    depth: usize,
    /// Clauses written but not read because of an error in them (the keyword and its span).
    broken: Vec<Clause<String>>,
}

fn eof_token() -> &'static Token {
    static EOF: Token = Token {
        tok: Tok::Eof,
        span: Span { start: 0, end: 0 },
        line_start: true,
    };
    &EOF
}

impl Parser {
    fn peek_at(&self, k: usize) -> &Token {
        let i = self.pos + k;
        if i >= self.limit {
            // A cell boundary reads as Eof, placed at the boundary token.
            return self
                .tokens
                .get(self.limit)
                .map_or(eof_token(), |_| eof_token());
        }
        self.tokens
            .get(i)
            .or_else(|| self.tokens.last())
            .unwrap_or(eof_token())
    }

    fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    fn tok(&self) -> &Tok {
        &self.peek().tok
    }

    fn at_word(&self, w: &str) -> bool {
        self.tok().is_word(w)
    }

    fn at_eof(&self) -> bool {
        matches!(self.tok(), Tok::Eof)
    }

    fn bump(&mut self) -> Token {
        crate::work::tick(1);
        let t = self.peek().clone();
        if !matches!(t.tok, Tok::Eof) {
            self.pos += 1;
        }
        t
    }

    /// The span of the token just consumed.
    fn prev_span(&self) -> Span {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(Span::default(), |t| t.span)
    }

    /// The span for an error at the current token (at end of input: the end of the previous token).
    fn here(&self) -> Span {
        let t = self.peek();
        if matches!(t.tok, Tok::Eof) {
            let p = self.prev_span();
            Span {
                start: p.end,
                end: p.end,
            }
        } else {
            t.span
        }
    }

    fn error(&mut self, kind: DiagKind, span: Span) {
        self.errors.push(kind, span);
    }

    fn expected(&mut self, en: &str, nl: &str) -> PResult<()> {
        let found = self.tok().describe();
        let span = self.here();
        self.error(
            DiagKind::Expected {
                expected: Wanted::Said(Words::new(en, nl)),
                found,
            },
            span,
        );
        Err(())
    }

    /// Reports a keyword found where a name or value was expected.
    fn keyword_here(&mut self, en: &str, nl: &str, keyword: &str, span: Span) {
        self.error(
            DiagKind::Expected {
                expected: Wanted::Said(Words::new(en, nl)),
                found: Found::Keyword(keyword.to_string()),
            },
            span,
        );
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.tok() == t {
            self.bump();
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, w: &str) -> bool {
        if self.at_word(w) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect_tok(&mut self, t: &Tok) -> PResult<Span> {
        if self.eat(t) {
            Ok(self.prev_span())
        } else {
            let s = t.symbol();
            self.expected(&format!("`{s}`"), &format!("`{s}`"))?;
            Err(())
        }
    }

    fn expect_word(&mut self, w: &str) -> PResult<Span> {
        if self.eat_word(w) {
            Ok(self.prev_span())
        } else {
            self.expected(&format!("`{w}`"), &format!("`{w}`"))?;
            Err(())
        }
    }

    fn ident(&mut self, en: &str, nl: &str) -> PResult<Ident> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Word(w) if !keywords::is_reserved(w) => {
                self.bump();
                Ok(Ident {
                    name: w.clone(),
                    span: t.span,
                })
            }
            Tok::Word(w) => {
                self.keyword_here(en, nl, w, t.span);
                Err(())
            }
            _ => {
                self.expected(en, nl)?;
                Err(())
            }
        }
    }

    fn string(&mut self) -> PResult<StrLit> {
        let t = self.peek().clone();
        if let Tok::Str(s) = &t.tok {
            self.bump();
            Ok(StrLit {
                value: s.clone(),
                span: t.span,
            })
        } else {
            self.expected(
                "a text in double quotes",
                "een tekst tussen dubbele aanhalingstekens",
            )?;
            Err(())
        }
    }

    fn text_pair(&mut self) -> PResult<TextPair> {
        let start = self.here();
        self.expect_word("nl")?;
        let nl = self.string()?;
        let en = if self.eat_word("en") {
            Some(self.string()?)
        } else {
            None
        };
        let end = en.as_ref().map_or(nl.span, |e| e.span);
        Ok(TextPair {
            nl,
            en,
            span: start.to(end),
        })
    }

    fn int_lit(&mut self) -> PResult<IntLit> {
        let start = self.here();
        let neg = self.eat(&Tok::Minus);
        let t = self.peek().clone();
        if let Tok::Int(n) = t.tok {
            self.bump();
            let span = start.to(t.span);
            Ok(IntLit {
                value: self.signed(n, neg, span),
                span,
            })
        } else {
            self.expected("a whole number", "een geheel getal")?;
            Err(())
        }
    }

    /// The number `n` as written, negated when `negative`: a whole number of the language (64 bits, so
    /// `-9223372036854775808` up to `9223372036854775807`), or `E104` and 0.
    fn signed(&mut self, n: u64, negative: bool, span: Span) -> i64 {
        let value = if negative {
            0i64.checked_sub_unsigned(n)
        } else {
            i64::try_from(n).ok()
        };
        value.unwrap_or_else(|| {
            let sign = if negative { "-" } else { "" };
            self.error(DiagKind::NumberTooLarge(format!("{sign}{n}")), span);
            0
        })
    }

    fn date_lit(&mut self) -> PResult<DateLit> {
        let t = self.peek().clone();
        if let Tok::Date(d) = t.tok {
            self.bump();
            Ok(DateLit {
                value: d,
                span: t.span,
            })
        } else {
            self.expected("a date (YYYY-MM-DD)", "een datum (JJJJ-MM-DD)")?;
            Err(())
        }
    }

    fn set_once<T>(&mut self, slot: &mut Option<Clause<T>>, value: T, span: Span, kw: &str) {
        if slot.is_some() {
            self.error(DiagKind::DuplicateClause(kw.to_string()), span);
        } else {
            *slot = Some(Clause { value, span });
        }
    }
}

fn binary(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    Expr {
        span: lhs.span.to(rhs.span),
        kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
    }
}

fn cmp_op(t: &Tok) -> Option<CmpOp> {
    Some(match t {
        Tok::Eq => CmpOp::Eq,
        Tok::Ne => CmpOp::Ne,
        Tok::Lt => CmpOp::Lt,
        Tok::Le => CmpOp::Le,
        Tok::Gt => CmpOp::Gt,
        Tok::Ge => CmpOp::Ge,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::diag::messages;

    fn ok(src: &str) -> File {
        let (f, d) = parse(src);
        assert!(d.is_empty(), "unexpected diagnostics: {}", messages(&d));
        f
    }

    #[test]
    fn parses_a_small_ruleset() {
        let f = ok(r#"
ruleset mini
  title nl "Mini" en "Mini"
  version "1"
fact a: bool
  label nl "A?" en "A?"
fact n: int 0..120
  label nl "N" en "N"
  ask when a = yes and not (n > 3 or n is unknown)
outcome route: priority required
  value x nl "X" en "X"
rule r1
  when a and n between 1 and 5
  then route = x
  because nl "omdat" en "because"
table t first
  because nl "b" en "b"
  | a   | n    || route |
  | yes | >= 3 || x     |
  | -   | 1..2 || -     |
test "t1"
  today 2026-01-01
  given a = yes, n = 4
  expect route = x
  expect route is final
"#);
        assert_eq!(f.items.len(), 7);
        let ItemKind::Table(t) = &f.items[5].kind else {
            panic!()
        };
        assert!(t.first);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].value.inputs[0].kind, CellKind::Any);
    }

    #[test]
    fn one_mistake_one_diagnostic_with_recovery() {
        let (_f, d) = parse(
            "ruleset x\n  title nl \"t\"\nfact a bool\n  label nl \"A\"\nfact b: bool\n  label \"B\"\n  when a\nrule r\n  when a = \n  then route = x\n",
        );
        let at: Vec<_> = d
            .iter()
            .map(|d| (d.code, d.start.line, d.start.column))
            .collect();
        assert_eq!(
            at,
            vec![
                ("E201", 3, 8),
                ("E201", 6, 9),
                ("E202", 7, 3),
                ("E201", 10, 3)
            ]
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = format!(
            "rule r\n  when {}a{}\n",
            "(".repeat(10_000),
            ")".repeat(10_000)
        );
        let (_f, d) = parse(&src);
        assert!(d.iter().any(|d| d.code == "E107"));
    }
}
