//! The replay report: per outcome what flips between two versions, with the cases behind each flip and
//! their reasons under both versions in plain words.

use serde::Serialize;

use crate::answers::Answers;
use crate::date::Date;
use crate::eval::{Batch, CaseOutcome, OutcomeResult, RulesetRef, Status, evaluate_outcomes};
use crate::model::{Model, OutcomeDef, Text};

use super::cases::{BadRow, CaseFormat, Cases, read_cases};
use super::typing::{Typer, Unusable};
use super::{ReplayOptions, no_today};

/// The replay of a file of cases under an old and a new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The old version.
    pub old: RulesetRef,
    /// The new version.
    pub new: RulesetRef,
    /// The form the file was read in.
    pub format: CaseFormat,
    /// How many cases were evaluated (under both).
    pub cases: usize,
    /// How many of them have at least one outcome that flips.
    pub changed: usize,
    /// Rows that could not be read or have no date, in line order.
    pub bad: Vec<BadRow>,
    /// Answers the old version cannot use.
    pub unusable_old: Vec<Unusable>,
    /// Answers the new version cannot use.
    pub unusable_new: Vec<Unusable>,
    /// Per outcome (old version's order, then those only in the new), what flips.
    pub outcomes: Vec<OutcomeReplay>,
}

/// One outcome in a replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeReplay {
    /// Outcome id.
    pub id: String,
    /// Its label (the new version's, when it has it).
    pub label: Text,
    /// Whether each version has it (only outcomes both have are compared).
    pub in_old: bool,
    /// See `in_old`.
    pub in_new: bool,
    /// How many cases it flips in.
    pub changed: usize,
    /// What flips, most cases first.
    pub flips: Vec<Flip>,
}

/// What an outcome comes to in one case under one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Decided, default, undecided or conflict.
    pub status: Status,
    /// The value ids (a deadline: its date).
    pub values: Vec<String>,
    /// In words: the values' labels, "geen advies" / "no advice", or the conflicting values.
    pub words: Text,
}

/// One flip of one outcome: from what to what, in how many cases, which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flip {
    /// Under the old version.
    pub from: Side,
    /// Under the new version.
    pub to: Side,
    /// In how many cases.
    pub count: usize,
    /// "37 van de 2.140 meldingen: vangnet → bemoeizorg".
    pub message: Text,
    /// The line of every case.
    pub lines: Vec<usize>,
    /// The first cases (at most [`ReplayOptions::reasons_per_flip`]) with their reasons.
    pub cases: Vec<FlipCase>,
}

/// A case of a flip with its reasons under both versions in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlipCase {
    /// Its line in the file.
    pub line: usize,
    /// Why the old version gives what it gives (one text per deciding rule or the default).
    pub old: Vec<Text>,
    /// Why the new version gives what it gives.
    pub new: Vec<Text>,
}

/// An outcome both versions have: its number in each, and per old value its number in the new.
struct Pair<'m> {
    old: usize,
    new: usize,
    old_def: &'m OutcomeDef,
    new_def: &'m OutcomeDef,
    values: Vec<Option<usize>>,
    /// Each flip seen: from, to, and the indices of its cases (few kinds: a list is enough).
    flips: Vec<(Side, Side, Vec<usize>)>,
}

impl Pair<'_> {
    /// Whether the outcome comes to the same under both versions (values compared by id).
    fn same(&self, a: &CaseOutcome, b: &CaseOutcome) -> bool {
        a.status == b.status
            && a.date == b.date
            && a.values.len() == b.values.len()
            && a.values.iter().all(|v| {
                self.values
                    .get(*v)
                    .copied()
                    .flatten()
                    .is_some_and(|n| b.values.contains(&n))
            })
    }
}

fn pairs<'m>(old: &'m Model, new: &'m Model) -> Vec<Pair<'m>> {
    old.outcomes
        .iter()
        .enumerate()
        .filter_map(|(o, def)| {
            let n = new.outcomes.iter().position(|x| x.id == def.id)?;
            let new_def = new.outcomes.get(n)?;
            Some(Pair {
                old: o,
                new: n,
                old_def: def,
                new_def,
                values: def
                    .values
                    .iter()
                    .map(|v| new_def.values.iter().position(|w| w.id == v.id))
                    .collect(),
                flips: Vec::new(),
            })
        })
        .collect()
}

/// Replays the cases in `text` (CSV or JSON Lines, told apart by [`CaseFormat::sniff`]) under `old`
/// and `new`.
pub fn replay(old: &Model, new: &Model, text: &str, options: ReplayOptions) -> Report {
    let format = CaseFormat::sniff(text);
    let cases = read_cases(text, format);
    let mut pairs = pairs(old, new);
    let (mut typer_old, mut typer_new) = (Typer::new(old, &cases), Typer::new(new, &cases));
    let (mut batch_old, mut batch_new) = (Batch::new(old), Batch::new(new));
    let (mut ans_old, mut ans_new) = (Answers::empty(old), Answers::empty(new));
    let (mut out_old, mut out_new) = (Vec::new(), Vec::new());
    let mut bad = cases.bad.clone();
    let (mut evaluated, mut changed) = (0, 0);
    for (index, row) in cases.rows.iter().enumerate() {
        let Some(day) = row.today.or(options.today) else {
            bad.push(no_today(row.line));
            continue;
        };
        typer_old.answers(row, &mut ans_old);
        typer_new.answers(row, &mut ans_new);
        batch_old.decide(&ans_old, day, &mut out_old);
        batch_new.decide(&ans_new, day, &mut out_new);
        evaluated += 1;
        let mut flipped = false;
        for pair in &mut pairs {
            let (Some(a), Some(b)) = (out_old.get(pair.old), out_new.get(pair.new)) else {
                continue;
            };
            if !pair.same(a, b) {
                flipped = true;
                let (from, to) = (side(pair.old_def, a), side(pair.new_def, b));
                match pair
                    .flips
                    .iter_mut()
                    .find(|(f, t, _)| *f == from && *t == to)
                {
                    Some((.., rows)) => rows.push(index),
                    None => pair.flips.push((from, to, vec![index])),
                }
            }
        }
        changed += usize::from(flipped);
    }
    bad.sort_by_key(|b| b.line);
    let context = Words {
        old,
        new,
        cases: &cases,
        typers: (&typer_old, &typer_new),
        today: options.today,
        evaluated,
        reasons: options.reasons_per_flip,
    };
    let outcomes = outcome_reports(&context, pairs);
    Report {
        old: RulesetRef::of(old),
        new: RulesetRef::of(new),
        format,
        cases: evaluated,
        changed,
        bad,
        unusable_old: typer_old.into_unusable(),
        unusable_new: typer_new.into_unusable(),
        outcomes,
    }
}

/// What wording the flips needs: both versions, the cases, and how many reasons to show.
struct Words<'a> {
    old: &'a Model,
    new: &'a Model,
    cases: &'a Cases,
    typers: (&'a Typer<'a>, &'a Typer<'a>),
    today: Option<Date>,
    evaluated: usize,
    reasons: usize,
}

fn outcome_reports(w: &Words, pairs: Vec<Pair>) -> Vec<OutcomeReplay> {
    let mut out: Vec<OutcomeReplay> = w
        .old
        .outcomes
        .iter()
        .map(|o| only(&o.id, &o.label, true, false))
        .collect();
    for o in &w.new.outcomes {
        match out.iter_mut().find(|x| x.id == o.id) {
            Some(x) => (x.in_new, x.label) = (true, o.label.clone()),
            None => out.push(only(&o.id, &o.label, false, true)),
        }
    }
    for pair in pairs {
        let Some(report) = out.get_mut(pair.old) else {
            continue;
        };
        let mut flips: Vec<Flip> = pair
            .flips
            .into_iter()
            .map(|(from, to, rows)| flip(w, (pair.old, pair.new), from, to, &rows))
            .collect();
        flips.sort_by(|a, b| (b.count, a.lines.first()).cmp(&(a.count, b.lines.first())));
        report.changed = flips.iter().map(|f| f.count).sum();
        report.flips = flips;
    }
    out
}

fn only(id: &str, label: &Text, in_old: bool, in_new: bool) -> OutcomeReplay {
    OutcomeReplay {
        id: id.to_string(),
        label: label.clone(),
        in_old,
        in_new,
        changed: 0,
        flips: Vec::new(),
    }
}

fn flip(
    w: &Words,
    (old_oid, new_oid): (usize, usize),
    from: Side,
    to: Side,
    rows: &[usize],
) -> Flip {
    let count = rows.len();
    let message = Text {
        nl: format!(
            "{} van de {} meldingen: {} → {}",
            thousands(count, '.'),
            thousands(w.evaluated, '.'),
            from.words.nl,
            to.words.nl
        ),
        en: format!(
            "{} of {} cases: {} → {}",
            thousands(count, ','),
            thousands(w.evaluated, ','),
            from.words.en,
            to.words.en
        ),
    };
    let cases = rows
        .iter()
        .take(w.reasons)
        .filter_map(|&i| flip_case(w, i, old_oid, new_oid))
        .collect();
    Flip {
        from,
        to,
        count,
        message,
        lines: rows
            .iter()
            .filter_map(|&i| w.cases.rows.get(i).map(|r| r.line))
            .collect(),
        cases,
    }
}

/// Case number `index` evaluated again with reasons under both versions.
fn flip_case(w: &Words, index: usize, old_oid: usize, new_oid: usize) -> Option<FlipCase> {
    let row = w.cases.rows.get(index)?;
    let day = row.today.or(w.today)?;
    let reasons = |model: &Model, typer: &Typer, oid: usize| {
        let mut answers = Answers::empty(model);
        typer.quiet(row, &mut answers);
        let evaluation = evaluate_outcomes(model, &answers, day);
        evaluation
            .outcomes
            .get(oid)
            .map(reasons_in_words)
            .unwrap_or_default()
    };
    Some(FlipCase {
        line: row.line,
        old: reasons(w.old, w.typers.0, old_oid),
        new: reasons(w.new, w.typers.1, new_oid),
    })
}

/// An outcome's reasons in plain words: per deciding rule (or the default) its reason and the parts of
/// its condition with the answers they read.
pub(crate) fn reasons_in_words(o: &OutcomeResult) -> Vec<Text> {
    let joined = |pick: fn(&Text) -> &str, r: &crate::eval::Reason| {
        let parts: Vec<&str> = r
            .conditions
            .iter()
            .map(|c| pick(&c.sentence))
            .filter(|s| !s.is_empty())
            .collect();
        match parts.is_empty() {
            true => pick(&r.because).to_string(),
            false => format!("{} ({})", pick(&r.because), parts.join(" ")),
        }
    };
    o.reasons
        .iter()
        .map(|r| Text {
            nl: joined(|t| &t.nl, r),
            en: joined(|t| &t.en, r),
        })
        .collect()
}

/// `n` with a separator between thousands: 2.140 (Dutch) or 2,140 (English).
fn thousands(n: usize, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// What outcome `def` comes to in one case, with ids and words.
fn side(def: &OutcomeDef, o: &CaseOutcome) -> Side {
    let values: Vec<String> = match o.date {
        Some(d) => vec![d.to_string()],
        None => o
            .values
            .iter()
            .filter_map(|v| def.values.get(*v).map(|x| x.id.clone()))
            .collect(),
    };
    let labels: Vec<Text> = match o.date {
        Some(d) => vec![d.label()],
        None => o
            .values
            .iter()
            .filter_map(|v| def.values.get(*v).map(|x| x.label.clone()))
            .collect(),
    };
    let join =
        |pick: fn(&Text) -> &str, sep: &str| labels.iter().map(pick).collect::<Vec<_>>().join(sep);
    let words = match o.status {
        Status::Undecided => Text {
            nl: "geen advies".into(),
            en: "no advice".into(),
        },
        Status::Conflict => Text {
            nl: format!("conflict ({})", join(|t| &t.nl, " of ")),
            en: format!("conflict ({})", join(|t| &t.en, " or ")),
        },
        Status::Default => Text {
            nl: format!("{} (standaard)", join(|t| &t.nl, ", ")),
            en: format!("{} (default)", join(|t| &t.en, ", ")),
        },
        Status::Decided if labels.is_empty() => Text {
            nl: "niets".into(),
            en: "nothing".into(),
        },
        Status::Decided => Text {
            nl: join(|t| &t.nl, ", "),
            en: join(|t| &t.en, ", "),
        },
    };
    Side {
        status: o.status,
        values,
        words,
    }
}
