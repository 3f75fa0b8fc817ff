//! What matters next, ranked, and what trying answers needs: the answers tried per question and the rules
//! that read each question (from `tries`, worked out once), and contexts worked out again for a few
//! changed answers.
//!
//! Each open question (asked, unanswered, and read by a rule that could still change an outcome) is
//! tried with each of its representative answers (those the analysis tries), everything else as is. An
//! answer that changes a single-value outcome (priority, unique, deadline) *now* puts the question in the
//! first group, with the value(s) it could change to; an answer that only adds a value to a `collect`
//! outcome puts it in the second; a question no single answer changes anything with goes last (it can
//! only change an outcome together with other answers). Within a group, first the questions that
//! complete a rule the answers so far already partly meet (more given answers in that rule first), then
//! the rule's priority (higher first), then checklist order.
//!
//! The values a `collect` outcome could still add are in `search` ([`super::witness`]).

use crate::words::JoinWords;
use std::cmp::Reverse;

use serde::Serialize;

use super::deps::Deps;
use super::logic::{Ctx, FactStates, Tri};
use super::tries::{TrySlot, answers_to_try, readers, with_answer};
use super::{Asked, OutcomeResult};
use crate::analysis::ask_closure;
use crate::answers::Answers;
use crate::ast::Policy;
use crate::date::Date;
use crate::model::{FactId, Model, OutcomeDef, RuleDef, Text, ValueId};

/// What answering an open question could do, in the order they are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NextKind {
    /// An answer to it changes a single-value outcome (a route, an urgency, a lead, a deadline) now.
    Changes,
    /// An answer to it only adds a value to a `collect` outcome (an action) now.
    Adds,
    /// It could change an outcome only together with other answers.
    Together,
}

/// One outcome an open question could change, and to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextChange {
    /// Outcome id.
    pub outcome: String,
    /// The outcome's label.
    pub label: Text,
    /// The values it could change to (for a `collect` outcome: the values it could add); empty when it
    /// changes only together with other answers, or only to no decision.
    pub to_values: Vec<String>,
    /// Those values in words.
    pub to_labels: Vec<Text>,
    /// In words: "kan de route veranderen in Wzd-route" / "could change the route to Wzd route".
    pub text: Text,
}

/// An open question, with what its answer could still change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextQuestion {
    /// Fact id.
    pub fact: String,
    /// The question.
    pub question: Text,
    /// Its group: changes a single-value outcome, only adds an action, or only together with others.
    pub kind: NextKind,
    /// What it could change, per outcome (outcome order).
    pub changes: Vec<NextChange>,
}

impl NextQuestion {
    /// What its answer could change, in words in `lang` (`"en"`, anything else is Dutch): each
    /// outcome's sentence, joined by "; ". The widget shows this under the question, the summary too.
    pub fn said(&self, lang: &str) -> String {
        let said: Vec<&str> = self.changes.iter().map(|c| c.text.get(lang)).collect();
        said.join_words("; ")
    }
}

/// How many of the ranked questions are shown with what they could change; the rest are listed after
/// them under [`NextWords::more`] (by the widget and the summary alike).
pub const NEXT_SHOWN: usize = 3;

/// The words around the ranked questions, shared by the widget and the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextWords {
    /// The heading: "Wat nu telt".
    pub heading: &'static str,
    /// Before the questions after the first [`NEXT_SHOWN`]: "Meer vragen".
    pub more: &'static str,
}

impl NextWords {
    /// The words in `lang` (`"en"`, anything else is Dutch).
    pub fn of(lang: &str) -> NextWords {
        if lang == "en" {
            NextWords {
                heading: "What matters next",
                more: "More questions",
            }
        } else {
            NextWords {
                heading: "Wat nu telt",
                more: "Meer vragen",
            }
        }
    }
}

/// How much work (in evaluation steps) trying the open questions' answers may take, as a multiple of
/// working out the states it starts from (the rules' truth and the outcomes, without reasons; at least
/// [`MIN_STEPS`]); questions not tried in it are ranked last.
const WORK_FACTOR: usize = 48;
/// The work allowed for small evaluations.
const MIN_STEPS: usize = 4096;

/// The order of the ranking: group, then given answers and priority (higher first), then checklist order.
type RankKey = (NextKind, Reverse<i64>, Reverse<i64>, FactId);

/// What trying answers needs of the model, worked out once per evaluation and only when needed: the
/// answers tried per fact, the rules that read each fact, and the questions each fact shows or hides.
pub(super) struct Prep<'m> {
    model: &'m Model,
    today: Date,
    made: std::cell::OnceCell<Tools>,
}

/// See [`Prep`].
pub(super) struct Tools {
    /// Per fact, the answers tried.
    pub(super) reps: Vec<Vec<TrySlot>>,
    /// Per fact, the rules that read it (see [`readers`]).
    pub(super) readers: Vec<Vec<usize>>,
    /// Per fact, the questions whose `ask when` reads it.
    pub(super) askers: Askers,
}

impl<'m> Prep<'m> {
    /// Nothing worked out yet.
    pub(super) fn new(model: &'m Model, today: Date) -> Prep<'m> {
        Prep {
            model,
            today,
            made: std::cell::OnceCell::new(),
        }
    }

    /// The tools, worked out on first use.
    pub(super) fn tools(&self) -> &Tools {
        self.made.get_or_init(|| Tools {
            reps: answers_to_try(self.model, self.today),
            readers: readers(self.model),
            askers: Askers::of(self.model),
        })
    }
}

/// Everything [`rank`] needs from the evaluation it ranks for.
pub(super) struct Base<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    pub answers: &'a Answers,
    pub tris: &'c [Tri],
    /// Per outcome, the open questions that could change it.
    pub relevant: &'c [Deps],
    pub prep: &'c Prep<'a>,
}

/// The open questions of an evaluation, ranked (see the module text). `outcomes` are the evaluation's.
pub(super) fn rank(base: &Base, outcomes: &[OutcomeResult]) -> Vec<NextQuestion> {
    let model = base.ctx.model;
    let mut open = Deps::new();
    base.relevant
        .iter()
        .for_each(|d| open.extend(d.iter().copied()));
    let open: Vec<FactId> = open
        .into_iter()
        .filter(|&f| {
            base.ctx
                .facts
                .get(f)
                .is_some_and(|s| s.asked == Asked::Yes && s.value.is_none())
        })
        .collect();
    if open.is_empty() {
        return Vec::new();
    }
    let tools = base.prep.tools();
    let none = Vec::new();
    let reps: Vec<&Vec<TrySlot>> = open
        .iter()
        .map(|&f| tools.reps.get(f).unwrap_or(&none))
        .collect();
    let mut budget = base
        .ctx
        .steps
        .get()
        .max(MIN_STEPS / WORK_FACTOR)
        .saturating_mul(WORK_FACTOR);
    // The rules' truth, changed in place for each answer tried and put back (see `with_retried`).
    let mut tris = base.tris.to_vec();
    // Kept in order while built (a binary search per question: no sort in the widget bundle).
    let mut ranked: Vec<(RankKey, NextQuestion)> = Vec::with_capacity(open.len());
    for (&q, tries) in open.iter().zip(&reps) {
        let Some(def) = model.facts.get(q) else {
            continue;
        };
        let mut found = Found::default();
        for slot in tries.iter() {
            if budget == 0 {
                break;
            }
            let at = Try { q, slot };
            let spent = try_answer(base, outcomes, tools, &mut tris, &at, &mut found);
            budget = budget.saturating_sub(spent);
        }
        let (kind, support, priority) = found.key();
        let key = (kind, Reverse(support), Reverse(priority), q);
        let at = ranked.partition_point(|(k, _)| *k < key);
        let question = NextQuestion {
            fact: def.id.clone(),
            question: def.label.clone(),
            kind,
            changes: describe(model, base, outcomes, q, &found),
        };
        ranked.insert(at, (key, question));
    }
    ranked.into_iter().map(|(_, n)| n).collect()
}

/// What the answers tried for one question did: per outcome (model order) the values it changed to,
/// and the best (support, priority) of the rules giving them.
#[derive(Default)]
struct Found {
    /// (outcome, value ids shown after the answer, single-value outcome?)
    changed: Vec<(usize, Vec<String>, bool)>,
    /// (given answers the rule already reads, its priority), best first.
    best_single: Option<(i64, i64)>,
    best_add: Option<(i64, i64)>,
}

impl Found {
    fn key(&self) -> (NextKind, i64, i64) {
        match (self.best_single, self.best_add) {
            (Some((s, p)), _) => (NextKind::Changes, s, p),
            (None, Some((s, p))) => (NextKind::Adds, s, p),
            (None, None) => (NextKind::Together, 0, i64::MIN),
        }
    }

    fn note(&mut self, oid: usize, values: &[String], single: bool) {
        match self.changed.iter_mut().find(|(o, ..)| *o == oid) {
            Some((_, vs, _)) => {
                for v in values {
                    if !vs.contains(v) {
                        vs.push(v.clone());
                    }
                }
            }
            None => self.changed.push((oid, values.to_vec(), single)),
        }
    }
}

/// Per fact: the facts whose `ask when` reads it, directly or through another `ask when`, in ask order.
/// With it, a context for answers that differ from the evaluation's in a few facts works out only the
/// states of those facts and of the questions they show or hide (see [`Ctx::updated`]).
pub(super) struct Askers(Vec<Vec<FactId>>);

impl Askers {
    pub(super) fn of(model: &Model) -> Askers {
        let mut out = vec![Vec::new(); model.facts.len()];
        for &g in &model.ask_order {
            let Some(c) = model.facts.get(g).and_then(|d| d.ask_when.as_ref()) else {
                continue;
            };
            let mut read = Vec::new();
            crate::walk::cond_facts(c, &mut read);
            for f in ask_closure(model, &read) {
                if let Some(list) = out.get_mut(f) {
                    list.push(g);
                }
            }
        }
        Askers(out)
    }
}

impl<'a> Ctx<'a> {
    /// A context (without reasons) for `answers`, which differ from this context's answers only in the
    /// facts `changed`: the states of other questions are copied, only those of `changed` and of the
    /// questions whose `ask when` reads them are worked out again.
    pub(super) fn updated<'b>(
        &'b self,
        answers: &'b Answers,
        changed: &[FactId],
        askers: &Askers,
    ) -> Ctx<'b>
    where
        'a: 'b,
    {
        let mut ctx = Ctx {
            model: self.model,
            answers,
            today: self.today,
            // The states are read from this context; only those worked out again are kept apart.
            facts: FactStates {
                base: std::borrow::Cow::Borrowed(&self.facts.base),
                over: self.facts.over.clone(),
            },
            record: std::cell::Cell::new(&[]),
            explain: false,
            steps: std::cell::Cell::new(self.model.facts.len()),
        };
        let mut todo: Vec<FactId> = changed.to_vec();
        for &f in changed {
            todo.extend(askers.0.get(f).into_iter().flatten().copied());
        }
        for &f in &self.model.ask_order {
            if !todo.contains(&f) {
                continue;
            }
            let Some(def) = self.model.facts.get(f) else {
                continue;
            };
            let state = ctx.fact_state(f, def);
            ctx.facts.over.push((f, state));
        }
        ctx
    }

    /// Runs `f` with the rules' truth under this context, which differs from the one `tris` were worked
    /// out in only in the facts `changed`: only the rules that read them (`readers`) are evaluated again,
    /// in `tris` itself, and their old truth is put back afterwards (no copy of the others). With
    /// `only`, only the rules it marks are evaluated again (`f` must read no other rule's truth).
    pub(super) fn with_retried<T>(
        &self,
        tris: &mut [Tri],
        changed: &[FactId],
        readers: &[Vec<usize>],
        only: Option<&[bool]>,
        f: impl FnOnce(&[Tri]) -> T,
    ) -> T {
        let mut again: Vec<usize> = changed
            .iter()
            .flat_map(|f| readers.get(*f).map(Vec::as_slice).unwrap_or_default())
            .copied()
            .filter(|&r| only.is_none_or(|o| o.get(r).copied().unwrap_or(false)))
            .collect();
        crate::order::sort_dedup(&mut again);
        let saved: Vec<(usize, Tri)> = again
            .into_iter()
            .filter_map(|r| {
                let now = self.cond(&self.model.rules.get(r)?.cond);
                Some((r, std::mem::replace(tris.get_mut(r)?, now)))
            })
            .collect();
        let out = f(tris);
        for (r, t) in saved {
            if let Some(slot) = tris.get_mut(r) {
                *slot = t;
            }
        }
        out
    }
}

/// One answer to try: question `q` answered by `slot`.
struct Try<'s> {
    q: FactId,
    slot: &'s TrySlot,
}

/// Evaluates with question `at.q` answered by `at.slot`, everything else as is, and notes in `found`
/// which outcomes that changes now. `tris` are the rules' truth for the evaluation's answers (changed
/// while trying, and put back). Returns the work it took, in steps.
fn try_answer(
    base: &Base,
    outcomes: &[OutcomeResult],
    tools: &Tools,
    tris: &mut [Tri],
    at: &Try,
    found: &mut Found,
) -> usize {
    let q = at.q;
    let answers = with_answer(base.answers, q, at.slot);
    let ctx = base.ctx.updated(&answers, &[q], &tools.askers);
    ctx.with_retried(tris, &[q], &tools.readers, None, |tris| {
        note_changes(base, outcomes, &ctx, q, tris, found);
    });
    ctx.steps.get()
}

/// Notes in `found` which outcomes differ under `ctx` (question `q` answered) from `outcomes`.
fn note_changes(
    base: &Base,
    outcomes: &[OutcomeResult],
    ctx: &Ctx,
    q: FactId,
    tris: &[Tri],
    found: &mut Found,
) {
    let model = base.ctx.model;
    for (oid, (out, before)) in model.outcomes.iter().zip(outcomes).enumerate() {
        if !base.relevant.get(oid).is_some_and(|d| d.contains(&q)) {
            continue;
        }
        // Only the status and values are compared: no reasons, texts or open questions.
        let after = ctx.decision(oid, out, tris, false);
        let single = out.policy != Policy::Collect;
        if single {
            if (after.status, &after.values) == (before.status, &before.values) {
                continue;
            }
            found.note(oid, &after.values, true);
            let key = best_support(base, out, oid, &after.values, tris);
            found.best_single = found.best_single.max(Some(key));
        } else {
            let added: Vec<String> = after
                .values
                .iter()
                .filter(|v| !before.values.contains(v))
                .cloned()
                .collect();
            if added.is_empty() {
                continue;
            }
            let key = best_support(base, out, oid, &added, tris);
            found.note(oid, &added, false);
            found.best_add = found.best_add.max(Some(key));
        }
    }
}

/// The best (given answers it reads, priority) among the rules that now give outcome `oid` one of
/// `values`: a rule the answers so far already partly meet ranks first. A default ranks lowest.
fn best_support(
    base: &Base,
    out: &OutcomeDef,
    oid: usize,
    values: &[String],
    tris: &[Tri],
) -> (i64, i64) {
    let wanted: Vec<ValueId> = values
        .iter()
        .filter_map(|v| out.values.iter().position(|d| &d.id == v))
        .collect();
    base.ctx
        .givers(oid, tris)
        .iter()
        .filter(|(_, vals, t)| t.now == Some(true) && vals.iter().any(|v| wanted.contains(v)))
        .map(|(r, _, _)| (given_answers(base, r), r.priority))
        .max()
        .unwrap_or((0, i64::MIN))
}

/// How many of the questions a rule reads are answered (and used) now.
fn given_answers(base: &Base, r: &RuleDef) -> i64 {
    let mut facts = Vec::new();
    crate::walk::cond_facts(&r.cond, &mut facts);
    crate::order::sort_dedup(&mut facts);
    let n = facts
        .iter()
        .filter(|&&f| base.ctx.facts.get(f).is_some_and(|s| s.value.is_some()))
        .count();
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// What one question could change, per outcome, in words.
fn describe(
    model: &Model,
    base: &Base,
    outcomes: &[OutcomeResult],
    q: FactId,
    found: &Found,
) -> Vec<NextChange> {
    let mut changes: Vec<NextChange> = Vec::new();
    for (oid, out) in model.outcomes.iter().enumerate() {
        let tried = found.changed.iter().find(|(o, ..)| *o == oid);
        let matters = base.relevant.get(oid).is_some_and(|d| d.contains(&q));
        let alone = found.changed.is_empty();
        let (values, single) = match tried {
            Some((_, vs, single)) => (vs.clone(), *single),
            // Only together with other answers: said for single-value outcomes, and for a collect
            // outcome when no single answer changes anything.
            None if matters
                && found.best_single.is_none()
                && (alone || out.policy != Policy::Collect) =>
            {
                (Vec::new(), true)
            }
            None => continue,
        };
        let labels: Vec<Text> = values
            .iter()
            .filter_map(|v| {
                let shown = outcomes.get(oid)?;
                out.values
                    .iter()
                    .find(|d| &d.id == v)
                    .map(|d| d.label.clone())
                    .or_else(|| (shown.policy == Policy::Deadline).then(|| Text::both(v.clone())))
            })
            .collect();
        let text = change_text(&out.label, &labels, single, tried.is_none());
        changes.push(NextChange {
            outcome: out.id.clone(),
            label: out.label.clone(),
            to_values: values,
            to_labels: labels,
            text,
        });
    }
    changes
}

/// An outcome label as it reads inside a sentence: its first letter in lower case, unless the label
/// starts with an abbreviation ("Wvggz" stays, "WMO-melding" stays).
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        // ASCII only: the Unicode case tables would cost the widget bundle kilobytes.
        (Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_lowercase() => {
            std::iter::once(a.to_ascii_lowercase())
                .chain(label.chars().skip(1))
                .collect()
        }
        _ => label.to_string(),
    }
}

/// "kan de route veranderen in Wzd-route", "kan aan de acties toevoegen: …", "kan samen met andere
/// antwoorden de route veranderen", and the same in English.
fn change_text(label: &Text, to: &[Text], single: bool, together: bool) -> Text {
    let (nl, en) = (in_sentence(&label.nl), in_sentence(&label.en));
    let list = |f: fn(&Text) -> &str, or: &str| {
        let words: Vec<&str> = to.iter().map(f).collect();
        match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {or} {last}", rest.join_words(", "))
            }
            _ => words.join_words(""),
        }
    };
    let (to_nl, to_en) = (list(|t| &t.nl, "of"), list(|t| &t.en, "or"));
    if together {
        Text {
            nl: format!("kan samen met andere antwoorden de {nl} veranderen"),
            en: format!("could change the {en} together with other answers"),
        }
    } else if !single {
        Text {
            nl: format!("kan aan de {nl} toevoegen: {}", list(|t| &t.nl, "en")),
            en: format!("could add to the {en}: {}", list(|t| &t.en, "and")),
        }
    } else if to.is_empty() {
        Text {
            nl: format!("kan de {nl} veranderen"),
            en: format!("could change the {en}"),
        }
    } else {
        Text {
            nl: format!("kan de {nl} veranderen in {to_nl}"),
            en: format!("could change the {en} to {to_en}"),
        }
    }
}
