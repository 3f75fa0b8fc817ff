//! The parser: tokens to a syntax tree, collecting every problem and recovering at the next line.
//!
//! Items start with a keyword (`ruleset`, `section`, `fact`, `outcome`, `rule`, `table`, `test`, `tests`);
//! clauses start with their own keyword. After an error the parser skips to the next line that starts with
//! a clause or item keyword, so one mistake gives one diagnostic.

use crate::ast::*;
use crate::diag::{DiagKind, Diagnostic, Found, ItemType, LineIndex, Problems, Wanted, Words};
use crate::lexer::{Tok, Token, lex};

pub use crate::limits::{MAX_DEPTH, MAX_SOURCE_BYTES};

const ITEM_KEYWORDS: &[&str] = &[
    "ruleset",
    "section",
    "fact",
    "outcome",
    "rule",
    "table",
    "test",
    "tests",
    "parameter",
    "party",
    "phase",
    "handover",
    "override",
];

/// Words that cannot be used as names.
pub const RESERVED: &[&str] = &[
    "ruleset",
    "section",
    "fact",
    "outcome",
    "rule",
    "table",
    "test",
    "tests",
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
    "for",
    "parameter",
    "regional",
    "deadline",
    "working",
    "overdue",
    "timeline",
    "field",
    "count",
    "latest",
    "earliest",
    "where",
    "of",
    "party",
    "phase",
    "handover",
    "require",
    "lead",
    "values",
    "parties",
    "phases",
    "blocked",
    "complete",
    "follows",
    "override",
];

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
    let index = LineIndex::new(source);
    let lexed = lex(source);
    let mut p = Parser {
        tokens: lexed.tokens,
        pos: 0,
        limit: usize::MAX,
        errors: lexed.errors,
        depth: 0,
        broken: Vec::new(),
    };
    let items = p.file();
    let diags = p.errors.into_diagnostics(&index);
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
    // ---------- token access ----------

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

    fn at_item_start(&self) -> bool {
        let t = self.peek();
        match &t.tok {
            Tok::Eof => true,
            Tok::Word(w) => ITEM_KEYWORDS.contains(&w.as_str()),
            _ => false,
        }
    }

    /// Skips the current token and then to the next token that starts a line (or an item keyword).
    fn skip_line(&mut self) {
        if !self.at_eof() {
            self.bump();
        }
        while !self.at_eof() && !self.peek().line_start && !self.at_item_start() {
            self.bump();
        }
    }

    /// Skips to the next token that starts a line, unless already there: after a clause that failed,
    /// the next line's clause is read, not skipped.
    fn skip_rest_of_line(&mut self) {
        while !self.at_eof() && !self.peek().line_start {
            self.bump();
        }
    }

    // ---------- small pieces ----------

    fn ident(&mut self, en: &str, nl: &str) -> PResult<Ident> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Word(w) if !RESERVED.contains(&w.as_str()) => {
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

    // ---------- file and items ----------

    fn file(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while !self.at_eof() {
            if !self.at_item_start() {
                let _ = self.expected(
                    "an item: `ruleset`, `section`, `fact`, `parameter`, `outcome`, `rule`, `table` or `test`",
                    "een onderdeel: `ruleset`, `section`, `fact`, `parameter`, `outcome`, `rule`, `table` of `test`",
                );
                self.skip_to_item();
                continue;
            }
            let start = self.here();
            let kw = match self.tok() {
                Tok::Word(w) => w.clone(),
                _ => break,
            };
            self.bump();
            let kind = match kw.as_str() {
                "ruleset" => self.header().map(ItemKind::Header),
                "section" => self.section().map(ItemKind::Section),
                "fact" => self.fact().map(ItemKind::Fact),
                "outcome" => self.outcome().map(ItemKind::Outcome),
                "rule" => self.rule().map(ItemKind::Rule),
                "table" => self.table().map(ItemKind::Table),
                "test" => self.test().map(ItemKind::Test),
                "parameter" => self.parameter().map(ItemKind::Parameter),
                "party" => self.named(NamedKind::Party).map(ItemKind::Named),
                "phase" => self.named(NamedKind::Phase).map(ItemKind::Named),
                "handover" => self.handover().map(ItemKind::Handover),
                "override" => self.override_reason().map(ItemKind::Named),
                _ => self.tests_for().map(ItemKind::TestsFor),
            };
            match kind {
                Ok(kind) => {
                    let end = self.prev_span();
                    items.push(Item {
                        kind,
                        span: start.to(end),
                    });
                }
                Err(()) => self.skip_to_item(),
            }
        }
        items
    }

    fn skip_to_item(&mut self) {
        if !self.at_eof() {
            self.bump();
        }
        while !self.at_item_start() || !self.peek().line_start {
            if self.at_eof() {
                break;
            }
            self.bump();
        }
    }

    /// Runs `clause` for each clause keyword until the next item; unknown clauses are reported.
    fn clauses(
        &mut self,
        item: &str,
        allowed: &[&str],
        mut clause: impl FnMut(&mut Parser, &str, Span) -> PResult<()>,
    ) {
        while !self.at_item_start() {
            let t = self.peek().clone();
            let word = match &t.tok {
                Tok::Word(w) => Some(w.clone()),
                Tok::Bar | Tok::DoubleBar if allowed.contains(&"|") => Some("|".to_string()),
                _ => None,
            };
            match word {
                Some(w) if allowed.contains(&w.as_str()) => {
                    if w != "|" {
                        self.bump();
                    }
                    if clause(self, &w, t.span).is_err() {
                        self.broken.push(Clause {
                            value: w,
                            span: t.span,
                        });
                        self.skip_rest_of_line();
                    }
                }
                Some(w) if is_clause_keyword(&w) => {
                    self.error(
                        DiagKind::ClauseNotAllowed {
                            clause: w,
                            item: ItemType::of_keyword(item),
                        },
                        t.span,
                    );
                    self.skip_line();
                }
                _ => {
                    let list = allowed
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let _ = self.expected(
                        &format!("a clause of this {item} ({list})"),
                        &format!("een regel van dit onderdeel ({list})"),
                    );
                    self.skip_line();
                }
            }
        }
    }

    fn header(&mut self) -> PResult<Header> {
        let id = self.ident("the ruleset's name", "de naam van de regelset")?;
        let mut h = Header {
            id,
            title: None,
            version: None,
            valid_from: None,
            note: None,
        };
        self.clauses(
            "ruleset",
            &["title", "version", "valid", "note"],
            |p, kw, start| {
                match kw {
                    "title" => {
                        let v = p.text_pair()?;
                        let s = start.to(v.span);
                        p.set_once(&mut h.title, v, s, kw);
                    }
                    "note" => {
                        let v = p.text_pair()?;
                        let s = start.to(v.span);
                        p.set_once(&mut h.note, v, s, kw);
                    }
                    "version" => {
                        let v = p.string()?;
                        let s = start.to(v.span);
                        p.set_once(&mut h.version, v, s, kw);
                    }
                    _ => {
                        p.expect_word("from")?;
                        let d = p.date_lit()?;
                        let s = start.to(d.span);
                        p.set_once(&mut h.valid_from, d, s, "valid from");
                    }
                }
                Ok(())
            },
        );
        Ok(h)
    }

    fn section(&mut self) -> PResult<Section> {
        let id = self.ident("the section's name", "de naam van de sectie")?;
        let mut s = Section {
            id,
            label: None,
            help: None,
        };
        self.clauses("section", &["label", "help"], |p, kw, start| {
            let v = p.text_pair()?;
            let sp = start.to(v.span);
            if kw == "label" {
                p.set_once(&mut s.label, v, sp, kw);
            } else {
                p.set_once(&mut s.help, v, sp, kw);
            }
            Ok(())
        });
        Ok(s)
    }

    fn fact(&mut self) -> PResult<Fact> {
        let name = self.ident("the fact's name", "de naam van het gegeven")?;
        self.expect_tok(&Tok::Colon)?;
        let ty = self.type_expr()?;
        let mut f = Fact {
            name,
            ty,
            label: None,
            help: None,
            ask_when: None,
            options: Vec::new(),
            levels: Vec::new(),
            fields: Vec::new(),
        };
        self.clauses(
            "fact",
            &["label", "help", "ask", "option", "level", "field"],
            |p, kw, start| {
                match kw {
                    "label" | "help" => {
                        let v = p.text_pair()?;
                        let sp = start.to(v.span);
                        if kw == "label" {
                            p.set_once(&mut f.label, v, sp, kw);
                        } else {
                            p.set_once(&mut f.help, v, sp, kw);
                        }
                    }
                    "ask" => {
                        p.expect_word("when")?;
                        let e = p.expr()?;
                        let sp = start.to(e.span);
                        p.set_once(&mut f.ask_when, e, sp, "ask when");
                    }
                    "option" => {
                        let name = p.ident("the option's name", "de naam van de keuze")?;
                        let label = p.text_pair()?;
                        let sp = start.to(label.span);
                        let clause = Clause {
                            value: OptionDecl { name, label },
                            span: sp,
                        };
                        // Options after a choice field of a timeline belong to that field.
                        match f.fields.last_mut() {
                            Some(field) if field.value.ty.kind == TypeKind::Choice => {
                                field.value.options.push(clause);
                            }
                            _ => f.options.push(clause),
                        }
                    }
                    "field" => {
                        let name = p.ident("the field's name", "de naam van het veld")?;
                        p.expect_tok(&Tok::Colon)?;
                        let ty = p.type_expr()?;
                        let label = p.text_pair()?;
                        let sp = start.to(label.span);
                        f.fields.push(Clause {
                            value: FieldDecl {
                                name,
                                ty,
                                label,
                                options: Vec::new(),
                            },
                            span: sp,
                        });
                    }
                    _ => {
                        let level = p.int_lit()?;
                        let label = p.text_pair()?;
                        let sp = start.to(label.span);
                        f.levels.push(Clause {
                            value: LevelDecl { level, label },
                            span: sp,
                        });
                    }
                }
                Ok(())
            },
        );
        Ok(f)
    }

    fn type_expr(&mut self) -> PResult<TypeExpr> {
        let start = self.here();
        let word = match self.tok() {
            Tok::Word(w) => w.clone(),
            _ => {
                self.expected(
                    "a type: `bool`, `choice`, `int`, `scale` or `date`",
                    "een type: `bool`, `choice`, `int`, `scale` of `date`",
                )?;
                return Err(());
            }
        };
        let kind = match word.as_str() {
            "bool" => {
                self.bump();
                TypeKind::Bool
            }
            "choice" => {
                self.bump();
                TypeKind::Choice
            }
            "date" => {
                self.bump();
                TypeKind::Date
            }
            "timeline" => {
                self.bump();
                TypeKind::Timeline
            }
            "party" => {
                self.bump();
                TypeKind::Party
            }
            "phase" => {
                self.bump();
                TypeKind::Phase
            }
            "int" => {
                self.bump();
                let (min, max) = self.opt_range()?;
                TypeKind::Int { min, max }
            }
            "scale" => {
                self.bump();
                let min = self.int_lit()?.value;
                self.expect_tok(&Tok::DotDot)?;
                let max = self.int_lit()?.value;
                TypeKind::Scale { min, max }
            }
            _ => {
                self.expected(
                    "a type: `bool`, `choice`, `int`, `scale`, `date` or `timeline`",
                    "een type: `bool`, `choice`, `int`, `scale`, `date` of `timeline`",
                )?;
                return Err(());
            }
        };
        Ok(TypeExpr {
            kind,
            span: start.to(self.prev_span()),
        })
    }

    /// `A..B`, `A..`, `..B` or nothing, after `int` on the same line.
    fn opt_range(&mut self) -> PResult<(Option<i64>, Option<i64>)> {
        let starts_number =
            matches!(self.tok(), Tok::Int(_) | Tok::Minus) && !self.peek().line_start;
        let starts_dots = matches!(self.tok(), Tok::DotDot) && !self.peek().line_start;
        if !starts_number && !starts_dots {
            return Ok((None, None));
        }
        let min = if starts_number {
            Some(self.int_lit()?.value)
        } else {
            None
        };
        self.expect_tok(&Tok::DotDot)?;
        let max = if matches!(self.tok(), Tok::Int(_) | Tok::Minus) && !self.peek().line_start {
            Some(self.int_lit()?.value)
        } else {
            None
        };
        Ok((min, max))
    }

    fn outcome(&mut self) -> PResult<Outcome> {
        let name = self.ident("the outcome's name", "de naam van de uitkomst")?;
        self.expect_tok(&Tok::Colon)?;
        let pstart = self.here();
        let policy = if self.eat_word("priority") {
            Policy::Priority
        } else if self.eat_word("unique") {
            Policy::Unique
        } else if self.eat_word("collect") {
            Policy::Collect
        } else if self.eat_word("deadline") {
            Policy::Deadline
        } else {
            self.expected(
                "a policy: `priority`, `unique`, `collect` or `deadline`",
                "een beleid: `priority`, `unique`, `collect` of `deadline`",
            )?;
            return Err(());
        };
        let mut o = Outcome {
            name,
            policy: Clause {
                value: policy,
                span: pstart,
            },
            fallback: None,
            label: None,
            values: Vec::new(),
            values_from: None,
            follows: None,
        };
        self.clauses(
            "outcome",
            &["required", "default", "label", "value", "values", "follows"],
            |p, kw, start| {
                match kw {
                    "required" => p.set_once(
                        &mut o.fallback,
                        Fallback::Required,
                        start,
                        "required/default",
                    ),
                    "default" => {
                        let value = p.ident("the default value", "de standaardwaarde")?;
                        p.expect_word("because")?;
                        let because = p.text_pair()?;
                        let sp = start.to(because.span);
                        p.set_once(
                            &mut o.fallback,
                            Fallback::Default { value, because },
                            sp,
                            "required/default",
                        );
                    }
                    "label" => {
                        let v = p.text_pair()?;
                        let sp = start.to(v.span);
                        p.set_once(&mut o.label, v, sp, kw);
                    }
                    "values" => {
                        let kind = if p.eat_word("parties") {
                            NamedKind::Party
                        } else if p.eat_word("phases") {
                            NamedKind::Phase
                        } else {
                            p.expected("`parties` or `phases`", "`parties` of `phases`")?;
                            return Err(());
                        };
                        let sp = start.to(p.prev_span());
                        p.set_once(&mut o.values_from, kind, sp, "values");
                    }
                    "follows" => {
                        let what = ("the outcome it follows", "de uitkomst die het volgt");
                        let mut list = vec![p.ident(what.0, what.1)?];
                        while p.eat(&Tok::Comma) {
                            list.push(p.ident(what.0, what.1)?);
                        }
                        let sp = start.to(p.prev_span());
                        p.set_once(&mut o.follows, list, sp, kw);
                    }
                    _ => {
                        let name = p.ident("the value's name", "de naam van de waarde")?;
                        let label = p.text_pair()?;
                        let sp = start.to(label.span);
                        o.values.push(Clause {
                            value: ValueDecl { name, label },
                            span: sp,
                        });
                    }
                }
                Ok(())
            },
        );
        Ok(o)
    }

    fn sources_and_common(
        p: &mut Parser,
        kw: &str,
        start: Span,
        title: &mut Option<Clause<TextPair>>,
        priority: &mut Option<Clause<IntLit>>,
        because: &mut Option<Clause<TextPair>>,
        sources: &mut Vec<Clause<StrLit>>,
    ) -> PResult<()> {
        match kw {
            "title" => {
                let v = p.text_pair()?;
                let sp = start.to(v.span);
                p.set_once(title, v, sp, kw);
            }
            "because" => {
                let v = p.text_pair()?;
                let sp = start.to(v.span);
                p.set_once(because, v, sp, kw);
            }
            "priority" => {
                let v = p.int_lit()?;
                let sp = start.to(v.span);
                p.set_once(priority, v, sp, kw);
            }
            _ => {
                let v = p.string()?;
                let sp = start.to(v.span);
                sources.push(Clause { value: v, span: sp });
            }
        }
        Ok(())
    }

    fn rule(&mut self) -> PResult<Rule> {
        let name = self.ident("the rule's name", "de naam van de regel")?;
        let mut r = Rule {
            name,
            title: None,
            when: None,
            then: None,
            priority: None,
            because: None,
            sources: Vec::new(),
        };
        self.clauses(
            "rule",
            &["title", "when", "then", "priority", "because", "source"],
            |p, kw, start| match kw {
                "when" => {
                    let e = p.expr()?;
                    let sp = start.to(e.span);
                    p.set_once(&mut r.when, e, sp, kw);
                    Ok(())
                }
                "then" => {
                    let mut list = vec![p.assignment()?];
                    while p.eat(&Tok::Comma) {
                        list.push(p.assignment()?);
                    }
                    let sp = start.to(p.prev_span());
                    p.set_once(&mut r.then, list, sp, kw);
                    Ok(())
                }
                _ => Parser::sources_and_common(
                    p,
                    kw,
                    start,
                    &mut r.title,
                    &mut r.priority,
                    &mut r.because,
                    &mut r.sources,
                ),
            },
        );
        Ok(r)
    }

    fn assignment(&mut self) -> PResult<Assignment> {
        let outcome = self.ident("an outcome's name", "de naam van een uitkomst")?;
        self.expect_tok(&Tok::Eq)?;
        let value = if self.tok() == &Tok::LBracket {
            AssignValue::List(self.ident_list()?)
        } else {
            // A bare name is a value; anything longer is a date expression (deadline outcomes).
            let e = self.additive()?;
            match e.kind {
                ExprKind::Name(name) => AssignValue::One(Ident { name, span: e.span }),
                _ => AssignValue::Expr(e),
            }
        };
        Ok(Assignment {
            span: outcome.span.to(self.prev_span()),
            outcome,
            value,
        })
    }

    fn ident_list(&mut self) -> PResult<Vec<Ident>> {
        self.expect_tok(&Tok::LBracket)?;
        let mut list = Vec::new();
        if !self.eat(&Tok::RBracket) {
            loop {
                list.push(self.ident("a value", "een waarde")?);
                if self.eat(&Tok::Comma) {
                    continue;
                }
                self.expect_tok(&Tok::RBracket)?;
                break;
            }
        }
        Ok(list)
    }

    fn table(&mut self) -> PResult<Table> {
        let name = self.ident("the table's name", "de naam van de tabel")?;
        let first = !self.peek().line_start && self.eat_word("first");
        let mut t = Table {
            name,
            first,
            title: None,
            priority: None,
            because: None,
            sources: Vec::new(),
            header: None,
            rows: Vec::new(),
        };
        self.clauses(
            "table",
            &["title", "priority", "because", "source", "|"],
            |p, kw, start| {
                if kw == "|" {
                    if t.header.is_none() {
                        let h = p.table_header()?;
                        let sp = start.to(p.prev_span());
                        t.header = Some(Clause { value: h, span: sp });
                    } else {
                        let r = p.table_row()?;
                        let sp = start.to(p.prev_span());
                        t.rows.push(Clause { value: r, span: sp });
                    }
                    Ok(())
                } else {
                    Parser::sources_and_common(
                        p,
                        kw,
                        start,
                        &mut t.title,
                        &mut t.priority,
                        &mut t.because,
                        &mut t.sources,
                    )
                }
            },
        );
        Ok(t)
    }

    /// Splits the current row (from here to the last token on the line) into cells: token index ranges of
    /// the input cells and the output cells, and the index just past the row.
    fn row_cells(&mut self) -> PResult<RowCells> {
        let start = self.pos;
        let mut end = start + 1;
        while let Some(t) = self.tokens.get(end) {
            if t.line_start || matches!(t.tok, Tok::Eof) {
                break;
            }
            end += 1;
        }
        // Separators within [start, end).
        let mut seps = Vec::new();
        for i in start..end {
            match self.tokens.get(i).map(|t| &t.tok) {
                Some(Tok::Bar) => seps.push((i, false)),
                Some(Tok::DoubleBar) => seps.push((i, true)),
                _ => {}
            }
        }
        let row_span = self
            .tokens
            .get(start)
            .map_or(Span::default(), |t| t.span)
            .to(self
                .tokens
                .get(end.saturating_sub(1))
                .map_or(Span::default(), |t| t.span));
        if seps.first().map(|s| s.0) != Some(start) {
            self.pos = end;
            self.error(
                DiagKind::Expected {
                    expected: Wanted::Said(Words::new(
                        "a table row starting with `|`",
                        "een tabelrij die begint met `|`",
                    )),
                    found: Found::SomethingElse,
                },
                row_span,
            );
            return Err(());
        }
        let doubles: Vec<usize> = seps.iter().filter(|s| s.1).map(|s| s.0).collect();
        if doubles.len() != 1 || seps.last().map(|s| s.0) != Some(end - 1) {
            self.pos = end;
            let msg_en = if doubles.len() != 1 {
                "a row `| inputs || outputs |` with exactly one `||`"
            } else {
                "a row that ends with `|`"
            };
            let msg_nl = if doubles.len() != 1 {
                "een rij `| invoer || uitvoer |` met precies één `||`"
            } else {
                "een rij die eindigt met `|`"
            };
            self.error(
                DiagKind::Expected {
                    expected: Wanted::Said(Words::new(msg_en, msg_nl)),
                    found: Found::ThisRow,
                },
                row_span,
            );
            return Err(());
        }
        let mut inputs = Vec::new();
        let mut outputs = Vec::new();
        let mut side_out = false;
        for w in seps.windows(2) {
            let (Some(a), Some(b)) = (w.first(), w.get(1)) else {
                continue;
            };
            if a.1 {
                side_out = true;
            }
            let cell = (a.0 + 1, b.0);
            if side_out {
                outputs.push(cell);
            } else {
                inputs.push(cell);
            }
        }
        Ok((inputs, outputs, end))
    }

    /// Parses the tokens `range` with `f`, requiring it to use them all.
    fn in_cell<T>(
        &mut self,
        range: (usize, usize),
        f: impl FnOnce(&mut Parser) -> PResult<T>,
    ) -> PResult<T> {
        let saved_limit = self.limit;
        self.pos = range.0;
        self.limit = range.1;
        let r = f(self);
        let r = match r {
            Ok(v) if self.pos < range.1 => {
                let _ = self.expected("`|` (end of the cell)", "`|` (einde van de cel)");
                drop(v);
                Err(())
            }
            other => other,
        };
        self.limit = saved_limit;
        r
    }

    fn cell_span(&self, range: (usize, usize)) -> Span {
        let a = self.tokens.get(range.0).map_or(Span::default(), |t| t.span);
        if range.1 > range.0 {
            let b = self.tokens.get(range.1 - 1).map_or(a, |t| t.span);
            a.to(b)
        } else {
            // Empty cell: the position of the separator before it.
            let s = self
                .tokens
                .get(range.0.saturating_sub(1))
                .map_or(a, |t| t.span);
            Span {
                start: s.end,
                end: s.end,
            }
        }
    }

    fn empty_cell(&mut self, range: (usize, usize)) -> bool {
        if range.1 <= range.0 {
            let sp = self.cell_span(range);
            self.error(
                DiagKind::Expected {
                    expected: Wanted::Said(Words::new(
                        "a cell value (use `-` for any)",
                        "een celwaarde (gebruik `-` voor willekeurig)",
                    )),
                    found: Found::EmptyCell,
                },
                sp,
            );
            true
        } else {
            false
        }
    }

    fn table_header(&mut self) -> PResult<TableHeader> {
        let (ins, outs, end) = self.row_cells()?;
        let mut inputs = Vec::new();
        let mut outputs = Vec::new();
        let mut ok = true;
        for c in ins {
            if self.empty_cell(c) {
                ok = false;
                continue;
            }
            match self.in_cell(c, |p| p.expr()) {
                Ok(e) => inputs.push(e),
                Err(()) => ok = false,
            }
        }
        for c in outs {
            if self.empty_cell(c) {
                ok = false;
                continue;
            }
            match self.in_cell(c, |p| {
                p.ident("an outcome's name", "de naam van een uitkomst")
            }) {
                Ok(i) => outputs.push(i),
                Err(()) => ok = false,
            }
        }
        self.pos = end;
        if ok {
            Ok(TableHeader { inputs, outputs })
        } else {
            Err(())
        }
    }

    fn table_row(&mut self) -> PResult<TableRow> {
        let (ins, outs, end) = self.row_cells()?;
        let mut inputs = Vec::new();
        let mut outputs = Vec::new();
        let mut ok = true;
        for c in ins {
            if self.empty_cell(c) {
                ok = false;
                continue;
            }
            let span = self.cell_span(c);
            match self.in_cell(c, |p| p.cell_kind()) {
                Ok(kind) => inputs.push(Cell { kind, span }),
                Err(()) => ok = false,
            }
        }
        for c in outs {
            if self.empty_cell(c) {
                ok = false;
                continue;
            }
            let span = self.cell_span(c);
            match self.in_cell(c, |p| {
                if p.tok() == &Tok::Minus && matches!(p.peek_at(1).tok, Tok::Eof) {
                    p.bump();
                    Ok(OutCell::Skip(span))
                } else if p.tok() == &Tok::LBracket {
                    Ok(OutCell::List(p.ident_list()?, span))
                } else {
                    Ok(OutCell::One(p.ident("a value", "een waarde")?))
                }
            }) {
                Ok(o) => outputs.push(o),
                Err(()) => ok = false,
            }
        }
        self.pos = end;
        if ok {
            Ok(TableRow { inputs, outputs })
        } else {
            Err(())
        }
    }

    fn cell_kind(&mut self) -> PResult<CellKind> {
        if self.tok() == &Tok::Minus && matches!(self.peek_at(1).tok, Tok::Eof) {
            self.bump();
            return Ok(CellKind::Any);
        }
        if self.eat_word("unknown") {
            return Ok(CellKind::Unknown);
        }
        if self.eat_word("answered") {
            return Ok(CellKind::Answered);
        }
        if self.at_word("not") && self.peek_at(1).tok.is_word("in") {
            self.bump();
            self.bump();
            return Ok(CellKind::In {
                list: self.expr_list()?,
                negated: true,
            });
        }
        if self.eat_word("in") {
            return Ok(CellKind::In {
                list: self.expr_list()?,
                negated: false,
            });
        }
        if let Some(op) = cmp_op(self.tok()) {
            self.bump();
            return Ok(CellKind::Cmp(op, self.additive()?));
        }
        let e = self.additive()?;
        if self.eat(&Tok::DotDot) {
            let hi = self.additive()?;
            return Ok(CellKind::Range(e, hi));
        }
        Ok(CellKind::Cmp(CmpOp::Eq, e))
    }

    fn test(&mut self) -> PResult<Test> {
        let name = self.string()?;
        let mut t = Test {
            name,
            today: None,
            givens: Vec::new(),
            expects: Vec::new(),
        };
        self.clauses("test", &["today", "given", "expect"], |p, kw, start| {
            match kw {
                "today" => {
                    let d = p.date_lit()?;
                    let sp = start.to(d.span);
                    p.set_once(&mut t.today, d, sp, kw);
                }
                "given" => {
                    let mut list = vec![p.given()?];
                    while p.eat(&Tok::Comma) {
                        list.push(p.given()?);
                    }
                    let sp = start.to(p.prev_span());
                    t.givens.push(Clause {
                        value: list,
                        span: sp,
                    });
                }
                _ => {
                    let e = p.expect_clause()?;
                    let sp = start.to(p.prev_span());
                    t.expects.push(Clause { value: e, span: sp });
                }
            }
            Ok(())
        });
        Ok(t)
    }

    fn given(&mut self) -> PResult<Given> {
        let fact = self.ident("a fact's name", "de naam van een gegeven")?;
        self.expect_tok(&Tok::Eq)?;
        let value = self.literal()?;
        Ok(Given {
            span: fact.span.to(value.span()),
            fact,
            value,
        })
    }

    /// An answer or parameter value: `yes`, `no`, a number, a date or a name.
    fn literal(&mut self) -> PResult<Literal> {
        let t = self.peek().clone();
        if t.tok == Tok::LBracket {
            return self.records();
        }
        let value = match &t.tok {
            Tok::Word(w) if w == "yes" || w == "no" => {
                self.bump();
                Literal::Bool(w == "yes", t.span)
            }
            Tok::Int(_) | Tok::Minus => {
                let i = self.int_lit()?;
                Literal::Int(i.value, i.span)
            }
            Tok::Date(d) => {
                self.bump();
                Literal::Date(*d, t.span)
            }
            _ => Literal::Name(self.ident(
                "an answer: `yes`, `no`, a number, a date or an option",
                "een antwoord: `yes`, `no`, een getal, een datum of een keuze",
            )?),
        };
        Ok(value)
    }

    fn expect_clause(&mut self) -> PResult<Expect> {
        let outcome = self.ident("an outcome's name", "de naam van een uitkomst")?;
        let kind = if self.eat(&Tok::Eq) {
            if matches!(self.tok(), Tok::Date(_)) {
                ExpectKind::Date(self.date_lit()?)
            } else {
                ExpectKind::Equals(self.ident("a value", "een waarde")?)
            }
        } else if self.eat_word("contains") {
            if self.tok() == &Tok::LBracket {
                ExpectKind::Contains {
                    values: self.ident_list()?,
                    list: true,
                }
            } else {
                ExpectKind::Contains {
                    values: vec![self.ident("a value", "een waarde")?],
                    list: false,
                }
            }
        } else if self.eat_word("exactly") {
            ExpectKind::Exactly(self.ident_list()?)
        } else if self.eat_word("is") {
            if self.eat_word("undecided") {
                ExpectKind::Undecided
            } else if self.eat_word("provisional") {
                ExpectKind::Provisional
            } else if self.eat_word("final") {
                ExpectKind::Final
            } else if self.eat_word("overdue") {
                ExpectKind::Overdue
            } else if self.eat_word("blocked") {
                ExpectKind::Blocked
            } else if self.eat_word("complete") {
                ExpectKind::Complete
            } else {
                self.expected(
                    "`undecided`, `provisional`, `final`, `overdue`, `blocked` or `complete`",
                    "`undecided`, `provisional`, `final`, `overdue`, `blocked` of `complete`",
                )?;
                return Err(());
            }
        } else {
            self.expected(
                "`=`, `contains`, `exactly` or `is`",
                "`=`, `contains`, `exactly` of `is`",
            )?;
            return Err(());
        };
        Ok(Expect { outcome, kind })
    }

    fn parameter(&mut self) -> PResult<Parameter> {
        let name = self.ident("the parameter's name", "de naam van de parameter")?;
        self.expect_tok(&Tok::Eq)?;
        let value = self.literal()?;
        let mut p = Parameter {
            name,
            value,
            label: None,
            sources: Vec::new(),
            regional: None,
        };
        self.clauses("parameter", &["label", "source"], |ps, kw, start| {
            if kw == "label" {
                let v = ps.text_pair()?;
                let sp = start.to(v.span);
                ps.set_once(&mut p.label, v, sp, kw);
            } else if ps.at_word("regional") {
                let sp = start.to(ps.bump().span);
                if p.regional.is_some() {
                    ps.error(DiagKind::DuplicateClause("source regional".into()), sp);
                }
                p.regional = Some(sp);
            } else {
                let v = ps.string()?;
                let sp = start.to(v.span);
                p.sources.push(Clause { value: v, span: sp });
            }
            Ok(())
        });
        Ok(p)
    }

    /// `[(a, b), (c, d)]`: timeline records in a test.
    fn records(&mut self) -> PResult<Literal> {
        let start = self.expect_tok(&Tok::LBracket)?;
        let mut list = Vec::new();
        if !self.eat(&Tok::RBracket) {
            loop {
                let rstart = self.expect_tok(&Tok::LParen)?;
                let mut fields = Vec::new();
                if !self.eat(&Tok::RParen) {
                    loop {
                        if self.tok() == &Tok::LBracket {
                            self.expected(
                                "a field value (records do not nest)",
                                "een veldwaarde (registraties zitten niet in elkaar)",
                            )?;
                        }
                        fields.push(self.literal()?);
                        if self.eat(&Tok::Comma) {
                            continue;
                        }
                        self.expect_tok(&Tok::RParen)?;
                        break;
                    }
                }
                list.push((fields, rstart.to(self.prev_span())));
                if self.eat(&Tok::Comma) {
                    continue;
                }
                self.expect_tok(&Tok::RBracket)?;
                break;
            }
        }
        Ok(Literal::Records(list, start.to(self.prev_span())))
    }

    /// `override reason NAME` with its label (after `override`).
    fn override_reason(&mut self) -> PResult<Named> {
        self.expect_word("reason")?;
        self.named(NamedKind::OverrideReason)
    }

    fn named(&mut self, kind: NamedKind) -> PResult<Named> {
        let (en, nl) = match kind {
            NamedKind::Party => ("the party's name", "de naam van de partij"),
            NamedKind::Phase => ("the phase's name", "de naam van de fase"),
            NamedKind::OverrideReason => ("the reason's name", "de naam van de reden"),
        };
        let name = self.ident(en, nl)?;
        let mut n = Named {
            kind,
            name,
            label: None,
        };
        let item = match kind {
            NamedKind::Party => "party",
            NamedKind::Phase => "phase",
            NamedKind::OverrideReason => "override reason",
        };
        self.clauses(item, &["label"], |p, kw, start| {
            let v = p.text_pair()?;
            let sp = start.to(v.span);
            p.set_once(&mut n.label, v, sp, kw);
            Ok(())
        });
        Ok(n)
    }

    fn handover(&mut self) -> PResult<Handover> {
        let name = self.ident("the handover's name", "de naam van de overdracht")?;
        let mut h = Handover {
            name,
            title: None,
            from_to: None,
            lead: None,
            when: None,
            requires: Vec::new(),
            priority: None,
            because: None,
            sources: Vec::new(),
        };
        self.clauses(
            "handover",
            &[
                "title", "from", "lead", "when", "require", "priority", "because", "source",
            ],
            |p, kw, start| match kw {
                "from" => {
                    let from = p.ident("the sending party", "de overdragende partij")?;
                    p.expect_word("to")?;
                    let to = p.ident("the receiving party", "de ontvangende partij")?;
                    let sp = start.to(to.span);
                    p.set_once(&mut h.from_to, (from, to), sp, "from ... to");
                    Ok(())
                }
                "lead" => {
                    let o = p.ident(
                        "the outcome that holds the lead",
                        "de uitkomst met de regie",
                    )?;
                    let sp = start.to(o.span);
                    p.set_once(&mut h.lead, o, sp, kw);
                    Ok(())
                }
                "when" => {
                    let e = p.expr()?;
                    let sp = start.to(e.span);
                    p.set_once(&mut h.when, e, sp, kw);
                    Ok(())
                }
                "require" => {
                    let e = p.expr()?;
                    let t = p.text_pair()?;
                    let sp = start.to(t.span);
                    h.requires.push(Clause {
                        value: (e, t),
                        span: sp,
                    });
                    Ok(())
                }
                _ => Parser::sources_and_common(
                    p,
                    kw,
                    start,
                    &mut h.title,
                    &mut h.priority,
                    &mut h.because,
                    &mut h.sources,
                ),
            },
        );
        Ok(h)
    }

    fn tests_for(&mut self) -> PResult<Ident> {
        self.expect_word("for")?;
        self.ident("the ruleset's name", "de naam van de regelset")
    }

    // ---------- expressions ----------

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let sp = self.here();
            self.error(DiagKind::TooDeep(MAX_DEPTH), sp);
            // Skip the rest so the error is reported once.
            while !self.at_eof() && !self.peek().line_start {
                self.bump();
            }
            self.depth -= 1;
            return Err(());
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.or_expr();
        self.leave();
        r
    }

    /// A chain `first op next op next ...`, built to the left. Every operator in the chain makes the
    /// syntax tree one level deeper, so it counts toward [`MAX_DEPTH`] like a parenthesis: a condition of
    /// 100,000 `or`s is an error, not a stack overflow in the checker, the formatter or the browser.
    fn chain(
        &mut self,
        next: fn(&mut Self) -> PResult<Expr>,
        op: fn(&mut Self) -> Option<BinOp>,
    ) -> PResult<Expr> {
        let mut lhs = next(self)?;
        let mut levels = 0;
        let result = loop {
            let Some(op) = op(self) else {
                break Ok(lhs);
            };
            if let Err(e) = self.enter() {
                break Err(e);
            }
            levels += 1;
            match next(self) {
                Ok(rhs) => lhs = binary(op, lhs, rhs),
                Err(e) => break Err(e),
            }
        };
        self.depth = self.depth.saturating_sub(levels);
        result
    }

    fn or_expr(&mut self) -> PResult<Expr> {
        self.chain(Self::and_expr, |p| p.eat_word("or").then_some(BinOp::Or))
    }

    fn and_expr(&mut self) -> PResult<Expr> {
        self.chain(Self::not_expr, |p| p.eat_word("and").then_some(BinOp::And))
    }

    fn not_expr(&mut self) -> PResult<Expr> {
        if self.at_word("not") {
            let start = self.bump().span;
            self.enter()?;
            let inner = self.not_expr();
            self.leave();
            let inner = inner?;
            return Ok(Expr {
                span: start.to(inner.span),
                kind: ExprKind::Not(Box::new(inner)),
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let lhs = self.additive()?;
        if let Some(op) = cmp_op(self.tok()) {
            self.bump();
            let rhs = self.additive()?;
            return Ok(binary(BinOp::Cmp(op), lhs, rhs));
        }
        let window_next = self.at_word("in") && self.peek_at(1).tok.is_word("the");
        if (self.at_word("in") && !window_next)
            || (self.at_word("not") && self.peek_at(1).tok.is_word("in"))
        {
            let negated = self.eat_word("not");
            self.bump();
            let list = self.expr_list()?;
            let span = lhs.span.to(self.prev_span());
            return Ok(Expr {
                kind: ExprKind::In {
                    expr: Box::new(lhs),
                    list,
                    negated,
                },
                span,
            });
        }
        if self.eat_word("between") {
            let low = self.additive()?;
            self.expect_word("and")?;
            let high = self.additive()?;
            let span = lhs.span.to(high.span);
            return Ok(Expr {
                kind: ExprKind::Between {
                    expr: Box::new(lhs),
                    low: Box::new(low),
                    high: Box::new(high),
                },
                span,
            });
        }
        if self.eat_word("is") {
            let negated = if self.eat_word("answered") {
                false
            } else if self.eat_word("unknown") {
                true
            } else {
                self.expected("`answered` or `unknown`", "`answered` of `unknown`")?;
                return Err(());
            };
            let span = lhs.span.to(self.prev_span());
            return Ok(Expr {
                kind: ExprKind::IsAnswered {
                    expr: Box::new(lhs),
                    negated,
                },
                span,
            });
        }
        Ok(lhs)
    }

    fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        self.expect_tok(&Tok::LBracket)?;
        let mut list = Vec::new();
        if !self.eat(&Tok::RBracket) {
            loop {
                list.push(self.additive()?);
                if self.eat(&Tok::Comma) {
                    continue;
                }
                self.expect_tok(&Tok::RBracket)?;
                break;
            }
        }
        Ok(list)
    }

    fn additive(&mut self) -> PResult<Expr> {
        self.chain(Self::multiplicative, |p| {
            let op = match p.tok() {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return None,
            };
            p.bump();
            Some(op)
        })
    }

    fn multiplicative(&mut self) -> PResult<Expr> {
        self.chain(Self::unary, |p| p.eat(&Tok::Star).then_some(BinOp::Mul))
    }

    fn unary(&mut self) -> PResult<Expr> {
        if let (Tok::Minus, Tok::Int(n)) = (self.tok(), &self.peek_at(1).tok)
            && i64::try_from(*n).is_err()
        {
            // A number that does not fit on its own is read together with its minus sign: the smallest
            // number, -9223372036854775808, has no positive counterpart.
            let start = self.here();
            let int = self.int_lit()?;
            return self.suffixed(Expr {
                kind: ExprKind::Int(int.value),
                span: start.to(int.span),
            });
        }
        if self.tok() == &Tok::Minus {
            let start = self.bump().span;
            self.enter()?;
            let inner = self.unary();
            self.leave();
            let inner = inner?;
            return Ok(Expr {
                span: start.to(inner.span),
                kind: ExprKind::Neg(Box::new(inner)),
            });
        }
        let e = self.primary()?;
        self.suffixed(e)
    }

    /// `e`, or `e days` / `e working days` when a unit follows.
    fn suffixed(&mut self, e: Expr) -> PResult<Expr> {
        if self.at_word("days") || self.at_word("day") {
            let end = self.bump().span;
            return Ok(Expr {
                span: e.span.to(end),
                kind: ExprKind::Days(Box::new(e)),
            });
        }
        if self.at_word("working")
            && (self.peek_at(1).tok.is_word("days") || self.peek_at(1).tok.is_word("day"))
        {
            self.bump();
            let end = self.bump().span;
            return Ok(Expr {
                span: e.span.to(end),
                kind: ExprKind::WorkingDays(Box::new(e)),
            });
        }
        Ok(e)
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let kind = match &t.tok {
            Tok::Int(n) => ExprKind::Int(self.signed(*n, false, t.span)),
            Tok::Date(d) => ExprKind::Date(*d),
            Tok::LParen => {
                self.bump();
                let inner = self.expr()?;
                let end = self.expect_tok(&Tok::RParen)?;
                return Ok(Expr {
                    span: t.span.to(end),
                    kind: ExprKind::Paren(Box::new(inner)),
                });
            }
            Tok::Word(w) => match w.as_str() {
                "yes" => ExprKind::Bool(true),
                "no" => ExprKind::Bool(false),
                "today" => ExprKind::Today,
                "count" | "latest" | "earliest" if self.peek_at(1).tok == Tok::LParen => {
                    return self.list_expr(t.span, w == "count", w == "latest");
                }
                "days" if self.peek_at(1).tok.is_word("since") => {
                    self.bump();
                    self.bump();
                    self.enter()?;
                    let inner = self.unary();
                    self.leave();
                    let inner = inner?;
                    return Ok(Expr {
                        span: t.span.to(inner.span),
                        kind: ExprKind::DaysSince(Box::new(inner)),
                    });
                }
                w if RESERVED.contains(&w) => {
                    self.keyword_here(
                        "a fact, a value, a number or a date",
                        "een gegeven, een waarde, een getal of een datum",
                        w,
                        t.span,
                    );
                    return Err(());
                }
                w => ExprKind::Name(w.to_string()),
            },
            _ => {
                self.expected(
                    "a fact, a value, a number or a date",
                    "een gegeven, een waarde, een getal of een datum",
                )?;
                return Err(());
            }
        };
        self.bump();
        Ok(Expr { kind, span: t.span })
    }
}

impl Parser {
    /// `count(LIST ...)`, `latest(FIELD of LIST ...)`, `earliest(FIELD of LIST ...)`, from the keyword on.
    fn list_expr(&mut self, start: Span, count: bool, latest: bool) -> PResult<Expr> {
        self.bump();
        self.expect_tok(&Tok::LParen)?;
        self.enter()?;
        let r = self.list_expr_inner(start, count, latest);
        self.leave();
        r
    }

    fn list_expr_inner(&mut self, start: Span, count: bool, latest: bool) -> PResult<Expr> {
        let field = if count {
            None
        } else {
            let f = self.ident("a field of the timeline", "een veld van de tijdlijn")?;
            self.expect_word("of")?;
            Some(f)
        };
        let list = self.ident("a timeline", "een tijdlijn")?;
        let filter = if self.eat_word("where") {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        let window = if self.at_word("in") {
            self.bump();
            self.expect_word("the")?;
            self.expect_word("last")?;
            // `14 days` reads as a duration: take the number of days out of it.
            let n = self.additive()?;
            match n.kind {
                ExprKind::Days(inner) => Some(inner),
                _ => {
                    self.expected("`N days`", "`N days`")?;
                    None
                }
            }
        } else {
            None
        };
        let end = self.expect_tok(&Tok::RParen)?;
        let kind = match field {
            None => ExprKind::Count {
                list,
                filter,
                window,
            },
            Some(field) => ExprKind::Pick {
                latest,
                field,
                list,
                filter,
                window,
            },
        };
        Ok(Expr {
            kind,
            span: start.to(end),
        })
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

fn is_clause_keyword(w: &str) -> bool {
    matches!(
        w,
        "title"
            | "version"
            | "valid"
            | "note"
            | "label"
            | "help"
            | "ask"
            | "option"
            | "level"
            | "value"
            | "default"
            | "required"
            | "when"
            | "then"
            | "priority"
            | "because"
            | "source"
            | "today"
            | "given"
            | "expect"
            | "field"
            | "require"
            | "lead"
            | "values"
            | "follows"
    )
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
