//! A required collect outcome (a set) compared value by value between two versions.

use super::rules::{distinct, live_rules, rule_cands};
use crate::analysis::space::{Cand, Verdict};
use crate::eval::Probe;
use crate::model::Model;

/// The rules (with their signatures) of `giving` that give value `v` of outcome `oid`.
pub(super) fn givers(
    model: &Model,
    oid: usize,
    v: usize,
    giving: &[(usize, String)],
) -> Vec<(usize, String)> {
    giving
        .iter()
        .filter(|(r, _)| {
            model
                .rules
                .get(*r)
                .is_some_and(|r| r.assigns.contains(&(oid, v)))
        })
        .cloned()
        .collect()
}

/// A set outcome compared value by value.
pub(super) struct ByValue {
    /// The outcome's index in the old and in the new version.
    at: [usize; 2],
    /// Whether it follows other outcomes: a value then counts as [`crate::eval::OutcomeProbe::counts`]
    /// says, not as soon as its rule fires.
    follows: bool,
    /// Per value: the value id and its givers in the old and in the new version.
    values: Vec<(String, Sigs, Sigs)>,
    /// Every rule that decides the outcome in the old and in the new version, with its signature (with
    /// `follows`: the followed outcomes' rules too).
    deciding: [Sigs; 2],
}

/// Rules with their signatures.
pub(super) type Sigs = Vec<(usize, String)>;

impl ByValue {
    /// Outcome `at` of two versions `models`, with the rules that decide it in each (`deciding`).
    pub(super) fn of(
        models: [&Model; 2],
        at: [usize; 2],
        follows: bool,
        deciding: [&Sigs; 2],
    ) -> ByValue {
        let ([old, new], [io, inew]) = (models, at);
        let values = old
            .outcomes
            .get(io)
            .map(|o| o.values.as_slice())
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(v, def)| {
                let vnew = new
                    .outcomes
                    .get(inew)
                    .and_then(|n| n.values.iter().position(|d| d.id == def.id))
                    .unwrap_or(v);
                (
                    def.id.clone(),
                    givers(old, io, v, deciding[0]),
                    givers(new, inew, vnew, deciding[1]),
                )
            })
            .collect();
        ByValue {
            at,
            follows,
            values,
            deciding: [deciding[0].clone(), deciding[1].clone()],
        }
    }

    /// Whether rule `r` of model `mi` puts its values in the set (`None`: unknown), with the open questions
    /// that could change that: its condition, or with `follows` whether its values count.
    fn state<'p>(&self, p: &'p [Probe], mi: usize, r: usize) -> Option<&'p RuleState> {
        let p = p.get(mi)?;
        if self.follows {
            p.outcomes.get(*self.at.get(mi)?)?.counts.get(r)
        } else {
            p.rules.get(r)
        }
    }

    /// Whether a value is in the set of model `mi` whatever the open questions: `Some(true)` when one of
    /// its `givers` surely puts it in, `Some(false)` when none can any more, `None` while it is open.
    fn settled_in(&self, p: &[Probe], mi: usize, givers: &[(usize, String)]) -> Option<bool> {
        let mut open = false;
        for (r, _) in givers {
            let (now, deps) = self.state(p, mi, *r)?;
            if deps.is_empty() {
                if *now == Some(true) {
                    return Some(true);
                }
            } else {
                open = true;
            }
        }
        (!open).then_some(false)
    }
}

/// A rule's state in a probe: its truth now (`None`: unknown) and the open questions that could change it.
pub(super) type RuleState = (Option<bool>, Vec<crate::model::FactId>);

/// The values of a set outcome that are settled in both versions and in it on one side only (id, in the
/// old, in the new); `None` when there is none.
pub(super) fn settled_differences(p: &[Probe], by: &ByValue) -> Option<Vec<(String, bool, bool)>> {
    let diffs: Vec<(String, bool, bool)> = by
        .values
        .iter()
        .filter_map(|(v, go, gn)| {
            let (a, b) = (by.settled_in(p, 0, go)?, by.settled_in(p, 1, gn)?);
            (a != b).then(|| (v.clone(), a, b))
        })
        .collect();
    (!diffs.is_empty()).then_some(diffs)
}

/// The diff search over a set outcome, value by value: a witness once one value is settled differently on
/// the two sides; pruned where, for every value, the rules that still fire or may fire are the same on
/// both sides (or both sides are settled alike); otherwise split on what the differing rules read.
pub(super) fn set_verdict(p: &[Probe], by: &ByValue) -> Verdict {
    let mut open = Vec::new();
    for (_, go, gn) in &by.values {
        let (a, b) = (by.settled_in(p, 0, go), by.settled_in(p, 1, gn));
        match (a, b) {
            (Some(x), Some(y)) if x != y => return Verdict::Witness,
            (Some(_), Some(_)) => continue,
            _ => {}
        }
        // A value is in the set when any of its givers fires (with `follows`: counts, which every rule
        // deciding the outcome may change): equal sets of live rules, equal answers.
        let [all_old, all_new] = &by.deciding;
        let (ro, rn) = if by.follows {
            (all_old, all_new)
        } else {
            (go, gn)
        };
        let (lo, ln) = (live_rules(p, 0, ro), live_rules(p, 1, rn));
        if distinct(&lo) == distinct(&ln) {
            continue;
        }
        let before = open.len();
        rule_cands(p, &lo, &ln, false, &mut open);
        if open.len() != before {
            continue;
        }
        // The rules that differ are settled (one fires on one side only): what is left to settle is
        // whether the value comes in anyway, by the other rules that give it.
        if by.follows {
            for (mi, givers) in [(0, go), (1, gn)] {
                for (r, _) in givers {
                    if let Some((_, deps)) = by.state(p, mi, *r) {
                        Cand::of_rule(mi, deps, &mut open);
                    }
                }
            }
        } else {
            rule_cands(p, &lo, &ln, true, &mut open);
        }
    }
    if open.is_empty() {
        Verdict::Prune
    } else {
        Verdict::Branch(open)
    }
}
