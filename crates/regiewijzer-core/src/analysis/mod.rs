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

mod lost;
mod space;

pub use space::evaluations_for;

use serde::Serialize;

use crate::answers::Answers;
use crate::ast::Policy;
use crate::date::Date;
use crate::diag::Severity;
use crate::eval::{Asked, HandoverStatus, Probe, RulesetRef, Status, probe};
use crate::map::SortedMap;
use crate::model::{Cond, ExpectDefKind, FactType, Model, Pred, RuleOrigin, TestDef, Text};
pub(crate) use space::closure as ask_closure;
use space::{Cand, Found, Need, Slot, Space, Verdict, closure};

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

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// No rule decides a required outcome for these answers.
    Gap {
        /// The outcome.
        outcome: String,
    },
    /// Rules of equal priority give different values, or a `unique` outcome gets two rules.
    Conflict {
        /// The outcome.
        outcome: String,
        /// The rules that fire together.
        rules: Vec<String>,
    },
    /// A rule (or table row) whose condition is never true.
    DeadRule {
        /// The rule.
        rule: String,
    },
    /// A rule that can fire but is always overridden for an outcome by higher-priority rules.
    ShadowedRule {
        /// The rule.
        rule: String,
        /// The outcome it never decides.
        outcome: String,
        /// The rules that override it (each one alone always does, or together).
        by: Vec<String>,
    },
    /// A rule reads a question that is never asked when the rule's other conditions hold.
    AskWhen {
        /// The rule.
        rule: String,
        /// The question.
        fact: String,
    },
    /// A party or phase that no rule, handover or question uses: no way in or out.
    Isolated {
        /// The party or phase.
        value: String,
    },
    /// A rule adds values to a collect outcome while its value for a single-value outcome (that the
    /// collect outcome does not follow) lost.
    LostValue {
        /// The rule.
        rule: String,
        /// The collect outcome it adds to.
        outcome: String,
        /// The single-value outcome where it lost.
        lost: String,
        /// The rules that won it in the example.
        to: Vec<String>,
    },
    /// Handovers A → B and B → A that can both go through for the same answers.
    PingPong {
        /// The one handover.
        first: String,
        /// The other.
        second: String,
    },
}

/// One answer of an example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ExampleValue {
    /// Yes/no.
    Bool(bool),
    /// A whole number or scale level.
    Int(i64),
    /// An option id or a date (`YYYY-MM-DD`).
    Text(String),
    /// A timeline's records, field id → value.
    Records(Vec<SortedMap<String, ExampleValue>>),
}

/// A full set of answers that shows a finding, as the widget and `regiewijzer eval` take them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The date to evaluate on.
    pub today: Date,
    /// Question id → answer.
    pub answers: SortedMap<String, ExampleValue>,
    /// The answers that make the finding (the others can be anything that is asked).
    pub when: Vec<(String, String)>,
}

/// One finding of the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `A101` gap, `A102` conflict, `A201` dead rule, `A202` shadowed rule, `A203` a collect value from
    /// a rule whose single-value outcome lost, `A301` ask-when, `A401` isolated party/phase, `A402`
    /// handover ping-pong.
    pub code: &'static str,
    /// Error (gaps and conflicts: `regiewijzer analyze` exits 1) or warning.
    pub severity: Severity,
    /// What it is about.
    #[serde(flatten)]
    pub kind: FindingKind,
    /// Line (1-based) of the rule, outcome or handover.
    pub line: u32,
    /// Column (1-based).
    pub column: u32,
    /// In Dutch and English.
    pub message: Text,
    /// Answers that show it (none for findings about something that never happens).
    pub example: Option<Example>,
    /// False when the finding rests on a search that ran out of budget or on approximated facts: "not
    /// found" then means "not found among what was searched".
    pub exact: bool,
}

/// The result of [`analyze`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The ruleset analysed.
    pub ruleset: RulesetRef,
    /// The date used.
    pub today: Date,
    /// Every finding, gaps and conflicts first.
    pub findings: Vec<Finding>,
    /// Checks that ran out of budget (also summed up in `notes`).
    pub unchecked: Vec<Unchecked>,
    /// What the search did not cover (empty: exact over the whole answer space).
    pub notes: Vec<Text>,
    /// False when the budget ran out somewhere.
    pub complete: bool,
    /// How much of the budget the search used, in evaluations (one per started 250 steps of work
    /// each, see [`crate::limits::ANALYSIS_STEPS_PER_EVALUATION`]).
    pub evaluations: usize,
    /// The work the evaluations did, in steps ([`crate::eval::Probe::work`]).
    pub work: usize,
    /// The most work one evaluation did, in steps. Evaluations are checked against the budget before
    /// they start, so the budget is passed by at most the one that crossed it and one per example shown,
    /// each counting at most [`evaluations_for`] this much.
    pub max_work: usize,
}

impl Report {
    /// True when there is a gap or a conflict.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Analyses a model: gaps, conflicts, dead and shadowed rules, ask-when problems, the handover graph.
pub fn analyze(model: &Model, options: &Options) -> Report {
    let mut space = Space::new(
        vec![model],
        options.today,
        options.budget,
        options.search_budget,
    );
    let mut a = Analyzer {
        model,
        options,
        findings: Vec::new(),
        unchecked: Vec::new(),
    };
    a.gaps_and_conflicts(&mut space);
    a.dead_and_shadowed(&mut space);
    a.lost_values(&mut space);
    a.ask_when(&mut space);
    a.handovers(&mut space);
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

/// A rule in a conflict search: index, (priority, rank), values, settled.
type LiveRule<'a> = (usize, (i64, i64), &'a Vec<usize>, bool);

/// A check that ran out of budget before it was settled: it could not show that something never
/// happens (`A201`, `A202`, `A301`), or it stopped before it had searched everywhere for more (`A101`
/// gaps and `A102` conflicts of an outcome, `A402` ping-pong of two handovers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unchecked {
    /// The finding code it would have been.
    pub code: &'static str,
    /// What it is about: the rule, `rule (outcome)` for `A202`, `rule (question)` for `A301`, the
    /// outcome for `A101`/`A102`, or the two handovers (`a / b`) for `A402`.
    pub subject: String,
}

struct Analyzer<'m> {
    model: &'m Model,
    options: &'m Options,
    findings: Vec<Finding>,
    unchecked: Vec<Unchecked>,
}

impl Analyzer<'_> {
    /// Notes a search that the budget stopped before it was done: more findings of this kind (gaps,
    /// conflicts, ping-pong) may exist than were reported.
    fn unsettled(&mut self, code: &'static str, subject: &str) {
        let u = Unchecked {
            code,
            subject: subject.to_string(),
        };
        if !self.unchecked.contains(&u) {
            self.unchecked.push(u);
        }
    }

    /// Adds a finding. One with an example is shown by it (exact); one about something never
    /// happening is exact when its search was complete and the facts it reads were not approximated.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        space: &Space,
        code: &'static str,
        kind: FindingKind,
        at: u32,
        message: Text,
        example: Option<&Found>,
        complete: bool,
        reads: &[crate::model::FactId],
    ) {
        if example.is_none() && !complete {
            // "Never" could not be shown within the budget: not a finding, but said.
            let subject = match &kind {
                FindingKind::DeadRule { rule } => rule.clone(),
                FindingKind::ShadowedRule { rule, outcome, .. } => format!("{rule} ({outcome})"),
                FindingKind::AskWhen { rule, fact } => format!("{rule} ({fact})"),
                FindingKind::LostValue {
                    rule,
                    outcome,
                    lost,
                    ..
                } => format!("{rule} ({outcome}, {lost})"),
                FindingKind::Gap { outcome } | FindingKind::Conflict { outcome, .. } => {
                    outcome.clone()
                }
                FindingKind::Isolated { value } => value.clone(),
                FindingKind::PingPong { first, second } => format!("{first} / {second}"),
            };
            self.unsettled(code, &subject);
            return;
        }
        let (line, column) = line_col(self.model, at);
        let approximated = space
            .map_facts(0, reads)
            .iter()
            .any(|at| space.approximated.contains(at));
        self.findings.push(Finding {
            code,
            severity: if matches!(kind, FindingKind::Gap { .. } | FindingKind::Conflict { .. }) {
                Severity::Error
            } else {
                Severity::Warning
            },
            kind,
            line,
            column,
            message,
            example: example.map(|f| example_of(space, f)),
            exact: example.is_some() || (complete && !approximated),
        });
    }

    fn gaps_and_conflicts(&mut self, space: &mut Space) {
        for (oid, out) in self.model.outcomes.iter().enumerate() {
            if out.policy == Policy::Deadline {
                continue;
            }
            let required = matches!(out.fallback, crate::model::FallbackDef::Required);
            if required {
                // A gap is a full set of answers where every rule that gives the outcome is false. Split
                // only on what the open rules read; a rule that surely fires prunes the subtree.
                let giving: Vec<usize> = self
                    .model
                    .rules
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.assigns.iter().any(|(o, _)| *o == oid))
                    .map(|(i, _)| i)
                    .collect();
                let mut q = |p: &[Probe], _: &[Option<usize>]| {
                    let Some(p0) = p.first() else {
                        return Verdict::Prune;
                    };
                    let mut open = Vec::new();
                    for &r in &giving {
                        let Some((now, deps)) = p0.rules.get(r) else {
                            continue;
                        };
                        match (now, deps.is_empty()) {
                            (Some(true), true) => return Verdict::Prune,
                            (_, true) => {}
                            (_, false) => Cand::of_rule(0, deps, &mut open),
                        }
                    }
                    if open.is_empty() {
                        // Every rule that gives it surely does not fire: no decision, whatever else.
                        Verdict::Witness
                    } else {
                        Verdict::Branch(open)
                    }
                };
                let need = Need::rules(giving.clone(), vec![oid]);
                let (found, complete) = space.search(&mut q, self.options.max_examples, &[], need);
                if !complete {
                    self.unsettled("A101", &out.id);
                }
                for f in &found {
                    let when = when_text(space, &f.chosen);
                    mark_alive(space, f);
                    self.push(
                        space,
                        "A101",
                        FindingKind::Gap {
                            outcome: out.id.clone(),
                        },
                        out.span.start,
                        Text {
                            nl: format!("Geen regel beslist '{}' als {}.", out.id, when.nl),
                            en: format!("No rule decides '{}' when {}.", out.id, when.en),
                        },
                        Some(f),
                        complete,
                        &[],
                    );
                }
            }
            if matches!(out.policy, Policy::Priority | Policy::Unique) {
                self.conflicts(space, oid);
            }
        }
    }

    /// Conflicts of one outcome, in one search: answers where two rules of the highest priority that
    /// fires (for `unique`: any two rules) give different values. A subtree is pruned as soon as no such
    /// pair is still possible; each pair of rules is reported once, with the first answers found for it.
    fn conflicts(&mut self, space: &mut Space, oid: usize) {
        let Some(out) = self.model.outcomes.get(oid) else {
            return;
        };
        let unique = out.policy == Policy::Unique;
        // (rule, rank, values): for `unique` every rule has the same rank and its own "values".
        let giving: Vec<(usize, (i64, i64), Vec<usize>)> = self
            .model
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
            .collect();
        let mut reported: Vec<(usize, usize)> = Vec::new();
        let mut found_pairs: Vec<(usize, usize)> = Vec::new();
        let limit = self.options.max_examples;
        let mut q = |p: &[Probe], _: &[Option<usize>]| {
            let Some(p0) = p.first() else {
                return Verdict::Prune;
            };
            // State of each giving rule: surely true, surely false, or open.
            let mut top: Option<(i64, i64)> = None;
            let mut live: Vec<LiveRule<'_>> = Vec::new();
            for (r, key, vals) in &giving {
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
            let live: Vec<_> = live
                .into_iter()
                .filter(|(_, k, _, _)| top.is_none_or(|t| *k >= t))
                .collect();
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
            if !higher_open && let Some(pair) = first_new_pair(&sure_top, &reported) {
                reported.push(pair);
                found_pairs.push(pair);
                return Verdict::Witness;
            }
            if open.is_empty() || reported.len() >= limit {
                Verdict::Prune
            } else {
                Verdict::Branch(open)
            }
        };
        let need = Need::rules(giving.iter().map(|(r, _, _)| *r).collect(), vec![oid]);
        let (found, complete) = space.search(&mut q, limit, &[], need);
        if !complete {
            self.unsettled("A102", &out.id);
        }
        for (f, (a, b)) in found.iter().zip(found_pairs) {
            let names: Vec<String> = [a, b]
                .iter()
                .filter_map(|&r| self.model.rules.get(r).map(|r| r.id.clone()))
                .collect();
            let when = when_text(space, &f.chosen);
            mark_alive(space, f);
            self.push(
                space,
                "A102",
                FindingKind::Conflict {
                    outcome: out.id.clone(),
                    rules: names.clone(),
                },
                out.span.start,
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

    fn dead_and_shadowed(&mut self, space: &mut Space) {
        for (ri, rule) in self.model.rules.iter().enumerate() {
            if !space.fired.get(ri).copied().unwrap_or(false) {
                let mut q = |p: &[Probe], _: &[Option<usize>]| {
                    let Some((now, deps)) = p.first().and_then(|p| p.rules.get(ri)) else {
                        return Verdict::Prune;
                    };
                    match (now, deps.is_empty()) {
                        (Some(true), true) => Verdict::Witness,
                        (_, true) => Verdict::Prune,
                        (_, false) => Verdict::Branch(Cand::all(0, deps)),
                    }
                };
                let (found, complete) =
                    space.search(&mut q, 1, &[], Need::rules(vec![ri], Vec::new()));
                match found.first() {
                    Some(f) => mark_alive(space, f),
                    None => {
                        let what = rule_words(rule);
                        self.push(
                            space,
                            "A201",
                            FindingKind::DeadRule {
                                rule: rule.id.clone(),
                            },
                            rule.span.start,
                            Text {
                                nl: format!(
                                    "{} '{}' geldt nooit: bij geen enkele combinatie van antwoorden zijn alle voorwaarden waar.",
                                    what.nl, rule.id
                                ),
                                en: format!(
                                    "{} '{}' never applies: no combination of answers makes all its conditions true.",
                                    what.en, rule.id
                                ),
                            },
                            None,
                            complete,
                            &all_facts(&rule.cond),
                        );
                        continue;
                    }
                }
            }
            // Shadowed: for each priority outcome it sets, is there a situation where no rule with a
            // higher priority (or earlier row) for that outcome fires?
            let outcomes: Vec<usize> = rule.assigns.iter().map(|(o, _)| *o).collect();
            for oid in outcomes {
                let Some(out) = self.model.outcomes.get(oid) else {
                    continue;
                };
                if out.policy != Policy::Priority {
                    continue;
                }
                if space.won.get(ri).is_some_and(|w| w.contains(&oid)) {
                    continue;
                }
                let key = (rule.priority, rule.rank);
                let higher: Vec<usize> = self
                    .model
                    .rules
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        h.assigns.iter().any(|(o, _)| *o == oid) && (h.priority, h.rank) > key
                    })
                    .map(|(i, _)| i)
                    .collect();
                if higher.is_empty() {
                    continue;
                }
                let (found, complete) = self.wins_somewhere(space, ri, &higher);
                if !found.is_empty() {
                    continue;
                }
                if !complete {
                    // Not settled: listed as unchecked, and not worth naming the rules above it.
                    self.unsettled("A202", &format!("{} ({})", rule.id, out.id));
                    continue;
                }
                // Name the rules that alone always override it. Only rules over the questions this one
                // reads (with the `ask when`s behind them) are tried, and rules never seen off; when
                // none alone does, the higher rules override it together.
                let mine = closure(self.model, &all_facts(&rule.cond));
                let mut by: Vec<String> = Vec::new();
                for &h in &higher {
                    let Some(hr) = self.model.rules.get(h) else {
                        continue;
                    };
                    let theirs = closure(self.model, &all_facts(&hr.cond));
                    if space.refuted.get(h).copied().unwrap_or(false)
                        && !theirs.iter().all(|f| mine.contains(f))
                    {
                        continue;
                    }
                    let (f, _) = self.wins_somewhere(space, ri, &[h]);
                    if f.is_empty() {
                        by.push(hr.id.clone());
                    }
                }
                let together = by.is_empty();
                if together {
                    by = higher
                        .iter()
                        .filter_map(|&h| self.model.rules.get(h).map(|r| r.id.clone()))
                        .collect();
                }
                let shown_by = |or: &str, and: &str, more: &str| -> String {
                    let head: Vec<&str> = by.iter().take(5).map(String::as_str).collect();
                    let rest = by.len().saturating_sub(5);
                    let mut t = head.join(if together { and } else { or });
                    if rest > 0 {
                        t.push_str(&format!(" {more} {rest}"));
                    }
                    t
                };
                let (by_nl, by_en) = (
                    shown_by(" of ", ", ", "en nog"),
                    shown_by(" or ", ", ", "and"),
                );
                let mut shadow_reads = all_facts(&rule.cond);
                for &h in &higher {
                    if let Some(hr) = self.model.rules.get(h) {
                        shadow_reads.extend(all_facts(&hr.cond));
                    }
                }
                let what = rule_words(rule);
                self.push(
                    space,
                    "A202",
                    FindingKind::ShadowedRule {
                        rule: rule.id.clone(),
                        outcome: out.id.clone(),
                        by: by.clone(),
                    },
                    rule.span.start,
                    Text {
                        nl: if together {
                            format!(
                                "{} '{}' beslist '{}' nooit: als hij geldt, beslist altijd al een van de regels met een hogere prioriteit (samen: {by_nl}).",
                                what.nl, rule.id, out.id
                            )
                        } else {
                            format!(
                                "{} '{}' beslist '{}' nooit: als hij geldt, beslist altijd al {by_nl} met een hogere prioriteit.",
                                what.nl, rule.id, out.id
                            )
                        },
                        en: if together {
                            format!(
                                "{} '{}' never decides '{}': whenever it applies, one of the higher-priority rules already does (together: {by_en}).",
                                what.en, rule.id, out.id
                            )
                        } else {
                            format!(
                                "{} '{}' never decides '{}': whenever it applies, {by_en} with a higher priority already does.",
                                what.en, rule.id, out.id
                            )
                        },
                    },
                    None,
                    complete,
                    &shadow_reads,
                );
            }
        }
    }

    /// Situations where rule `ri` fires and none of `higher` does.
    fn wins_somewhere(&self, space: &mut Space, ri: usize, higher: &[usize]) -> (Vec<Found>, bool) {
        let mut q = |p: &[Probe], _: &[Option<usize>]| {
            let Some(p0) = p.first() else {
                return Verdict::Prune;
            };
            let Some((now, deps)) = p0.rules.get(ri) else {
                return Verdict::Prune;
            };
            if *now != Some(true) && deps.is_empty() {
                return Verdict::Prune;
            }
            let mut open = Vec::new();
            Cand::of_rule(0, deps, &mut open);
            let mut all_off = true;
            for &h in higher {
                let Some((hn, hd)) = p0.rules.get(h) else {
                    continue;
                };
                if *hn == Some(true) && hd.is_empty() {
                    return Verdict::Prune;
                }
                if !hd.is_empty() {
                    all_off = false;
                    Cand::of_rule(0, hd, &mut open);
                }
            }
            if *now == Some(true) && deps.is_empty() && all_off {
                Verdict::Witness
            } else {
                Verdict::Branch(open)
            }
        };
        let mut rules = vec![ri];
        rules.extend_from_slice(higher);
        space.search(&mut q, 1, &[], Need::rules(rules, Vec::new()))
    }

    fn ask_when(&mut self, space: &mut Space) {
        for (ri, rule) in self.model.rules.iter().enumerate() {
            let mut facts = Vec::new();
            read_facts(&rule.cond, &mut facts);
            for f in facts {
                let Some(def) = self.model.facts.get(f) else {
                    continue;
                };
                if def.ask_when.is_none() {
                    continue;
                }
                let Some(at) = space.map_facts(0, &[f]).first().copied() else {
                    continue;
                };
                let mut q = |p: &[Probe], _: &[Option<usize>]| {
                    let Some(p0) = p.first() else {
                        return Verdict::Prune;
                    };
                    let (Some((asked, ask_deps)), Some((now, deps))) =
                        (p0.facts.get(f), p0.rules.get(ri))
                    else {
                        return Verdict::Prune;
                    };
                    let others: Vec<usize> = deps.iter().copied().filter(|d| *d != f).collect();
                    if *asked == Asked::No && ask_deps.is_empty() {
                        return Verdict::Prune;
                    }
                    if *now == Some(false) && others.is_empty() {
                        return Verdict::Prune;
                    }
                    if *asked == Asked::Yes && *now != Some(false) && others.is_empty() {
                        return Verdict::Witness;
                    }
                    let mut open = others;
                    open.extend(ask_deps.iter().copied().filter(|d| *d != f));
                    Verdict::Branch(Cand::all(0, &open))
                };
                let (found, complete) =
                    space.search(&mut q, 1, &[at], Need::rules(vec![ri], Vec::new()));
                if !found.is_empty() {
                    continue;
                }
                let mut ask_reads = all_facts(&rule.cond);
                if let Some(c) = &def.ask_when {
                    ask_reads.extend(all_facts(c));
                }
                let what = rule_words(rule);
                self.push(
                    space,
                    "A301",
                    FindingKind::AskWhen {
                        rule: rule.id.clone(),
                        fact: def.id.clone(),
                    },
                    rule.span.start,
                    Text {
                        nl: format!(
                            "{} '{}' leest '{}', maar die vraag wordt nooit gesteld als de andere voorwaarden van de regel gelden (ask when {}).",
                            what.nl,
                            rule.id,
                            def.id,
                            def.ask_when_text.as_deref().unwrap_or("")
                        ),
                        en: format!(
                            "{} '{}' reads '{}', but that question is never asked when the rule's other conditions hold (ask when {}).",
                            what.en,
                            rule.id,
                            def.id,
                            def.ask_when_text.as_deref().unwrap_or("")
                        ),
                    },
                    None,
                    complete,
                    &ask_reads,
                );
            }
        }
    }

    fn handovers(&mut self, space: &mut Space) {
        let model = self.model;
        // Parties and phases that nothing uses.
        for (kind_nl, kind_en, values) in [
            ("partij", "party", &model.parties),
            ("fase", "phase", &model.phases),
        ] {
            for v in values {
                let used = model
                    .outcomes
                    .iter()
                    .any(|o| o.values.iter().any(|x| x.id == v.id))
                    && model.rules.iter().any(|r| {
                        r.assigns.iter().any(|(o, val)| {
                            model
                                .outcomes
                                .get(*o)
                                .and_then(|o| o.values.get(*val))
                                .is_some_and(|x| x.id == v.id)
                        })
                    });
                let asked = model.facts.iter().any(|f| match &f.ty {
                    FactType::Choice { options } => options.iter().any(|o| o.id == v.id),
                    _ => false,
                });
                if used || asked {
                    continue;
                }
                self.push(
                    space,
                    "A401",
                    FindingKind::Isolated {
                        value: v.id.clone(),
                    },
                    0,
                    Text {
                        nl: format!(
                            "De {kind_nl} '{}' komt in geen regel, overdracht of vraag voor: er is geen weg in of uit.",
                            v.id
                        ),
                        en: format!(
                            "The {kind_en} '{}' appears in no rule, handover or question: there is no way in or out.",
                            v.id
                        ),
                    },
                    None,
                    true,
                    &[],
                );
            }
        }
        // Ping-pong: A → B and B → A for the same lead, both going through for the same answers.
        for (i, a) in model.handovers.iter().enumerate() {
            for (j, b) in model.handovers.iter().enumerate().skip(i + 1) {
                if a.lead != b.lead || a.from != b.to || a.to != b.from {
                    continue;
                }
                let mut q = |p: &[Probe], _: &[Option<usize>]| {
                    let Some(p0) = p.first() else {
                        return Verdict::Prune;
                    };
                    let (Some((sa, da)), Some((sb, db))) =
                        (p0.handovers.get(i), p0.handovers.get(j))
                    else {
                        return Verdict::Prune;
                    };
                    let done = |s: &HandoverStatus, d: &Vec<usize>| {
                        *s == HandoverStatus::Complete && d.is_empty()
                    };
                    let off = |s: &HandoverStatus, d: &Vec<usize>| {
                        *s != HandoverStatus::Complete && d.is_empty()
                    };
                    if off(sa, da) || off(sb, db) {
                        Verdict::Prune
                    } else if done(sa, da) && done(sb, db) {
                        Verdict::Witness
                    } else {
                        let mut open = da.clone();
                        open.extend(db.iter().copied());
                        Verdict::Branch(Cand::all(0, &open))
                    }
                };
                let (found, complete) = space.search(&mut q, 1, &[], Need::questions());
                if found.is_empty() && !complete {
                    self.unsettled("A402", &format!("{} / {}", a.id, b.id));
                }
                if let Some(f) = found.first() {
                    let when = when_text(space, &f.chosen);
                    self.push(
                        space,
                        "A402",
                        FindingKind::PingPong {
                            first: a.id.clone(),
                            second: b.id.clone(),
                        },
                        b.span.start,
                        Text {
                            nl: format!(
                                "Overdrachten '{}' en '{}' gaan de regie heen en terug, en kunnen allebei doorgaan als {} (pingpong).",
                                a.id, b.id, when.nl
                            ),
                            en: format!(
                                "Handovers '{}' and '{}' pass the lead back and forth, and can both go through when {} (ping-pong).",
                                a.id, b.id, when.en
                            ),
                        },
                        Some(f),
                        complete,
                        &[],
                    );
                }
            }
        }
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

/// Evaluates a witness's full answers, so that the rules firing there count as alive ([`Space::fired`])
/// and need no search of their own.
fn mark_alive(space: &mut Space, found: &Found) {
    // Past the budget, leave it to the rule's own search (which then ends as incomplete).
    if space.spent() {
        return;
    }
    let node = space.node_of(&found.full);
    space.probe_all(&node);
}

/// "Regel" or "Tabelrij" / "Rule" or "Table row" for messages.
fn rule_words(rule: &crate::model::RuleDef) -> Text {
    match &rule.origin {
        RuleOrigin::Row { .. } => Text {
            nl: "Tabelrij".into(),
            en: "Table row".into(),
        },
        RuleOrigin::Handover { .. } => Text {
            nl: "Overdracht".into(),
            en: "Handover".into(),
        },
        RuleOrigin::Rule => Text {
            nl: "Regel".into(),
            en: "Rule".into(),
        },
    }
}

/// The facts a condition reads for their value (not `is answered` / `is unknown`), in order of
/// appearance without repeats: each atom's facts as the checker recorded them, and those of the
/// conditions nested in a test (not those inside a term).
fn read_facts(c: &Cond, out: &mut Vec<crate::model::FactId>) {
    use crate::walk::{Node, Step, push_new};
    crate::walk::cond(c, &mut |n| match n {
        Node::Cond(Cond::Atom(a)) => match &a.pred {
            Pred::Answered { .. } | Pred::Known { .. } => Step::Over,
            Pred::Nested(_) => Step::Into,
            _ => {
                a.facts.iter().for_each(|f| push_new(out, *f));
                Step::Over
            }
        },
        _ => Step::Into,
    });
}

/// Every fact a condition mentions.
fn all_facts(c: &Cond) -> Vec<crate::model::FactId> {
    let mut out = Vec::new();
    crate::walk::cond_facts(c, &mut out);
    out
}

/// Line and column (1-based) of a byte offset.
fn line_col(model: &Model, at: u32) -> (u32, u32) {
    let line = model.line_of(at);
    let start = usize::try_from(line.saturating_sub(1))
        .ok()
        .and_then(|i| model.line_starts.get(i))
        .copied()
        .unwrap_or(0);
    (line, at.saturating_sub(start) + 1)
}

/// "a = ja en b = dakloos" / "a = yes and b = dakloos"; "altijd" / "always" when nothing was chosen.
fn when_text(space: &Space, chosen: &[(usize, usize)]) -> Text {
    if chosen.is_empty() {
        return Text {
            nl: "welke antwoorden ook".into(),
            en: "whatever the answers".into(),
        };
    }
    let parts: Vec<String> = chosen
        .iter()
        .map(|&(at, r)| space.condition(at, r))
        .collect();
    Text {
        nl: parts.join(" en "),
        en: parts.join(" and "),
    }
}

/// The example of a witness: its full answers as JSON-like values.
fn example_of(space: &Space, found: &Found) -> Example {
    let mut answers = SortedMap::new();
    for &(at, r) in &found.full {
        let (Some(sf), Some((def, slot))) = (space.facts.get(at), space.rep_of(at, r)) else {
            continue;
        };
        let value = match (&def.ty, slot) {
            (FactType::Timeline { fields }, Slot::List(records)) => ExampleValue::Records(
                records
                    .iter()
                    .map(|rec| {
                        fields
                            .iter()
                            .zip(rec)
                            .filter_map(|(fd, v)| {
                                v.map(|v| (fd.id.clone(), plain_example(&fd.ty, v)))
                            })
                            .collect()
                    })
                    .collect(),
            ),
            (ty, Slot::Value(v)) => plain_example(ty, v),
            _ => continue,
        };
        answers.insert(sf.id.clone(), value);
    }
    Example {
        today: space.today,
        answers,
        when: found
            .chosen
            .iter()
            .map(|&(at, r)| {
                (
                    space
                        .facts
                        .get(at)
                        .map(|f| f.id.clone())
                        .unwrap_or_default(),
                    space.shown(at, r),
                )
            })
            .collect(),
    }
}

/// Typed answers as JSON-like values (what the widget and `regiewijzer eval` take): the answers of a
/// test, to load into a preview.
pub fn answers_example(model: &Model, answers: &Answers) -> SortedMap<String, ExampleValue> {
    let mut out = SortedMap::new();
    for (f, def) in model.facts.iter().enumerate() {
        if let FactType::Timeline { fields } = &def.ty {
            if let Some(records) = answers.list(f) {
                let recs = records
                    .iter()
                    .map(|r| {
                        let mut m = SortedMap::new();
                        for (fd, v) in fields.iter().zip(r) {
                            if let Some(v) = v {
                                m.insert(fd.id.clone(), plain_example(&fd.ty, *v));
                            }
                        }
                        m
                    })
                    .collect();
                out.insert(def.id.clone(), ExampleValue::Records(recs));
            }
        } else if let Some(v) = answers.get(f) {
            out.insert(def.id.clone(), plain_example(&def.ty, v));
        }
    }
    out
}

fn plain_example(ty: &FactType, v: crate::model::Value) -> ExampleValue {
    use crate::model::Value;
    match (ty, v) {
        (_, Value::Bool(b)) => ExampleValue::Bool(b),
        (_, Value::Int(n)) => ExampleValue::Int(n),
        (_, Value::Date(d)) => ExampleValue::Text(d.to_string()),
        (FactType::Choice { options }, Value::Choice(c)) => {
            ExampleValue::Text(options.get(c).map(|o| o.id.clone()).unwrap_or_default())
        }
        (_, Value::Choice(c)) => ExampleValue::Int(i64::try_from(c).unwrap_or(0)),
    }
}

// ---------- coverage ----------

/// Which rules no test makes fire, and which outcome values no test expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// How many tests ran.
    pub tests: usize,
    /// Rules and table rows (id, line) that no test makes fire.
    pub rules_not_fired: Vec<(String, u32)>,
    /// Outcome values (outcome, value) that no test expects.
    pub values_not_expected: Vec<(String, String)>,
    /// How many rules fire in some test, of how many.
    pub rules_fired: (usize, usize),
}

/// Runs the tests' answers and collects which rules fire and which values are expected.
pub fn coverage(model: &Model, tests: &[TestDef]) -> Coverage {
    let mut fired = vec![false; model.rules.len()];
    let mut expected: Vec<(usize, usize)> = Vec::new();
    for t in tests {
        let today = crate::testing::test_today(model, t);
        let answers = Answers::from_test(model, t);
        let p = probe(model, &answers, today);
        for (i, (now, _)) in p.rules.iter().enumerate() {
            if *now == Some(true)
                && let Some(slot) = fired.get_mut(i)
            {
                *slot = true;
            }
        }
        for e in &t.expects {
            let vals: &[usize] = match &e.kind {
                ExpectDefKind::Equals(v) => std::slice::from_ref(v),
                ExpectDefKind::Contains(vs) | ExpectDefKind::Exactly(vs) => vs,
                _ => &[],
            };
            for v in vals {
                if !expected.contains(&(e.outcome, *v)) {
                    expected.push((e.outcome, *v));
                }
            }
        }
    }
    let rules_not_fired: Vec<(String, u32)> = model
        .rules
        .iter()
        .zip(&fired)
        .filter(|(_, f)| !**f)
        .map(|(r, _)| (r.id.clone(), model.line_of(r.span.start)))
        .collect();
    let mut values_not_expected = Vec::new();
    for (oid, o) in model.outcomes.iter().enumerate() {
        for (vid, v) in o.values.iter().enumerate() {
            if !expected.contains(&(oid, vid)) {
                values_not_expected.push((o.id.clone(), v.id.clone()));
            }
        }
    }
    Coverage {
        tests: tests.len(),
        rules_fired: (fired.iter().filter(|f| **f).count(), model.rules.len()),
        rules_not_fired,
        values_not_expected,
    }
}

// ---------- diff ----------

/// One region of answers where an outcome changes between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The outcome.
    pub outcome: String,
    /// Status and values in the old version.
    pub from: (Status, Vec<String>),
    /// Status and values in the new version.
    pub to: (Status, Vec<String>),
    /// For a `collect` outcome: the values only the new version gives, throughout the region (the other
    /// values depend on further answers; `from` and `to` are those of the example).
    pub gained: Vec<String>,
    /// For a `collect` outcome: the values only the old version gives, throughout the region.
    pub lost: Vec<String>,
    /// "route verandert van bemoeizorg naar advies als …" in both languages.
    pub message: Text,
    /// Answers in the region.
    pub example: Example,
    /// How many full answer combinations the region holds, when the questions it leaves open all have
    /// finitely many answers (yes/no, choices, scales) and counting stayed within budget.
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
        .then(|| ByValue {
            at: [io, inew],
            follows,
            values: o
                .values
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
                        givers(old, io, v, &giving_old),
                        givers(new, inew, vnew, &giving_new),
                    )
                })
                .collect(),
            deciding: [giving_old.clone(), giving_new.clone()],
        });
        let mut regions: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        while found.len() < options.max_examples {
            let mut q = |p: &[Probe], chosen: &[Option<usize>]| {
                // Inside a region already reported: nothing new below.
                if regions.iter().any(|reg: &Vec<(usize, usize)>| {
                    reg.iter().all(|&(at, r)| chosen.get(at) == Some(&Some(r)))
                }) {
                    return Verdict::Prune;
                }
                if let Some(by) = &by_value {
                    return set_verdict(p, by);
                }
                let (Some(a), Some(b)) = (
                    p.first().and_then(|p| p.outcomes.get(io)),
                    p.get(1).and_then(|p| p.outcomes.get(inew)),
                ) else {
                    return Verdict::Prune;
                };
                if same_outcome {
                    let (mut lo, mut ln) =
                        (live_rules(p, 0, &giving_old), live_rules(p, 1, &giving_new));
                    lo.sort_by(|x, y| x.1.cmp(y.1));
                    ln.sort_by(|x, y| x.1.cmp(y.1));
                    if lo.iter().map(|x| x.1).eq(ln.iter().map(|x| x.1)) {
                        return Verdict::Prune;
                    }
                    if o.policy == Policy::Priority && same_winner(p, old, new, &lo, &ln) {
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
            };
            let (mut more, _) = space.search(&mut q, 1, &[], Need::all());
            let Some(mut f) = more.pop() else {
                break;
            };
            f.chosen = match &by_value {
                Some(by) => generalize_by(&mut space, &f, |p| settled_differences(p, by)),
                None => generalize_by(&mut space, &f, |p| final_states(p, io, inew)),
            };
            regions.push(f.chosen.clone());
            found.push(f);
        }
        for f in &found {
            let node = space.node_of(&f.full);
            let p = space.probe_all(&node);
            let (Some(a), Some(b)) = (
                p.first().and_then(|p| p.outcomes.get(io)),
                p.get(1).and_then(|p| p.outcomes.get(inew)),
            ) else {
                continue;
            };
            let when = when_text(&space, &f.chosen);
            let shown = |s: Status, v: &[String]| match s {
                Status::Undecided => "(geen besluit / no decision)".to_string(),
                Status::Conflict => "(conflict)".to_string(),
                _ => v.join(", "),
            };
            // For a set: the values that are in it on one side only, throughout the region.
            let (gained, lost) = match &by_value {
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
            let message = if by_value.is_some() {
                let part = |nl_verb: &str, en_verb: &str, vs: &[String]| {
                    (!vs.is_empty()).then(|| {
                        (
                            format!("{nl_verb} {}", vs.join(", ")),
                            format!("{en_verb} {}", vs.join(", ")),
                        )
                    })
                };
                let parts: Vec<(String, String)> = [
                    part("krijgt er", "gains", &gained),
                    part("verliest", "loses", &lost),
                ]
                .into_iter()
                .flatten()
                .collect();
                let nl: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
                let en: Vec<&str> = parts.iter().map(|p| p.1.as_str()).collect();
                Text {
                    nl: format!("{} {} als {}", o.id, nl.join(" en "), when.nl),
                    en: format!("{} {} when {}", o.id, en.join(" and "), when.en),
                }
            } else {
                let (from_s, to_s) = (shown(a.status, &a.values), shown(b.status, &b.values));
                Text {
                    nl: format!(
                        "{} verandert van {from_s} naar {to_s} als {}",
                        o.id, when.nl
                    ),
                    en: format!("{} changes from {from_s} to {to_s} when {}", o.id, when.en),
                }
            };
            let combinations = count_region(&mut space, &f.chosen);
            changes.push(Change {
                outcome: o.id.clone(),
                from: (a.status, a.values.clone()),
                to: (b.status, b.values.clone()),
                gained,
                lost,
                message,
                example: example_of(&space, f),
                combinations,
            });
        }
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
        notes: space.notes.clone(),
        complete: !space.exhausted,
        evaluations: space.probes,
        work: space.work,
        max_work: space.max_work,
    }
}

/// The smallest part of a witness's chosen answers (found by dropping answers one at a time, the latest
/// first) for which `key` is still settled and still the same as for the witness: the region the change
/// holds in.
fn generalize_by<K: PartialEq>(
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
fn final_states(
    p: &[Probe],
    io: usize,
    inew: usize,
) -> Option<(Status, Vec<String>, Status, Vec<String>)> {
    let a = p.first()?.outcomes.get(io)?;
    let b = p.get(1)?.outcomes.get(inew)?;
    (a.next.is_empty() && b.next.is_empty())
        .then(|| (a.status, a.values.clone(), b.status, b.values.clone()))
}

/// The rules (with their signatures) of `giving` that give value `v` of outcome `oid`.
fn givers(model: &Model, oid: usize, v: usize, giving: &[(usize, String)]) -> Vec<(usize, String)> {
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
struct ByValue {
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
type Sigs = Vec<(usize, String)>;

impl ByValue {
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
type RuleState = (Option<bool>, Vec<crate::model::FactId>);

/// The values of a set outcome that are settled in both versions and in it on one side only (id, in the
/// old, in the new); `None` when there is none.
fn settled_differences(p: &[Probe], by: &ByValue) -> Option<Vec<(String, bool, bool)>> {
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
fn set_verdict(p: &[Probe], by: &ByValue) -> Verdict {
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

/// For a priority outcome: true when a rule that is the same in both versions surely fires and has a
/// higher priority than every rule that differs and may still fire. Both versions are then decided by the
/// same rules above all differences: the outcome is the same.
fn same_winner(
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
fn distinct<'a>(rules: &[(usize, &'a str)]) -> Vec<&'a str> {
    let mut v: Vec<&str> = rules.iter().map(|x| x.1).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Adds to `open` what the live rules read that are on one side only (`all`: every live rule), each
/// with the side (model) it was seen on.
fn rule_cands(
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
fn live_rules<'a>(p: &[Probe], mi: usize, giving: &'a [(usize, String)]) -> Vec<(usize, &'a str)> {
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

/// What decides how an outcome combines its rules: policy, fallback and values (by id).
fn outcome_sig(model: &Model, oid: usize) -> String {
    let Some(o) = model.outcomes.get(oid) else {
        return String::new();
    };
    let values: Vec<&str> = o.values.iter().map(|v| v.id.as_str()).collect();
    let fallback = match &o.fallback {
        crate::model::FallbackDef::Required => "required".to_string(),
        crate::model::FallbackDef::Default { value, .. } => {
            format!(
                "default {}",
                o.values.get(*value).map_or("", |v| v.id.as_str())
            )
        }
    };
    let policy = match o.policy {
        Policy::Priority => "priority",
        Policy::Unique => "unique",
        Policy::Collect => "collect",
        Policy::Deadline => "deadline",
    };
    let follows: Vec<String> = o
        .follows
        .iter()
        .filter_map(|&f| {
            let d = model.outcomes.get(f)?;
            let vals: Vec<&str> = d.values.iter().map(|v| v.id.as_str()).collect();
            Some(format!("{}[{}]", d.id, vals.join(",")))
        })
        .collect();
    format!(
        "{policy} {fallback} [{}] follows {}",
        values.join(","),
        follows.join(";")
    )
}

/// The rules that decide outcome `oid` with their signatures: its own rules and, when it `follows`
/// outcomes, theirs too (one signature per rule, over every one of these outcomes it gives a value).
fn deciding_sigs(model: &Model, oid: usize) -> Vec<(usize, String)> {
    let Some(o) = model.outcomes.get(oid) else {
        return Vec::new();
    };
    if o.follows.is_empty() {
        return giving_sigs(model, oid);
    }
    let mut all: Vec<(usize, String)> = Vec::new();
    for x in std::iter::once(oid).chain(o.follows.iter().copied()) {
        let id = model.outcomes.get(x).map_or("", |d| d.id.as_str());
        for (r, sig) in giving_sigs(model, x) {
            match all.iter_mut().find(|(i, _)| *i == r) {
                Some((_, s)) => s.push_str(&format!(" || {id}: {sig}")),
                None => all.push((r, format!("{id}: {sig}"))),
            }
        }
    }
    all.sort_by_key(|(r, _)| *r);
    all
}

// The signatures below are written out by hand, never with Debug formatting: the wasm bundles are built with
// `-Zfmt-debug=none`, which makes every Debug text empty, so two different rules would look the same there.

/// A value as a signature text (choices by index: both sides compare within one outcome or fact).
fn value_sig(v: &crate::model::Value) -> String {
    match v {
        crate::model::Value::Bool(b) => format!("b{b}"),
        crate::model::Value::Int(n) => format!("i{n}"),
        crate::model::Value::Date(d) => format!("d{d}"),
        crate::model::Value::Choice(c) => format!("c{c}"),
    }
}

/// What decides how a question's answers are read: its type with options, bounds, levels and fields.
fn type_sig(ty: &crate::model::FactType) -> String {
    use crate::model::FactType;
    let bound = |b: &Option<i64>| b.map_or_else(String::new, |n| n.to_string());
    match ty {
        FactType::Bool => "bool".to_string(),
        FactType::Choice { options } => {
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            format!("choice({})", ids.join(","))
        }
        FactType::Int { min, max } => format!("int({}..{})", bound(min), bound(max)),
        FactType::Scale { min, max, .. } => format!("scale({min}..{max})"),
        FactType::Date => "date".to_string(),
        FactType::Timeline { fields } => {
            let fs: Vec<String> = fields
                .iter()
                .map(|f| format!("{}={}", f.id, type_sig(&f.ty)))
                .collect();
            format!("timeline({})", fs.join(","))
        }
    }
}

/// The rules that give an outcome, each with a text that is equal for two rules (in two versions) only
/// when they fire for the same answers and give the same: condition text, priority and rank, the values
/// for this outcome, the parameters' values, and the definitions of the questions read (with their
/// `ask when`s, and the questions those read).
fn giving_sigs(model: &Model, oid: usize) -> Vec<(usize, String)> {
    model
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.assigns.iter().any(|(o, _)| *o == oid) || r.deadlines.iter().any(|d| d.outcome == oid)
        })
        .map(|(i, r)| {
            let out = model.outcomes.get(oid);
            let mut vals: Vec<&str> = r
                .assigns
                .iter()
                .filter(|(o, _)| *o == oid)
                .filter_map(|(_, v)| out.and_then(|o| o.values.get(*v)).map(|v| v.id.as_str()))
                .collect();
            vals.sort_unstable();
            let dates: Vec<&str> = r
                .deadlines
                .iter()
                .filter(|d| d.outcome == oid)
                .map(|d| d.text.as_str())
                .collect();
            let mut params = Vec::new();
            cond_params(&r.cond, &mut params);
            for d in r.deadlines.iter().filter(|d| d.outcome == oid) {
                term_params(&d.date, &mut params);
            }
            let params: Vec<String> = params
                .iter()
                .filter_map(|p| {
                    model
                        .parameters
                        .get(*p)
                        .map(|d| format!("{}={}", d.id, value_sig(&d.value)))
                })
                .collect();
            let mut facts = all_facts(&r.cond);
            for d in r.deadlines.iter().filter(|d| d.outcome == oid) {
                facts.extend(d.facts.iter().copied());
            }
            let facts: Vec<String> = closure(model, &facts)
                .iter()
                .filter_map(|f| model.facts.get(*f))
                .map(|d| {
                    format!(
                        "{}:{}:{}",
                        d.id,
                        type_sig(&d.ty),
                        d.ask_when_text.as_deref().unwrap_or("")
                    )
                })
                .collect();
            (
                i,
                format!(
                    "{} | {} {} | {} | {} | {} | {}",
                    r.cond_text,
                    r.priority,
                    r.rank,
                    vals.join(","),
                    dates.join(","),
                    params.join(","),
                    facts.join(";")
                ),
            )
        })
        .collect()
}

/// The parameters a condition reads, in order of appearance without repeats (each atom's parameters as
/// the checker recorded them).
fn cond_params(c: &Cond, out: &mut Vec<crate::model::ParamId>) {
    crate::walk::cond(c, &mut params_into(out));
}

/// The parameters a term reads (as [`cond_params`] for the conditions in it), appended to `out`.
fn term_params(t: &crate::model::Term, out: &mut Vec<crate::model::ParamId>) {
    crate::walk::term(t, &mut params_into(out));
}

/// The visitor of [`cond_params`] and [`term_params`]: a parameter term, or an atom's recorded
/// parameters (without looking inside the atom).
fn params_into<'a>(
    out: &mut Vec<crate::model::ParamId>,
) -> impl FnMut(crate::walk::Node<'a>) -> crate::walk::Step + '_ {
    use crate::model::Term;
    use crate::walk::{Node, Step, push_new};
    move |n| match n {
        Node::Term(Term::Param(p)) => {
            push_new(out, *p);
            Step::Into
        }
        Node::Cond(Cond::Atom(a)) => {
            a.params.iter().for_each(|p| push_new(out, *p));
            Step::Over
        }
        _ => Step::Into,
    }
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// How many full answer combinations the region holds: the answers each chosen representative stands
/// for (a range of whole numbers counts its size) times the combinations of the questions it leaves open
/// (every question asked in either version answered); `None` when some question there has unboundedly
/// many answers, past 20,000 evaluations, past the budget, or past 100 questions split on one path
/// (each level of the count is a call: the depth, not the rules, bounds the stack).
fn count_region(space: &mut Space, chosen: &[(usize, usize)]) -> Option<u64> {
    let mut node = space.node_of(chosen);
    let mut left = 20_000usize;
    let fixed = chosen
        .iter()
        .try_fold(1u64, |t, &(at, r)| t.checked_mul(space.class_size(at, r)?))?;
    count_rec(space, &mut node, &mut left, 0)?.checked_mul(fixed)
}

fn count_rec(
    space: &mut Space,
    node: &mut space::Node,
    left: &mut usize,
    depth: usize,
) -> Option<u64> {
    if *left == 0 || space.spent() || depth > crate::limits::MAX_DEPTH {
        return None;
    }
    *left -= 1;
    let probes = space.probe_with(node, Need::questions());
    let open: Vec<usize> = (0..space.facts.len())
        .filter(|&at| {
            node.chosen.get(at).is_some_and(Option::is_none)
                && space.facts.get(at).is_some_and(|sf| !sf.reps.is_empty())
                && space.asked_somewhere(&probes, at)
        })
        .collect();
    // Every representative of an open question must stand for a known number of answers.
    let size = |space: &Space, at: usize| -> Option<u64> {
        let n = space.facts.get(at).map_or(0, |sf| sf.reps.len());
        (0..n).try_fold(0u64, |t, r| t.checked_add(space.class_size(at, r)?))
    };
    let mut sizes = Vec::new();
    for &at in &open {
        sizes.push(size(space, at)?);
    }
    // A question whose being asked still depends on open answers: split on what its `ask when` reads.
    // Once every open question is surely asked or surely not, the answers are independent and the count
    // is a product, without going through the combinations.
    let pending = open.iter().find_map(|&at| {
        let sf = space.facts.get(at)?;
        sf.ids
            .iter()
            .zip(&probes)
            .enumerate()
            .find_map(|(mi, (f, p))| {
                let (asked, deps) = p.facts.get((*f)?)?;
                (*asked == Asked::Maybe).then(|| {
                    space
                        .map_facts(mi, deps)
                        .into_iter()
                        .find(|d| open.contains(d))
                        .unwrap_or(at)
                })
            })
    });
    let Some(at) = pending else {
        return sizes.iter().try_fold(1u64, |t, n| t.checked_mul(*n));
    };
    let n = space.facts.get(at).map_or(0, |sf| sf.reps.len());
    let mut total: u64 = 0;
    for r in 0..n {
        let weight = space.class_size(at, r)?;
        space.set(node, at, Some(r));
        let c = count_rec(space, node, left, depth + 1);
        space.set(node, at, None);
        total = total.checked_add(c?.checked_mul(weight)?)?;
    }
    Some(total)
}
