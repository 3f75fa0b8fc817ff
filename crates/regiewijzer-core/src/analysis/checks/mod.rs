//! The checks of the analysis, one per file, and the one list [`CHECKS`] that
//! [`crate::analysis::analyze`] runs in order.
//!
//! The checks share one search space and one budget: a rule seen firing in the example of a gap needs no
//! liveness search of its own, and a check run later finds less budget left. So the order of the list is
//! part of the result (which checks are settled when the budget runs out). A new check is a file here
//! with a `check` function, added to [`CHECKS`] where it should run.

mod ask_when;
mod conflicts;
mod dead;
mod gaps;
mod isolated;
mod lost;
mod ping_pong;
mod shadowed;

use super::analyzer::Analyzer;
use super::space::Space;

/// What a check of one outcome or rule says about the checks after it in the same pass.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Then {
    /// Run the next check of the pass for this outcome or rule.
    Next,
    /// Leave out the next checks of the pass for it (a dead rule is not also shadowed).
    Skip,
}

/// A check of one outcome or rule (its index).
pub(super) type Each = fn(&mut Analyzer<'_>, &mut Space<'_>, usize) -> Then;

/// A pass of the analysis.
pub(super) enum Pass {
    /// For every outcome in source order, these checks in order.
    EachOutcome(&'static [Each]),
    /// For every rule (and table row) in source order, these checks in order.
    EachRule(&'static [Each]),
    /// One check of the whole ruleset.
    Once(fn(&mut Analyzer<'_>, &mut Space<'_>)),
}

/// Every check, in the order it runs.
pub(super) const CHECKS: &[Pass] = &[
    // A101 gaps and A102 conflicts, outcome by outcome.
    Pass::EachOutcome(&[gaps::check, conflicts::check]),
    // A201 dead rules and A202 shadowed rules, rule by rule.
    Pass::EachRule(&[dead::check, shadowed::check]),
    // A203 collect values from a rule whose single-value outcome lost.
    Pass::Once(lost::check),
    // A301 questions a rule reads that are never asked when it applies.
    Pass::EachRule(&[ask_when::check]),
    // A401 parties and phases nothing uses.
    Pass::Once(isolated::check),
    // A402 handovers back and forth.
    Pass::Once(ping_pong::check),
];

/// Runs only the ping-pong check (`A402`).
pub(super) fn ping_pong(a: &mut Analyzer<'_>, space: &mut Space<'_>) {
    ping_pong::check(a, space);
}

/// Runs every check of [`CHECKS`] in order.
pub(super) fn run(a: &mut Analyzer<'_>, space: &mut Space<'_>) {
    for pass in CHECKS {
        match pass {
            Pass::EachOutcome(checks) => {
                (0..a.model.outcomes.len()).for_each(|i| each(checks, a, space, i));
            }
            Pass::EachRule(checks) => {
                (0..a.model.rules.len()).for_each(|i| each(checks, a, space, i));
            }
            Pass::Once(check) => check(a, space),
        }
    }
}

/// Runs `checks` on outcome or rule `i` until one says to skip the rest.
fn each(checks: &[Each], a: &mut Analyzer<'_>, space: &mut Space<'_>, i: usize) {
    for check in checks {
        if check(a, space, i) == Then::Skip {
            break;
        }
    }
}
