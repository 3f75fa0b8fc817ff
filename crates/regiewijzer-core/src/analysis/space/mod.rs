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

mod reps;
mod search;
mod shown;
mod splits;

use reps::{RepKey, reps_of, slot_for};
use splits::Splits;

use crate::answers::Answers;
use crate::date::Date;
use crate::eval::{Probe, probe_parts, probe_update};
use crate::model::{FactId, Model, Record, Text, Value};

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
                if let Some(sf) = self.facts.get_mut(at)
                    && let Some(slot) = sf.ids.get_mut(mi)
                {
                    *slot = Some(f);
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
            self.note_settled(p);
            self.note_winners(p);
        }
        probes
    }

    /// Notes the rules (those evaluated) that surely fire or surely do not in the probe `p` of the
    /// first model, so that later checks need not search for that.
    fn note_settled(&mut self, p: &Probe) {
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
        match &self.need.rules {
            Some(only) => only
                .iter()
                .for_each(|&r| note(r, &mut self.fired, &mut self.refuted)),
            None => (0..p.rules.len()).for_each(|r| note(r, &mut self.fired, &mut self.refuted)),
        }
    }

    /// Notes, for the priority outcomes evaluated, the rules that surely win them in the probe `p` of
    /// the first model ([`Space::won`]).
    fn note_winners(&mut self, p: &Probe) {
        let all: Vec<usize>;
        let ladders: &[usize] = if self.need.rules.is_none() {
            all = (0..self.ladders.len()).collect();
            &all
        } else {
            &self.need.ladders
        };
        for &oid in ladders {
            let Some(ladder) = self.ladders.get(oid) else {
                continue;
            };
            let Some(t) = winning_rank(ladder, p) else {
                continue;
            };
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

    /// Builds the node for a list of choices.
    pub fn node_of(&self, choices: &[(usize, usize)]) -> Node {
        let mut node = self.root();
        for &(at, r) in choices {
            self.set(&mut node, at, Some(r));
        }
        node
    }
}

/// The rank that surely decides an outcome with rules `ladder` (highest first) in probe `p`: walking
/// down, rules surely off are passed; the first rank with a rule that surely fires decides, unless a
/// rule of that rank or above is still open.
fn winning_rank(ladder: &[(usize, (i64, i64))], p: &Probe) -> Option<(i64, i64)> {
    let mut top: Option<(i64, i64)> = None;
    for &(r, key) in ladder {
        if top.is_some_and(|t| key < t) {
            break;
        }
        let Some((now, deps)) = p.rules.get(r) else {
            break;
        };
        if !deps.is_empty() {
            return None;
        }
        if *now == Some(true) {
            top = Some(key);
        }
    }
    top
}
