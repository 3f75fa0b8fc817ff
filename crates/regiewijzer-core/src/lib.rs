//! # regiewijzer-core
//!
//! The rules core of Regiewijzer: the `.regels` rules language for triage, escalation and handover
//! responsibility in bemoeizorg, its checker, a three-valued evaluator that gives reasons for every outcome,
//! a test runner and a formatter. Pure Rust: no I/O, no clock, no panics on any input.
//!
//! The flow of one evaluation:
//! 1. [`compile`] lexes and parses the source ([`parse`]), then checks names and types ([`check`]) into a
//!    [`model::Model`]; all problems come back as [`diag::Diagnostic`]s with code, line:column and nl/en text.
//! 2. [`answers::Answers::from_raw`] turns loosely typed answers (e.g. JSON) into typed values, reporting
//!    what it could not use.
//! 3. [`eval::evaluate`] applies the rules with an explicit `today` and returns an [`eval::Evaluation`]:
//!    every outcome with its status, provisional flag, reasons and what matters next.
//!
//! On the receiving side, [`verify::verify`] checks a value posted by the browser element against the
//! rules it names: the same answers and date, evaluated again, must give the advice it carries.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod answers;
pub mod ast;
pub mod bin;
pub mod check;
pub mod date;
pub mod describe;
pub mod diag;
pub mod eval;
pub mod fhir;
pub mod fmt;
pub mod keywords;
pub mod lexer;
pub mod limits;
pub mod map;
pub mod model;
mod order;
pub mod parse;
pub mod print;
pub mod source;
pub mod summary;
pub mod testing;
pub mod verify;
pub(crate) mod walk;
mod words;
mod work;

pub use date::Date;
pub use diag::{Diagnostic, Severity};
pub use model::Model;

/// The result of [`compile`]: the model when there are no errors, and the diagnostics (errors and
/// warnings) in source order: at most [`limits::MAX_DIAGNOSTICS`], then one that counts the rest.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The checked ruleset, when there are no errors.
    pub model: Option<Model>,
    /// The diagnostics, errors and warnings, sorted by position: the first
    /// [`limits::MAX_DIAGNOSTICS`], then (last) a [`diag::DiagKind::MoreProblems`] counting the rest.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks a `.regels` source text. Time and memory are linear in the length of the source,
/// however many problems it has.
pub fn compile(source: &str) -> Compiled {
    let (file, mut diagnostics) = parse::parse(source);
    let (model, mut more) =
        check::check(source, &file, diagnostics.iter().any(Diagnostic::is_error));
    diagnostics.append(&mut more);
    diagnostics.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    // The same problem found twice (by the parser and the checker) is shown once; summaries are kept,
    // as each counts its own.
    diagnostics.dedup_by(|a, b| {
        a.span == b.span
            && a.code == b.code
            && !matches!(a.kind, diag::DiagKind::MoreProblems { .. })
    });
    let model = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        model
    };
    Compiled {
        model,
        diagnostics: diag::cap(diagnostics),
    }
}
