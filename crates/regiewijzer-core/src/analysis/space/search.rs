//! The search: a depth-first case split over the representative answers, on its own stack.

use super::{Cand, Found, Need, Node, Query, Space, Verdict};
use crate::eval::Probe;
use crate::eval::{Asked, probe_parts};

impl Space<'_> {
    /// Searches for up to `limit` witnesses of `query`, never answering the facts in `avoid`. With
    /// `need` the probes evaluate only what the query reads. Returns the witnesses and whether the
    /// search was complete (false when the budget ran out first).
    pub fn search(
        &mut self,
        query: &mut Query<'_>,
        limit: usize,
        avoid: &[usize],
        need: Need,
    ) -> (Vec<Found>, bool) {
        if self.spent() {
            self.exhausted = true;
            return (Vec::new(), false);
        }
        self.need = need;
        let mut node = self.root();
        let mut found = Vec::new();
        let before = self.exhausted;
        self.exhausted = false;
        self.limit_at = self
            .probes
            .saturating_add(self.search_budget)
            .min(self.budget);
        self.dfs(&mut node, query, limit, avoid, &mut found);
        let complete = !self.exhausted;
        self.exhausted |= before;
        (found, complete)
    }

    /// The depth-first search, with its own stack (one frame per question split on the way down), so
    /// that a long chain of questions cannot overflow the call stack.
    pub(super) fn dfs(
        &mut self,
        node: &mut Node,
        query: &mut Query<'_>,
        limit: usize,
        avoid: &[usize],
        found: &mut Vec<Found>,
    ) {
        // Per split question: the question, the next representative to try, and the probes of the node
        // where it was split (only their rule states, which the children's probes reuse).
        let mut stack: Vec<(usize, usize, Vec<Probe>)> = Vec::new();
        let mut entered: Option<usize> = None;
        loop {
            if let Some((at, probes)) =
                self.visit(node, &stack, entered, query, limit, avoid, found)
            {
                stack.push((at, 0, probes));
            }
            // The next child to visit: the next representative of the deepest split with one left.
            entered = None;
            while let Some((at, next, _)) = stack.last_mut() {
                let n = self.facts.get(*at).map_or(0, |sf| sf.reps.len());
                if *next < n && found.len() < limit && !self.exhausted {
                    let (at, r) = (*at, *next);
                    *next += 1;
                    self.set(node, at, Some(r));
                    entered = Some(at);
                    break;
                }
                let at = *at;
                self.set(node, at, None);
                stack.pop();
            }
            if entered.is_none() {
                return;
            }
        }
    }

    /// Visits one node: probes it (reusing the parent's rule states when only `entered` changed) and
    /// asks the query. Returns the question to split there, with the probes the children reuse.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn visit(
        &mut self,
        node: &mut Node,
        stack: &[(usize, usize, Vec<Probe>)],
        entered: Option<usize>,
        query: &mut Query<'_>,
        limit: usize,
        avoid: &[usize],
        found: &mut Vec<Found>,
    ) -> Option<(usize, Vec<Probe>)> {
        if found.len() >= limit {
            return None;
        }
        if self.probes >= self.limit_at {
            self.exhausted = true;
            return None;
        }
        let parent = stack
            .last()
            .zip(entered)
            .map(|((_, _, p), at)| (p.as_slice(), at));
        let mut probes = self.probe_after(node, parent);
        match query(&probes, &node.chosen) {
            Verdict::Prune => None,
            Verdict::Witness => {
                let chosen: Vec<(usize, usize)> = node
                    .chosen
                    .iter()
                    .enumerate()
                    .filter_map(|(at, r)| r.map(|r| (at, r)))
                    .collect();
                let full = self.complete(node, avoid);
                found.push(Found { chosen, full });
                None
            }
            Verdict::Branch(candidates) => {
                let at = self.pick(node, &probes, &candidates, avoid)?;
                for p in &mut probes {
                    p.facts = Vec::new();
                    p.outcomes = Vec::new();
                    p.handovers = Vec::new();
                }
                Some((at, probes))
            }
        }
    }

    /// The fact to split. Among the open candidates: one that is surely asked before one that may be
    /// (splitting a question that turns out hidden is wasted work), then the one the most open
    /// conditions read (each split then settles the most), then the earliest in ask order. Without an
    /// open candidate: the earliest open question that is (maybe) asked.
    pub(super) fn pick(
        &self,
        node: &Node,
        probes: &[Probe],
        candidates: &[Cand],
        avoid: &[usize],
    ) -> Option<usize> {
        let open = |at: &usize| {
            node.chosen.get(*at).is_some_and(Option::is_none)
                && !avoid.contains(at)
                && self.facts.get(*at).is_some_and(|sf| !sf.reps.is_empty())
        };
        let by_order = |at: &usize| self.facts.get(*at).map_or(usize::MAX, |sf| sf.order);
        // (space index, surely asked, weight), with each question's place in it (linear in the
        // candidates: thousands of conditions may name them).
        let mut tally: Vec<(usize, bool, u64)> = Vec::new();
        let mut slot_of: Vec<Option<usize>> = vec![None; self.facts.len()];
        for c in candidates {
            let Some(at) = self
                .index
                .get(c.model)
                .and_then(|v| v.get(c.fact))
                .copied()
                .flatten()
            else {
                continue;
            };
            if !open(&at) {
                continue;
            }
            let asked = probes
                .get(c.model)
                .and_then(|p| p.facts.get(c.fact))
                .map_or(Asked::Maybe, |(a, _)| *a);
            if asked == Asked::No {
                continue;
            }
            match slot_of
                .get(at)
                .copied()
                .flatten()
                .and_then(|i| tally.get_mut(i))
            {
                Some(t) => {
                    t.1 |= asked == Asked::Yes;
                    t.2 += u64::from(c.weight);
                }
                None => {
                    if let Some(slot) = slot_of.get_mut(at) {
                        *slot = Some(tally.len());
                    }
                    tally.push((at, asked == Asked::Yes, u64::from(c.weight)));
                }
            }
        }
        if let Some((at, _, _)) = tally.iter().copied().max_by(|x, y| {
            (x.1, x.2)
                .cmp(&(y.1, y.2))
                .then_with(|| by_order(&y.0).cmp(&by_order(&x.0)))
        }) {
            return Some(at);
        }
        self.first_open(node, probes, avoid)
    }

    /// The earliest question in ask order that is unanswered, not avoided, has answers to try and is
    /// (maybe) asked somewhere.
    pub(super) fn first_open(
        &self,
        node: &Node,
        probes: &[Probe],
        avoid: &[usize],
    ) -> Option<usize> {
        (0..self.facts.len())
            .filter(|at| {
                node.chosen.get(*at).is_some_and(Option::is_none)
                    && !avoid.contains(at)
                    && self.facts.get(*at).is_some_and(|sf| !sf.reps.is_empty())
            })
            .filter(|&at| self.asked_somewhere(probes, at))
            .min_by_key(|at| self.facts.get(*at).map_or(usize::MAX, |sf| sf.order))
    }

    /// True when some model may ask the fact now.
    pub fn asked_somewhere(&self, probes: &[Probe], at: usize) -> bool {
        let Some(sf) = self.facts.get(at) else {
            return false;
        };
        sf.ids.iter().zip(probes).any(|(f, p)| {
            f.and_then(|f| p.facts.get(f))
                .is_some_and(|(asked, _)| *asked != Asked::No)
        })
    }

    /// Answers every fact that is still asked somewhere with its first representative, so that the
    /// witness is a full set of answers; returns the choices. The node is restored afterwards.
    pub(super) fn complete(&mut self, node: &mut Node, avoid: &[usize]) -> Vec<(usize, usize)> {
        let mut added = Vec::new();
        loop {
            if self.spent() {
                // The witness holds whatever the rest is answered; its example is left partial.
                self.exhausted = true;
                break;
            }
            let probes: Vec<Probe> = self
                .models
                .iter()
                .zip(&node.answers)
                .map(|(m, a)| probe_parts(m, a, self.today, false, Some(&[])))
                .collect();
            self.charge(probes.iter().map(|p| p.work).sum());
            let Some(at) = self.first_open(node, &probes, avoid) else {
                break;
            };
            self.set(node, at, Some(0));
            added.push(at);
        }
        let full = node
            .chosen
            .iter()
            .enumerate()
            .filter_map(|(at, r)| r.map(|r| (at, r)))
            .collect();
        for at in added {
            self.set(node, at, None);
        }
        full
    }
}
