//! # regiewijzer-core
//!
//! The rules core of Regiewijzer: the `.regels` rules language for triage, escalation and handover
//! responsibility in bemoeizorg, its checker, a three-valued evaluator that gives reasons for every outcome,
//! a test runner and a formatter. Pure Rust: no I/O, no clock, no panics on any input.
//!
//! The flow of one evaluation:
//! 1. [`compile`] lexes and parses the source ([`parse`]), then checks names and types (`check`) into a
//!    [`model::Model`]; all problems come back as [`diag::Diagnostic`]s with code, line:column and nl/en text.
//! 2. [`answers::Answers::from_raw`] turns loosely typed answers (e.g. JSON) into typed values, reporting
//!    what it could not use.
//! 3. [`eval::evaluate`] applies the rules with an explicit `today` and returns an [`eval::Evaluation`]:
//!    every outcome with its status, provisional flag, reasons and what matters next.
//!
//! On the receiving side, [`verify::verify`] checks a value posted by the browser element against the
//! rules it names: the same answers and date, evaluated again, must give the advice it carries.
//!
//! # The API boundary
//!
//! What the command line, the WebAssembly bindings, the fuzz targets, the benchmarks and the integration
//! tests may use, and what a change must keep working:
//! - **Entry points**, re-exported here: [`compile`], [`check_tests_file`], [`evaluate`], [`decide`],
//!   [`analyze`], [`diff`], [`coverage`], [`format()`], [`parse`] (the syntax tree [`format()`] prints),
//!   [`run_tests`], [`encode`] and [`decode`] (the binary model), [`checklist`], [`summary()`],
//!   [`verify()`], [`check_case`], [`check_case_sources`] and [`trajectory()`] (several rulesets of one case).
//! - **Data types**: [`Model`] and its parts ([`model`]), the syntax tree ([`ast`]), [`Diagnostic`] and
//!   [`Severity`] ([`diag`]), answers ([`answers`]), results ([`eval`], [`analysis`], [`summary`](mod@summary),
//!   [`describe`], [`testing`], [`verify`](mod@verify), [`fhir`], [`case`](mod@case)), [`Date`], [`SortedMap`], the limits ([`limits`]) and
//!   the reading of source bytes ([`source`]). Their public items are the stable surface: the modules
//!   stay public because outsiders name the types in them.
//! - **Internal** (`pub(crate)`, free to change): the lexer, the parser's and checker's internals
//!   (`parse`, `check`: reached only through [`parse`], [`compile`] and [`check_tests_file`]), the
//!   traversal of conditions (`walk`), the ask order (`order`), the counting of work (`work`), the
//!   plain-words check (`words`), the date arithmetic (`date`) and the map (`map`) behind [`Date`] and
//!   [`SortedMap`].
//!
//! Still public while outsiders use them, though internal in spirit: [`print`](mod@print) (the formatter's pieces,
//! which `tests/fmt_props.rs` prints expressions and cells with), and [`eval::probe`] with its
//! [`eval::Probe`] and [`eval::witness`] (the analysis's probes, which the analysis tests call directly).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod answers;
pub mod ast;
pub mod bin;
pub mod case;
pub(crate) mod check;
pub(crate) mod date;
pub mod describe;
pub mod diag;
pub mod eval;
pub mod fhir;
pub mod fmt;
pub mod keywords;
pub(crate) mod lexer;
pub mod limits;
pub(crate) mod map;
pub mod model;
mod order;
pub(crate) mod parse;
pub mod print;
pub mod replay;
pub mod source;
pub mod summary;
pub mod testing;
pub mod verify;
pub(crate) mod walk;
mod words;
mod work;

/// Checking: the tests of a separate `.tests.regels` file against a compiled model.
pub use check::check_tests_file;
/// Dates: a calendar day (no clock, no time zone).
pub use date::Date;
/// Diagnostics: what [`compile`], [`check_tests_file`] and [`format()`] report.
pub use diag::{Diagnostic, Severity};
/// The small sorted map of answers and examples.
pub use map::SortedMap;
/// The checked ruleset.
pub use model::Model;
/// Parsing alone: the syntax tree [`format()`] prints, and the words the language reserves.
pub use parse::{RESERVED, parse};

/// Analysis of a ruleset: findings, the semantic diff of two versions, and what tests cover.
pub use analysis::{analyze, coverage, diff};
/// The binary model a page evaluates without the compiler.
pub use bin::{decode, encode};
/// A case: where the rulesets of one case disagree, and the trajectory they describe together.
pub use case::{check as check_case, check_sources as check_case_sources, trajectory};
/// What a page shows: the checklist of questions and the summary of a decision.
pub use describe::checklist;
/// Evaluation: every outcome with its status and reasons, and one outcome decided cheaply.
pub use eval::{decide, evaluate};
/// The canonical layout of a source text.
pub use fmt::format;
/// Replaying a file of cases under two versions.
pub use replay::replay;
/// The summary of a decision: what the rules advise and what the professional decided.
pub use summary::summary;
/// Running a ruleset's tests.
pub use testing::run_tests;
/// Checking a value posted by the browser element against its rules.
pub use verify::verify;

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
