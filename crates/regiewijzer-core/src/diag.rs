//! Diagnostics: every problem found in a `.regels` file, with a code, a place and a message in Dutch and
//! English.
//!
//! The English message is the [`std::fmt::Display`] of [`DiagKind`] (via `thiserror`); the Dutch one is
//! [`DiagKind::message_nl`]. Codes: `E1xx` reading, `E2xx` structure, `E3xx` names and types, `E4xx` tests,
//! `W5xx` warnings.

use crate::ast::Span;
use crate::limits::MAX_DIAGNOSTICS;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The ruleset cannot be used.
    Error,
    /// The ruleset works, but something should be looked at.
    Warning,
}

/// A line and column (both counted from 1; the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

/// One problem in a source text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// A stable code such as `E301`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Where it starts.
    pub start: LineCol,
    /// Where it ends (exclusive).
    pub end: LineCol,
    /// The byte range in the source.
    pub span: Span,
    /// The message in Dutch.
    pub message_nl: String,
    /// The message in English.
    pub message_en: String,
    /// What the problem is, structurally.
    #[serde(skip)]
    pub kind: DiagKind,
}

impl Diagnostic {
    /// A diagnostic of `kind` at `span`, placed in `source`.
    pub fn new(kind: DiagKind, span: Span, index: &LineIndex) -> Diagnostic {
        let start = index.line_col(span.start);
        let end = index.line_col(span.end.max(span.start));
        let d = Diagnostic::placed(kind, span, start, end);
        crate::work::tick(d.message_en.len() + d.message_nl.len());
        d
    }

    /// A diagnostic of `kind` at `span`, already placed at `start`..`end`.
    fn placed(kind: DiagKind, span: Span, start: LineCol, end: LineCol) -> Diagnostic {
        Diagnostic {
            code: kind.code(),
            severity: kind.severity(),
            start,
            end,
            span,
            message_nl: kind.message_nl(),
            message_en: kind.to_string(),
            kind,
        }
    }

    /// The message in the given language (`"en"`, anything else is Dutch).
    pub fn message(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.message_en
        } else {
            &self.message_nl
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Keeps the first [`MAX_DIAGNOSTICS`] of `diags` by position (in order, ties in their given order) and
/// replaces the rest by one [`DiagKind::MoreProblems`] at the end, placed at the first one left out. A
/// summary already in `diags` (from an earlier cap) is counted in, so the count stays exact.
pub fn cap(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut left_out = LeftOut::default();
    diags.retain(|d| match d.kind {
        DiagKind::MoreProblems { more, errors, .. } => {
            left_out.add(more, errors, d);
            false
        }
        _ => true,
    });
    diags.sort_by_key(|d| d.span.start);
    if diags.len() > MAX_DIAGNOSTICS {
        for d in diags.drain(MAX_DIAGNOSTICS..) {
            left_out.add(1, d.is_error(), &d);
        }
    }
    if let Some(summary) = left_out.summary(diags.len()) {
        diags.push(summary);
    }
    diags
}

/// What [`cap`] left out: how many, whether errors are among them, and the first one's place.
#[derive(Default)]
struct LeftOut {
    more: usize,
    errors: bool,
    first: Option<(Span, LineCol, LineCol)>,
}

impl LeftOut {
    fn add(&mut self, more: usize, errors: bool, d: &Diagnostic) {
        self.more += more;
        self.errors |= errors;
        if self.first.is_none_or(|(s, _, _)| d.span.start < s.start) {
            self.first = Some((d.span, d.start, d.end));
        }
    }

    fn summary(&self, shown: usize) -> Option<Diagnostic> {
        let (span, start, end) = self.first?;
        let kind = DiagKind::MoreProblems {
            more: self.more,
            shown,
            errors: self.errors,
        };
        Some(Diagnostic::placed(kind, span, start, end))
    }
}

/// Problems collected while reading or checking, before they are placed and worded: the first
/// [`MAX_DIAGNOSTICS`] by position are kept (in a heap, so each costs `O(log MAX_DIAGNOSTICS)`), the
/// rest only counted. Memory and time stay small however many problems a hostile text has.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    kept: BinaryHeap<Kept>,
    /// How many were pushed.
    pushed: usize,
    /// Counted but not kept: how many, whether errors are among them, and the first one's span.
    dropped: usize,
    dropped_errors: bool,
    first_dropped: Option<Span>,
}

/// One kept problem, ordered by position and then by arrival.
#[derive(Debug, Clone)]
struct Kept {
    key: (u32, usize),
    kind: DiagKind,
    span: Span,
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

impl Problems {
    /// Records a problem of `kind` at `span`.
    pub fn push(&mut self, kind: DiagKind, span: Span) {
        crate::work::tick(1 + (usize::BITS - MAX_DIAGNOSTICS.leading_zeros()) as usize);
        let key = (span.start, self.pushed);
        self.pushed += 1;
        let new = Kept { key, kind, span };
        let out = if self.kept.len() < MAX_DIAGNOSTICS {
            self.kept.push(new);
            None
        } else if self.kept.peek().is_some_and(|last| new.key < last.key) {
            let out = self.kept.pop();
            self.kept.push(new);
            out
        } else {
            Some(new)
        };
        if let Some(out) = out {
            self.dropped += 1;
            self.dropped_errors |= out.kind.severity() == Severity::Error;
            if self.first_dropped.is_none_or(|s| out.span.start < s.start) {
                self.first_dropped = Some(out.span);
            }
        }
    }

    /// How many problems were recorded (kept or not).
    pub fn len(&self) -> usize {
        self.pushed
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.pushed == 0
    }

    /// True when an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.dropped_errors
            || self
                .kept
                .iter()
                .any(|k| k.kind.severity() == Severity::Error)
    }

    /// The kept problems in order of position (then arrival).
    pub fn sorted(&self) -> Vec<(&DiagKind, Span)> {
        let mut all: Vec<&Kept> = self.kept.iter().collect();
        all.sort();
        all.into_iter().map(|k| (&k.kind, k.span)).collect()
    }

    /// The kept problems as diagnostics placed in the text of `index`, in order, then a
    /// [`DiagKind::MoreProblems`] for the rest when some were not kept.
    pub fn into_diagnostics(self, index: &LineIndex) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .kept
            .into_sorted_vec()
            .into_iter()
            .map(|k| Diagnostic::new(k.kind, k.span, index))
            .collect();
        if let Some(span) = self.first_dropped {
            let kind = DiagKind::MoreProblems {
                more: self.dropped,
                shown: out.len(),
                errors: self.dropped_errors,
            };
            out.push(Diagnostic::new(kind, span, index));
        }
        out
    }
}

/// Maps byte offsets to line and column. A line ends at a line feed (LF), a carriage return followed by a
/// line feed (CRLF), or a carriage return alone (CR), as in the lexer ([`is_line_break`]).
///
/// Built in one pass over the text; each look-up costs two binary searches, so placing every diagnostic of
/// a long line is linear in the text, not quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    /// For every character of more than one byte: its offset, and how many bytes more than one character
    /// all such characters up to and including it take (so a column is bytes minus these extra bytes).
    wide: Vec<(usize, usize)>,
}

/// The length of the line break that starts at byte `i` of `bytes` (LF, CRLF or a lone CR), or 0.
pub fn line_break_len(bytes: &[u8], i: usize) -> usize {
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => 0,
    }
}

/// True for the bytes that end a line: LF and CR (a CRLF pair is one line break).
pub fn is_line_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts and the wide characters of `source`.
    pub fn new(source: &'a str) -> LineIndex<'a> {
        crate::work::tick(source.len());
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match line_break_len(bytes, i) {
                0 => i += 1,
                n => {
                    i += n;
                    line_starts.push(i);
                }
            }
        }
        let mut wide = Vec::new();
        let mut extra = 0;
        for (at, c) in source.char_indices() {
            if c.len_utf8() > 1 {
                extra += c.len_utf8() - 1;
                wide.push((at, extra));
            }
        }
        LineIndex {
            source,
            line_starts,
            wide,
        }
    }

    /// The byte offsets where lines start (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The extra bytes of the wide characters that start before `offset`.
    fn extra_before(&self, offset: usize) -> usize {
        let n = self.wide.partition_point(|&(at, _)| at < offset);
        n.checked_sub(1)
            .and_then(|k| self.wide.get(k))
            .map_or(0, |&(_, extra)| extra)
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: u32) -> LineCol {
        crate::work::tick(
            (usize::BITS - self.line_starts.len().leading_zeros()) as usize
                + 2 * (usize::BITS - self.wide.len().leading_zeros()) as usize,
        );
        let offset = (offset as usize).min(self.source.len());
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        // Saturating: an offset inside a wide character (no span has one) must not underflow.
        let extra = self
            .extra_before(offset)
            .saturating_sub(self.extra_before(start));
        let column = offset.saturating_sub(start).saturating_sub(extra);
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

/// A description in both languages, used inside a message: what was expected or found, a type, a kind
/// of item. Each language has its own words; quoted code (`` `…` ``) is the same in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// In English.
    pub en: String,
    /// In Dutch.
    pub nl: String,
}

impl Words {
    /// A description with its English and Dutch wording.
    pub fn new(en: impl Into<String>, nl: impl Into<String>) -> Words {
        Words {
            en: en.into(),
            nl: nl.into(),
        }
    }

    /// Code or a name, which reads the same in both languages.
    pub fn same(text: impl Into<String>) -> Words {
        let text = text.into();
        Words {
            en: text.clone(),
            nl: text,
        }
    }
}

impl std::fmt::Display for Words {
    /// The English wording (the English message is the `Display` of [`DiagKind`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// Every kind of problem, with its data. `Display` is the English message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DiagKind {
    // ---- E1xx: reading ----
    /// Characters that have no place in the language: one, or a run of them with nothing between (one
    /// diagnostic for the run).
    #[error("{}", unexpected_en(.start, *.count))]
    UnexpectedChar {
        /// The first characters of the run (at most [`RUN_SHOWN`]).
        start: String,
        /// How many characters the run has.
        count: usize,
    },
    /// A text without its closing quote.
    #[error("this text has no closing `\"` on the same line")]
    UnterminatedString,
    /// An escape other than `\"`, `\\`, `\n`.
    #[error("unknown escape `\\{0}` in a text (use \\\" \\\\ or \\n)")]
    BadEscape(char),
    /// A number that does not fit.
    #[error("the number `{0}` is too large")]
    NumberTooLarge(String),
    /// A date that does not exist.
    #[error("`{0}` is not a valid date (write year-month-day, e.g. 2026-03-01)")]
    BadDate(String),
    /// The source is larger than the limit.
    #[error("the file is too large ({size} bytes; at most {limit})")]
    SourceTooLarge {
        /// Actual size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Nesting deeper than the limit.
    #[error(
        "the condition is nested too deeply or chains too many `and`/`or`/arithmetic steps (at most {0} levels)"
    )]
    TooDeep(usize),
    /// A text longer than the limit.
    #[error("this text is too long ({length} characters; at most {limit})")]
    TextTooLong {
        /// Its length in characters.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// A name that cannot be used because it means something else where answers travel (JavaScript).
    #[error(
        "`{0}` cannot be a name: in JavaScript, where answers and results travel as objects, it is special"
    )]
    ReservedName(String),
    /// Bytes that are not UTF-8 text (read by [`crate::source::decode`]).
    #[error(
        "the file is not UTF-8 text: byte {offset} (0x{byte:02X}) is not part of a character; save the file as UTF-8"
    )]
    NotUtf8 {
        /// The offset of the first bad byte in the file (a leading byte order mark counted).
        offset: usize,
        /// That byte.
        byte: u8,
    },
    /// More facts, rules or records than the limit.
    #[error("too many {what_en} (at most {limit})")]
    TooMany {
        /// What, in Dutch (`vragen`, `regels`, ...).
        what_nl: &'static str,
        /// What, in English (`facts`, `rules`, ...).
        what_en: &'static str,
        /// The limit.
        limit: usize,
    },

    /// More problems than [`crate::limits::MAX_DIAGNOSTICS`]: the list stops and this says how many more
    /// there are. `E111` when errors are among them, `W507` when they are all warnings.
    #[error("{}", more_en(*.more, *.shown, *.errors))]
    MoreProblems {
        /// How many diagnostics are not shown.
        more: usize,
        /// How many are shown.
        shown: usize,
        /// True when at least one not shown is an error.
        errors: bool,
    },

    // ---- E2xx: structure ----
    /// Something else was expected.
    #[error("expected {expected}, found {found}")]
    Expected {
        /// What was expected.
        expected: Words,
        /// What was found.
        found: Words,
    },
    /// A clause keyword that does not belong in this item.
    #[error("`{clause}` does not belong in a {item}")]
    ClauseNotAllowed {
        /// The clause keyword.
        clause: String,
        /// The item keyword.
        item: String,
    },
    /// The same clause twice.
    #[error("`{0}` is given twice here")]
    DuplicateClause(String),
    /// The file does not start with `ruleset`.
    #[error("a ruleset file starts with `ruleset NAME`")]
    MissingHeader,
    /// A second `ruleset` header.
    #[error("only one `ruleset` header per file")]
    DuplicateHeader,
    /// A required clause is missing.
    #[error("this {item} needs a {}", alternatives(.clauses, "or"))]
    MissingClause {
        /// The item keyword.
        item: String,
        /// The missing clause: its keyword (and what follows it), or the alternatives.
        clauses: Vec<String>,
    },
    /// A table row with the wrong number of cells.
    #[error("this row has {found} {side} cells, the header has {expected}")]
    RowWidth {
        /// "input" or "output".
        side: String,
        /// Header width.
        expected: usize,
        /// Row width.
        found: usize,
    },

    // ---- E3xx: names and types ----
    /// An unknown fact.
    #[error("unknown fact `{0}`")]
    UnknownFact(String),
    /// A name that is neither a fact nor a value in this place.
    #[error("`{0}` is not a fact, nor a value that fits here")]
    UnknownName(String),
    /// An unknown outcome.
    #[error("unknown outcome `{0}`")]
    UnknownOutcome(String),
    /// An unknown value of an outcome.
    #[error("outcome `{outcome}` has no value `{value}`")]
    UnknownValue {
        /// The outcome.
        outcome: String,
        /// The value.
        value: String,
    },
    /// An unknown option of a choice fact.
    #[error("fact `{fact}` has no option `{option}`")]
    UnknownOption {
        /// The fact.
        fact: String,
        /// The option.
        option: String,
    },
    /// A name declared twice.
    #[error("`{name}` is already declared as a {what}")]
    Duplicate {
        /// The name.
        name: String,
        /// What it already is.
        what: Words,
    },
    /// A type mismatch.
    #[error("expected {expected}, but this is {found}")]
    TypeMismatch {
        /// Expected type.
        expected: Words,
        /// Found type.
        found: Words,
    },
    /// Two sides of a comparison that cannot be compared.
    #[error("cannot compare {left} with {right}")]
    Incomparable {
        /// Left type.
        left: Words,
        /// Right type.
        right: Words,
    },
    /// `<` and friends on values without order.
    #[error("`{op}` needs numbers or dates; {found} has no order")]
    NotOrdered {
        /// The operator.
        op: String,
        /// The type.
        found: Words,
    },
    /// `ask when` conditions that depend on each other in a circle.
    #[error("`ask when` goes round in a circle: {0}")]
    AskWhenCycle(String),
    /// A value given to an outcome whose policy allows one value per rule.
    #[error("outcome `{0}` takes one value per rule; a list is only for collect outcomes")]
    ListForSingle(String),
    /// The same outcome twice in one rule.
    #[error("outcome `{0}` is set twice in this rule")]
    DuplicateAssignment(String),
    /// An empty range or bounds.
    #[error("the range {min}..{max} is empty")]
    EmptyRange {
        /// Lower bound.
        min: i64,
        /// Upper bound.
        max: i64,
    },
    /// A choice without options.
    #[error("choice fact `{0}` has no options")]
    NoOptions(String),
    /// Options or levels on the wrong type.
    #[error("`{clause}` only belongs to a `{ty}` fact")]
    WrongTypeClause {
        /// The clause.
        clause: String,
        /// The type it belongs to.
        ty: String,
    },
    /// A scale level outside the scale.
    #[error("level {level} lies outside the scale {min}..{max}")]
    LevelOutOfRange {
        /// The level.
        level: i64,
        /// Scale minimum.
        min: i64,
        /// Scale maximum.
        max: i64,
    },
    /// An outcome without values.
    #[error("outcome `{0}` has no values")]
    NoValues(String),
    /// A literal outside a fact's bounds.
    #[error("{value} lies outside the bounds of `{fact}` ({bounds})")]
    OutOfBounds {
        /// The fact.
        fact: String,
        /// The value.
        value: i64,
        /// The bounds as text.
        bounds: String,
    },

    // ---- E4xx: tests ----
    /// A test needs `today`.
    #[error("this test needs `today YYYY-MM-DD`, because the rules use dates relative to today")]
    TestNeedsToday,
    /// A test expectation form that does not fit the outcome.
    #[error("`{form}` does not fit outcome `{outcome}` ({policy})")]
    ExpectForm {
        /// The form written.
        form: String,
        /// The outcome.
        outcome: String,
        /// Its policy, or what fits instead.
        policy: Words,
    },
    /// A test for another ruleset.
    #[error("these tests are for ruleset `{expected}`, not `{found}`")]
    TestsForOther {
        /// The id named by `tests for`.
        expected: String,
        /// The ruleset they were run against.
        found: String,
    },
    /// Two tests with the same name.
    #[error("there is already a test named \"{0}\"")]
    DuplicateTest(String),
    /// The same fact given twice in a test.
    #[error("`{0}` is given twice in this test")]
    DuplicateGiven(String),

    // ---- W5xx: warnings ----
    /// A text pair without English.
    #[error("no English text (`en \"...\"`); the Dutch text will be shown")]
    MissingEnglish,
    /// A rule whose outcome's policy ignores its priority.
    #[error("`priority` has no effect: outcome(s) {0} do not use the priority policy")]
    PriorityIgnored(String),
    /// A value of an outcome that no rule or default gives.
    #[error("no rule gives `{outcome}` the value `{value}`")]
    ValueNeverGiven {
        /// The outcome.
        outcome: String,
        /// The value.
        value: String,
    },
    /// A fact that no rule, ask-when or table uses.
    #[error("fact `{0}` is asked but no rule uses it")]
    FactUnused(String),
    /// A timeline whose first field is not a date.
    #[error("the first field of timeline `{0}` must be its date (`field datum: date ...`)")]
    TimelineNeedsDate(String),
    /// `count`/`latest`/`earliest` over something that is not a timeline.
    #[error("`{0}` is not a timeline")]
    NotATimeline(String),
    /// A field name that the timeline does not have.
    #[error("timeline `{list}` has no field `{field}`")]
    UnknownField {
        /// The timeline.
        list: String,
        /// The field.
        field: String,
    },
    /// `{name}` in a text names no parameter.
    #[error("`{{{0}}}` in this text names no parameter (write `{{{{` for a literal brace)")]
    UnknownParamInText(String),
    /// `values parties` / `fact x: party` without any `party` declared (or phases).
    #[error("no {0} is declared (declare them with `{0} NAME` and a label)")]
    NothingDeclared(String),
    /// A handover whose requirements are only about time passing.
    #[error(
        "handover `{0}` happens only because time passed: every requirement is about dates relative to today"
    )]
    HandoverOnlyTime(String),
    /// A parameter that nothing reads.
    #[error("parameter `{0}` is not used by any rule")]
    ParamUnused(String),
    /// `follows` names an outcome without one resulting value (a collect or deadline outcome).
    #[error(
        "`follows` names `{outcome}`, a {policy} outcome; only priority and unique outcomes have one value to follow"
    )]
    FollowsNotSingle {
        /// The outcome named.
        outcome: String,
        /// Its policy (`collect`, `deadline`).
        policy: String,
    },
    /// `follows` on an outcome that is not a collect outcome.
    #[error("`follows` belongs to a collect outcome; `{outcome}` is a {policy} outcome")]
    FollowsNotCollect {
        /// The outcome with the clause.
        outcome: String,
        /// Its policy.
        policy: String,
    },
}

/// The codes, in order: one table from which both [`DiagKind::code`] and [`ALL_CODES`] come, so a new
/// kind cannot be left out of either (the match is exhaustive).
macro_rules! codes {
    ($($kind:pat => $code:literal,)*) => {
        /// Every code a diagnostic can have, in order (`E1xx` … `E4xx`, then `W5xx`).
        pub const ALL_CODES: &[&str] = &[$($code),*];

        impl DiagKind {
            /// The stable code of this kind of problem.
            pub fn code(&self) -> &'static str {
                use DiagKind::*;
                match self {
                    $($kind => $code,)*
                }
            }
        }
    };
}

codes! {
    UnexpectedChar { .. } => "E101",
    UnterminatedString => "E102",
    BadEscape(_) => "E103",
    NumberTooLarge(_) => "E104",
    BadDate(_) => "E105",
    SourceTooLarge { .. } => "E106",
    TooDeep(_) => "E107",
    TextTooLong { .. } => "E108",
    TooMany { .. } => "E109",
    ReservedName(_) => "E110",
    MoreProblems { errors: true, .. } => "E111",
    NotUtf8 { .. } => "E112",
    Expected { .. } => "E201",
    ClauseNotAllowed { .. } => "E202",
    DuplicateClause(_) => "E203",
    MissingHeader => "E204",
    DuplicateHeader => "E205",
    MissingClause { .. } => "E206",
    RowWidth { .. } => "E207",
    UnknownFact(_) => "E301",
    UnknownName(_) => "E302",
    UnknownOutcome(_) => "E303",
    UnknownValue { .. } => "E304",
    UnknownOption { .. } => "E305",
    Duplicate { .. } => "E306",
    TypeMismatch { .. } => "E307",
    Incomparable { .. } => "E308",
    NotOrdered { .. } => "E309",
    AskWhenCycle(_) => "E311",
    ListForSingle(_) => "E312",
    DuplicateAssignment(_) => "E313",
    EmptyRange { .. } => "E314",
    NoOptions(_) => "E315",
    WrongTypeClause { .. } => "E316",
    LevelOutOfRange { .. } => "E317",
    NoValues(_) => "E318",
    OutOfBounds { .. } => "E319",
    TimelineNeedsDate(_) => "E320",
    NotATimeline(_) => "E321",
    UnknownField { .. } => "E322",
    NothingDeclared(_) => "E323",
    UnknownParamInText(_) => "E324",
    FollowsNotSingle { .. } => "E330",
    FollowsNotCollect { .. } => "E331",
    TestNeedsToday => "E401",
    ExpectForm { .. } => "E402",
    TestsForOther { .. } => "E403",
    DuplicateTest(_) => "E404",
    DuplicateGiven(_) => "E405",
    MissingEnglish => "W501",
    PriorityIgnored(_) => "W502",
    ValueNeverGiven { .. } => "W503",
    FactUnused(_) => "W504",
    ParamUnused(_) => "W505",
    HandoverOnlyTime(_) => "W506",
    MoreProblems { errors: false, .. } => "W507",
}

impl DiagKind {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        if self.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        use DiagKind::*;
        match self {
            UnexpectedChar { start, count } => unexpected_nl(start, *count),
            MoreProblems {
                more,
                shown,
                errors,
            } => more_nl(*more, *shown, *errors),
            UnterminatedString => "deze tekst heeft geen afsluitend `\"` op dezelfde regel".into(),
            BadEscape(c) => {
                format!("onbekende escape `\\{c}` in een tekst (gebruik \\\" \\\\ of \\n)")
            }
            NumberTooLarge(n) => format!("het getal `{n}` is te groot"),
            BadDate(d) => {
                format!("`{d}` is geen geldige datum (schrijf jaar-maand-dag, bijv. 2026-03-01)")
            }
            SourceTooLarge { size, limit } => {
                format!("het bestand is te groot ({size} bytes; hoogstens {limit})")
            }
            TextTooLong { length, limit } => {
                format!("deze tekst is te lang ({length} tekens; hoogstens {limit})")
            }
            TooMany {
                what_nl, limit, ..
            } => format!("te veel {what_nl} (hoogstens {limit})"),
            NotUtf8 { offset, byte } => format!(
                "het bestand is geen UTF-8-tekst: byte {offset} (0x{byte:02X}) hoort niet bij een teken; sla het bestand op als UTF-8"
            ),
            ReservedName(name) => format!(
                "`{name}` kan geen naam zijn: in JavaScript, waar antwoorden en uitkomsten als objecten reizen, is het bijzonder"
            ),
            TooDeep(n) => format!(
                "de voorwaarde is te diep genest of heeft te veel `and`/`or`/rekenstappen op een rij (hoogstens {n} niveaus)"
            ),
            Expected { expected, found } => {
                format!("verwacht: {}, gevonden: {}", expected.nl, found.nl)
            }
            ClauseNotAllowed { clause, item } => {
                format!("`{clause}` hoort niet bij een {}", item_nl(item))
            }
            DuplicateClause(c) => format!("`{c}` staat hier twee keer"),
            MissingHeader => "een regelbestand begint met `ruleset NAAM`".into(),
            DuplicateHeader => "maar één `ruleset`-kop per bestand".into(),
            MissingClause { item, clauses } => format!(
                "deze {} heeft een {} nodig",
                item_nl(item),
                alternatives(clauses, "of")
            ),
            RowWidth {
                side,
                expected,
                found,
            } => format!(
                "deze rij heeft {found} {}cellen, de kop heeft er {expected}",
                if side == "input" { "invoer" } else { "uitvoer" }
            ),
            UnknownFact(f) => format!("onbekend gegeven `{f}`"),
            UnknownName(n) => format!("`{n}` is geen gegeven, en ook geen waarde die hier past"),
            UnknownOutcome(o) => format!("onbekende uitkomst `{o}`"),
            UnknownValue { outcome, value } => {
                format!("uitkomst `{outcome}` heeft geen waarde `{value}`")
            }
            UnknownOption { fact, option } => {
                format!("gegeven `{fact}` heeft geen keuze `{option}`")
            }
            Duplicate { name, what } => {
                format!("`{name}` is al gedeclareerd als {}", what.nl)
            }
            TypeMismatch { expected, found } => {
                format!("verwacht: {}, maar dit is {}", expected.nl, found.nl)
            }
            Incomparable { left, right } => {
                format!("{} is niet te vergelijken met {}", left.nl, right.nl)
            }
            NotOrdered { op, found } => {
                format!("`{op}` werkt op getallen of datums; {} heeft geen volgorde", found.nl)
            }
            AskWhenCycle(c) => format!("`ask when` draait in een kring rond: {c}"),
            ListForSingle(o) => format!(
                "uitkomst `{o}` krijgt één waarde per regel; een lijst is alleen voor collect-uitkomsten"
            ),
            DuplicateAssignment(o) => format!("uitkomst `{o}` krijgt in deze regel twee keer een waarde"),
            EmptyRange { min, max } => format!("het bereik {min}..{max} is leeg"),
            NoOptions(f) => format!("keuzegegeven `{f}` heeft geen opties"),
            WrongTypeClause { clause, ty } => {
                format!("`{clause}` hoort alleen bij een gegeven van type `{ty}`")
            }
            LevelOutOfRange { level, min, max } => {
                format!("niveau {level} ligt buiten de schaal {min}..{max}")
            }
            NoValues(o) => format!("uitkomst `{o}` heeft geen waarden"),
            OutOfBounds {
                fact,
                value,
                bounds,
            } => format!("{value} ligt buiten de grenzen van `{fact}` ({bounds})"),
            TestNeedsToday => "deze test heeft `today JJJJ-MM-DD` nodig, want de regels rekenen met datums ten opzichte van vandaag".into(),
            ExpectForm {
                form,
                outcome,
                policy,
            } => format!("`{form}` past niet bij uitkomst `{outcome}` ({})", policy.nl),
            TestsForOther { expected, found } => {
                format!("deze tests zijn voor regelset `{expected}`, niet voor `{found}`")
            }
            DuplicateTest(t) => format!("er is al een test met de naam \"{t}\""),
            DuplicateGiven(f) => format!("`{f}` wordt in deze test twee keer gegeven"),
            MissingEnglish => {
                "geen Engelse tekst (`en \"...\"`); de Nederlandse tekst wordt getoond".into()
            }
            PriorityIgnored(o) => format!(
                "`priority` heeft geen effect: uitkomst(en) {o} gebruiken het priority-beleid niet"
            ),
            ValueNeverGiven { outcome, value } => {
                format!("geen enkele regel geeft `{outcome}` de waarde `{value}`")
            }
            FactUnused(f) => format!("gegeven `{f}` wordt gevraagd maar door geen regel gebruikt"),
            ParamUnused(p) => format!("parameter `{p}` wordt door geen regel gebruikt"),
            HandoverOnlyTime(h) => format!(
                "overdracht `{h}` gebeurt alleen omdat er tijd verstreken is: elke voorwaarde gaat over datums ten opzichte van vandaag"
            ),
            NothingDeclared(w) => {
                let nl = if w == "party" { "partij" } else { "fase" };
                format!("er is geen {nl} gedeclareerd (declareer ze met `{w} NAAM` en een label)")
            }
            TimelineNeedsDate(t) => format!(
                "het eerste veld van tijdlijn `{t}` moet de datum zijn (`field datum: date ...`)"
            ),
            NotATimeline(t) => format!("`{t}` is geen tijdlijn"),
            UnknownField { list, field } => format!("tijdlijn `{list}` heeft geen veld `{field}`"),
            FollowsNotSingle { outcome, policy } => format!(
                "`follows` noemt `{outcome}`, een {policy}-uitkomst; alleen priority- en unique-uitkomsten hebben één waarde om te volgen"
            ),
            FollowsNotCollect { outcome, policy } => format!(
                "`follows` hoort bij een collect-uitkomst; `{outcome}` is een {policy}-uitkomst"
            ),
            UnknownParamInText(p) => format!(
                "`{{{p}}}` in deze tekst noemt geen parameter (schrijf `{{{{` voor een losse accolade)"
            ),
        }
    }
}

/// `a`, `a` or `b`, `a`, `b` or `c` (with `or` the word for "or" in the message's language).
fn alternatives(clauses: &[String], or: &str) -> String {
    let quoted: Vec<String> = clauses.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn item_nl(item: &str) -> &str {
    match item {
        "ruleset" => "regelset-kop",
        "section" => "sectie",
        "fact" => "gegeven",
        "outcome" => "uitkomst",
        "rule" => "regel",
        "table" => "tabel",
        "test" => "test",
        "tests" => "testbestand",
        "parameter" => "parameter",
        "party" => "partij",
        "phase" => "fase",
        "handover" => "overdracht",
        "deadline outcome" => "`deadline`-uitkomst",
        "outcome with `values parties/phases`" => "uitkomst met `values parties/phases`",
        other => other,
    }
}

/// How many characters of a run of unexpected ones a message quotes.
pub const RUN_SHOWN: usize = 10;

fn quoted_run(start: &str, count: usize) -> String {
    let more = if count > start.chars().count() {
        "…"
    } else {
        ""
    };
    format!("`{start}`{more}")
}

fn unexpected_en(start: &str, count: usize) -> String {
    match count {
        0 | 1 => format!("unexpected character `{start}`"),
        n => format!(
            "{n} unexpected characters in a row: {}",
            quoted_run(start, n)
        ),
    }
}

fn unexpected_nl(start: &str, count: usize) -> String {
    match count {
        0 | 1 => format!("onverwacht teken `{start}`"),
        n => format!(
            "{n} onverwachte tekens op een rij: {}",
            quoted_run(start, n)
        ),
    }
}

fn more_en(more: usize, shown: usize, errors: bool) -> String {
    let what = match (errors, more) {
        (true, 1) => "problem",
        (true, _) => "problems",
        (false, 1) => "warning",
        (false, _) => "warnings",
    };
    format!("{more} more {what} not shown (only the first {shown}); fix these and check again")
}

fn more_nl(more: usize, shown: usize, errors: bool) -> String {
    let what = match (errors, more) {
        (true, 1) => "probleem",
        (true, _) => "problemen",
        (false, 1) => "waarschuwing",
        (false, _) => "waarschuwingen",
    };
    format!(
        "nog {more} {what} niet getoond (alleen de eerste {shown}); los deze op en controleer opnieuw"
    )
}

/// Code, place and English message of each diagnostic, on one line (for test failure messages).
#[cfg(test)]
pub(crate) fn messages(d: &[Diagnostic]) -> String {
    let all: Vec<String> = d
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d.code, d.start.line, d.start.column, d.message_en
            )
        })
        .collect();
    all.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let src = "ab\nxé y\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(0), LineCol { line: 1, column: 1 });
        // 'y' is at byte 7 (é is two bytes) but column 4.
        assert_eq!(idx.line_col(7), LineCol { line: 2, column: 4 });
        assert_eq!(idx.line_col(999), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn cr_lf_and_crlf_start_lines_and_wide_characters_count_once() {
        let src = "a\rb\r\nc\nd€€e";
        let idx = LineIndex::new(src);
        let at = |i: usize| {
            let lc = idx.line_col(i as u32);
            (lc.line, lc.column)
        };
        assert_eq!(at(2), (2, 1));
        assert_eq!(at(5), (3, 1));
        assert_eq!(at(7), (4, 1));
        assert_eq!(at(src.find('e').unwrap()), (4, 4));
        // Inside a wide character (no span is): a place, not a panic.
        assert_eq!(at(9), (4, 1));
    }
}
