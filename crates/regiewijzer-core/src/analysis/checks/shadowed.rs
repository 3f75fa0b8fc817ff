//! `A202`: a rule that can fire but is always overridden for an outcome by higher-priority rules.

use super::Then;
use crate::analysis::analyzer::{Analyzer, all_facts, rule_words};
use crate::analysis::finding::FindingKind;
use crate::analysis::space::{Cand, Found, Need, Space, Verdict, closure};
use crate::ast::Policy;
use crate::eval::Probe;
use crate::model::{RuleDef, Text};

/// For each priority outcome rule `ri` sets: is there a situation where no rule with a higher priority
/// (or earlier row) for that outcome fires?
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>, ri: usize) -> Then {
    let Some(rule) = a.model.rules.get(ri) else {
        return Then::Next;
    };
    let outcomes: Vec<usize> = rule.assigns.iter().map(|(o, _)| *o).collect();
    for oid in outcomes {
        shadowed_for(a, space, ri, oid);
    }
    Then::Next
}

/// Whether rule `ri` ever decides outcome `oid`.
fn shadowed_for(a: &mut Analyzer<'_>, space: &mut Space<'_>, ri: usize, oid: usize) {
    let (Some(rule), Some(out)) = (a.model.rules.get(ri), a.model.outcomes.get(oid)) else {
        return;
    };
    if out.policy != Policy::Priority || space.won.get(ri).is_some_and(|w| w.contains(&oid)) {
        return;
    }
    let key = (rule.priority, rule.rank);
    let higher: Vec<usize> = a
        .model
        .rules
        .iter()
        .enumerate()
        .filter(|(_, h)| h.assigns.iter().any(|(o, _)| *o == oid) && (h.priority, h.rank) > key)
        .map(|(i, _)| i)
        .collect();
    if higher.is_empty() {
        return;
    }
    let (found, complete) = wins_somewhere(space, ri, &higher);
    if !found.is_empty() {
        return;
    }
    if !complete {
        // Not settled: listed as unchecked, and not worth naming the rules above it.
        a.unsettled("A202", &format!("{} ({})", rule.id, out.id));
        return;
    }
    let (by, together) = overriders(a, space, ri, &higher);
    let mut shadow_reads = all_facts(&rule.cond);
    for &h in &higher {
        if let Some(hr) = a.model.rules.get(h) {
            shadow_reads.extend(all_facts(&hr.cond));
        }
    }
    a.push(
        space,
        "A202",
        FindingKind::ShadowedRule {
            rule: rule.id.clone(),
            outcome: out.id.clone(),
            by: by.clone(),
        },
        rule.span,
        message(rule, &out.id, &by, together),
        None,
        complete,
        &shadow_reads,
    );
}

/// The rules that alone always override rule `ri`, or (second: true) all of `higher` when none alone
/// does and they override it together. Only rules over the questions this one reads (with the `ask
/// when`s behind them) are tried, and rules never seen off.
fn overriders(
    a: &Analyzer<'_>,
    space: &mut Space<'_>,
    ri: usize,
    higher: &[usize],
) -> (Vec<String>, bool) {
    let Some(rule) = a.model.rules.get(ri) else {
        return (Vec::new(), true);
    };
    let mine = closure(a.model, &all_facts(&rule.cond));
    let mut by: Vec<String> = Vec::new();
    for &h in higher {
        let Some(hr) = a.model.rules.get(h) else {
            continue;
        };
        let theirs = closure(a.model, &all_facts(&hr.cond));
        if space.refuted.get(h).copied().unwrap_or(false)
            && !theirs.iter().all(|f| mine.contains(f))
        {
            continue;
        }
        let (f, _) = wins_somewhere(space, ri, &[h]);
        if f.is_empty() {
            by.push(hr.id.clone());
        }
    }
    if !by.is_empty() {
        return (by, false);
    }
    let all = higher
        .iter()
        .filter_map(|&h| a.model.rules.get(h).map(|r| r.id.clone()))
        .collect();
    (all, true)
}

/// The message of `A202`: the rules that override it, at most five named.
fn message(rule: &RuleDef, outcome: &str, by: &[String], together: bool) -> Text {
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
    let what = rule_words(rule);
    Text {
        nl: if together {
            format!(
                "{} '{}' beslist '{outcome}' nooit: als hij geldt, beslist altijd al een van de regels met een hogere prioriteit (samen: {by_nl}).",
                what.nl, rule.id
            )
        } else {
            format!(
                "{} '{}' beslist '{outcome}' nooit: als hij geldt, beslist altijd al {by_nl} met een hogere prioriteit.",
                what.nl, rule.id
            )
        },
        en: if together {
            format!(
                "{} '{}' never decides '{outcome}': whenever it applies, one of the higher-priority rules already does (together: {by_en}).",
                what.en, rule.id
            )
        } else {
            format!(
                "{} '{}' never decides '{outcome}': whenever it applies, {by_en} with a higher priority already does.",
                what.en, rule.id
            )
        },
    }
}

/// Situations where rule `ri` fires and none of `higher` does.
fn wins_somewhere(space: &mut Space<'_>, ri: usize, higher: &[usize]) -> (Vec<Found>, bool) {
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
