//! The semantic diff of two versions of a ruleset: for which answers does each outcome change?

mod by_value;
mod count;
mod declared;
mod declared_rules;
mod rules;
mod sigs;
mod words;

use serde::Serialize;

use super::Options;
use super::example::example_of;
use super::finding::Example;
use super::space::{Cand, Found, Need, Space, Verdict};
use crate::ast::Policy;
use crate::date::Date;
use crate::eval::{Probe, RulesetRef, Status};
use crate::model::{Model, OutcomeDef, Text};
use by_value::{ByValue, Sigs, set_verdict, settled_differences};
use count::count_region;
use rules::{live_rules, rule_cands, same_winner};
use sigs::{deciding_sigs, outcome_sig};
use words::{Outcomes, Part, group};

pub use declared::{Declared, DeclaredKind, declared};

/// One change of an outcome between two versions: where it goes from the same old state to the same new
/// state (for a set: gains and loses the same values), with the regions of answers where that happens
/// merged into situations, said in the author's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The outcome.
    pub outcome: String,
    /// The outcome's label.
    pub label: Text,
    /// The old state in words: value labels, "geen besluit" (no decision) or "tegenstrijdig" (conflict).
    pub from_words: Text,
    /// The new state in words.
    pub to_words: Text,
    /// Status and values in the old version.
    pub from: (Status, Vec<String>),
    /// Status and values in the new version.
    pub to: (Status, Vec<String>),
    /// For a `collect` outcome: the values only the new version gives, throughout the region (the other
    /// values depend on further answers; `from` and `to` are those of the example).
    pub gained: Vec<String>,
    /// For a `collect` outcome: the values only the old version gives, throughout the region.
    pub lost: Vec<String>,
    /// "Route: van Bemoeizorg naar Vangnet bij 'Hoeveel eerdere meldingen …?': 2 en …", in both
    /// languages: labels only, never ids, `true`/`false` or operators.
    pub message: Text,
    /// The conditions every situation shares, in words ("'Is er nu acuut gevaar …?': nee").
    pub when: Vec<Text>,
    /// The situations: regions of answers where the change happens, merged where they differ in one
    /// question only (two adjacent ranges of a number become one range; a question that may then have
    /// any answer is left out). At least one.
    pub situations: Vec<Situation>,
    /// True when the search stopped at `max_examples` regions for this outcome: there may be more
    /// situations than listed.
    pub more: bool,
    /// Answers in the first situation.
    pub example: Example,
    /// How many full answer combinations the situations hold together, when the questions they leave
    /// open all have finitely many answers (yes/no, choices, scales), counting stayed within budget and
    /// the regions found do not overlap. A size of the symbolic space, not a number of reports: the
    /// texts do not show it.
    pub combinations: Option<u64>,
}

/// One situation of a [`Change`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Situation {
    /// The conditions beyond those the change's situations share, in words.
    pub when: Vec<Text>,
    /// Answers in the situation.
    pub example: Example,
    /// How many full answer combinations it holds (as [`Change::combinations`]).
    pub combinations: Option<u64>,
}

/// The result of [`diff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The old version.
    pub old: RulesetRef,
    /// The new version.
    pub new: RulesetRef,
    /// The date used.
    pub today: Date,
    /// Where outcomes change, per outcome at most `max_examples` regions.
    pub changes: Vec<Change>,
    /// Outcomes only in the new version.
    pub outcomes_added: Vec<String>,
    /// Outcomes only in the old version.
    pub outcomes_removed: Vec<String>,
    /// Questions only in the new version.
    pub facts_added: Vec<String>,
    /// Questions only in the old version.
    pub facts_removed: Vec<String>,
    /// What the new version declares differently, in words (questions, outcomes, values, parameters,
    /// rules, tables, handovers): what was written, where `changes` says what it does.
    pub declared: Vec<Declared>,
    /// What the search did not cover.
    pub notes: Vec<Text>,
    /// False when the budget ran out somewhere.
    pub complete: bool,
    /// How much of the budget the search used, in evaluations of both versions (as in
    /// [`Report::evaluations`]).
    pub evaluations: usize,
    /// The work the evaluations did, in steps (as in [`Report::work`]).
    pub work: usize,
    /// The most work one evaluation (of both versions) did (as in [`Report::max_work`]).
    pub max_work: usize,
}

/// Compares two versions of a ruleset by meaning: for which answers does each outcome change?
pub fn diff(old: &Model, new: &Model, options: &Options) -> Diff {
    let mut space = Space::new(
        vec![old, new],
        options.today,
        options.budget,
        options.search_budget,
    );
    let mut changes = Vec::new();
    for (io, o) in old.outcomes.iter().enumerate() {
        let Some(inew) = new.outcome_by_name(&o.id) else {
            continue;
        };
        let Some(cmp) = Compare::new(old, new, io, inew) else {
            continue;
        };
        let found = regions(&mut space, &cmp, options.max_examples);
        let more = found.len() >= options.max_examples;
        let parts: Vec<Part> = found
            .iter()
            .filter_map(|f| change(&mut space, &cmp, f))
            .collect();
        let Some(onew) = new.outcomes.get(inew) else {
            continue;
        };
        changes.extend(group(
            &mut space,
            &Outcomes { old: o, new: onew },
            parts,
            more,
        ));
    }
    let names = |m: &Model| -> Vec<String> { m.outcomes.iter().map(|o| o.id.clone()).collect() };
    let facts = |m: &Model| -> Vec<String> { m.facts.iter().map(|f| f.id.clone()).collect() };
    let only = |a: Vec<String>, b: &[String]| -> Vec<String> {
        a.into_iter().filter(|x| !b.contains(x)).collect()
    };
    Diff {
        old: RulesetRef::of(old),
        new: RulesetRef::of(new),
        today: options.today,
        changes,
        outcomes_added: only(names(new), &names(old)),
        outcomes_removed: only(names(old), &names(new)),
        facts_added: only(facts(new), &facts(old)),
        facts_removed: only(facts(old), &facts(new)),
        declared: declared(old, new),
        notes: space.notes.clone(),
        complete: !space.exhausted,
        evaluations: space.probes,
        work: space.work,
        max_work: space.max_work,
    }
}

/// One outcome compared between the two versions.
struct Compare<'m> {
    /// The outcome in the old version, and its index in the old and in the new.
    o: &'m OutcomeDef,
    io: usize,
    inew: usize,
    old: &'m Model,
    new: &'m Model,
    /// Whether policy, fallback, values and followed outcomes are the same.
    same_outcome: bool,
    /// The rules that decide it in the old and in the new version, with their signatures.
    giving_old: Sigs,
    giving_new: Sigs,
    /// For a required collect outcome: compared value by value.
    by_value: Option<ByValue>,
}

impl<'m> Compare<'m> {
    fn new(old: &'m Model, new: &'m Model, io: usize, inew: usize) -> Option<Compare<'m>> {
        let o = old.outcomes.get(io)?;
        // Rules that are the same in both versions (same condition over the same questions, same
        // parameter values, same priority and value) fire for the same answers. Where the rules still
        // in play are the same on both sides, the outcome cannot differ: that subtree is pruned, and
        // the search splits first on what the rules that differ read.
        // A collect outcome that `follows` others depends on their rules too: those count as its rules
        // here.
        let follows = !o.follows.is_empty()
            || new
                .outcomes
                .get(inew)
                .is_some_and(|n| !n.follows.is_empty());
        let same_outcome = outcome_sig(old, io) == outcome_sig(new, inew);
        let giving_old = deciding_sigs(old, io);
        let giving_new = deciding_sigs(new, inew);
        // A required collect outcome is a set: it differs as soon as one value is surely in it on one side
        // and surely not on the other, whatever the other rules do. Compared value by value, the search
        // stops at that point instead of deciding every other rule of the outcome. For an outcome that
        // follows others, a value is in it when a rule giving it counts as the evaluation decides it (the
        // rule fires and wins each followed outcome it sets): surely in when such a rule surely counts,
        // surely out when every rule giving it surely fails or surely loses.
        let by_value = (same_outcome
            && o.policy == Policy::Collect
            && matches!(o.fallback, crate::model::FallbackDef::Required))
        .then(|| ByValue::of([old, new], [io, inew], follows, [&giving_old, &giving_new]));
        Some(Compare {
            o,
            io,
            inew,
            old,
            new,
            same_outcome,
            giving_old,
            giving_new,
            by_value,
        })
    }

    /// The search's verdict at a node (outside the regions already reported).
    fn verdict(&self, p: &[Probe]) -> Verdict {
        if let Some(by) = &self.by_value {
            return set_verdict(p, by);
        }
        let (Some(a), Some(b)) = (
            p.first().and_then(|p| p.outcomes.get(self.io)),
            p.get(1).and_then(|p| p.outcomes.get(self.inew)),
        ) else {
            return Verdict::Prune;
        };
        if self.same_outcome {
            let (mut lo, mut ln) = (
                live_rules(p, 0, &self.giving_old),
                live_rules(p, 1, &self.giving_new),
            );
            lo.sort_by(|x, y| x.1.cmp(y.1));
            ln.sort_by(|x, y| x.1.cmp(y.1));
            if lo.iter().map(|x| x.1).eq(ln.iter().map(|x| x.1)) {
                return Verdict::Prune;
            }
            if self.o.policy == Policy::Priority && same_winner(p, self.old, self.new, &lo, &ln) {
                return Verdict::Prune;
            }
            let mut open = Vec::new();
            rule_cands(p, &lo, &ln, false, &mut open);
            if !open.is_empty() {
                return Verdict::Branch(open);
            }
        }
        if a.next.is_empty() && b.next.is_empty() {
            if a.status != b.status || !same_set(&a.values, &b.values) {
                Verdict::Witness
            } else {
                Verdict::Prune
            }
        } else {
            let mut open = Cand::all(0, &a.next);
            open.extend(Cand::all(1, &b.next));
            Verdict::Branch(open)
        }
    }
}

/// At most `max` regions of answers where the outcome differs, each found by one search outside the
/// regions before it and made as large as it can be.
fn regions(space: &mut Space, cmp: &Compare, max: usize) -> Vec<Found> {
    let mut regions: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut found: Vec<Found> = Vec::new();
    while found.len() < max {
        let mut q = |p: &[Probe], chosen: &[Option<usize>]| {
            // Inside a region already reported: nothing new below.
            if regions.iter().any(|reg: &Vec<(usize, usize)>| {
                reg.iter().all(|&(at, r)| chosen.get(at) == Some(&Some(r)))
            }) {
                return Verdict::Prune;
            }
            cmp.verdict(p)
        };
        let (mut more, _) = space.search(&mut q, 1, &[], Need::all());
        let Some(mut f) = more.pop() else {
            break;
        };
        f.chosen = match &cmp.by_value {
            Some(by) => generalize_by(space, &f, |p| settled_differences(p, by)),
            None => generalize_by(space, &f, |p| final_states(p, cmp.io, cmp.inew)),
        };
        regions.push(f.chosen.clone());
        found.push(f);
    }
    found
}

/// The change a region shows (`None` when an outcome is missing from the probes), in words of ids for
/// now: [`group`] says it in the author's words.
fn change(space: &mut Space, cmp: &Compare, f: &Found) -> Option<Part> {
    let node = space.node_of(&f.full);
    let p = space.probe_all(&node);
    let a = p.first()?.outcomes.get(cmp.io)?;
    let b = p.get(1)?.outcomes.get(cmp.inew)?;
    // For a set: the values that are in it on one side only, throughout the region.
    let (gained, lost) = match &cmp.by_value {
        Some(by) => {
            let region = space.node_of(&f.chosen);
            let rp = space.probe_all(&region);
            let settled = settled_differences(&rp, by).unwrap_or_default();
            let pick = |want_new: bool| -> Vec<String> {
                settled
                    .iter()
                    .filter(|(_, _, in_new)| *in_new == want_new)
                    .map(|(v, _, _)| v.clone())
                    .collect()
            };
            (pick(true), pick(false))
        }
        None => (Vec::new(), Vec::new()),
    };
    let combinations = count_region(space, &f.chosen);
    let change = Change {
        outcome: cmp.o.id.clone(),
        label: Text::default(),
        from_words: Text::default(),
        to_words: Text::default(),
        when: Vec::new(),
        situations: Vec::new(),
        more: false,
        from: (a.status, a.values.clone()),
        to: (b.status, b.values.clone()),
        gained,
        lost,
        message: Text::default(),
        example: example_of(space, f),
        combinations,
    };
    Some(Part {
        change,
        chosen: f.chosen.clone(),
    })
}

/// The smallest part of a witness's chosen answers (found by dropping answers one at a time, the latest
/// first) for which `key` is still settled and still the same as for the witness: the region the change
/// holds in.
pub(super) fn generalize_by<K: PartialEq>(
    space: &mut Space,
    f: &Found,
    key: impl Fn(&[Probe]) -> Option<K>,
) -> Vec<(usize, usize)> {
    let node = space.node_of(&f.chosen);
    let p = space.probe_all(&node);
    let Some(want) = key(&p) else {
        return f.chosen.clone();
    };
    let mut kept = f.chosen.clone();
    let mut i = kept.len();
    // Past the budget the region stays as large as it is (still a region where the change holds).
    while i > 0 && !space.spent() {
        i -= 1;
        let mut fewer = kept.clone();
        fewer.remove(i);
        let node = space.node_of(&fewer);
        let p = space.probe_all(&node);
        if key(&p).as_ref() == Some(&want) {
            kept = fewer;
        }
    }
    kept
}

/// Both versions' states of one outcome, when both are final.
pub(super) fn final_states(
    p: &[Probe],
    io: usize,
    inew: usize,
) -> Option<(Status, Vec<String>, Status, Vec<String>)> {
    let a = p.first()?.outcomes.get(io)?;
    let b = p.get(1)?.outcomes.get(inew)?;
    (a.next.is_empty() && b.next.is_empty())
        .then(|| (a.status, a.values.clone(), b.status, b.values.clone()))
}

pub(super) fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}
