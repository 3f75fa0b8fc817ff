//! `A301`: a rule reads a question that is never asked when the rule's other conditions hold.

use super::Then;
use crate::analysis::analyzer::{Analyzer, all_facts, read_facts, rule_words};
use crate::analysis::finding::FindingKind;
use crate::analysis::space::{Cand, Need, Space, Verdict};
use crate::eval::{Asked, Probe};
use crate::model::{FactId, Text};

/// Every question with an `ask when` that rule `ri` reads for its value.
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>, ri: usize) -> Then {
    let Some(rule) = a.model.rules.get(ri) else {
        return Then::Next;
    };
    let mut facts = Vec::new();
    read_facts(&rule.cond, &mut facts);
    for f in facts {
        asked_when_read(a, space, ri, f);
    }
    Then::Next
}

/// Whether question `f` can be asked where rule `ri` does not surely fail without it.
fn asked_when_read(a: &mut Analyzer<'_>, space: &mut Space<'_>, ri: usize, f: FactId) {
    let (Some(rule), Some(def)) = (a.model.rules.get(ri), a.model.facts.get(f)) else {
        return;
    };
    if def.ask_when.is_none() {
        return;
    }
    let Some(at) = space.map_facts(0, &[f]).first().copied() else {
        return;
    };
    let mut q = |p: &[Probe], _: &[Option<usize>]| {
        let Some(p0) = p.first() else {
            return Verdict::Prune;
        };
        let (Some((asked, ask_deps)), Some((now, deps))) = (p0.facts.get(f), p0.rules.get(ri))
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
    let (found, complete) = space.search(&mut q, 1, &[at], Need::rules(vec![ri], Vec::new()));
    if !found.is_empty() {
        return;
    }
    let mut ask_reads = all_facts(&rule.cond);
    if let Some(c) = &def.ask_when {
        ask_reads.extend(all_facts(c));
    }
    let what = rule_words(rule);
    let ask_when = def.ask_when_text.as_deref().unwrap_or("");
    a.push(
        space,
        "A301",
        FindingKind::AskWhen {
            rule: rule.id.clone(),
            fact: def.id.clone(),
        },
        rule.span,
        Text {
            nl: format!(
                "{} '{}' leest '{}', maar die vraag wordt nooit gesteld als de andere voorwaarden van de regel gelden (ask when {ask_when}).",
                what.nl, rule.id, def.id,
            ),
            en: format!(
                "{} '{}' reads '{}', but that question is never asked when the rule's other conditions hold (ask when {ask_when}).",
                what.en, rule.id, def.id,
            ),
        },
        None,
        complete,
        &ask_reads,
    );
}
