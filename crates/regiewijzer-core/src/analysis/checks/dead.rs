//! `A201`: a rule (or table row) whose condition is never true.

use super::Then;
use crate::analysis::analyzer::{Analyzer, all_facts, mark_alive, rule_words};
use crate::analysis::finding::FindingKind;
use crate::analysis::space::{Cand, Need, Space, Verdict};
use crate::eval::Probe;
use crate::model::Text;

/// Whether rule `ri` can fire: not searched when an earlier search already saw it fire. A dead rule is
/// reported (or listed as unchecked when the search ran out of budget), and the next checks of the
/// rule are skipped.
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>, ri: usize) -> Then {
    let Some(rule) = a.model.rules.get(ri) else {
        return Then::Next;
    };
    if space.fired.get(ri).copied().unwrap_or(false) {
        return Then::Next;
    }
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
    let (found, complete) = space.search(&mut q, 1, &[], Need::rules(vec![ri], Vec::new()));
    if let Some(f) = found.first() {
        mark_alive(space, f);
        return Then::Next;
    }
    let what = rule_words(rule);
    a.push(
        space,
        "A201",
        FindingKind::DeadRule {
            rule: rule.id.clone(),
        },
        rule.span,
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
    Then::Skip
}
