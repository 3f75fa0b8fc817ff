//! The answer space the analysis searches, and the search itself.
//!
//! A *space* is the facts of one model (analysis) or of two models matched by id (diff). Each fact gets a
//! finite list of representative answers: every value of a yes/no or choice fact; for whole numbers and
//! scales one per range between the constants they are compared with (all values of a small one used in
//! arithmetic or compared with another fact; a few, approximated, of a large one); for dates the values
//! just below, at and above every constant they are compared with (so every comparison can come out
//! either way); for timelines a few record lists. The search is a depth-first case split, on its own
//! stack, driven by the evaluator itself ([`probe`]), within a budget that counts each evaluation's work: at each node the evaluator says whether what the
//! query asks about is settled for every completion of the answers so far ("final"), and if not, which
//! open questions could change it; only those are split. A query prunes settled subtrees and reports a
//! *witness* where the property holds for good. The evaluator's own guarantee (an outcome that is not
//! provisional keeps its value for every completion, checked by property tests against brute force)
//! makes the pruning exact over the representative values.

use crate::answers::Answers;
use crate::ast::CmpOp;
use crate::date::Date;
use crate::eval::{Asked, Probe, probe_parts, probe_update, shown_type};
use crate::model::{
    Cond, FactDef, FactId, FactType, FieldDef, Model, Pred, Record, Term, Text, Value,
};
use crate::walk::{self, Step};

/// One representative answer of a fact, per model in the space (`None`: no answer there).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Slot {
    /// A plain value.
    Value(Value),
    /// A timeline's records.
    List(Vec<Record>),
}

/// A fact of the space.
#[derive(Debug, Clone)]
pub(crate) struct SpaceFact {
    pub id: String,
    /// Its id in each model (`None`: the model has no such fact).
    pub ids: Vec<Option<FactId>>,
    /// Representative answers; each has a slot per model.
    pub reps: Vec<Vec<Option<Slot>>>,
    /// Position in the first model's ask order that has it (for choosing what to split first).
    pub order: usize,
    /// For a whole-number question: where its answers may start to differ (sorted, see
    /// `Splits::int_cuts`), which bound the ranges its representatives stand for.
    pub cuts: Vec<i64>,
}

/// The facts of one or two models, with representative answers.
pub(crate) struct Space<'m> {
    pub models: Vec<&'m Model>,
    pub today: Date,
    pub facts: Vec<SpaceFact>,
    /// Per model: its fact id → space fact index.
    pub index: Vec<Vec<Option<usize>>>,
    /// What the representative answers do not cover (a complete result has none).
    pub notes: Vec<Text>,
    /// The budget used, in evaluations (a large evaluation counts as several, see [`Space::charge`]).
    pub probes: usize,
    /// The work the evaluations did, in steps ([`Probe::work`]).
    pub work: usize,
    /// The most work one evaluation (of every model in the space) did.
    pub max_work: usize,
    /// The most evaluations in all.
    pub budget: usize,
    /// The most evaluations of one search.
    pub search_budget: usize,
    /// Where the current search stops.
    limit_at: usize,
    /// True once a budget ran out somewhere: results are then incomplete.
    pub exhausted: bool,
    /// What the current search's probes evaluate.
    need: Need,
    /// Facts whose representative answers are an approximation (space indices).
    pub approximated: Vec<usize>,
    /// Rules of the first model seen surely firing at some node: each fires for every completion of
    /// that node's answers, so it is alive (not dead).
    pub fired: Vec<bool>,
    /// Rules of the first model seen surely not firing at some node.
    pub refuted: Vec<bool>,
    /// Per rule of the first model: the `priority` outcomes it was seen deciding (it surely fires and
    /// every rule above it for that outcome surely does not), so it is not shadowed there.
    pub won: Vec<Vec<usize>>,
    /// Per outcome of the first model: its rules from the highest priority down (`priority` outcomes
    /// only; empty for the others).
    ladders: Vec<Vec<(usize, (i64, i64))>>,
    /// Per fact of the first model: per rule, whether the rule reads it (directly or through an
    /// `ask when`), so that after that answer changes only those rules are evaluated again.
    readers: Vec<Vec<bool>>,
}

/// What the probes of a search evaluate (less is faster).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Need {
    /// Outcome states (which needs every rule).
    pub outcomes: bool,
    /// Only these rules of the first model (`None`: all).
    pub rules: Option<Vec<usize>>,
    /// Outcomes of the first model all of whose rules are among `rules`: their deciding rules are
    /// noted (see [`Space::won`]).
    pub ladders: Vec<usize>,
}

impl Need {
    /// Everything.
    pub fn all() -> Need {
        Need {
            outcomes: true,
            rules: None,
            ladders: Vec::new(),
        }
    }

    /// No rules and no outcomes: only which questions are asked (and the handovers).
    pub fn questions() -> Need {
        Need::rules(Vec::new(), Vec::new())
    }

    /// Only these rules, and the ladders of these outcomes.
    pub fn rules(rules: Vec<usize>, ladders: Vec<usize>) -> Need {
        Need {
            outcomes: false,
            rules: Some(rules),
            ladders,
        }
    }
}

/// How many evaluations of the budget `work` steps count for (see [`Space::charge`]).
pub fn evaluations_for(work: usize) -> usize {
    work.div_ceil(crate::limits::ANALYSIS_STEPS_PER_EVALUATION)
        .max(1)
}

/// Per fact: which rules read it, directly or through the `ask when` of a fact they read (and so on).
fn readers(model: &Model) -> Vec<Vec<bool>> {
    let mut out = vec![vec![false; model.rules.len()]; model.facts.len()];
    for (r, rule) in model.rules.iter().enumerate() {
        let mut facts = Vec::new();
        crate::walk::cond_facts(&rule.cond, &mut facts);
        for f in closure(model, &facts) {
            if let Some(slot) = out.get_mut(f).and_then(|v| v.get_mut(r)) {
                *slot = true;
            }
        }
    }
    out
}

/// The facts given, with the facts their `ask when`s read, and so on.
pub(crate) fn closure(model: &Model, facts: &[FactId]) -> Vec<FactId> {
    // Time linear in the questions reached (a long `ask when` chain is walked once).
    let mut seen = vec![false; model.facts.len()];
    let mut out: Vec<FactId> = Vec::with_capacity(facts.len());
    for &f in facts {
        if let Some(s) = seen.get_mut(f)
            && !*s
        {
            *s = true;
            out.push(f);
        }
    }
    let mut i = 0;
    while let Some(&f) = out.get(i) {
        if let Some(c) = model.facts.get(f).and_then(|d| d.ask_when.as_ref()) {
            let mut more = Vec::new();
            crate::walk::cond_facts(c, &mut more);
            for g in more {
                if let Some(s) = seen.get_mut(g)
                    && !*s
                {
                    *s = true;
                    out.push(g);
                }
            }
        }
        i += 1;
    }
    out
}

/// Per outcome: the rules that give it, from the highest (priority, rank) down; `priority` outcomes only.
fn ladders(model: &Model) -> Vec<Vec<(usize, (i64, i64))>> {
    model
        .outcomes
        .iter()
        .enumerate()
        .map(|(oid, o)| {
            if o.policy != crate::ast::Policy::Priority {
                return Vec::new();
            }
            let mut l: Vec<(usize, (i64, i64))> = model
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.assigns.iter().any(|(x, _)| *x == oid))
                .map(|(i, r)| (i, (r.priority, r.rank)))
                .collect();
            l.sort_by_key(|x| std::cmp::Reverse(x.1));
            l
        })
        .collect()
}

/// A query: looks at the probes of a node (one per model) and the representatives chosen so far (per
/// space fact), and says what to do there.
pub(crate) type Query<'q> = dyn FnMut(&[Probe], &[Option<usize>]) -> Verdict + 'q;

/// What a query says about one node of the search.
pub(crate) enum Verdict {
    /// Nothing to find below.
    Prune,
    /// Found, for every completion of these answers.
    Witness,
    /// Split one of these facts (any other open fact when none of these can be split).
    Branch(Vec<Cand>),
}

/// A question a query would like split, with how much it would like it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cand {
    /// Model index in the space.
    pub model: usize,
    /// Fact id in that model.
    pub fact: FactId,
    /// Weight: candidates named by several conditions, or by a condition with few open questions, are
    /// split first.
    pub weight: u32,
}

impl Cand {
    /// Every fact with weight 1.
    pub fn all(model: usize, facts: &[FactId]) -> Vec<Cand> {
        facts
            .iter()
            .map(|&fact| Cand {
                model,
                fact,
                weight: 1,
            })
            .collect()
    }

    /// The open questions of one condition: the fewer there are, the more each weighs (a condition with
    /// one open question is settled by splitting it, like unit propagation in a SAT solver).
    pub fn of_rule(model: usize, deps: &[FactId], out: &mut Vec<Cand>) {
        let n = u32::try_from(deps.len()).unwrap_or(u32::MAX).max(1);
        let weight = (720 / n).max(1);
        out.extend(deps.iter().map(|&fact| Cand {
            model,
            fact,
            weight,
        }));
    }
}

/// A witness: the answers chosen on the way (space fact → representative) and a full set of answers.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub chosen: Vec<(usize, usize)>,
    pub full: Vec<(usize, usize)>,
}

/// The state of a search: per space fact, the representative chosen (if any), and the answers per model.
pub(crate) struct Node {
    pub chosen: Vec<Option<usize>>,
    pub answers: Vec<Answers>,
}

impl<'m> Space<'m> {
    /// The space of `models` (one for analysis, two for a diff) evaluated on `today`.
    pub fn new(
        models: Vec<&'m Model>,
        today: Date,
        budget: usize,
        search_budget: usize,
    ) -> Space<'m> {
        let mut space = Space {
            index: models.iter().map(|m| vec![None; m.facts.len()]).collect(),
            models,
            today,
            facts: Vec::new(),
            notes: Vec::new(),
            probes: 0,
            work: 0,
            max_work: 0,
            budget,
            search_budget,
            limit_at: 0,
            exhausted: false,
            need: Need::all(),
            approximated: Vec::new(),
            fired: Vec::new(),
            refuted: Vec::new(),
            won: Vec::new(),
            ladders: Vec::new(),
            readers: Vec::new(),
        };
        let n = space.models.first().map_or(0, |m| m.rules.len());
        space.fired = vec![false; n];
        space.refuted = vec![false; n];
        space.won = vec![Vec::new(); n];
        space.ladders = space.models.first().map_or_else(Vec::new, |m| ladders(m));
        space.readers = space.models.first().map_or_else(Vec::new, |m| readers(m));
        space.build();
        space
    }

    fn build(&mut self) {
        let models = self.models.clone();
        let splits: Vec<Splits> = models.iter().map(|m| Splits::of(m, self.today)).collect();
        for (mi, model) in models.iter().enumerate() {
            for (pos, &f) in model.ask_order.iter().enumerate() {
                let Some(def) = model.facts.get(f) else {
                    continue;
                };
                let at = match self.facts.iter().position(|sf| sf.id == def.id) {
                    Some(at) => at,
                    None => {
                        self.facts.push(SpaceFact {
                            id: def.id.clone(),
                            ids: vec![None; models.len()],
                            reps: Vec::new(),
                            order: pos,
                            cuts: Vec::new(),
                        });
                        self.facts.len() - 1
                    }
                };
                if let Some(sf) = self.facts.get_mut(at) {
                    if let Some(slot) = sf.ids.get_mut(mi) {
                        *slot = Some(f);
                    }
                }
                if let Some(slot) = self.index.get_mut(mi).and_then(|v| v.get_mut(f)) {
                    *slot = Some(at);
                }
            }
        }
        // Representative answers: the union over the models, as text keys so that the same answer in
        // two models is one representative.
        for at in 0..self.facts.len() {
            let mut keys: Vec<RepKey> = Vec::new();
            for (mi, (model, splits)) in models.iter().zip(&splits).enumerate() {
                let Some(f) = self
                    .facts
                    .get(at)
                    .and_then(|sf| sf.ids.get(mi).copied().flatten())
                else {
                    continue;
                };
                if splits.approximates(model, f) {
                    self.approximated.push(at);
                }
                if let Some(sf) = self.facts.get_mut(at) {
                    sf.cuts.extend(splits.numeric_cuts(model, f));
                    sf.cuts.sort_unstable();
                    sf.cuts.dedup();
                }
                for k in reps_of(model, splits, f, self.today, &mut self.notes) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            let reps: Vec<Vec<Option<Slot>>> = keys
                .iter()
                .map(|k| {
                    models
                        .iter()
                        .enumerate()
                        .map(|(mi, model)| {
                            let f = self.facts.get(at)?.ids.get(mi).copied().flatten()?;
                            slot_for(model, f, k)
                        })
                        .collect()
                })
                .collect();
            if let Some(sf) = self.facts.get_mut(at) {
                sf.reps = reps;
            }
        }
    }

    /// An empty node (nothing answered).
    pub fn root(&self) -> Node {
        Node {
            chosen: vec![None; self.facts.len()],
            answers: self.models.iter().map(|m| Answers::empty(m)).collect(),
        }
    }

    /// Evaluates every model on the node's answers (counts against the budget), as much as the current
    /// search needs, and notes which rules were seen firing, not firing and deciding.
    pub fn probe(&mut self, node: &Node) -> Vec<Probe> {
        self.probe_after(node, None)
    }

    /// Like [`Space::probe`] for a node that differs from `parent` (whose probes are given) only in
    /// the answer to space fact `at`: rules that cannot have changed are copied.
    fn probe_after(&mut self, node: &Node, parent: Option<(&[Probe], usize)>) -> Vec<Probe> {
        let need = &self.need;
        let probes: Vec<Probe> = self
            .models
            .iter()
            .zip(&node.answers)
            .enumerate()
            .map(|(mi, (m, a))| {
                let rules = if mi == 0 { need.rules.as_deref() } else { None };
                if let (Some(only), false, Some((prev, at))) = (rules, need.outcomes, parent)
                    && let Some(prev) = prev.get(mi)
                {
                    let f = self
                        .facts
                        .get(at)
                        .and_then(|sf| sf.ids.get(mi).copied().flatten());
                    let none: Vec<bool> = Vec::new();
                    let stale = f.and_then(|f| self.readers.get(f)).unwrap_or(&none);
                    return probe_update(m, a, self.today, only, prev, stale);
                }
                probe_parts(m, a, self.today, need.outcomes, rules)
            })
            .collect();
        // (The fields alone: `need` still borrows the space.)
        let work: usize = probes.iter().map(|p| p.work).sum();
        self.work = self.work.saturating_add(work);
        self.max_work = self.max_work.max(work);
        self.probes = self.probes.saturating_add(evaluations_for(work));
        if let Some(p) = probes.first() {
            let note = |r: usize, fired: &mut Vec<bool>, refuted: &mut Vec<bool>| {
                if let Some((now, deps)) = p.rules.get(r)
                    && deps.is_empty()
                {
                    let slot = if *now == Some(true) {
                        fired.get_mut(r)
                    } else {
                        refuted.get_mut(r)
                    };
                    if let Some(slot) = slot {
                        *slot = true;
                    }
                }
            };
            match &need.rules {
                Some(only) => only
                    .iter()
                    .for_each(|&r| note(r, &mut self.fired, &mut self.refuted)),
                None => {
                    (0..p.rules.len()).for_each(|r| note(r, &mut self.fired, &mut self.refuted))
                }
            }
            let all: Vec<usize>;
            let ladders: &[usize] = if need.rules.is_none() {
                all = (0..self.ladders.len()).collect();
                &all
            } else {
                &need.ladders
            };
            for &oid in ladders {
                let Some(ladder) = self.ladders.get(oid) else {
                    continue;
                };
                // Walk down: rules surely off are passed; the first rank with a rule that surely fires
                // decides, unless a rule of that rank or above is still open.
                let mut top: Option<(i64, i64)> = None;
                for &(r, key) in ladder {
                    if top.is_some_and(|t| key < t) {
                        break;
                    }
                    let Some((now, deps)) = p.rules.get(r) else {
                        break;
                    };
                    if !deps.is_empty() {
                        top = None;
                        break;
                    }
                    if *now == Some(true) {
                        top = Some(key);
                    }
                }
                if let Some(t) = top {
                    for &(r, key) in ladder {
                        if key == t
                            && p.rules
                                .get(r)
                                .is_some_and(|(now, d)| *now == Some(true) && d.is_empty())
                            && let Some(w) = self.won.get_mut(r)
                            && !w.contains(&oid)
                        {
                            w.push(oid);
                        }
                    }
                }
            }
        }
        probes
    }

    /// Counts evaluations that did `work` steps against the budget: one evaluation per started
    /// [`crate::limits::ANALYSIS_STEPS_PER_EVALUATION`] steps, at least one. So the budget bounds the
    /// time of the analysis, also for rules whose every evaluation is large.
    fn charge(&mut self, work: usize) {
        self.work = self.work.saturating_add(work);
        self.max_work = self.max_work.max(work);
        self.probes = self.probes.saturating_add(evaluations_for(work));
    }

    /// True when the budget of the whole analysis is spent.
    pub fn spent(&self) -> bool {
        self.probes >= self.budget
    }

    /// Evaluates everything on the node's answers (for examples after a search).
    pub fn probe_all(&mut self, node: &Node) -> Vec<Probe> {
        self.probe_with(node, Need::all())
    }

    /// Evaluates what `need` asks on the node's answers, outside a search.
    pub fn probe_with(&mut self, node: &Node, need: Need) -> Vec<Probe> {
        let saved = std::mem::replace(&mut self.need, need);
        let p = self.probe(node);
        self.need = saved;
        p
    }

    /// Sets (or clears) a fact's representative answer in every model.
    pub fn set(&self, node: &mut Node, at: usize, rep: Option<usize>) {
        let Some(sf) = self.facts.get(at) else {
            return;
        };
        if let Some(c) = node.chosen.get_mut(at) {
            *c = rep;
        }
        for (mi, answers) in node.answers.iter_mut().enumerate() {
            let Some(f) = sf.ids.get(mi).copied().flatten() else {
                continue;
            };
            let slot = rep
                .and_then(|r| sf.reps.get(r))
                .and_then(|s| s.get(mi))
                .cloned()
                .flatten();
            match slot {
                Some(Slot::Value(v)) => {
                    answers.set(f, Some(v));
                    answers.set_list(f, None);
                }
                Some(Slot::List(l)) => {
                    answers.set(f, None);
                    answers.set_list(f, Some(l));
                }
                None => {
                    answers.set(f, None);
                    answers.set_list(f, None);
                }
            }
        }
    }

    /// Space indices of model `mi`'s facts.
    pub fn map_facts(&self, mi: usize, facts: &[FactId]) -> Vec<usize> {
        facts
            .iter()
            .filter_map(|&f| self.index.get(mi).and_then(|v| v.get(f)).copied().flatten())
            .collect()
    }

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
    fn dfs(
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
    fn visit(
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
    fn pick(
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
    fn first_open(&self, node: &Node, probes: &[Probe], avoid: &[usize]) -> Option<usize> {
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
    fn complete(&mut self, node: &mut Node, avoid: &[usize]) -> Vec<(usize, usize)> {
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

    /// Builds the node for a list of choices.
    pub fn node_of(&self, choices: &[(usize, usize)]) -> Node {
        let mut node = self.root();
        for &(at, r) in choices {
            self.set(&mut node, at, Some(r));
        }
        node
    }

    /// A representative answer as JSON-like text for people (`ja`, an option id, a number, a date).
    pub fn shown(&self, at: usize, rep: usize) -> String {
        match self.rep_of(at, rep) {
            Some((def, Slot::Value(v))) => shown_type(&def.ty, v).value,
            Some((_, Slot::List(l))) if l.is_empty() => "[]".to_string(),
            Some((_, Slot::List(l))) => format!("[{} registraties/records]", l.len()),
            None => String::new(),
        }
    }

    /// How many answers a representative stands for: 1 for yes/no or an option; for a whole number or
    /// scale level, the size of its range (both bounded); `None` when that is unbounded, when the
    /// representative is one of a few values tried (approximated), or for dates and timelines.
    pub fn class_size(&self, at: usize, rep: usize) -> Option<u64> {
        if let Some((_, lo, hi)) = self.int_range(at, rep) {
            return u64::try_from(hi?.checked_sub(lo?)?.checked_add(1)?).ok();
        }
        match self.rep_of(at, rep)? {
            (def, Slot::Value(_)) => {
                matches!(def.ty, FactType::Bool | FactType::Choice { .. }).then_some(1)
            }
            (_, Slot::List(_)) => None,
        }
    }

    /// What a representative stands for, as a condition: `leeftijd >= 18` for a whole number between the
    /// constants it is compared with (every value there gives the same outcomes), else `id = answer`.
    pub fn condition(&self, at: usize, rep: usize) -> String {
        let id = self.facts.get(at).map_or("", |f| f.id.as_str());
        match self.int_range(at, rep) {
            Some((_, Some(l), Some(h))) if l == h => format!("{id} = {l}"),
            Some((_, Some(l), Some(h))) => format!("{l} <= {id} <= {h}"),
            Some((_, None, Some(h))) => format!("{id} <= {h}"),
            Some((_, Some(l), None)) => format!("{id} >= {l}"),
            Some((v, None, None)) => format!("{id} = {v}"),
            None => format!("{id} = {}", self.shown(at, rep)),
        }
    }

    /// For a whole-number or scale question: the representative value and the range it stands for
    /// (between the cuts around it, within the question's bounds; `None` where unbounded). `None` for an
    /// approximated question, whose representatives are only some values tried.
    fn int_range(&self, at: usize, rep: usize) -> Option<(i64, Option<i64>, Option<i64>)> {
        let sf = self.facts.get(at)?;
        if self.approximated.contains(&at) {
            return None;
        }
        let (def, Slot::Value(Value::Int(v))) = self.rep_of(at, rep)? else {
            return None;
        };
        let (min, max) = numeric_bounds(&def.ty)?;
        let below = sf.cuts.iter().rev().find(|k| **k <= v).copied();
        let above = sf.cuts.iter().find(|k| **k > v).map(|k| k - 1);
        let (lo, hi) = within(below, above, min, max);
        Some((v, lo, hi))
    }

    /// A representative answer with the question it answers, from the first model that has both.
    pub fn rep_of(&self, at: usize, rep: usize) -> Option<(&'m FactDef, Slot)> {
        let sf = self.facts.get(at)?;
        self.models.iter().enumerate().find_map(|(mi, model)| {
            let def = sf
                .ids
                .get(mi)
                .copied()
                .flatten()
                .and_then(|f| model.facts.get(f))?;
            let slot = sf
                .reps
                .get(rep)
                .and_then(|s| s.get(mi))
                .cloned()
                .flatten()?;
            Some((def, slot))
        })
    }
}

/// A representative answer, independent of a model (choices by option id).
#[derive(Debug, Clone, PartialEq)]
enum RepKey {
    Bool(bool),
    Int(i64),
    Date(Date),
    Option(String),
    /// `count` copies of a record given per field (by field id).
    List(usize, Vec<(String, RepKey)>),
}

fn slot_for(model: &Model, f: FactId, key: &RepKey) -> Option<Slot> {
    let def = model.facts.get(f)?;
    match (&def.ty, key) {
        (FactType::Timeline { fields }, RepKey::List(n, record)) => {
            let rec: Record = fields
                .iter()
                .map(|fd| {
                    record
                        .iter()
                        .find(|(id, _)| *id == fd.id)
                        .and_then(|(_, k)| plain_value(&fd.ty, k))
                })
                .collect();
            Some(Slot::List(vec![rec; *n]))
        }
        (FactType::Timeline { .. }, _) => None,
        (ty, k) => plain_value(ty, k).map(Slot::Value),
    }
}

/// A range `lo..=hi` (`None`: unbounded) cut to a question's bounds `min..=max`.
fn within(
    lo: Option<i64>,
    hi: Option<i64>,
    min: Option<i64>,
    max: Option<i64>,
) -> (Option<i64>, Option<i64>) {
    let lo = match (lo, min) {
        (Some(l), Some(m)) => Some(l.max(m)),
        (l, m) => l.or(m),
    };
    let hi = match (hi, max) {
        (Some(h), Some(m)) => Some(h.min(m)),
        (h, m) => h.or(m),
    };
    (lo, hi)
}

fn plain_value(ty: &FactType, key: &RepKey) -> Option<Value> {
    match (ty, key) {
        (FactType::Bool, RepKey::Bool(b)) => Some(Value::Bool(*b)),
        (FactType::Int { min, max }, RepKey::Int(n)) => {
            let ok = min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m);
            ok.then_some(Value::Int(*n))
        }
        (FactType::Scale { min, max, .. }, RepKey::Int(n)) => {
            (*n >= *min && *n <= *max).then_some(Value::Int(*n))
        }
        (FactType::Date, RepKey::Date(d)) => Some(Value::Date(*d)),
        (FactType::Choice { options }, RepKey::Option(id)) => {
            options.iter().position(|o| &o.id == id).map(Value::Choice)
        }
        _ => None,
    }
}

/// The representative answers of one fact of a model.
fn reps_of(
    model: &Model,
    splits: &Splits,
    f: FactId,
    today: Date,
    notes: &mut Vec<Text>,
) -> Vec<RepKey> {
    let Some(def) = model.facts.get(f) else {
        return Vec::new();
    };
    match &def.ty {
        FactType::Bool => vec![RepKey::Bool(true), RepKey::Bool(false)],
        FactType::Choice { options } => options
            .iter()
            .map(|o| RepKey::Option(o.id.clone()))
            .collect(),
        FactType::Scale { .. } | FactType::Int { .. } => {
            let Some((min, max)) = numeric_bounds(&def.ty) else {
                return Vec::new();
            };
            if splits.approximates(model, f) {
                note_numeric(model, splits, f, notes);
            }
            numeric_reps(model, splits, f, min, max)
                .into_iter()
                .map(RepKey::Int)
                .collect()
        }
        FactType::Date => {
            let mut vals: Vec<Date> = Vec::new();
            for c in splits.dates(Target::Fact(f)) {
                vals.extend(
                    [c.add_days(-1), Some(c), c.add_days(1)]
                        .into_iter()
                        .flatten(),
                );
            }
            if vals.is_empty() {
                vals.push(today);
            }
            vals.sort_unstable();
            vals.dedup();
            if splits.related(f) || splits.in_arith(f) {
                note_numeric(model, splits, f, notes);
            }
            vals.into_iter().map(RepKey::Date).collect()
        }
        FactType::Timeline { fields } => {
            let lists = timeline_reps(splits, f, fields, today);
            let text = Text {
                nl: format!(
                    "Tijdlijn '{}': geprobeerd zijn lege lijsten en lijsten van gelijke registraties ({} varianten); lijsten die verschillende registraties mengen zijn niet doorzocht.",
                    def.id,
                    lists.len()
                ),
                en: format!(
                    "Timeline '{}': tried empty lists and lists of identical records ({} variants); lists mixing different records were not searched.",
                    def.id,
                    lists.len()
                ),
            };
            if splits.reads_list(f) && !notes.contains(&text) {
                notes.push(text);
            }
            lists
        }
    }
}

/// At most this many values of a whole-number or scale question are all tried when it is used in
/// arithmetic or compared with another question (which makes that exact).
const ENUMERATED: i64 = 100;

/// The bounds of a whole-number (`None`: unbounded) or scale question; `None` for other types.
fn numeric_bounds(ty: &FactType) -> Option<(Option<i64>, Option<i64>)> {
    match ty {
        FactType::Int { min, max } => Some((*min, *max)),
        FactType::Scale { min, max, .. } => Some((Some(*min), Some(*max))),
        _ => None,
    }
}

/// The whole numbers tried for a whole-number or scale question with bounds `min..=max`. Compared only
/// with constants: one per range between its cuts (every value of a range gives the same outcomes: exact,
/// however large the range). Used in arithmetic or compared with another question: every value when there
/// are at most [`ENUMERATED`] (exact too); else those with the bounds, the numbers around zero and
/// around each cut of its own and of the questions it is compared with (an approximation, said in the
/// notes). The bounds (for an unbounded question `i64`'s extremes) are where arithmetic overflows.
fn numeric_reps(
    model: &Model,
    splits: &Splits,
    f: FactId,
    min: Option<i64>,
    max: Option<i64>,
) -> Vec<i64> {
    let cuts = splits.numeric_cuts(model, f);
    // One answer per range between the cuts (within the bounds): its lowest value, or for the range
    // below the first cut, its highest.
    let starts = std::iter::once(None).chain(cuts.iter().map(|k| Some(*k)));
    let ends = cuts.iter().map(|k| Some(k.saturating_sub(1))).chain([None]);
    let mut vals: Vec<i64> = Vec::new();
    for (start, end) in starts.zip(ends) {
        match within(start, end, min, max) {
            (Some(l), Some(h)) if l <= h => vals.push(l),
            (Some(l), None) => vals.push(l),
            (None, Some(h)) => vals.push(h),
            (None, None) => vals.push(0),
            _ => {}
        }
    }
    if splits.approximates(model, f) {
        let (lo, hi) = (min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX));
        vals.extend([lo, lo.saturating_add(1), hi.saturating_sub(1), hi]);
        vals.extend(-2..=2);
        for g in std::iter::once(f).chain(splits.partners(f)) {
            for k in splits.numeric_cuts(model, g) {
                vals.extend([k.saturating_sub(1), k]);
            }
        }
    }
    vals.retain(|n| min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m));
    vals.sort_unstable();
    vals.dedup();
    vals
}

/// The note for a question whose answers are approximated: compared with another question or used in
/// arithmetic, with too many answers to try them all.
fn note_numeric(model: &Model, splits: &Splits, f: FactId, notes: &mut Vec<Text>) {
    let id = model.facts.get(f).map_or("", |d| d.id.as_str());
    let text = if splits.in_arith(f) {
        Text {
            nl: format!(
                "'{id}' wordt in een berekening gebruikt en heeft te veel mogelijke antwoorden om ze allemaal te proberen: alleen waarden rond de grenzen, rond nul en rond de vergeleken getallen zijn geprobeerd (benadering)."
            ),
            en: format!(
                "'{id}' is used in arithmetic and has too many possible answers to try them all: only values around its bounds, around zero and around the numbers it is compared with were tried (an approximation)."
            ),
        }
    } else {
        Text {
            nl: format!(
                "'{id}' wordt vergeleken met een andere vraag: alleen waarden rond elkaars grenzen zijn geprobeerd (benadering)."
            ),
            en: format!(
                "'{id}' is compared with another question: only values around each other's limits were tried (an approximation)."
            ),
        }
    };
    if !notes.contains(&text) {
        notes.push(text);
    }
}

fn timeline_reps(splits: &Splits, f: FactId, fields: &[FieldDef], today: Date) -> Vec<RepKey> {
    let mut per_field: Vec<(String, Vec<RepKey>)> = Vec::new();
    for (i, fd) in fields.iter().enumerate() {
        let target = Target::Field(f, i);
        let vals: Vec<RepKey> = match &fd.ty {
            FactType::Bool => vec![RepKey::Bool(true), RepKey::Bool(false)],
            FactType::Choice { options } => options
                .iter()
                .map(|o| RepKey::Option(o.id.clone()))
                .collect(),
            FactType::Scale { min, .. } => vec![RepKey::Int(*min)],
            FactType::Int { min, .. } => {
                let mut v: Vec<i64> = splits.ints(target).flat_map(|c| [c, c + 1]).collect();
                if v.is_empty() {
                    v.push(min.unwrap_or(0));
                }
                v.sort_unstable();
                v.dedup();
                v.into_iter().map(RepKey::Int).collect()
            }
            FactType::Date => {
                let mut v: Vec<Date> = vec![today];
                if i == 0 {
                    for n in splits.windows(f) {
                        v.extend(
                            [today.add_days(-n), today.add_days(1 - n)]
                                .into_iter()
                                .flatten(),
                        );
                    }
                }
                v.extend(splits.dates(target));
                v.sort_unstable();
                v.dedup();
                v.into_iter().map(RepKey::Date).collect()
            }
            FactType::Timeline { .. } => Vec::new(),
        };
        per_field.push((fd.id.clone(), vals));
    }
    // Record patterns: the product of the fields' values, at most 24.
    let mut patterns: Vec<Vec<(String, RepKey)>> = vec![Vec::new()];
    for (id, vals) in &per_field {
        if vals.is_empty() {
            continue;
        }
        let mut next = Vec::new();
        for p in &patterns {
            for v in vals {
                let mut q = p.clone();
                q.push((id.clone(), v.clone()));
                next.push(q);
            }
        }
        next.truncate(24);
        patterns = next;
    }
    let mut counts: Vec<usize> = vec![1];
    for k in splits.ints(Target::Count(f)) {
        for c in [k.saturating_sub(1), k, k.saturating_add(1)] {
            if let Ok(c) = usize::try_from(c)
                && (1..=50).contains(&c)
            {
                counts.push(c);
            }
        }
    }
    counts.sort_unstable();
    counts.dedup();
    let mut out = vec![RepKey::List(0, Vec::new())];
    for p in &patterns {
        for &n in &counts {
            out.push(RepKey::List(n, p.clone()));
        }
    }
    out
}

/// What a constant is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Fact(FactId),
    /// A field of a timeline's records (in a `where`).
    Field(FactId, usize),
    /// The number of records of a timeline.
    Count(FactId),
}

/// The constants each fact, field and count is compared with, the window lengths of each timeline, and
/// the facts compared with other facts.
struct Splits {
    consts: Vec<(Target, Value)>,
    /// Whole-number facts compared with a constant by `<`, `<=`, `>` or `>=`: `(f, k)` means the answers
    /// below `k` and from `k` on may differ. (Equality needs a point: it is among `consts`.)
    cuts: Vec<(FactId, i64)>,
    windows: Vec<(FactId, i64)>,
    related: Vec<FactId>,
    /// Pairs of questions compared with each other (both ways).
    partners: Vec<(FactId, FactId)>,
    /// Questions used in arithmetic (`+`, `-`, `*`, a minus sign, a number of days that is an answer).
    arith: Vec<FactId>,
    lists_read: Vec<FactId>,
}

impl Splits {
    fn of(model: &Model, today: Date) -> Splits {
        let mut s = Splits {
            consts: Vec::new(),
            cuts: Vec::new(),
            windows: Vec::new(),
            related: Vec::new(),
            partners: Vec::new(),
            arith: Vec::new(),
            lists_read: Vec::new(),
        };
        let mut w = Walker {
            model,
            today,
            list: None,
            out: &mut s,
        };
        for r in &model.rules {
            w.cond(&r.cond);
            for d in &r.deadlines {
                w.term(&d.date);
            }
        }
        for f in &model.facts {
            if let Some(c) = &f.ask_when {
                w.cond(c);
            }
        }
        for h in &model.handovers {
            w.cond(&h.when);
            for r in &h.requires {
                w.cond(&r.cond);
            }
        }
        s
    }

    /// Where the answers of whole-number fact `f` may start to differ: every `k` such that `k - 1` and `k`
    /// can give different outcomes (a constant compared by equality gives `c` and `c + 1`).
    fn int_cuts(&self, f: FactId) -> Vec<i64> {
        let mut cuts: Vec<i64> = self
            .cuts
            .iter()
            .filter(|(g, _)| *g == f)
            .map(|(_, k)| *k)
            .chain(
                self.ints(Target::Fact(f))
                    .flat_map(|c| [Some(c), c.checked_add(1)])
                    .flatten(),
            )
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    /// Like [`Splits::int_cuts`], and every value of a question whose values are all tried.
    fn numeric_cuts(&self, model: &Model, f: FactId) -> Vec<i64> {
        let mut cuts = self.int_cuts(f);
        if let Some((Some(lo), Some(hi))) = self.enumerated(model, f) {
            cuts.extend(lo.saturating_add(1)..=hi);
            cuts.sort_unstable();
            cuts.dedup();
        }
        cuts
    }

    /// The bounds of a whole-number or scale question whose values are all tried: used in arithmetic or
    /// compared with another question, with at most [`ENUMERATED`] values.
    fn enumerated(&self, model: &Model, f: FactId) -> Option<(Option<i64>, Option<i64>)> {
        let (lo, hi) = model.facts.get(f).and_then(|d| numeric_bounds(&d.ty))?;
        let size = hi?.checked_sub(lo?)?;
        (size < ENUMERATED && (self.related(f) || self.in_arith(f))).then_some((lo, hi))
    }

    /// True when the representatives of question `f` do not cover every case: a timeline that is read, a
    /// date or a large whole-number or scale question compared with another question or used in
    /// arithmetic.
    fn approximates(&self, model: &Model, f: FactId) -> bool {
        let Some(def) = model.facts.get(f) else {
            return false;
        };
        if self.reads_list(f) {
            return true;
        }
        match def.ty {
            FactType::Bool | FactType::Choice { .. } | FactType::Timeline { .. } => false,
            FactType::Date => self.related(f) || self.in_arith(f),
            FactType::Int { .. } | FactType::Scale { .. } => {
                (self.related(f) || self.in_arith(f)) && self.enumerated(model, f).is_none()
            }
        }
    }

    /// The questions `f` is compared with.
    fn partners(&self, f: FactId) -> impl Iterator<Item = FactId> + '_ {
        self.partners
            .iter()
            .filter(move |(a, _)| *a == f)
            .map(|(_, b)| *b)
    }

    fn in_arith(&self, f: FactId) -> bool {
        self.arith.contains(&f)
    }

    fn ints(&self, t: Target) -> impl Iterator<Item = i64> + '_ {
        self.consts.iter().filter_map(move |(tt, v)| match v {
            Value::Int(n) if *tt == t => Some(*n),
            _ => None,
        })
    }

    fn dates(&self, t: Target) -> impl Iterator<Item = Date> + '_ {
        self.consts.iter().filter_map(move |(tt, v)| match v {
            Value::Date(d) if *tt == t => Some(*d),
            _ => None,
        })
    }

    fn windows(&self, f: FactId) -> impl Iterator<Item = i64> + '_ {
        self.windows
            .iter()
            .filter(move |(l, _)| *l == f)
            .map(|(_, n)| *n)
    }

    fn related(&self, f: FactId) -> bool {
        self.related.contains(&f)
    }

    fn reads_list(&self, f: FactId) -> bool {
        self.lists_read.contains(&f)
    }
}

struct Walker<'a, 'm> {
    model: &'m Model,
    today: Date,
    /// The timeline whose records a `where` is looking at.
    list: Option<FactId>,
    out: &'a mut Splits,
}

impl Walker<'_, '_> {
    fn cond(&mut self, c: &Cond) {
        match c {
            Cond::True => {}
            Cond::And(cs) | Cond::Or(cs) => cs.iter().for_each(|c| self.cond(c)),
            Cond::Not(c) | Cond::Definitely(c) => self.cond(c),
            Cond::Atom(a) => self.pred(&a.pred),
        }
    }

    fn pred(&mut self, p: &Pred) {
        match p {
            Pred::Truth(t) => self.term(t),
            Pred::Cmp(op, a, b) => {
                if self.cut(*op, a, b) {
                    self.term(a);
                    self.term(b);
                    return;
                }
                self.compare(a, b);
                self.term(a);
                self.term(b);
            }
            Pred::In { term, list, .. } => {
                for x in list {
                    self.compare(term, x);
                    self.term(x);
                }
                self.term(term);
            }
            Pred::Between { term, low, high } => {
                self.compare(term, low);
                self.compare(term, high);
                self.term(term);
                self.term(low);
                self.term(high);
            }
            Pred::Answered { .. } => {}
            Pred::Nested(c) => self.cond(c),
            Pred::Known { term, .. } => self.term(term),
        }
    }

    fn term(&mut self, t: &Term) {
        match t {
            Term::Fact(_) | Term::Lit(_) | Term::Today | Term::Param(_) | Term::Field(_) => {}
            Term::Arith(_, a, b) => {
                facts_in(a, &mut self.out.arith);
                facts_in(b, &mut self.out.arith);
                self.term(a);
                self.term(b);
            }
            Term::WorkdaysPlus(a, b) | Term::DatePlus(a, b) => {
                // A date moved by a constant number of days is handled where it is compared; a number of
                // days that is (or reads) an answer is arithmetic.
                if konst(self.model, self.today, b).is_none() {
                    facts_in(a, &mut self.out.arith);
                    facts_in(b, &mut self.out.arith);
                }
                self.term(a);
                self.term(b);
            }
            Term::DateDiff(a, b) => {
                self.term(a);
                self.term(b);
            }
            Term::Neg(a) => {
                facts_in(a, &mut self.out.arith);
                self.term(a);
            }
            Term::Cond(c) => self.cond(c),
            Term::Count {
                list,
                filter,
                window,
            }
            | Term::Pick {
                list,
                filter,
                window,
                ..
            } => {
                self.out.lists_read.push(*list);
                if let Some(w) = window {
                    if let Some(Value::Int(n)) = konst(self.model, self.today, w) {
                        self.out.windows.push((*list, n));
                    }
                }
                if let Some(c) = filter {
                    let saved = self.list.replace(*list);
                    self.cond(c);
                    self.list = saved;
                }
            }
        }
    }

    /// A whole-number fact ordered against a constant (`x >= 18`, `3 < x`): records where its answers
    /// split and returns true; false for anything else.
    fn cut(&mut self, op: CmpOp, a: &Term, b: &Term) -> bool {
        let (f, c, op) = match (a, b) {
            (Term::Fact(f), other) => match konst(self.model, self.today, other) {
                Some(Value::Int(c)) => (*f, c, op),
                _ => return false,
            },
            (other, Term::Fact(f)) => match konst(self.model, self.today, other) {
                // `c < x` is `x > c`.
                Some(Value::Int(c)) => (
                    *f,
                    c,
                    match op {
                        CmpOp::Lt => CmpOp::Gt,
                        CmpOp::Le => CmpOp::Ge,
                        CmpOp::Gt => CmpOp::Lt,
                        CmpOp::Ge => CmpOp::Le,
                        other => other,
                    },
                ),
                _ => return false,
            },
            _ => return false,
        };
        let is_int = self
            .model
            .facts
            .get(f)
            .is_some_and(|d| numeric_bounds(&d.ty).is_some());
        // `x < c` and `x >= c` split before c; `x <= c` and `x > c` after it.
        let k = match op {
            CmpOp::Lt | CmpOp::Ge => Some(c),
            CmpOp::Le | CmpOp::Gt => c.checked_add(1),
            _ => None,
        };
        match (is_int, k) {
            (true, Some(k)) => {
                self.out.cuts.push((f, k));
                true
            }
            _ => false,
        }
    }

    /// A comparison of two terms: records the split constants it implies.
    fn compare(&mut self, a: &Term, b: &Term) {
        self.one_side(a, b);
        self.one_side(b, a);
    }

    fn one_side(&mut self, x: &Term, other: &Term) {
        let Some(target) = self.target(x) else {
            // `x + n days` (a date fact moved by a constant) against a constant or another fact.
            if let Term::DatePlus(inner, n) = x
                && let Some(target) = self.target(inner)
                && let Some(Value::Int(n)) = konst(self.model, self.today, n)
            {
                match konst(self.model, self.today, other) {
                    Some(Value::Date(c)) => {
                        if let Some(d) = c.add_days(-n) {
                            self.out.consts.push((target, Value::Date(d)));
                        }
                    }
                    _ => self.relate(target, other),
                }
            }
            // `days since x` / a difference of dates against a number.
            if let Term::DateDiff(p, q) = x
                && let Some(Value::Int(n)) = konst(self.model, self.today, other)
            {
                for (fixed, free) in [(p, q), (q, p)] {
                    if let (Some(Value::Date(d)), Some(target)) =
                        (konst(self.model, self.today, fixed), self.target(free))
                    {
                        for shift in [n, -n] {
                            if let Some(day) = d.add_days(shift) {
                                self.out.consts.push((target, Value::Date(day)));
                            }
                        }
                    }
                }
            }
            return;
        };
        match konst(self.model, self.today, other) {
            Some(v) => self.out.consts.push((target, v)),
            None => self.relate(target, other),
        }
    }

    /// A comparison with something that is not a constant: a relation between facts.
    fn relate(&mut self, target: Target, other: &Term) {
        if let Target::Fact(f) = target
            && mentions_fact(other)
        {
            self.out.related.push(f);
            let mut others = Vec::new();
            facts_in(other, &mut others);
            for g in others {
                self.out.related.push(g);
                self.out.partners.push((f, g));
            }
        }
    }

    fn target(&self, t: &Term) -> Option<Target> {
        match t {
            Term::Fact(f) => Some(Target::Fact(*f)),
            Term::Field(i) => self.list.map(|l| Target::Field(l, *i)),
            Term::Count { list, .. } => Some(Target::Count(*list)),
            Term::Pick { list, field, .. } => Some(Target::Field(*list, *field)),
            _ => None,
        }
    }
}

/// The questions a term reads through arithmetic and dates (not inside a condition or a timeline),
/// appended to `out` in order of appearance without repeats.
fn facts_in(t: &Term, out: &mut Vec<FactId>) {
    walk::term(t, &mut |n| match n {
        walk::Node::Term(Term::Fact(f)) => {
            walk::push_new(out, *f);
            Step::Over
        }
        walk::Node::Term(Term::Cond(_) | Term::Count { .. } | Term::Pick { .. }) => Step::Over,
        _ => Step::Into,
    });
}

/// True when a term reads an answer (a question or a timeline) through arithmetic and dates (not
/// inside a condition).
fn mentions_fact(t: &Term) -> bool {
    let mut found = false;
    walk::term(t, &mut |n| match n {
        walk::Node::Term(Term::Fact(_) | Term::Count { .. } | Term::Pick { .. }) => {
            found = true;
            Step::Over
        }
        walk::Node::Term(Term::Cond(_)) => Step::Over,
        _ => Step::Into,
    });
    found
}

/// The value of a term that reads no answers (literals, parameters, `today`, arithmetic on those).
pub(crate) fn konst(model: &Model, today: Date, t: &Term) -> Option<Value> {
    use crate::model::ArithOp;
    match t {
        Term::Lit(v) => Some(*v),
        Term::Param(p) => model.parameters.get(*p).map(|d| d.value),
        Term::Today => Some(Value::Date(today)),
        Term::Neg(a) => match konst(model, today, a)? {
            Value::Int(n) => n.checked_neg().map(Value::Int),
            _ => None,
        },
        Term::Arith(op, a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Int(x), Value::Int(y)) => match op {
                ArithOp::Add => x.checked_add(y),
                ArithOp::Sub => x.checked_sub(y),
                ArithOp::Mul => x.checked_mul(y),
            }
            .map(Value::Int),
            _ => None,
        },
        Term::DatePlus(a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Date(d), Value::Int(n)) => d.add_days(n).map(Value::Date),
            _ => None,
        },
        Term::WorkdaysPlus(a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Date(d), Value::Int(n)) => d.add_working_days(n).map(Value::Date),
            _ => None,
        },
        Term::DateDiff(a, b) => match (konst(model, today, a)?, konst(model, today, b)?) {
            (Value::Date(a), Value::Date(b)) => Some(Value::Int(b.days_until(a))),
            _ => None,
        },
        _ => None,
    }
}
