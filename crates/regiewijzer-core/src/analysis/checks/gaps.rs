//! `A101`: a required outcome that no rule decides for some answers.

use super::Then;
use crate::analysis::analyzer::{Analyzer, mark_alive, when_text};
use crate::analysis::finding::FindingKind;
use crate::analysis::space::{Cand, Found, Need, Space, Verdict};
use crate::ast::Policy;
use crate::eval::Probe;
use crate::model::{FallbackDef, Text};

/// The gaps of outcome `oid`: full sets of answers where every rule that gives it is false. The search
/// splits only on what the open rules read; a rule that surely fires prunes the subtree.
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>, oid: usize) -> Then {
    let Some(out) = a.model.outcomes.get(oid) else {
        return Then::Next;
    };
    if out.policy == Policy::Deadline || !matches!(out.fallback, FallbackDef::Required) {
        return Then::Next;
    }
    let giving: Vec<usize> = a
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
    let (found, complete) = space.search(&mut q, a.options.max_examples, &[], need);
    if !complete {
        a.unsettled("A101", &out.id);
    }
    report(a, space, oid, &found, complete);
    Then::Next
}

/// Adds a finding for each gap found.
fn report(
    a: &mut Analyzer<'_>,
    space: &mut Space<'_>,
    oid: usize,
    found: &[Found],
    complete: bool,
) {
    let Some(out) = a.model.outcomes.get(oid) else {
        return;
    };
    for f in found {
        let when = when_text(space, &f.chosen);
        mark_alive(space, f);
        a.push(
            space,
            "A101",
            FindingKind::Gap {
                outcome: out.id.clone(),
            },
            out.span,
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
