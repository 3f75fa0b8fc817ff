//! Analysis of a ruleset: gaps, conflicts, dead and shadowed rules, `ask when` problems, the handover
//! graph, a semantic diff of two versions, and test coverage.
//!
//! Every finding comes with an example: a full set of answers (and the `today` used) that shows it, so a
//! rule author can load it into the widget. The search never enumerates the whole answer space: it splits
//! only on the questions that the evaluator says could still change what is asked about (see
//! [`space`]), within a budget of evaluations (each counted by the work it does, so the budget bounds the
//! time) after which the result says it is incomplete and lists what it did not settle. What the
//! representative answers cannot cover (timelines mixing different records, large numbers compared with
//! other facts or used in arithmetic, which may overflow) is listed in `notes`; a result without notes
//! and with `complete` set is exact.
//!
//! Where things are: each check is a file of [`checks`], run in the order of its one list; what they
//! share (the findings so far, how one is added, the words of the messages) is in `analyzer`; what they
//! report in `finding`; the search in [`space`]; the diff of two versions in `diff`; test coverage in
//! `coverage`.

mod analyzer;
mod checks;
mod coverage;
mod diff;
mod example;
mod finding;
mod space;

pub use coverage::{Coverage, coverage};
pub use diff::{Change, Declared, DeclaredKind, Diff, Situation, declared, diff};
pub use example::answers_example;
pub use finding::{Example, ExampleValue, Finding, FindingKind, Report, Unchecked};
pub use space::evaluations_for;

use crate::date::Date;
use crate::diag::Severity;
use crate::eval::RulesetRef;
use crate::model::{Model, Text};
use analyzer::Analyzer;
use space::Space;
pub(crate) use space::closure as ask_closure;

/// How far the analysis may search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The date the rules are evaluated on (dates relative to `today` are analysed for this day).
    pub today: Date,
    /// The most evaluations the whole analysis may do, each counted once per started
    /// [`crate::limits::ANALYSIS_STEPS_PER_EVALUATION`] steps of work; past it, results are marked
    /// incomplete.
    pub budget: usize,
    /// The most evaluations of one search (one outcome's gaps, one rule's liveness, ...).
    pub search_budget: usize,
    /// The most examples per finding kind and outcome.
    pub max_examples: usize,
}

impl Options {
    /// Defaults for `today`: a budget of 100,000 evaluations in all, 10,000 per search, 5 examples.
    /// (The shipped rulesets need a few thousand in all; natively an evaluation takes 5 to 25 µs.)
    pub fn new(today: Date) -> Options {
        Options {
            today,
            budget: crate::limits::ANALYSIS_BUDGET,
            search_budget: crate::limits::ANALYSIS_SEARCH_BUDGET,
            max_examples: 5,
        }
    }
}

impl Options {
    /// The defaults of a comparison of two versions ([`diff`]) for `today`: as [`Options::new`], with the
    /// larger budget of [`crate::limits::DIFF_BUDGET`].
    pub fn for_diff(today: Date) -> Options {
        Options {
            budget: crate::limits::DIFF_BUDGET,
            search_budget: crate::limits::DIFF_SEARCH_BUDGET,
            ..Options::new(today)
        }
    }

    /// These options with a budget of `budget` evaluations in all, of which one search may use a fifth
    /// (never less than the default per search, never more than the whole): a larger budget then also
    /// lets a large search (a variant's new questions, say) finish.
    pub fn with_budget(self, budget: usize) -> Options {
        let search = (budget / 5)
            .max(crate::limits::ANALYSIS_SEARCH_BUDGET)
            .min(budget);
        Options {
            budget,
            search_budget: search,
            ..self
        }
    }
}

/// The search space of one analysis of `model`, with the budgets of `options`, and the analyzer with
/// no findings yet.
fn start<'m>(model: &'m Model, options: &'m Options) -> (Space<'m>, Analyzer<'m>) {
    let space = Space::new(
        vec![model],
        options.today,
        options.budget,
        options.search_budget,
    );
    let a = Analyzer {
        model,
        options,
        findings: Vec::new(),
        unchecked: Vec::new(),
    };
    (space, a)
}

/// Only the handover ping-pong check (`A402`) of [`analyze`], on a budget of its own: what the
/// trajectory of a case shows of the handover graph.
pub fn ping_pong(model: &Model, options: &Options) -> Vec<Finding> {
    let (mut space, mut a) = start(model, options);
    checks::ping_pong(&mut a, &mut space);
    a.findings
}

/// Analyses a model: runs every check of [`checks::CHECKS`] in order (gaps, conflicts, dead and shadowed
/// rules, lost collect values, ask-when problems, the handover graph) over one search space and budget.
pub fn analyze(model: &Model, options: &Options) -> Report {
    let (mut space, mut a) = start(model, options);
    checks::run(&mut a, &mut space);
    let mut findings = a.findings;
    findings.sort_by_key(|f| (f.severity != Severity::Error, f.line, f.code));
    let mut notes = space.notes.clone();
    if !a.unchecked.is_empty() {
        let list: Vec<String> = a
            .unchecked
            .iter()
            .map(|u| format!("{} {}", u.code, u.subject))
            .collect();
        notes.push(Text {
            nl: format!(
                "Niet uitgezocht binnen het budget (geen bevinding, maar ook niet uitgesloten): {}.",
                list.join(", ")
            ),
            en: format!(
                "Not settled within the budget (no finding, but not ruled out either): {}.",
                list.join(", ")
            ),
        });
    }
    Report {
        ruleset: RulesetRef::of(model),
        today: options.today,
        findings,
        unchecked: a.unchecked,
        notes,
        complete: !space.exhausted,
        evaluations: space.probes,
        work: space.work,
        max_work: space.max_work,
    }
}
