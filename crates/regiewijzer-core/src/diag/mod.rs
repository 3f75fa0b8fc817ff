//! Diagnostics: every problem found in a `.regels` file, with a code, a place and a message in Dutch and
//! English.
//!
//! A problem is data: a [`DiagKind`] with typed payloads ([`payload`]: what was expected or found, a
//! type, a kind of declaration, ...), worded once per language by one exhaustive match each ([`en`],
//! [`nl`]). The English message is the [`std::fmt::Display`] of [`DiagKind`] (via `thiserror`); the Dutch
//! one is [`DiagKind::message_nl`]. Codes (one table, [`ALL_CODES`]): `E1xx` reading, `E2xx` structure,
//! `E3xx` names and types, `E4xx` tests, `W5xx` warnings. A diagnostic may point at related places, such
//! as the first declaration of a name declared twice ([`Related`]).

mod en;
mod kind;
mod lines;
mod nl;
pub mod payload;
mod suggest;

pub use kind::{ALL_CODES, DiagKind};
pub use lines::{LineIndex, is_line_break, line_break_len};
pub use payload::{
    Counted, Decl, Declarable, Fits, Found, ItemType, RowSide, TypeDesc, Wanted, Words,
};
pub use suggest::{edit_distance, suggest, suggest_within};

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
    /// Other places the problem concerns, such as the first declaration of a name declared twice
    /// (left out of the serialized form when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// Another place a diagnostic points at, with a message in Dutch and English.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// Where it starts.
    pub start: LineCol,
    /// Where it ends (exclusive).
    pub end: LineCol,
    /// The byte range in the source.
    pub span: Span,
    /// The message in Dutch ("eerder gedeclareerd op 12:3").
    pub message_nl: String,
    /// The message in English ("first declared at 12:3").
    pub message_en: String,
}

/// Why a diagnostic points at another place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelatedKind {
    /// The first declaration of a name declared again.
    FirstDeclared,
}

impl Related {
    /// A related place of `kind` at `span`, placed in the text of `index`.
    pub fn new(kind: RelatedKind, span: Span, index: &LineIndex) -> Related {
        Related::worded(span, index, |at| {
            (nl::related(kind, at), en::related(kind, at))
        })
    }

    /// A related place at `span`, placed in the text of `index`, with the Dutch and English messages
    /// `words` makes from its `line:column`.
    pub fn worded(
        span: Span,
        index: &LineIndex,
        words: impl FnOnce(&str) -> (String, String),
    ) -> Related {
        let start = index.line_col(span.start);
        let end = index.line_col(span.end.max(span.start));
        let (message_nl, message_en) = words(&format!("{}:{}", start.line, start.column));
        Related {
            start,
            end,
            span,
            message_nl,
            message_en,
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
            related: Vec::new(),
        }
    }

    /// The same diagnostic, pointing also at `span` for the reason `kind`.
    pub fn with_related(mut self, kind: RelatedKind, span: Span, index: &LineIndex) -> Diagnostic {
        self.related.push(Related::new(kind, span, index));
        self
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

/// `a`, `a` or `b`, `a`, `b` or `c` (with `or` the word for "or" in the message's language).
fn alternatives(clauses: &[String], or: &str) -> String {
    let quoted: Vec<String> = clauses.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// How many characters of a run of unexpected ones a message quotes.
pub const RUN_SHOWN: usize = 10;

/// The start of a run of characters, quoted, with `…` when the run is longer.
fn quoted_run(start: &str, count: usize) -> String {
    let more = if count > start.chars().count() {
        "…"
    } else {
        ""
    };
    format!("`{start}`{more}")
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
