//! What the policies mean, read from whether each rule holds now: the one place that says how the rules
//! giving an outcome combine. [`super::policy::combine`] adds the open questions that could change the
//! result (for `provisional` and what matters next); the batch ([`super::Batch`]) uses it as it is, with
//! its buffers, so that deciding a case allocates nothing.

use super::Status;
use crate::ast::Policy;
use crate::model::{RuleDef, ValueId};

/// A rule giving an outcome values, as a policy reads it: the rule (its priority and rank), its values
/// for that outcome, and whether it holds now (unknown: `None`).
pub(super) type Gift<'a> = (&'a RuleDef, &'a [ValueId], Option<bool>);

/// The values `rule` gives outcome number `oid`, in the order it gives them (none: it gives none).
pub(super) fn gives(rule: &RuleDef, oid: usize) -> Vec<ValueId> {
    rule.assigns
        .iter()
        .filter(|(o, _)| *o == oid)
        .map(|(_, v)| *v)
        .collect()
}

/// How the `n` rules giving an outcome (`gift(i)` the i-th, in declaration order) combine under
/// `policy`, before any default: the status, with the values written into `values` and the positions of
/// the deciding rules (for a conflict, the conflicting ones) into `deciding`; both are cleared first.
/// A deadline is not combined here: undecided.
///
/// - `priority`: the rules that hold with the highest (priority, rank) decide; more than one value
///   among them is a conflict.
/// - `unique`: exactly one rule that holds decides; more is a conflict.
/// - `collect`: the values of every rule that holds, in declaration order, each once.
pub(super) fn settle<'a>(
    policy: Policy,
    n: usize,
    gift: impl Fn(usize) -> Option<Gift<'a>>,
    deciding: &mut Vec<usize>,
    values: &mut Vec<ValueId>,
) -> Status {
    deciding.clear();
    values.clear();
    let mut top = None;
    for i in 0..n {
        let Some((rule, vals, Some(true))) = gift(i) else {
            continue;
        };
        if policy == Policy::Priority {
            let key = (rule.priority, rule.rank);
            match top {
                Some(t) if key < t => continue,
                Some(t) if key == t => {}
                _ => {
                    top = Some(key);
                    deciding.clear();
                    values.clear();
                }
            }
        }
        values.extend_from_slice(vals);
        deciding.push(i);
    }
    finish(policy, deciding, values)
}

/// The status from the rules that hold (`deciding`) and their values.
fn finish(policy: Policy, deciding: &mut Vec<usize>, values: &mut Vec<ValueId>) -> Status {
    match policy {
        Policy::Priority if deciding.is_empty() => Status::Undecided,
        Policy::Priority => {
            keep_first(values);
            one_or_conflict(values)
        }
        Policy::Unique => match deciding.len() {
            0 => Status::Undecided,
            1 => Status::Decided,
            _ => {
                values.clear();
                Status::Conflict
            }
        },
        Policy::Collect => {
            crate::order::sort_dedup(values);
            if values.is_empty() {
                deciding.clear();
                return Status::Undecided;
            }
            Status::Decided
        }
        Policy::Deadline => {
            deciding.clear();
            values.clear();
            Status::Undecided
        }
    }
}

/// Decided with the one value, or a conflict (no values) when there are more.
fn one_or_conflict(values: &mut Vec<ValueId>) -> Status {
    if values.len() > 1 {
        values.clear();
        Status::Conflict
    } else {
        Status::Decided
    }
}

/// Each value once, where it first comes.
fn keep_first(values: &mut Vec<ValueId>) {
    let mut kept = 0;
    for j in 0..values.len() {
        let Some(&v) = values.get(j) else { break };
        if !values.get(..kept).unwrap_or_default().contains(&v) {
            if let Some(slot) = values.get_mut(kept) {
                *slot = v;
            }
            kept += 1;
        }
    }
    values.truncate(kept);
}
