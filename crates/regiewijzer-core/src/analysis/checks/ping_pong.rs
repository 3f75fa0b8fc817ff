//! `A402`: handovers A → B and B → A of the same lead that can both go through for the same answers.

use crate::analysis::analyzer::{Analyzer, when_text};
use crate::analysis::finding::FindingKind;
use crate::analysis::space::{Cand, Need, Space, Verdict};
use crate::eval::{HandoverStatus, Probe};
use crate::model::Text;

/// Every pair of handovers back and forth.
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>) {
    let model = a.model;
    for (i, x) in model.handovers.iter().enumerate() {
        for (j, y) in model.handovers.iter().enumerate().skip(i + 1) {
            if x.lead == y.lead && x.from == y.to && x.to == y.from {
                pair(a, space, i, j);
            }
        }
    }
}

/// Whether handovers `i` and `j` both go through for some answers.
fn pair(a: &mut Analyzer<'_>, space: &mut Space<'_>, i: usize, j: usize) {
    let (Some(x), Some(y)) = (a.model.handovers.get(i), a.model.handovers.get(j)) else {
        return;
    };
    let mut q = |p: &[Probe], _: &[Option<usize>]| {
        let Some(p0) = p.first() else {
            return Verdict::Prune;
        };
        let (Some((sa, da)), Some((sb, db))) = (p0.handovers.get(i), p0.handovers.get(j)) else {
            return Verdict::Prune;
        };
        let done =
            |s: &HandoverStatus, d: &Vec<usize>| *s == HandoverStatus::Complete && d.is_empty();
        let off =
            |s: &HandoverStatus, d: &Vec<usize>| *s != HandoverStatus::Complete && d.is_empty();
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
        a.unsettled("A402", &format!("{} / {}", x.id, y.id));
    }
    let Some(f) = found.first() else {
        return;
    };
    let when = when_text(space, &f.chosen);
    a.push(
        space,
        "A402",
        FindingKind::PingPong {
            first: x.id.clone(),
            second: y.id.clone(),
        },
        y.span,
        Text {
            nl: format!(
                "Overdrachten '{}' en '{}' gaan de regie heen en terug, en kunnen allebei doorgaan als {} (pingpong).",
                x.id, y.id, when.nl
            ),
            en: format!(
                "Handovers '{}' and '{}' pass the lead back and forth, and can both go through when {} (ping-pong).",
                x.id, y.id, when.en
            ),
        },
        Some(f),
        complete,
        &[],
    );
}
