//! `A102`: rules of equal priority that give an outcome different values at once, or two rules for a
//! `unique` outcome.

use super::Then;
use crate::analysis::analyzer::{Analyzer, mark_alive, when_text};
use crate::analysis::finding::FindingKind;
use crate::analysis::space::{Cand, Found, Need, Space, Verdict};
use crate::ast::Policy;
use crate::eval::Probe;
use crate::model::{Model, Text};

/// A rule giving the outcome: index, (priority, rank), values (for `unique`: the same rank for every
/// rule, and its own "values").
type Giving = (usize, (i64, i64), Vec<usize>);

/// A rule in a conflict search: index, (priority, rank), values, settled.
type LiveRule<'a> = (usize, (i64, i64), &'a Vec<usize>, bool);

/// Conflicts of one outcome, in one search: answers where two rules of the highest priority that fires
/// (for `unique`: any two rules) give different values. A subtree is pruned as soon as no such pair is
/// still possible; each pair of rules is reported once, with the first answers found for it.
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>, oid: usize) -> Then {
    let Some(out) = a.model.outcomes.get(oid) else {
        return Then::Next;
    };
    if !matches!(out.policy, Policy::Priority | Policy::Unique) {
        return Then::Next;
    }
    let mut search = Search {
        giving: giving(a.model, oid, out.policy == Policy::Unique),
        reported: Vec::new(),
        found_pairs: Vec::new(),
        limit: a.options.max_examples,
    };
    let need = Need::rules(
        search.giving.iter().map(|(r, _, _)| *r).collect(),
        vec![oid],
    );
    let mut q = |p: &[Probe], _: &[Option<usize>]| search.verdict(p);
    let (found, complete) = space.search(&mut q, a.options.max_examples, &[], need);
    if !complete {
        a.unsettled("A102", &out.id);
    }
    report(a, space, oid, &found, &search.found_pairs, complete);
    Then::Next
}

/// The rules giving outcome `oid`.
fn giving(model: &Model, oid: usize, unique: bool) -> Vec<Giving> {
    model
        .rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let mut vals: Vec<usize> = r
                .assigns
                .iter()
                .filter(|(o, _)| *o == oid)
                .map(|(_, v)| *v)
                .collect();
            vals.sort_unstable();
            if vals.is_empty() {
                return None;
            }
            Some(if unique {
                (i, (0, 0), vec![i])
            } else {
                (i, (r.priority, r.rank), vals)
            })
        })
        .collect()
}

/// The state of the search: the pairs reported so far.
struct Search {
    giving: Vec<Giving>,
    reported: Vec<(usize, usize)>,
    found_pairs: Vec<(usize, usize)>,
    limit: usize,
}

impl Search {
    /// What to do at a node with probes `p`.
    fn verdict(&mut self, p: &[Probe]) -> Verdict {
        let Some(p0) = p.first() else {
            return Verdict::Prune;
        };
        let (top, live) = self.live(p0);
        // A pair is still possible: two rules of the same rank with different values. (Sorted, in
        // time n log n: thousands of rules give one outcome in a large ruleset.)
        let mut keyed: Vec<((i64, i64), &Vec<usize>)> =
            live.iter().map(|(_, k, v, _)| (*k, *v)).collect();
        keyed.sort_unstable();
        keyed.dedup();
        if !keyed.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
            return Verdict::Prune;
        }
        let mut open = Vec::new();
        for (r, _, _, sure) in &live {
            if !sure && let Some((_, deps)) = p0.rules.get(*r) {
                Cand::of_rule(0, deps, &mut open);
            }
        }
        // Pairs of rules that surely fire at the top rank, with every higher rule surely off.
        let sure_top: Vec<(usize, &Vec<usize>)> = live
            .iter()
            .filter(|(_, k, _, s)| *s && Some(*k) == top)
            .map(|(r, _, v, _)| (*r, *v))
            .collect();
        let higher_open = live
            .iter()
            .any(|(_, k, _, s)| !s && top.is_some_and(|t| *k > t));
        if !higher_open && let Some(pair) = first_new_pair(&sure_top, &self.reported) {
            self.reported.push(pair);
            self.found_pairs.push(pair);
            return Verdict::Witness;
        }
        if open.is_empty() || self.reported.len() >= self.limit {
            Verdict::Prune
        } else {
            Verdict::Branch(open)
        }
    }

    /// The highest rank of a rule that surely fires, and the rules that fire or may still fire at or
    /// above it (each with whether it is settled).
    fn live(&self, p0: &Probe) -> (Option<(i64, i64)>, Vec<LiveRule<'_>>) {
        let mut top: Option<(i64, i64)> = None;
        let mut live: Vec<LiveRule<'_>> = Vec::new();
        for (r, key, vals) in &self.giving {
            let Some((now, deps)) = p0.rules.get(*r) else {
                continue;
            };
            let sure = deps.is_empty();
            if sure && *now != Some(true) {
                continue;
            }
            if sure && top.is_none_or(|t| *key > t) {
                top = Some(*key);
            }
            live.push((*r, *key, vals, sure));
        }
        let live = live
            .into_iter()
            .filter(|(_, k, _, _)| top.is_none_or(|t| *k >= t))
            .collect();
        (top, live)
    }
}

/// Adds a finding for each conflict found, with the pair of rules found for it.
fn report(
    a: &mut Analyzer<'_>,
    space: &mut Space<'_>,
    oid: usize,
    found: &[Found],
    pairs: &[(usize, usize)],
    complete: bool,
) {
    let Some(out) = a.model.outcomes.get(oid) else {
        return;
    };
    for (f, &(x, y)) in found.iter().zip(pairs) {
        let names: Vec<String> = [x, y]
            .iter()
            .filter_map(|&r| a.model.rules.get(r).map(|r| r.id.clone()))
            .collect();
        let when = when_text(space, &f.chosen);
        mark_alive(space, f);
        a.push(
            space,
            "A102",
            FindingKind::Conflict {
                outcome: out.id.clone(),
                rules: names.clone(),
            },
            out.span,
            Text {
                nl: format!(
                    "Regels {} geven '{}' tegelijk verschillende waarden als {}.",
                    names.join(" en "),
                    out.id,
                    when.nl
                ),
                en: format!(
                    "Rules {} give '{}' different values at once when {}.",
                    names.join(" and "),
                    out.id,
                    when.en
                ),
            },
            Some(f),
            complete,
            &[],
        );
    }
}

/// The first pair (by rule number) of `rules` (in rule order, with their values) that give different
/// values and is not in `reported`. Time linear in the rules for each pair skipped as reported.
fn first_new_pair(
    rules: &[(usize, &Vec<usize>)],
    reported: &[(usize, usize)],
) -> Option<(usize, usize)> {
    // next_diff[i]: the first position after i whose values differ from those at i.
    let n = rules.len();
    let mut next_diff = vec![n; n];
    for i in (0..n.saturating_sub(1)).rev() {
        let differs = rules.get(i + 1).map(|x| x.1) != rules.get(i).map(|x| x.1);
        let next = if differs {
            i + 1
        } else {
            next_diff.get(i + 1).copied().unwrap_or(n)
        };
        if let Some(slot) = next_diff.get_mut(i) {
            *slot = next;
        }
    }
    for (i, &(a, va)) in rules.iter().enumerate() {
        let from = next_diff.get(i).copied().unwrap_or(n);
        for &(b, vb) in rules.iter().skip(from) {
            if vb != va && !reported.contains(&(a, b)) {
                return Some((a, b));
            }
        }
    }
    None
}
