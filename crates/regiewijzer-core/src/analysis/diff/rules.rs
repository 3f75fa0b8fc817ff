//! The rules in play at a node of the diff search, on both sides: which still fire, which differ, and
//! what those read.

use crate::analysis::space::Cand;
use crate::eval::Probe;
use crate::model::Model;

/// For a priority outcome: true when a rule that is the same in both versions surely fires and has a
/// higher priority than every rule that differs and may still fire. Both versions are then decided by the
/// same rules above all differences: the outcome is the same.
pub(super) fn same_winner(
    p: &[Probe],
    old: &Model,
    new: &Model,
    lo: &[(usize, &str)],
    ln: &[(usize, &str)],
) -> bool {
    let prio = |m: &Model, r: usize| m.rules.get(r).map_or(i64::MAX, |r| r.priority);
    // Signatures sorted, so that matching thousands of rules is n log n.
    let (so, sn) = (distinct(lo), distinct(ln));
    let differing = lo
        .iter()
        .filter(|(_, s)| sn.binary_search(s).is_err())
        .map(|(r, _)| prio(old, *r))
        .chain(
            ln.iter()
                .filter(|(_, s)| so.binary_search(s).is_err())
                .map(|(r, _)| prio(new, *r)),
        )
        .max();
    let Some(top) = differing else {
        return false;
    };
    lo.iter().any(|(r, s)| {
        prio(old, *r) > top
            && sn.binary_search(s).is_ok()
            && p.first()
                .and_then(|p| p.rules.get(*r))
                .is_some_and(|(now, deps)| *now == Some(true) && deps.is_empty())
    })
}

/// The distinct signatures of some rules, sorted.
pub(super) fn distinct<'a>(rules: &[(usize, &'a str)]) -> Vec<&'a str> {
    let mut v: Vec<&str> = rules.iter().map(|x| x.1).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Adds to `open` what the live rules read that are on one side only (`all`: every live rule), each
/// with the side (model) it was seen on.
pub(super) fn rule_cands(
    p: &[Probe],
    lo: &[(usize, &str)],
    ln: &[(usize, &str)],
    all: bool,
    open: &mut Vec<Cand>,
) {
    let (so, sn) = (distinct(lo), distinct(ln));
    for (mi, mine, theirs) in [(0, lo, &sn), (1, ln, &so)] {
        for (r, sig) in mine {
            if !all && theirs.binary_search(sig).is_ok() {
                continue;
            }
            if let Some((_, deps)) = p.get(mi).and_then(|p| p.rules.get(*r)) {
                Cand::of_rule(mi, deps, open);
            }
        }
    }
}

/// The rules of model `mi` (with their signatures) that fire or may still fire at this node.
pub(super) fn live_rules<'a>(
    p: &[Probe],
    mi: usize,
    giving: &'a [(usize, String)],
) -> Vec<(usize, &'a str)> {
    giving
        .iter()
        .filter(|(r, _)| {
            p.get(mi)
                .and_then(|p| p.rules.get(*r))
                .is_some_and(|(now, deps)| *now == Some(true) || !deps.is_empty())
        })
        .map(|(r, sig)| (*r, sig.as_str()))
        .collect()
}
