//! Evaluation: three-valued, with reasons.
//!
//! Every condition evaluates to a [`Tri`]-like pair: its value *now* (`yes`, `no`, or unknown while a
//! question it reads is unanswered) and the set of open questions that could still change it. `and`/`or`
//! follow Kleene's three-valued logic; a `no` in an `and` (or a `yes` in an `or`) settles the result only
//! when nothing open could change that part. A rule fires when its condition is `yes` now. An outcome is
//! *provisional* when an open question could change a rule that matters for it, and those questions are
//! "what matters next". When every asked question is answered, nothing is open, so nothing is provisional.
//!
//! A question is asked when it has no `ask when` or its `ask when` is `yes`; while its `ask when` is
//! unknown, its answer is not used yet; when its `ask when` is `no`, its answer is ignored.
//!
//! Nothing here panics: model indices are read with `get`, arithmetic is checked (an overflow makes the
//! comparison unknown), and dates outside years 1000–9999 are unknown.
use std::cell::{Cell, RefCell};

mod sentence;
pub use sentence::question_and_answer;

use serde::Serialize;

use crate::answers::{AnswerIssue, Answers};
use crate::ast::CmpOp;
use crate::ast::Policy;
use crate::date::Date;
mod next;
pub use next::{NEXT_SHOWN, NextChange, NextKind, NextQuestion, NextWords, WITNESS_TRIES, witness};

use crate::model::{
    ArithOp, Atom, Cond, FactDef, FactId, FactType, FallbackDef, Model, OutcomeDef, Pred, Record,
    RuleDef, Term, Text, Value, ValueId,
};

/// The identity of the ruleset that produced a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesetRef {
    /// Ruleset id.
    pub id: String,
    /// Version text.
    pub version: String,
    /// `sha256:` + hex of the source.
    pub hash: String,
    /// Title.
    pub title: Text,
}

impl RulesetRef {
    /// The identity of `model`.
    pub fn of(model: &Model) -> RulesetRef {
        RulesetRef {
            id: model.meta.id.clone(),
            version: model.meta.version.clone(),
            hash: model.meta.hash.clone(),
            title: model.meta.title.clone(),
        }
    }
}

/// A value as shown to a person and written to JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// The value as in JSON answers: `true`/`false`, a number, an option id or `YYYY-MM-DD`, as text.
    pub value: String,
    /// The value in words (`ja`/`yes`, the option's label, the scale level's label, the number, the date).
    pub label: Text,
}

/// A fact's answer as used in a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedAnswer {
    /// Fact id.
    pub fact: String,
    /// The question.
    pub question: Text,
    /// The answer, or `None` when unanswered.
    pub answer: Option<Shown>,
}

/// One part of a condition that made a rule fire (or keeps it from firing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionPart {
    /// The canonical text, e.g. `leeftijd >= 18` or `not acuut_gevaar`: for rule authors (the playground,
    /// `--verbose`), never shown to a professional.
    pub text: String,
    /// The part in plain words, for the professional: the question with its answer's label, the
    /// parameters' labels and values, e.g. "Is er nu acuut gevaar? Ja." or "Contactpogingen met resultaat
    /// geen contact in de laatste 14 dagen: 3 (minstens 3, …)". No ids, operators, keywords or line
    /// numbers. Empty when the part reads only questions that are not asked now (they are not cited) or
    /// nothing at all (`when yes`): leave it out then.
    pub sentence: Text,
    /// `true`, `false` or `None` (unknown: unanswered).
    pub holds: Option<bool>,
    /// The answers it reads.
    pub answers: Vec<UsedAnswer>,
    /// The parameters it reads, with their values.
    pub parameters: Vec<UsedParameter>,
}

/// A parameter's value as used in a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedParameter {
    /// Parameter id.
    pub id: String,
    /// What it means.
    pub label: Text,
    /// Its value as text.
    pub value: String,
    /// True when it is a regional choice.
    pub regional: bool,
    /// Where the value comes from.
    pub sources: Vec<String>,
}

/// A deadline: its date and how it stands relative to `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineInfo {
    /// The date.
    pub date: Date,
    /// Days from today to the date (negative: overdue).
    pub days_left: i64,
    /// True when the date lies before today.
    pub overdue: bool,
    /// In words: `nog 3 dagen` / `3 days left`, `vandaag` / `today`, `2 dagen te laat` / `2 days overdue`.
    pub status: Text,
}

/// Why an outcome has its value: a rule that fired, or the outcome's default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// `rule`, `row` (a table row) or `default`.
    pub kind: &'static str,
    /// Rule id (`table#row` for a row; the outcome id for a default).
    pub rule: String,
    /// Table id, for a row.
    pub table: Option<String>,
    /// Row number (from 1), for a row.
    pub row: Option<usize>,
    /// Line in the ruleset source.
    pub line: u32,
    /// Title.
    pub title: Option<Text>,
    /// The values it gives this outcome.
    pub values: Vec<String>,
    /// Priority.
    pub priority: i64,
    /// The reason in words.
    pub because: Text,
    /// Sources.
    pub sources: Vec<String>,
    /// The parts of the condition that hold, with the answers.
    pub conditions: Vec<ConditionPart>,
    /// True while unanswered questions could still make this rule stop firing.
    pub provisional: bool,
}

/// A rule that did not fire but may, with what it still misses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NearMiss {
    /// Rule id.
    pub rule: String,
    /// Line in the source.
    pub line: u32,
    /// Title.
    pub title: Option<Text>,
    /// The values it would give.
    pub values: Vec<String>,
    /// The values it would give, in words (same order).
    pub value_labels: Vec<Text>,
    /// Its reason in words.
    pub because: Text,
    /// Unanswered questions it needs (fact ids).
    pub missing: Vec<String>,
    /// Parts of its condition that are false now.
    pub failing: Vec<ConditionPart>,
}

/// The state of an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A rule (or rules, for collect) decided it.
    Decided,
    /// No rule fired; the default value holds.
    Default,
    /// No rule fired and the outcome is required: no decision.
    Undecided,
    /// Rules disagree (priority: equal priority, different values; unique: more than one fired).
    Conflict,
}

/// One outcome of an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeResult {
    /// Outcome id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Combination policy.
    pub policy: Policy,
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The value ids (one for priority/unique when decided or default; all for collect; none otherwise).
    pub values: Vec<String>,
    /// The values with their labels, in the same order.
    pub value_labels: Vec<Text>,
    /// True while an unanswered question could still change this outcome. For a `collect` outcome: while
    /// a value shown could still fall away (values that could still be added are in `could_add`).
    pub provisional: bool,
    /// For a `collect` outcome: the values shown that stay whatever the open questions are answered with
    /// (empty for other outcomes).
    pub final_values: Vec<String>,
    /// For a `collect` outcome: values not shown now that some answers to the open questions add (each
    /// checked with such answers; a bounded search, so one may be missing). Empty for other outcomes,
    /// and from [`evaluate_outcomes`] until [`what_matters_next`] fills it.
    pub could_add: Vec<String>,
    /// `could_add` in words, in the same order.
    pub could_add_labels: Vec<Text>,
    /// The unanswered, asked questions that could change it (fact ids, checklist order): "wat nu telt".
    pub matters_next: Vec<String>,
    /// Why: the deciding rules (for a conflict: the conflicting rules), or the default.
    pub reasons: Vec<Reason>,
    /// For an undecided outcome: the rules closest to deciding it.
    pub nearest: Vec<NearMiss>,
    /// For a decided deadline outcome: the date, days left or overdue.
    pub deadline: Option<DeadlineInfo>,
}

/// Whether a question is asked now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Asked {
    /// Asked: no `ask when`, or it holds.
    Yes,
    /// Not asked: its `ask when` is false; an answer is ignored.
    No,
    /// Not yet known: its `ask when` reads unanswered questions.
    Maybe,
}

/// The state of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactState {
    /// Fact id.
    pub id: String,
    /// Section id.
    pub section: String,
    /// Asked now?
    pub asked: Asked,
    /// The answer given (also when it is not used).
    pub answer: Option<Shown>,
    /// True when the answer is used by the rules (given and asked).
    pub used: bool,
    /// True when it is asked, unanswered, and could change an outcome.
    pub matters_next: bool,
    /// For an answered timeline: its records, each a value per field (in field order).
    pub records: Option<Vec<Vec<Option<Shown>>>>,
}

/// An answer that is not used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredAnswer {
    /// Fact id.
    pub fact: String,
    /// Why.
    pub reason: Text,
}

/// Where a handover stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverStatus {
    /// Its `when` does not hold: no handover is proposed.
    NotProposed,
    /// Its `when` reads unanswered questions.
    Open,
    /// Proposed, but a requirement does not hold (yet): the sender keeps the lead.
    Blocked,
    /// Proposed and every requirement holds: the receiver has the lead.
    Complete,
}

/// One requirement of a handover, as evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementResult {
    /// The condition as written.
    pub text: String,
    /// What it means.
    pub label: Text,
    /// Met (`true`), not met (`false`) or unknown (unanswered).
    pub met: Option<bool>,
    /// The answers it reads.
    pub answers: Vec<UsedAnswer>,
}

/// A handover, as evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandoverResult {
    /// Handover id.
    pub id: String,
    /// Title.
    pub title: Option<Text>,
    /// The outcome that holds the lead.
    pub lead: String,
    /// Sending party id.
    pub from: String,
    /// Sending party.
    pub from_label: Text,
    /// Receiving party id.
    pub to: String,
    /// Receiving party.
    pub to_label: Text,
    /// Where it stands.
    pub status: HandoverStatus,
    /// Every requirement with whether it is met.
    pub requirements: Vec<RequirementResult>,
    /// The requirements not met (yet), in words: what is still missing.
    pub missing: Vec<Text>,
    /// True while unanswered questions could change its status.
    pub provisional: bool,
    /// Why.
    pub because: Text,
    /// Sources.
    pub sources: Vec<String>,
    /// True when every requirement is only about time passing (warning W506).
    pub time_only: bool,
    /// Line in the ruleset source.
    pub line: u32,
}

/// The result of evaluating a ruleset on answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// Which ruleset (id, version, hash).
    pub ruleset: RulesetRef,
    /// The date the rules were applied with.
    pub today: Date,
    /// True when every asked question is answered.
    pub complete: bool,
    /// Every outcome, in source order.
    pub outcomes: Vec<OutcomeResult>,
    /// Every question, in source order.
    pub facts: Vec<FactState>,
    /// Union of the outcomes' `matters_next`, checklist order.
    pub matters_next: Vec<String>,
    /// The same questions ranked by what their answer could still change, each with what it could change
    /// (see [`NextQuestion`]): first those that could change a single-value outcome, then those that could
    /// only add a value to a `collect` outcome, then those that matter only together with other answers.
    /// Empty from [`evaluate_outcomes`] until [`what_matters_next`] fills it.
    pub next: Vec<NextQuestion>,
    /// Answers given to questions that are not asked.
    pub ignored_answers: Vec<IgnoredAnswer>,
    /// Problems with the raw answers (filled by callers that convert raw input; empty otherwise).
    pub answer_issues: Vec<AnswerIssue>,
    /// Every parameter of the ruleset with its value (what the region chose).
    pub parameters: Vec<UsedParameter>,
    /// Every handover with its status and what is still missing.
    pub handovers: Vec<HandoverResult>,
}

impl Evaluation {
    /// The result for an outcome id.
    pub fn outcome(&self, id: &str) -> Option<&OutcomeResult> {
        self.outcomes.iter().find(|o| o.id == id)
    }
}

/// Open questions that could change a value.
///
/// A sorted list without repeats: the sets are small (a few questions), and a list keeps the browser
/// bundle smaller than a tree would.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Deps(Vec<FactId>);

impl Deps {
    fn new() -> Deps {
        Deps(Vec::new())
    }

    fn insert(&mut self, f: FactId) {
        if let Err(i) = self.0.binary_search(&f) {
            self.0.insert(i, f);
        }
    }

    /// Adds questions in time linear in both lists (also when the other list's questions come before
    /// these): appended while they come in order, else inserted one by one when few, else merged.
    fn extend(&mut self, more: impl IntoIterator<Item = FactId>) {
        let mut more = more.into_iter();
        while let Some(f) = more.next() {
            match self.0.last() {
                Some(&last) if last == f => {}
                Some(&last) if last > f => {
                    let mut rest: Vec<FactId> = std::iter::once(f).chain(more).collect();
                    if rest.len() <= 8 {
                        rest.into_iter().for_each(|f| self.insert(f));
                    } else {
                        crate::order::sort(&mut rest);
                        self.merge(&rest);
                    }
                    return;
                }
                _ => self.0.push(f),
            }
        }
    }

    /// Merges a sorted list in.
    fn merge(&mut self, more: &[FactId]) {
        let mut merged = Vec::with_capacity(self.0.len() + more.len());
        let (mut a, mut b) = (self.0.iter().peekable(), more.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x <= y => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            if let Some(&f) = next
                && merged.last() != Some(&f)
            {
                merged.push(f);
            }
        }
        self.0 = merged;
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn contains(&self, f: &FactId) -> bool {
        self.0.binary_search(f).is_ok()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn iter(&self) -> std::slice::Iter<'_, FactId> {
        self.0.iter()
    }
}

impl IntoIterator for Deps {
    type Item = FactId;
    type IntoIter = std::vec::IntoIter<FactId>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// A rule that gives an outcome a value: the rule, its values for that outcome, its truth now.
type Giving<'m> = (&'m RuleDef, Vec<ValueId>, &'m Tri);

/// A three-valued truth with the open questions that could change it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tri {
    now: Option<bool>,
    deps: Deps,
}

impl Tri {
    fn known(b: bool) -> Tri {
        Tri {
            now: Some(b),
            deps: Deps::new(),
        }
    }

    fn settled(&self) -> bool {
        self.deps.is_empty()
    }
}

/// A term's value now, with the open questions that could change it.
struct TermVal {
    now: Option<Value>,
    deps: Deps,
}

/// What evaluation knows about one question.
#[derive(Debug, Clone)]
struct FactEval {
    asked: Asked,
    /// The value the rules see (the answer when asked, else none).
    value: Option<Value>,
    /// Open questions that could change `value`.
    deps: Deps,
}

/// The question states of a context: its own, or those of the context it was made from with a few
/// worked out again (see `Ctx::updated`), so that trying an answer does not copy every state.
struct FactStates<'a> {
    base: std::borrow::Cow<'a, [FactEval]>,
    /// States worked out again, found before `base` (few: the questions answered while trying and
    /// those their answers show or hide).
    over: Vec<(FactId, FactEval)>,
}

impl FactStates<'_> {
    /// The state of question `f`.
    fn get(&self, f: FactId) -> Option<&FactEval> {
        match self.over.iter().rev().find(|(g, _)| *g == f) {
            Some((_, state)) => Some(state),
            None => self.base.get(f),
        }
    }

    /// Every question's state, in model order.
    fn iter(&self) -> impl Iterator<Item = &FactEval> {
        (0..self.base.len()).filter_map(|f| self.get(f))
    }
}

struct Ctx<'a> {
    model: &'a Model,
    answers: &'a Answers,
    today: Date,
    facts: FactStates<'a>,
    /// The timeline record a `where` is looking at.
    record: RefCell<Record>,
    /// False for [`probe`]: states only, no reasons or near misses.
    explain: bool,
    /// The work done so far: one step per term, condition and question state evaluated, plus one per
    /// open question each carries (see [`Probe::work`]).
    steps: Cell<usize>,
}

/// The answer of a fact as the rules see it: its value, or for a timeline the number of records.
fn answer_value(answers: &Answers, f: FactId) -> Option<Value> {
    answers.get(f).or_else(|| {
        answers
            .list(f)
            .map(|l| Value::Int(i64::try_from(l.len()).unwrap_or(i64::MAX)))
    })
}

/// How the rules giving an outcome combine under its policy (not a deadline), before any default: the
/// status, the values, the deciding rules (for a conflict: the conflicting ones) and the open questions
/// that could still change it.
///
/// With `open` false the open questions are not worked out (the returned set is empty): the status and
/// values read only whether each rule holds now.
fn combine<'r, 'm>(
    policy: Policy,
    rules: &'r [Giving<'m>],
    open_deps: bool,
) -> (Status, Vec<ValueId>, Vec<&'r Giving<'m>>, Deps) {
    let fired: Vec<&Giving> = rules
        .iter()
        .filter(|(_, _, t)| t.now == Some(true))
        .collect();
    let open = |t: &Tri| !t.settled();

    let mut relevant = Deps::new();
    let (status, values, deciding): (Status, Vec<ValueId>, Vec<&Giving>) = match policy {
        Policy::Priority => {
            let top = fired.iter().map(|(r, _, _)| (r.priority, r.rank)).max();
            match top {
                Some(top) => {
                    let tops: Vec<_> = fired
                        .iter()
                        .copied()
                        .filter(|(r, _, _)| (r.priority, r.rank) == top)
                        .collect();
                    let mut distinct: Vec<ValueId> = Vec::new();
                    for (_, vals, _) in &tops {
                        for v in vals {
                            if !distinct.contains(v) {
                                distinct.push(*v);
                            }
                        }
                    }
                    let top_open = tops.iter().any(|(_, _, t)| open(t));
                    for (r, vals, t) in rules {
                        if !open(t) {
                            continue;
                        }
                        let key = (r.priority, r.rank);
                        let matters = top_open
                            || key > top
                            || (key == top && vals.iter().any(|v| !distinct.contains(v)));
                        if matters && open_deps {
                            relevant.extend(t.deps.iter().copied());
                        }
                    }
                    if distinct.len() > 1 {
                        (Status::Conflict, Vec::new(), tops)
                    } else {
                        (Status::Decided, distinct, tops)
                    }
                }
                None => {
                    for (_, _, t) in rules {
                        if open_deps {
                            relevant.extend(t.deps.iter().copied());
                        }
                    }
                    (Status::Undecided, Vec::new(), Vec::new())
                }
            }
        }
        Policy::Unique => {
            for (_, _, t) in rules {
                if open_deps {
                    relevant.extend(t.deps.iter().copied());
                }
            }
            match fired.len() {
                0 => (Status::Undecided, Vec::new(), Vec::new()),
                1 => {
                    let vals = fired.first().map(|(_, v, _)| v.clone()).unwrap_or_default();
                    (Status::Decided, vals, fired.clone())
                }
                _ => (Status::Conflict, Vec::new(), fired.clone()),
            }
        }
        // Handled by `deadline_outcome`.
        Policy::Deadline => (Status::Undecided, Vec::new(), Vec::new()),
        Policy::Collect => {
            let settled_values: Vec<ValueId> = fired
                .iter()
                .filter(|(_, _, t)| !open(t))
                .flat_map(|(_, v, _)| v.iter().copied())
                .collect();
            for (_, vals, t) in rules {
                if open_deps
                    && open(t)
                    && (t.now == Some(true) || vals.iter().any(|v| !settled_values.contains(v)))
                {
                    relevant.extend(t.deps.iter().copied());
                }
            }
            let mut got: Vec<ValueId> = fired
                .iter()
                .flat_map(|(_, v, _)| v.iter().copied())
                .collect();
            // In declaration order, each value once.
            crate::order::sort_dedup(&mut got);
            if got.is_empty() {
                (Status::Undecided, Vec::new(), Vec::new())
            } else {
                (Status::Decided, got, fired.clone())
            }
        }
    };
    (status, values, deciding, relevant)
}

/// Whether an outcome is provisional, and for a `collect` outcome its final values. A `collect` outcome
/// is provisional while a value shown could still fall away; any other while an open question could
/// change it (`relevant` not empty).
fn provisional(
    policy: Policy,
    status: Status,
    rules: &[Giving],
    values: &[ValueId],
    relevant: &Deps,
) -> (bool, Vec<ValueId>) {
    if policy != Policy::Collect {
        return (!relevant.is_empty(), Vec::new());
    }
    if status == Status::Default {
        // The default stays unless a rule could still fire.
        let fixed = if relevant.is_empty() {
            values.to_vec()
        } else {
            Vec::new()
        };
        return (!relevant.is_empty(), fixed);
    }
    let fixed = next::collect_final(rules);
    (values.iter().any(|v| !fixed.contains(v)), fixed)
}

/// Evaluates `model` on `answers` with the given `today`: everything [`evaluate_outcomes`] gives, and
/// what matters next ranked ([`Evaluation::next`]) with, per `collect` outcome, the values that could
/// still be added ([`OutcomeResult::could_add`]), as [`what_matters_next`] fills them.
///
/// The ranking and the search for `could_add` try answers to the open questions and cost far more than
/// the outcomes themselves (see docs/performance.md): a host that paints the outcome on every answer
/// can call [`evaluate_outcomes`] first and [`what_matters_next`] when it shows the ranking.
pub fn evaluate(model: &Model, answers: &Answers, today: Date) -> Evaluation {
    let mut evaluation = evaluate_outcomes(model, answers, today);
    what_matters_next(model, answers, today, &mut evaluation);
    evaluation
}

/// Evaluates `model` on `answers` with the given `today`, without trying answers: every outcome with
/// its status, values, reasons, `provisional`, `final_values` and `matters_next`, every question's
/// state, the handovers, parameters and ignored answers, exactly as [`evaluate`] gives them. Left
/// empty: [`Evaluation::next`] (the ranking) and each outcome's `could_add` / `could_add_labels`;
/// [`what_matters_next`] fills them.
pub fn evaluate_outcomes(model: &Model, answers: &Answers, today: Date) -> Evaluation {
    let ctx = Ctx::new(model, answers, today, true);
    let rule_tris: Vec<Tri> = model.rules.iter().map(|r| ctx.cond(&r.cond)).collect();

    let mut outcomes = Vec::with_capacity(model.outcomes.len());
    let mut all_next = Deps::new();
    for (oid, out) in model.outcomes.iter().enumerate() {
        let (result, next) = ctx.outcome(oid, out, &rule_tris);
        all_next.extend(next.iter().copied());
        outcomes.push(result);
    }

    let facts = model
        .facts
        .iter()
        .enumerate()
        .map(|(f, def)| {
            let state = ctx.facts.get(f);
            let answer = answer_value(answers, f);
            FactState {
                id: def.id.clone(),
                section: model
                    .sections
                    .get(def.section)
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
                asked: state.map_or(Asked::Maybe, |s| s.asked),
                answer: answer.map(|v| shown(def, v)),
                used: state.is_some_and(|s| s.value.is_some()),
                matters_next: all_next.contains(&f),
                records: match (&def.ty, answers.list(f)) {
                    (FactType::Timeline { fields }, Some(list)) => Some(
                        list.iter()
                            .map(|r| {
                                fields
                                    .iter()
                                    .zip(r)
                                    .map(|(fd, v)| v.map(|v| shown_type(&fd.ty, v)))
                                    .collect()
                            })
                            .collect(),
                    ),
                    _ => None,
                },
            }
        })
        .collect::<Vec<_>>();
    let complete = facts
        .iter()
        .all(|f| f.asked != Asked::Yes || f.answer.is_some());
    let ignored_answers = model
        .facts
        .iter()
        .zip(&facts)
        .filter(|(_, st)| st.answer.is_some() && st.asked != Asked::Yes)
        .map(|(def, st)| {
            let cond = def.ask_when_text.clone().unwrap_or_default();
            let reason = if st.asked == Asked::No {
                Text {
                    nl: format!("Niet gevraagd: 'ask when {cond}' geldt niet, dus dit antwoord telt niet mee."),
                    en: format!("Not asked: 'ask when {cond}' does not hold, so this answer is not used."),
                }
            } else {
                Text {
                    nl: format!("Nog niet gebruikt: 'ask when {cond}' hangt af van onbeantwoorde vragen."),
                    en: format!("Not used yet: 'ask when {cond}' depends on unanswered questions."),
                }
            };
            IgnoredAnswer {
                fact: def.id.clone(),
                reason,
            }
        })
        .collect();

    Evaluation {
        ruleset: RulesetRef::of(model),
        today,
        complete,
        outcomes,
        matters_next: ctx.next_ids(&all_next),
        next: Vec::new(),
        facts,
        ignored_answers,
        answer_issues: Vec::new(),
        parameters: evaluate_parameters(model),
        handovers: model.handovers.iter().map(|h| ctx.handover(h)).collect(),
    }
}

/// Fills what [`evaluate_outcomes`] leaves empty in `evaluation`, an evaluation of `model` on `answers`
/// with `today`: [`Evaluation::next`], the open questions ranked by what their answer could still
/// change, and for each `collect` outcome [`OutcomeResult::could_add`] and its labels, the values some
/// answers to the open questions add (each found with a witness, see [`witness`]). Both try answers to
/// the open questions, within bounds of their own, and are the costly part of [`evaluate`]. Whatever
/// `evaluation` held there before is replaced; the rest of it is left as it is.
pub fn what_matters_next(
    model: &Model,
    answers: &Answers,
    today: Date,
    evaluation: &mut Evaluation,
) {
    // The states the ranking starts from (no reasons or texts: the same statuses and values).
    let ctx = Ctx::new(model, answers, today, false);
    let rule_tris: Vec<Tri> = model.rules.iter().map(|r| ctx.cond(&r.cond)).collect();
    let (outcomes, relevant): (Vec<OutcomeResult>, Vec<Deps>) = model
        .outcomes
        .iter()
        .enumerate()
        .map(|(oid, out)| ctx.outcome(oid, out, &rule_tris))
        .unzip();
    // The answers to try and what they touch, worked out once for the ranking and `could_add`.
    let prep = next::Prep::new(model, today);
    evaluation.next = next::rank(
        &next::Base {
            ctx: &ctx,
            answers,
            tris: &rule_tris,
            relevant: &relevant,
            prep: &prep,
        },
        &outcomes,
    );
    let mut tries = WITNESS_TRIES.saturating_mul(8);
    for (oid, (out, result)) in model.outcomes.iter().zip(&outcomes).enumerate() {
        let Some(shown_now) = evaluation.outcomes.get_mut(oid) else {
            break;
        };
        if out.policy != Policy::Collect {
            continue;
        }
        let shown: Vec<ValueId> = (0..out.values.len())
            .filter(|&v| {
                out.values
                    .get(v)
                    .is_some_and(|d| result.values.contains(&d.id))
            })
            .collect();
        let add = next::could_add(&ctx, answers, &prep, oid, &shown, &rule_tris, &mut tries);
        shown_now.could_add = value_ids(out, &add);
        shown_now.could_add_labels = add
            .iter()
            .filter_map(|v| out.values.get(*v).map(|d| d.label.clone()))
            .collect();
    }
}

/// What one outcome comes to: the status, value ids and provisional flag [`evaluate`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The value ids (for a deadline: the date), as in [`OutcomeResult::values`].
    pub values: Vec<String>,
    /// True while an unanswered question could still change it.
    pub provisional: bool,
}

/// Decides one outcome (number `outcome` in model order) and nothing else: the same status, values and
/// provisional flag as [`evaluate`] gives it, without reasons, texts, question states or the other
/// outcomes, and evaluating only the rules that give it a value. For hosts that re-evaluate on every
/// answer and show one outcome. `None` when there is no such outcome.
pub fn decide(model: &Model, answers: &Answers, today: Date, outcome: usize) -> Option<Decision> {
    let out = model.outcomes.get(outcome)?;
    let ctx = Ctx::new(model, answers, today, false);
    let tris: Vec<Tri> = model
        .rules
        .iter()
        .map(|r| {
            let gives = r
                .assigns
                .iter()
                .any(|(o, _)| *o == outcome || out.follows.contains(o))
                || r.deadlines.iter().any(|d| d.outcome == outcome);
            if gives {
                ctx.cond(&r.cond)
            } else {
                Tri {
                    now: None,
                    deps: Deps::new(),
                }
            }
        })
        .collect();
    Some(ctx.decision(outcome, out, &tris, true))
}

impl Ctx<'_> {
    /// What outcome number `oid` (`out`) comes to under the rules' truth `tris`, without reasons or
    /// texts: [`decide`]'s result, and the status and values [`Ctx::outcome`] gives. With `open` false
    /// the open questions are not worked out: the status and values are the same, `provisional` is
    /// false and means nothing.
    fn decision(&self, oid: usize, out: &OutcomeDef, tris: &[Tri], open: bool) -> Decision {
        if out.policy == Policy::Deadline {
            let (r, _) = self.deadline_outcome(oid, out, tris);
            return Decision {
                status: r.status,
                values: r.values,
                provisional: r.provisional,
            };
        }
        let counting = self.counting(oid, out, tris, open);
        let rules = self.givers(oid, counting.as_deref().unwrap_or(tris));
        let (mut status, mut values, _, relevant) = combine(out.policy, &rules, open);
        if status == Status::Undecided
            && let FallbackDef::Default { value, .. } = &out.fallback
        {
            status = Status::Default;
            values = vec![*value];
        }
        Decision {
            status,
            provisional: provisional(out.policy, status, &rules, &values, &relevant).0,
            values: value_ids(out, &values),
        }
    }
}

/// What the analysis reads from one evaluation: the states, without reasons or texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// Per fact (model order): whether it is asked now, and the open questions that could change what
    /// the rules see of it.
    pub facts: Vec<(Asked, Vec<FactId>)>,
    /// Per rule (model order): its condition now (`None`: unknown) and the open questions that could
    /// change it.
    pub rules: Vec<(Option<bool>, Vec<FactId>)>,
    /// Per outcome (model order).
    pub outcomes: Vec<OutcomeProbe>,
    /// Per handover (model order): its status and the open questions that could change it.
    pub handovers: Vec<(HandoverStatus, Vec<FactId>)>,
    /// The work this evaluation did, in steps: one per term, condition and question state evaluated,
    /// plus one per open question each of those carries (a state copied from an earlier probe counts
    /// its open questions). The time an evaluation takes grows with it; the analysis charges its budget
    /// by it.
    pub work: usize,
}

/// A rule's state in a [`Probe`]: its condition now and the open questions that could change it.
type RuleState = (Option<bool>, Vec<FactId>);

/// One outcome in a [`Probe`].
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeProbe {
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The value ids (for a deadline: the date).
    pub values: Vec<String>,
    /// The open questions that could still change it (empty: final).
    pub next: Vec<FactId>,
    /// For a collect outcome that `follows` others: per rule (model order), whether its values count, as
    /// the evaluation decides it (its condition, and its value of each followed outcome it sets is that
    /// outcome's result), with the open questions that could change that. Empty for any other outcome.
    pub counts: Vec<(Option<bool>, Vec<FactId>)>,
}

/// Evaluates like [`evaluate`] but keeps only the states the analysis needs (much cheaper: no reasons,
/// no texts). The states are the same as `evaluate` gives.
pub fn probe(model: &Model, answers: &Answers, today: Date) -> Probe {
    probe_parts(model, answers, today, true, None)
}

/// Like [`probe`], for searches that look at part of the model. With `outcomes` false the (costlier)
/// outcome states are left out and [`Probe::outcomes`] is empty. With `rules` given (and `outcomes`
/// false) only those rules are evaluated; every other rule reads `(None, [])` and must not be used.
pub fn probe_parts(
    model: &Model,
    answers: &Answers,
    today: Date,
    outcomes: bool,
    rules: Option<&[usize]>,
) -> Probe {
    probe_reusing(model, answers, today, outcomes, rules, None)
}

/// Like [`probe_parts`] with `outcomes` false and only `rules`, after one answer changed since `prev`:
/// the rules whose `stale` flag is false cannot have changed (they read neither that question nor a
/// question whose `ask when` reads it) and are copied from `prev` instead of evaluated again.
pub fn probe_update(
    model: &Model,
    answers: &Answers,
    today: Date,
    rules: &[usize],
    prev: &Probe,
    stale: &[bool],
) -> Probe {
    probe_reusing(
        model,
        answers,
        today,
        false,
        Some(rules),
        Some((prev, stale)),
    )
}

fn probe_reusing(
    model: &Model,
    answers: &Answers,
    today: Date,
    outcomes: bool,
    rules: Option<&[usize]>,
    reuse: Option<(&Probe, &[bool])>,
) -> Probe {
    let ctx = Ctx::new(model, answers, today, false);
    let mut copied: Vec<(usize, RuleState)> = Vec::new();
    let rule_tris: Vec<Tri> = match rules {
        Some(only) if !outcomes => {
            let mut tris: Vec<Tri> = model
                .rules
                .iter()
                .map(|_| Tri {
                    now: None,
                    deps: Deps::new(),
                })
                .collect();
            for &r in only {
                if let Some((prev, stale)) = reuse
                    && !stale.get(r).copied().unwrap_or(true)
                    && let Some(old) = prev.rules.get(r)
                {
                    ctx.tick(1 + old.1.len());
                    copied.push((r, old.clone()));
                    continue;
                }
                if let (Some(def), Some(slot)) = (model.rules.get(r), tris.get_mut(r)) {
                    *slot = ctx.cond(&def.cond);
                }
            }
            tris
        }
        _ => model.rules.iter().map(|r| ctx.cond(&r.cond)).collect(),
    };
    let wanted = if outcomes { model.outcomes.len() } else { 0 };
    let outcomes = model
        .outcomes
        .iter()
        .take(wanted)
        .enumerate()
        .map(|(oid, out)| {
            let counting = ctx.counting(oid, out, &rule_tris, true);
            let (r, next) = ctx.outcome_with(oid, out, &rule_tris, counting.as_deref());
            OutcomeProbe {
                status: r.status,
                values: r.values,
                next: next.into_iter().collect(),
                counts: counting
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| (t.now, t.deps.into_iter().collect()))
                    .collect(),
            }
        })
        .collect();
    let handovers = model
        .handovers
        .iter()
        .map(|h| {
            let when = ctx.cond(&h.when);
            let mut deps = when.deps.clone();
            let mut all_met = true;
            for r in &h.requires {
                let t = ctx.cond(&r.cond);
                deps.extend(t.deps.iter().copied());
                all_met &= t.now == Some(true);
            }
            let status = match when.now {
                Some(false) => HandoverStatus::NotProposed,
                None => HandoverStatus::Open,
                Some(true) if all_met => HandoverStatus::Complete,
                Some(true) => HandoverStatus::Blocked,
            };
            (status, deps.into_iter().collect())
        })
        .collect();
    Probe {
        facts: ctx
            .facts
            .iter()
            .map(|f| (f.asked, f.deps.iter().copied().collect()))
            .collect(),
        rules: {
            let mut rules: Vec<(Option<bool>, Vec<FactId>)> = rule_tris
                .into_iter()
                .map(|t| (t.now, t.deps.into_iter().collect()))
                .collect();
            for (r, old) in copied {
                if let Some(slot) = rules.get_mut(r) {
                    *slot = old;
                }
            }
            rules
        },
        outcomes,
        handovers,
        work: ctx.steps.get(),
    }
}

/// Every parameter of a model with its value and source.
pub fn evaluate_parameters(model: &Model) -> Vec<UsedParameter> {
    (0..model.parameters.len())
        .filter_map(|p| used_parameter(model, p))
        .collect()
}

fn used_parameter(model: &Model, p: usize) -> Option<UsedParameter> {
    let def = model.parameters.get(p)?;
    Some(UsedParameter {
        id: def.id.clone(),
        label: def.label.clone(),
        value: match def.value {
            Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Choice(i) => i.to_string(),
        },
        regional: def.regional,
        sources: def.sources.clone(),
    })
}

/// How a deadline stands relative to today, in words.
pub fn deadline_info(date: Date, today: Date) -> DeadlineInfo {
    let days_left = today.days_until(date);
    let status = match days_left {
        0 => Text {
            nl: "vandaag".into(),
            en: "today".into(),
        },
        1 => Text {
            nl: "nog 1 dag".into(),
            en: "1 day left".into(),
        },
        -1 => Text {
            nl: "1 dag te laat".into(),
            en: "1 day overdue".into(),
        },
        n if n > 0 => Text {
            nl: format!("nog {n} dagen"),
            en: format!("{n} days left"),
        },
        n => Text {
            nl: format!("{} dagen te laat", n.unsigned_abs()),
            en: format!("{} days overdue", n.unsigned_abs()),
        },
    };
    DeadlineInfo {
        date,
        days_left,
        overdue: days_left < 0,
        status,
    }
}

/// A followed outcome: its number, its values now, the open questions that could change it.
type Followed = (usize, Vec<ValueId>, Deps);

/// Whether the values of rule `r` (its condition `t`) count for an outcome that follows others: its
/// condition and, for each followed outcome the rule also sets, that its value there is the result.
fn counts(r: &RuleDef, t: &Tri, followed: &[Followed]) -> Tri {
    followed.iter().fold(t.clone(), |t, (o, agreed, relevant)| {
        match r.assigns.iter().find(|(x, _)| x == o) {
            Some((_, v)) => both(
                t,
                Tri {
                    now: Some(agreed.contains(v)),
                    deps: relevant.clone(),
                },
            ),
            None => t,
        }
    })
}

impl<'a> Ctx<'a> {
    /// A context with every question's state worked out, in ask order.
    fn new(model: &'a Model, answers: &'a Answers, today: Date, explain: bool) -> Ctx<'a> {
        let mut ctx = Ctx {
            model,
            answers,
            today,
            record: RefCell::new(Vec::new()),
            explain,
            steps: Cell::new(0),
            facts: FactStates {
                base: std::borrow::Cow::Owned(vec![
                    FactEval {
                        asked: Asked::Maybe,
                        value: None,
                        deps: Deps::new(),
                    };
                    model.facts.len()
                ]),
                over: Vec::new(),
            },
        };
        for &f in &model.ask_order {
            let Some(def) = model.facts.get(f) else {
                continue;
            };
            let state = ctx.fact_state(f, def);
            // Owned: no copy.
            if let Some(slot) = ctx.facts.base.to_mut().get_mut(f) {
                *slot = state;
            }
        }
        ctx
    }
}

impl Ctx<'_> {
    /// Counts `n` steps of work.
    fn tick(&self, n: usize) {
        self.steps.set(self.steps.get().saturating_add(n));
    }

    /// Whether a question is asked, and what the rules see of it (counted as work).
    fn fact_state(&self, f: FactId, def: &FactDef) -> FactEval {
        let state = self.fact_state_of(f, def);
        self.tick(1 + state.deps.len());
        state
    }

    /// Whether a question is asked, and what the rules see of it. Facts its `ask when` reads come
    /// earlier in the ask order, so their states are final here.
    fn fact_state_of(&self, f: FactId, def: &FactDef) -> FactEval {
        let vis = match &def.ask_when {
            None => Tri::known(true),
            Some(c) => self.cond(c),
        };
        let answer = answer_value(self.answers, f);
        let mut deps = vis.deps.clone();
        match vis.now {
            Some(true) => {
                if answer.is_none() {
                    deps.insert(f);
                }
                FactEval {
                    asked: Asked::Yes,
                    value: answer,
                    deps,
                }
            }
            Some(false) => {
                if !deps.is_empty() && answer.is_none() {
                    deps.insert(f);
                }
                FactEval {
                    asked: Asked::No,
                    value: None,
                    deps,
                }
            }
            // Unknown for good (it reads a question that is not asked): never asked.
            None if deps.is_empty() => FactEval {
                asked: Asked::No,
                value: None,
                deps,
            },
            None => {
                if answer.is_none() {
                    deps.insert(f);
                }
                FactEval {
                    asked: Asked::Maybe,
                    value: None,
                    deps,
                }
            }
        }
    }

    fn fact(&self, f: FactId) -> TermVal {
        match self.facts.get(f) {
            Some(st) => TermVal {
                now: st.value,
                deps: st.deps.clone(),
            },
            None => TermVal {
                now: None,
                deps: Deps::new(),
            },
        }
    }

    /// A term's value (counted as work: one step, and one per open question it carries).
    fn term(&self, t: &Term) -> TermVal {
        let v = self.term_of(t);
        self.tick(1 + v.deps.len());
        v
    }

    fn term_of(&self, t: &Term) -> TermVal {
        match t {
            Term::Fact(f) => self.fact(*f),
            Term::Lit(v) => TermVal {
                now: Some(*v),
                deps: Deps::new(),
            },
            Term::Today => TermVal {
                now: Some(Value::Date(self.today)),
                deps: Deps::new(),
            },
            Term::Field(i) => TermVal {
                now: self.record.borrow().get(*i).copied().flatten(),
                deps: Deps::new(),
            },
            Term::Count {
                list,
                filter,
                window,
            } => self.over_list(*list, filter.as_deref(), window.as_deref(), None),
            Term::Pick {
                latest,
                field,
                list,
                filter,
                window,
            } => self.over_list(
                *list,
                filter.as_deref(),
                window.as_deref(),
                Some((*latest, *field)),
            ),
            Term::Param(p) => TermVal {
                now: self.model.parameters.get(*p).map(|p| p.value),
                deps: Deps::new(),
            },
            Term::WorkdaysPlus(d, n) => {
                let (d, n) = (self.term(d), self.term(n));
                let now = match (d.now, n.now) {
                    (Some(Value::Date(d)), Some(Value::Int(n))) => {
                        d.add_working_days(n).map(Value::Date)
                    }
                    _ => None,
                };
                TermVal {
                    now,
                    deps: union(d.deps, n.deps),
                }
            }
            Term::Arith(op, a, b) => {
                let (a, b) = (self.term(a), self.term(b));
                let now = match (a.now, b.now) {
                    (Some(Value::Int(x)), Some(Value::Int(y))) => match op {
                        ArithOp::Add => x.checked_add(y),
                        ArithOp::Sub => x.checked_sub(y),
                        ArithOp::Mul => x.checked_mul(y),
                    }
                    .map(Value::Int),
                    _ => None,
                };
                TermVal {
                    now,
                    deps: union(a.deps, b.deps),
                }
            }
            Term::Neg(a) => {
                let a = self.term(a);
                let now = match a.now {
                    Some(Value::Int(x)) => x.checked_neg().map(Value::Int),
                    _ => None,
                };
                TermVal { now, deps: a.deps }
            }
            Term::DatePlus(d, n) => {
                let (d, n) = (self.term(d), self.term(n));
                let now = match (d.now, n.now) {
                    (Some(Value::Date(d)), Some(Value::Int(n))) => d.add_days(n).map(Value::Date),
                    _ => None,
                };
                TermVal {
                    now,
                    deps: union(d.deps, n.deps),
                }
            }
            Term::DateDiff(a, b) => {
                let (a, b) = (self.term(a), self.term(b));
                let now = match (a.now, b.now) {
                    (Some(Value::Date(a)), Some(Value::Date(b))) => {
                        Some(Value::Int(b.days_until(a)))
                    }
                    _ => None,
                };
                TermVal {
                    now,
                    deps: union(a.deps, b.deps),
                }
            }
            Term::Cond(c) => {
                let t = self.cond(c);
                TermVal {
                    now: t.now.map(Value::Bool),
                    deps: t.deps,
                }
            }
        }
    }

    /// `count(...)` (when `pick` is `None`) or `latest`/`earliest(FIELD of ...)` over a timeline's records.
    /// Unknown while the timeline is unanswered, or while a record's `where` is unknown.
    fn over_list(
        &self,
        list: FactId,
        filter: Option<&Cond>,
        window: Option<&Term>,
        pick: Option<(bool, usize)>,
    ) -> TermVal {
        let unknown = |deps: Deps| TermVal { now: None, deps };
        let Some(state) = self.facts.get(list) else {
            return unknown(Deps::new());
        };
        let records = match (state.value, self.answers.list(list)) {
            (Some(_), Some(records)) => records,
            _ => return unknown(state.deps.clone()),
        };
        let mut deps = state.deps.clone();
        let oldest = match window {
            Some(w) => {
                let w = self.term(w);
                deps.extend(w.deps.iter().copied());
                match w.now {
                    // In the last N days, today included: dates after today - N days.
                    Some(Value::Int(n)) => match self.today.add_days(n.saturating_neg()) {
                        Some(d) => Some(d),
                        None => return unknown(deps),
                    },
                    _ => return unknown(deps),
                }
            }
            None => None,
        };
        let mut count: i64 = 0;
        let mut open = false;
        let mut best: Option<(Date, Option<Value>)> = None;
        for record in records {
            let Some(Some(Value::Date(day))) = record.first().copied() else {
                continue;
            };
            if let Some(oldest) = oldest
                && (day <= oldest || day > self.today)
            {
                continue;
            }
            if let Some(f) = filter {
                let saved = self.record.replace(record.clone());
                let t = self.cond(f);
                self.record.replace(saved);
                deps.extend(t.deps.iter().copied());
                match t.now {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        open = true;
                        continue;
                    }
                }
            }
            count = count.saturating_add(1);
            if let Some((latest, field)) = pick {
                let better = match best {
                    None => true,
                    Some((b, _)) => {
                        if latest {
                            day >= b
                        } else {
                            day < b
                        }
                    }
                };
                if better {
                    best = Some((day, record.get(field).copied().flatten()));
                }
            }
        }
        if open {
            return unknown(deps);
        }
        let now = match pick {
            None => Some(Value::Int(count)),
            Some(_) => best.and_then(|(_, v)| v),
        };
        TermVal { now, deps }
    }

    /// A condition's truth (counted as work: one step, and one per open question it carries).
    fn cond(&self, c: &Cond) -> Tri {
        let t = self.cond_of(c);
        self.tick(1 + t.deps.len());
        t
    }

    fn cond_of(&self, c: &Cond) -> Tri {
        match c {
            Cond::True => Tri::known(true),
            Cond::Atom(a) => self.pred(&a.pred),
            Cond::Not(inner) => {
                let t = self.cond(inner);
                Tri {
                    now: t.now.map(|b| !b),
                    deps: t.deps,
                }
            }
            Cond::And(cs) => self.junction(cs, false),
            Cond::Or(cs) => self.junction(cs, true),
            Cond::Definitely(inner) => {
                let t = self.cond(inner);
                Tri {
                    now: Some(t.now == Some(true)),
                    deps: t.deps,
                }
            }
        }
    }

    /// `and` (absorbing `no`) or `or` (absorbing `yes`), Kleene style.
    fn junction(&self, cs: &[Cond], is_or: bool) -> Tri {
        let absorbing = is_or;
        let mut deps = Deps::new();
        let mut saw_unknown = false;
        let mut saw_absorbing = false;
        for c in cs {
            let t = self.cond(c);
            match t.now {
                Some(b) if b == absorbing => {
                    if t.settled() {
                        return Tri::known(absorbing);
                    }
                    saw_absorbing = true;
                }
                Some(_) => {}
                None => saw_unknown = true,
            }
            deps.extend(t.deps);
        }
        let now = if saw_absorbing {
            Some(absorbing)
        } else if saw_unknown {
            None
        } else {
            Some(!absorbing)
        };
        Tri { now, deps }
    }

    fn pred(&self, p: &Pred) -> Tri {
        match p {
            Pred::Truth(t) => {
                let t = self.term(t);
                Tri {
                    now: match t.now {
                        Some(Value::Bool(b)) => Some(b),
                        _ => None,
                    },
                    deps: t.deps,
                }
            }
            Pred::Cmp(op, a, b) => {
                let (a, b) = (self.term(a), self.term(b));
                Tri {
                    now: match (a.now, b.now) {
                        (Some(x), Some(y)) => compare(*op, x, y),
                        _ => None,
                    },
                    deps: union(a.deps, b.deps),
                }
            }
            Pred::In {
                term,
                list,
                negated,
            } => {
                let t = self.term(term);
                let mut deps = t.deps;
                let mut found = false;
                let mut unknown = t.now.is_none();
                for item in list {
                    let i = self.term(item);
                    deps.extend(i.deps);
                    match (t.now, i.now) {
                        (Some(x), Some(y)) => found |= same(x, y),
                        _ => unknown = true,
                    }
                }
                let now = if found {
                    Some(!negated)
                } else if unknown {
                    None
                } else {
                    Some(*negated)
                };
                Tri { now, deps }
            }
            Pred::Between { term, low, high } => {
                let (t, lo, hi) = (self.term(term), self.term(low), self.term(high));
                let now = match (t.now, lo.now, hi.now) {
                    (Some(x), Some(l), Some(h)) => {
                        match (compare(CmpOp::Ge, x, l), compare(CmpOp::Le, x, h)) {
                            (Some(a), Some(b)) => Some(a && b),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                Tri {
                    now,
                    deps: union(union(t.deps, lo.deps), hi.deps),
                }
            }
            Pred::Answered { fact, negated } => {
                let st = self.facts.get(*fact);
                let answered = st.is_some_and(|s| s.value.is_some());
                Tri {
                    now: Some(answered != *negated),
                    deps: st.map(|s| s.deps.clone()).unwrap_or_default(),
                }
            }
            Pred::Known { term, negated } => {
                let t = self.term(term);
                Tri {
                    now: Some(t.now.is_some() != *negated),
                    deps: t.deps,
                }
            }
            Pred::Nested(c) => self.cond(c),
        }
    }

    /// The asked, unanswered questions among `deps`, as ids in checklist order.
    fn next_ids(&self, deps: &Deps) -> Vec<String> {
        deps.iter()
            .filter(|&&f| {
                self.facts
                    .get(f)
                    .is_some_and(|s| s.asked == Asked::Yes && s.value.is_none())
            })
            .filter_map(|&f| self.model.facts.get(f).map(|d| d.id.clone()))
            .collect()
    }

    /// Combines the rules of one outcome. Returns the result and the open questions that matter for it.
    /// The rules that give outcome `oid` a value, with their values and their truth now.
    fn givers<'m>(&'m self, oid: usize, tris: &'m [Tri]) -> Vec<Giving<'m>> {
        self.model
            .rules
            .iter()
            .zip(tris)
            .filter_map(|(r, t)| {
                let vals: Vec<ValueId> = r
                    .assigns
                    .iter()
                    .filter(|(o, _)| *o == oid)
                    .map(|(_, v)| *v)
                    .collect();
                (!vals.is_empty()).then_some((r, vals, t))
            })
            .collect()
    }

    /// For a collect outcome with `follows`: per rule, whether its values count. That is its condition
    /// and, for each followed outcome the rule also sets, that its value there is that outcome's result
    /// (the rule won, or agrees with the winner; in a conflict, one of the conflicting values). While the
    /// followed outcome is provisional, so is this. `None` when the outcome follows nothing. `out` is
    /// outcome number `oid`; a rule that gives it no value is left out (false), as [`Ctx::givers`] skips it.
    ///
    /// With `open` false the followed outcomes' open questions are not worked out: each rule's truth now
    /// is the same (a Kleene `and` does not read them), the open questions it carries are not all there.
    fn counting(&self, oid: usize, out: &OutcomeDef, tris: &[Tri], open: bool) -> Option<Vec<Tri>> {
        let followed = self.followed(out, tris, open)?;
        let counted = self
            .model
            .rules
            .iter()
            .zip(tris)
            .map(|(r, t)| match r.assigns.iter().any(|(o, _)| *o == oid) {
                true => counts(r, t, &followed),
                false => Tri::known(false),
            })
            .collect();
        Some(counted)
    }

    /// For a collect outcome with `follows`: per followed outcome, its values (in a conflict, the
    /// conflicting values) and the open questions that could change it. `None` when it follows nothing.
    /// With `open` false their open questions are not worked out (left empty).
    fn followed(&self, out: &OutcomeDef, tris: &[Tri], open: bool) -> Option<Vec<Followed>> {
        if out.follows.is_empty() {
            return None;
        }
        let results: Vec<Followed> = out
            .follows
            .iter()
            .filter_map(|&o| {
                let od = self.model.outcomes.get(o)?;
                let rules = self.givers(o, tris);
                let (_, values, deciding, relevant) = combine(od.policy, &rules, open);
                let agreed = if values.is_empty() {
                    deciding.iter().flat_map(|(_, v, _)| v.clone()).collect()
                } else {
                    values
                };
                Some((o, agreed, relevant))
            })
            .collect();
        Some(results)
    }

    fn outcome(&self, oid: usize, out: &OutcomeDef, tris: &[Tri]) -> (OutcomeResult, Deps) {
        self.outcome_with(
            oid,
            out,
            tris,
            self.counting(oid, out, tris, true).as_deref(),
        )
    }

    /// [`Ctx::outcome`] with the outcome's [`Ctx::counting`] already worked out.
    fn outcome_with(
        &self,
        oid: usize,
        out: &OutcomeDef,
        tris: &[Tri],
        counting: Option<&[Tri]>,
    ) -> (OutcomeResult, Deps) {
        if out.policy == Policy::Deadline {
            return self.deadline_outcome(oid, out, tris);
        }
        // The rules that give this outcome a value, with their values and evaluation (for a collect
        // outcome that follows others: whether their values count).
        let rules = self.givers(oid, counting.unwrap_or(tris));
        let (status, values, deciding, relevant) = combine(out.policy, &rules, true);

        let mut reasons: Vec<Reason> = if self.explain {
            deciding
                .iter()
                .map(|(r, vals, t)| self.reason(r, out, vals, t))
                .collect()
        } else {
            Vec::new()
        };
        let mut status = status;
        let mut values = values;
        let mut nearest = Vec::new();
        if status == Status::Undecided {
            match &out.fallback {
                FallbackDef::Default { value, because } => {
                    status = Status::Default;
                    values = vec![*value];
                    reasons.push(Reason {
                        kind: "default",
                        rule: out.id.clone(),
                        table: None,
                        row: None,
                        line: 0,
                        title: None,
                        values: value_ids(out, &[*value]),
                        priority: 0,
                        because: because.clone(),
                        sources: Vec::new(),
                        conditions: Vec::new(),
                        provisional: !relevant.is_empty(),
                    });
                }
                FallbackDef::Required => {
                    if self.explain {
                        nearest = self.nearest(out, &rules);
                    }
                }
            }
        }
        let matters_next = self.next_ids(&relevant);
        let (provisional, final_values) =
            provisional(out.policy, status, &rules, &values, &relevant);
        let result = OutcomeResult {
            id: out.id.clone(),
            label: out.label.clone(),
            policy: out.policy,
            status,
            values: value_ids(out, &values),
            value_labels: values
                .iter()
                .filter_map(|v| out.values.get(*v).map(|d| d.label.clone()))
                .collect(),
            provisional,
            final_values: value_ids(out, &final_values),
            could_add: Vec::new(),
            could_add_labels: Vec::new(),
            matters_next,
            reasons,
            nearest,
            deadline: None,
        };
        (result, relevant)
    }

    /// A deadline outcome: the earliest date among the rules that fire. Every rule that may still
    /// start or stop firing, and every open question in a fired rule's date, keeps it provisional.
    fn deadline_outcome(
        &self,
        oid: usize,
        out: &OutcomeDef,
        tris: &[Tri],
    ) -> (OutcomeResult, Deps) {
        let mut relevant = Deps::new();
        let mut best: Option<(Date, &RuleDef, &Tri, &str)> = None;
        for (r, t) in self.model.rules.iter().zip(tris) {
            let Some(d) = r.deadlines.iter().find(|d| d.outcome == oid) else {
                continue;
            };
            relevant.extend(t.deps.iter().copied());
            if t.now != Some(true) {
                continue;
            }
            let date = self.term(&d.date);
            relevant.extend(date.deps.iter().copied());
            if let Some(Value::Date(day)) = date.now
                && best.is_none_or(|(b, ..)| day < b)
            {
                best = Some((day, r, t, d.text.as_str()));
            }
        }
        let mut reasons = Vec::new();
        let (status, values, value_labels, deadline) = match best {
            Some((day, _, _, _)) if !self.explain => (
                Status::Decided,
                vec![day.to_string()],
                Vec::new(),
                Some(deadline_info(day, self.today)),
            ),
            Some((day, r, t, text)) => {
                let mut reason = self.reason(r, out, &[], t);
                reason.values = vec![day.to_string()];
                let dfacts: Vec<FactId> = r
                    .deadlines
                    .iter()
                    .find(|d| d.outcome == oid)
                    .map(|d| d.facts.clone())
                    .unwrap_or_default();
                reason.conditions.push(ConditionPart {
                    text: format!("{} = {text}", out.id),
                    sentence: self.answers_sentence(&dfacts),
                    holds: Some(true),
                    answers: self.used_answers(&dfacts),
                    parameters: Vec::new(),
                });
                sentence::drop_repeats(&mut reason.conditions);
                reasons.push(reason);
                let info = deadline_info(day, self.today);
                let shown = day.label();
                let label = Text {
                    nl: format!("{} ({})", shown.nl, info.status.nl),
                    en: format!("{} ({})", shown.en, info.status.en),
                };
                (
                    Status::Decided,
                    vec![day.to_string()],
                    vec![label],
                    Some(info),
                )
            }
            None => (Status::Undecided, Vec::new(), Vec::new(), None),
        };
        let result = OutcomeResult {
            id: out.id.clone(),
            label: out.label.clone(),
            policy: out.policy,
            status,
            values,
            value_labels,
            provisional: !relevant.is_empty(),
            final_values: Vec::new(),
            could_add: Vec::new(),
            could_add_labels: Vec::new(),
            matters_next: self.next_ids(&relevant),
            reasons,
            nearest: Vec::new(),
            deadline,
        };
        (result, relevant)
    }

    fn handover(&self, h: &crate::model::HandoverDef) -> HandoverResult {
        let lead = self.model.outcomes.get(h.lead);
        let value = |v: ValueId| {
            lead.and_then(|o| o.values.get(v))
                .map(|x| (x.id.clone(), x.label.clone()))
                .unwrap_or_default()
        };
        let (from, from_label) = value(h.from);
        let (to, to_label) = value(h.to);
        let when = self.cond(&h.when);
        let mut deps = when.deps.clone();
        let requirements: Vec<RequirementResult> = h
            .requires
            .iter()
            .map(|r| {
                let t = self.cond(&r.cond);
                deps.extend(t.deps.iter().copied());
                let mut facts = Vec::new();
                crate::walk::cond_facts(&r.cond, &mut facts);
                RequirementResult {
                    text: r.text.clone(),
                    label: r.label.clone(),
                    met: t.now,
                    answers: self.used_answers(&facts),
                }
            })
            .collect();
        let missing: Vec<Text> = requirements
            .iter()
            .filter(|r| r.met != Some(true))
            .map(|r| r.label.clone())
            .collect();
        let status = match when.now {
            Some(false) => HandoverStatus::NotProposed,
            None => HandoverStatus::Open,
            Some(true) if missing.is_empty() => HandoverStatus::Complete,
            Some(true) => HandoverStatus::Blocked,
        };
        HandoverResult {
            id: h.id.clone(),
            title: h.title.clone(),
            lead: lead.map(|o| o.id.clone()).unwrap_or_default(),
            from,
            from_label,
            to,
            to_label,
            status,
            requirements,
            missing,
            provisional: !deps.is_empty(),
            because: h.because.clone(),
            sources: h.sources.clone(),
            time_only: h.time_only,
            line: self.model.line_of(h.span.start),
        }
    }

    /// The answers to these facts, as shown in reasons.
    fn used_answers(&self, facts: &[FactId]) -> Vec<UsedAnswer> {
        facts
            .iter()
            .filter_map(|&f| {
                let def = self.model.facts.get(f)?;
                Some(UsedAnswer {
                    fact: def.id.clone(),
                    question: def.label.clone(),
                    answer: self
                        .facts
                        .get(f)
                        .and_then(|s| s.value)
                        .map(|v| shown(def, v)),
                })
            })
            .collect()
    }

    fn reason(&self, r: &RuleDef, out: &OutcomeDef, vals: &[ValueId], t: &Tri) -> Reason {
        let (kind, table, row) = match &r.origin {
            crate::model::RuleOrigin::Rule => ("rule", None, None),
            crate::model::RuleOrigin::Handover { handover, .. } => {
                ("handover", Some(handover.clone()), None)
            }
            crate::model::RuleOrigin::Row { table, row } => {
                ("row", Some(table.clone()), Some(*row))
            }
        };
        let mut conditions = Vec::new();
        self.explain(&r.cond, true, false, &mut conditions);
        sentence::drop_repeats(&mut conditions);
        Reason {
            kind,
            rule: r.id.clone(),
            table,
            row,
            line: self.model.line_of(r.span.start),
            title: r.title.clone(),
            values: value_ids(out, vals),
            priority: r.priority,
            because: r.because.clone(),
            sources: r.sources.clone(),
            conditions,
            provisional: !t.settled(),
        }
    }

    /// Up to three rules closest to deciding an undecided outcome: first those that may still fire
    /// (fewest missing answers first), then those that fail on the fewest parts.
    fn nearest(&self, out: &OutcomeDef, rules: &[(&RuleDef, Vec<ValueId>, &Tri)]) -> Vec<NearMiss> {
        // Each candidate with its rank (may it still fire, missing answers, failing parts, place): the
        // ranks are sorted, not the candidates (one small sort in the browser bundle).
        let mut ranks = Vec::with_capacity(rules.len());
        let mut cands: Vec<Option<NearMiss>> = rules
            .iter()
            .enumerate()
            .map(|(i, (r, vals, t))| {
                let missing = self.next_ids(&t.deps);
                let mut parts = Vec::new();
                self.explain(&r.cond, true, false, &mut parts);
                let failing: Vec<ConditionPart> = parts
                    .into_iter()
                    .filter(|p| p.holds == Some(false))
                    .collect();
                let may_fire = t.now.is_none() || !t.settled();
                let near = NearMiss {
                    rule: r.id.clone(),
                    line: self.model.line_of(r.span.start),
                    title: r.title.clone(),
                    values: value_ids(out, vals),
                    value_labels: vals
                        .iter()
                        .filter_map(|v| out.values.get(*v).map(|d| d.label.clone()))
                        .collect(),
                    because: r.because.clone(),
                    missing,
                    failing,
                };
                ranks.push((!may_fire, near.missing.len(), near.failing.len(), i));
                Some(near)
            })
            .collect();
        crate::order::sort(&mut ranks);
        ranks
            .iter()
            .take(3)
            .filter_map(|rank| cands.get_mut(rank.3).and_then(Option::take))
            .collect()
    }

    /// The parts of a condition that explain why it is `want` (or, for near misses, what it needs).
    /// `neg` is true under an odd number of `not`s: then `and` acts as `or` and texts get `not`.
    fn explain(&self, c: &Cond, want: bool, neg: bool, out: &mut Vec<ConditionPart>) {
        match c {
            Cond::True => {}
            Cond::Atom(a) => out.push(self.part(a, neg)),
            Cond::Not(inner) => self.explain(inner, want, !neg, out),
            Cond::Definitely(inner) => self.explain(inner, want, neg, out),
            Cond::And(cs) | Cond::Or(cs) => {
                // Under `not`, and/or swap roles (De Morgan).
                let all_needed = matches!(c, Cond::And(_)) != neg;
                let shown_value = |ch: &Cond| self.cond(ch).now.map(|b| b != neg);
                if all_needed == want {
                    // Every child must be `want`: show them all.
                    for ch in cs {
                        self.explain(ch, want, neg, out);
                    }
                } else {
                    // One child being `want` is enough: show a settled one, else those that are `want`.
                    let settled = cs.iter().find(|ch| {
                        let t = self.cond(ch);
                        t.now.map(|b| b != neg) == Some(want) && t.settled()
                    });
                    match settled {
                        Some(ch) => self.explain(ch, want, neg, out),
                        None => {
                            let hits: Vec<&Cond> = cs
                                .iter()
                                .filter(|ch| shown_value(ch) == Some(want))
                                .collect();
                            if hits.is_empty() {
                                for ch in cs {
                                    self.explain(ch, want, neg, out);
                                }
                            } else {
                                for ch in hits {
                                    self.explain(ch, want, neg, out);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn part(&self, a: &Atom, neg: bool) -> ConditionPart {
        let t = self.pred(&a.pred);
        ConditionPart {
            text: if neg && a.text.contains(' ') {
                format!("not ({})", a.text)
            } else if neg {
                format!("not {}", a.text)
            } else {
                a.text.clone()
            },
            holds: t.now.map(|b| b != neg),
            sentence: self.sentence(a, neg),
            answers: a
                .facts
                .iter()
                .filter_map(|&f| {
                    let def = self.model.facts.get(f)?;
                    Some(UsedAnswer {
                        fact: def.id.clone(),
                        question: def.label.clone(),
                        answer: self
                            .facts
                            .get(f)
                            .and_then(|s| s.value)
                            .map(|v| shown(def, v)),
                    })
                })
                .collect(),
            parameters: a
                .params
                .iter()
                .filter_map(|&p| used_parameter(self.model, p))
                .collect(),
        }
    }
}

/// `a and b`, Kleene style: a settled `no` on either side decides.
fn both(a: Tri, b: Tri) -> Tri {
    if (a.now == Some(false) && a.settled()) || (b.now == Some(false) && b.settled()) {
        return Tri::known(false);
    }
    let now = match (a.now, b.now) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    Tri {
        now,
        deps: union(a.deps, b.deps),
    }
}

fn union(mut a: Deps, b: Deps) -> Deps {
    a.extend(b);
    a
}

/// Equality of two values of the same kind.
fn same(a: Value, b: Value) -> bool {
    compare(CmpOp::Eq, a, b) == Some(true)
}

/// Compares two values of the same kind; `None` for different kinds.
fn compare(op: CmpOp, a: Value, b: Value) -> Option<bool> {
    let ord = match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(&y),
        (Value::Int(x), Value::Int(y)) => x.cmp(&y),
        (Value::Date(x), Value::Date(y)) => x.cmp(&y),
        (Value::Choice(x), Value::Choice(y)) => x.cmp(&y),
        _ => return None,
    };
    Some(match op {
        CmpOp::Eq => ord.is_eq(),
        CmpOp::Ne => ord.is_ne(),
        CmpOp::Lt => ord.is_lt(),
        CmpOp::Le => ord.is_le(),
        CmpOp::Gt => ord.is_gt(),
        CmpOp::Ge => ord.is_ge(),
    })
}

fn value_ids(out: &OutcomeDef, vals: &[ValueId]) -> Vec<String> {
    vals.iter()
        .filter_map(|v| out.values.get(*v).map(|d| d.id.clone()))
        .collect()
}

/// A fact's value as JSON text and in words.
pub fn shown(def: &FactDef, v: Value) -> Shown {
    shown_type(&def.ty, v)
}

/// A value of a type as JSON text and in words (for a timeline, `v` is the number of records).
pub fn shown_type(ty: &FactType, v: Value) -> Shown {
    match (v, ty) {
        (Value::Int(n), FactType::Timeline { .. }) => Shown {
            value: n.to_string(),
            label: Text {
                nl: if n == 1 {
                    "1 registratie".into()
                } else {
                    format!("{n} registraties")
                },
                en: if n == 1 {
                    "1 record".into()
                } else {
                    format!("{n} records")
                },
            },
        },
        (Value::Bool(true), _) => Shown {
            value: "true".into(),
            label: Text {
                nl: "ja".into(),
                en: "yes".into(),
            },
        },
        (Value::Bool(false), _) => Shown {
            value: "false".into(),
            label: Text {
                nl: "nee".into(),
                en: "no".into(),
            },
        },
        (Value::Choice(i), FactType::Choice { options }) => match options.get(i) {
            Some(o) => Shown {
                value: o.id.clone(),
                label: o.label.clone(),
            },
            None => Shown {
                value: i.to_string(),
                label: Text::both(i.to_string()),
            },
        },
        (Value::Int(n), FactType::Scale { levels, .. }) => {
            let label = match levels.iter().find(|(l, _)| *l == n) {
                Some((_, t)) => Text {
                    nl: format!("{n} ({})", t.nl),
                    en: format!("{n} ({})", t.en),
                },
                None => Text::both(n.to_string()),
            };
            Shown {
                value: n.to_string(),
                label,
            }
        }
        (Value::Int(n), _) => Shown {
            value: n.to_string(),
            label: Text::both(n.to_string()),
        },
        (Value::Date(d), _) => Shown {
            value: d.to_string(),
            label: d.label(),
        },
        (Value::Choice(i), _) => Shown {
            value: i.to_string(),
            label: Text::both(i.to_string()),
        },
    }
}
