//! A case: one person followed through several rulesets (triage, escalation, lead and handover), with
//! one set of answers. A fact with the same id in two rulesets is the same question, asked once.
//!
//! [`check`] says where the rulesets of one case disagree (a shared question with another type, other
//! answers or other words; phases named but not declared; two different series of phases);
//! [`trajectory`] gives what a picture of the case draws: the phases in order, who leads in each, the
//! handovers and the phases they apply in, drawn from the rulesets themselves.

mod check;
mod trajectory;

pub use check::{CaseDiagnostic, check};
pub use trajectory::{
    Lead, PingPong, Trajectory, TrajectoryHandover, TrajectoryPhase, TrajectoryRuleset, trajectory,
};

use crate::model::{FactDef, FactType, Model};
use crate::{Compiled, compile};

/// Compiles the sources of one case, in order, and checks them: each source's own diagnostics (in
/// source order), then those of [`check`] over the sources that compiled, each tagged with the index
/// of its source. Also returns what each source compiled to.
pub fn check_sources(sources: &[&str]) -> (Vec<Compiled>, Vec<CaseDiagnostic>) {
    let compiled: Vec<Compiled> = sources.iter().map(|s| compile(s)).collect();
    let mut out: Vec<CaseDiagnostic> = compiled
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.diagnostics
                .iter()
                .map(move |d| CaseDiagnostic::own(i, d.clone()))
        })
        .collect();
    let (at, pairs): (Vec<usize>, Vec<(&Model, &str)>) = compiled
        .iter()
        .zip(sources)
        .enumerate()
        .filter_map(|(i, (c, s))| c.model.as_ref().map(|m| (i, (m, *s))))
        .unzip();
    out.extend(check(&pairs).into_iter().map(|mut d| {
        d.ruleset = at.get(d.ruleset).copied().unwrap_or(d.ruleset);
        d.related_ruleset = d.related_ruleset.and_then(|j| at.get(j).copied());
        d
    }));
    (compiled, out)
}

/// The first fact of `model` of type `phase` (a choice among exactly the declared phases, in order).
pub(crate) fn phase_fact(model: &Model) -> Option<&FactDef> {
    if model.phases.is_empty() {
        return None;
    }
    model.facts.iter().find(|f| match &f.ty {
        FactType::Choice { options } => *options == model.phases,
        _ => false,
    })
}
