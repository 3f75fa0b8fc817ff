//! The trajectory of a case: its phases in order, who leads in each, the handovers and the phases they
//! apply in, drawn from the rulesets themselves (their phases, parties, rules and handovers).
//!
//! What depends on the phase alone is found by the evaluator itself, three-valued, with only the phase
//! answered: a rule whose condition reads the phase and is not false there can give the lead in that
//! phase; a handover whose `when` is not false there can be proposed in it.

use serde::Serialize;

use super::phase_fact;
use crate::analysis::{FindingKind, Options, ping_pong};
use crate::answers::Answers;
use crate::date::Date;
use crate::eval::{HandoverStatus, Probe, probe};
use crate::model::{HandoverDef, Model, OptionDef, OutcomeId, Text, Value};
use crate::walk::cond_facts;

/// What a picture of a case draws (see the module).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trajectory {
    /// The id of the first fact of type `phase`; `None`: the case has no phases.
    pub phase_fact: Option<String>,
    /// The outcome that holds the lead: the one the handovers name with `lead`, else the first outcome
    /// whose values are the parties.
    pub lead_outcome: Option<String>,
    /// The id of the ruleset with that outcome.
    pub lead_ruleset: Option<String>,
    /// The phases, in the order the first ruleset that declares phases gives them.
    pub phases: Vec<TrajectoryPhase>,
    /// The parties that can hold the lead.
    pub parties: Vec<OptionDef>,
    /// The handovers of every ruleset, in order.
    pub handovers: Vec<TrajectoryHandover>,
    /// Handovers that can pass the lead back and forth, in words.
    pub ping_pong: Vec<PingPong>,
    /// The rulesets of the case, in order, with the phases they are used in.
    pub rulesets: Vec<TrajectoryRuleset>,
}

/// One phase of the trajectory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrajectoryPhase {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// The ids of the rulesets used in this phase.
    pub rulesets: Vec<String>,
    /// Who can lead in this phase with only the phase known, in the order the rules give them.
    pub leads: Vec<Lead>,
    /// True when only the phase decides who leads (exactly one lead).
    pub decided: bool,
}

/// A party that can hold the lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    /// The party's id.
    pub party: String,
    /// Its label.
    pub label: Text,
}

/// One handover of the trajectory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrajectoryHandover {
    /// Id.
    pub id: String,
    /// The id of its ruleset.
    pub ruleset: String,
    /// Its title (its id when it has none).
    pub title: Text,
    /// The party that hands over.
    pub from: String,
    /// The party that takes over.
    pub to: String,
    /// The phases in which it can be proposed.
    pub phases: Vec<String>,
    /// What must hold before the lead passes.
    pub requires: Vec<Text>,
}

/// Two handovers that pass the lead back and forth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PingPong {
    /// The ids of the two handovers.
    pub handovers: [String; 2],
    /// In words.
    pub message: Text,
}

/// A ruleset of the case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrajectoryRuleset {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// The phases it is used in (its `phases` line); `None`: every phase.
    pub phases: Option<Vec<String>>,
}

/// The trajectory of a case with these rulesets, in order.
pub fn trajectory(models: &[&Model]) -> Trajectory {
    let phases: &[OptionDef] = models
        .iter()
        .find(|m| !m.phases.is_empty())
        .map_or(&[], |m| m.phases.as_slice());
    let by_phase: Vec<Vec<Option<Probe>>> = models.iter().map(|m| probes(m, phases)).collect();
    let lead = models
        .iter()
        .enumerate()
        .find_map(|(i, m)| lead_outcome(m).map(|o| (i, *m, o)));
    Trajectory {
        phase_fact: models
            .iter()
            .find_map(|m| phase_fact(m))
            .map(|f| f.id.clone()),
        lead_outcome: lead
            .and_then(|(_, m, o)| m.outcomes.get(o))
            .map(|o| o.id.clone()),
        lead_ruleset: lead.map(|(_, m, _)| m.meta.id.clone()),
        phases: phases
            .iter()
            .enumerate()
            .map(|(k, p)| phase(models, p, k, lead, &by_phase))
            .collect(),
        parties: lead
            .map(|(_, m, _)| m.parties.clone())
            .or_else(|| {
                models
                    .iter()
                    .find(|m| !m.parties.is_empty())
                    .map(|m| m.parties.clone())
            })
            .unwrap_or_default(),
        handovers: models
            .iter()
            .zip(&by_phase)
            .flat_map(|(m, p)| handovers(m, phases, p))
            .collect(),
        ping_pong: models.iter().flat_map(|m| pings(m)).collect(),
        rulesets: models.iter().map(|m| ruleset(m)).collect(),
    }
}

/// Per phase: `model` evaluated with only its phase question answered (`None` when it has none).
fn probes(model: &Model, phases: &[OptionDef]) -> Vec<Option<Probe>> {
    let fact = phase_fact(model).and_then(|f| model.facts.iter().position(|g| g.id == f.id));
    let today = model.meta.valid_from.unwrap_or(Date::EPOCH);
    phases
        .iter()
        .map(|p| {
            let f = fact?;
            let k = model.phases.iter().position(|q| q.id == p.id)?;
            let mut answers = Answers::empty(model);
            answers.set(f, Some(Value::Choice(k)));
            Some(probe(model, &answers, today))
        })
        .collect()
}

/// The outcome of `model` that holds the lead (see [`Trajectory::lead_outcome`]).
fn lead_outcome(model: &Model) -> Option<OutcomeId> {
    if let Some(h) = model.handovers.first() {
        return Some(h.lead);
    }
    let parties: Vec<&str> = model.parties.iter().map(|p| p.id.as_str()).collect();
    model.outcomes.iter().position(|o| {
        !parties.is_empty()
            && o.values
                .iter()
                .map(|v| v.id.as_str())
                .eq(parties.iter().copied())
    })
}

/// Phase `p` (index `k`): its rulesets and who can lead in it.
fn phase(
    models: &[&Model],
    p: &OptionDef,
    k: usize,
    lead: Option<(usize, &Model, OutcomeId)>,
    by_phase: &[Vec<Option<Probe>>],
) -> TrajectoryPhase {
    let leads = lead
        .and_then(|(i, m, o)| {
            let probe = by_phase.get(i)?.get(k)?.as_ref()?;
            Some(leads(m, o, probe))
        })
        .unwrap_or_default();
    TrajectoryPhase {
        id: p.id.clone(),
        label: p.label.clone(),
        rulesets: models
            .iter()
            .filter(|m| used_in(m, &p.id))
            .map(|m| m.meta.id.clone())
            .collect(),
        decided: leads.len() == 1,
        leads,
    }
}

/// True when `model` is used in phase `id`.
fn used_in(model: &Model, id: &str) -> bool {
    model
        .used_in
        .as_ref()
        .is_none_or(|u| u.iter().any(|p| p == id))
}

/// The values of outcome `o` that rules reading the phase, not false in `probe`, give, in rule order.
fn leads(model: &Model, o: OutcomeId, probe: &Probe) -> Vec<Lead> {
    let Some(fact) = phase_fact(model).and_then(|f| model.facts.iter().position(|g| g.id == f.id))
    else {
        return Vec::new();
    };
    let mut out: Vec<Lead> = Vec::new();
    for (r, (now, _)) in model.rules.iter().zip(&probe.rules) {
        let mut read = Vec::new();
        cond_facts(&r.cond, &mut read);
        if *now == Some(false) || !read.contains(&fact) {
            continue;
        }
        for &(_, v) in r.assigns.iter().filter(|(out, _)| *out == o) {
            let value = model.outcomes.get(o).and_then(|d| d.values.get(v));
            if let Some(value) = value
                && !out.iter().any(|l| l.party == value.id)
            {
                out.push(Lead {
                    party: value.id.clone(),
                    label: value.label.clone(),
                });
            }
        }
    }
    out
}

/// The handovers of `model`, each with the phases in which its `when` is not false.
fn handovers(
    model: &Model,
    phases: &[OptionDef],
    probes: &[Option<Probe>],
) -> Vec<TrajectoryHandover> {
    model
        .handovers
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let applies = |(p, probe): (&OptionDef, &Option<Probe>)| match probe {
                Some(probe) => probe
                    .handovers
                    .get(k)
                    .is_some_and(|(s, _)| *s != HandoverStatus::NotProposed),
                None => used_in(model, &p.id),
            };
            TrajectoryHandover {
                id: h.id.clone(),
                ruleset: model.meta.id.clone(),
                title: title(h),
                from: party(model, h, h.from),
                to: party(model, h, h.to),
                phases: phases
                    .iter()
                    .zip(probes)
                    .filter(|&pair| applies(pair))
                    .map(|(p, _)| p.id.clone())
                    .collect(),
                requires: h.requires.iter().map(|r| r.label.clone()).collect(),
            }
        })
        .collect()
}

/// A handover's title, or its id.
fn title(h: &HandoverDef) -> Text {
    h.title.clone().unwrap_or_else(|| Text {
        nl: h.id.clone(),
        en: h.id.clone(),
    })
}

/// The id of value `v` of the handover's lead outcome.
fn party(model: &Model, h: &HandoverDef, v: usize) -> String {
    model
        .outcomes
        .get(h.lead)
        .and_then(|o| o.values.get(v))
        .map_or_else(String::new, |p| p.id.clone())
}

/// The label of value `v` of the handover's lead outcome.
fn party_label(model: &Model, h: &HandoverDef, v: usize) -> Text {
    model
        .outcomes
        .get(h.lead)
        .and_then(|o| o.values.get(v))
        .map_or_else(|| title(h), |p| p.label.clone())
}

/// The analysis' ping-pong findings of `model`, in words.
fn pings(model: &Model) -> Vec<PingPong> {
    if model.handovers.len() < 2 {
        return Vec::new();
    }
    let today = model.meta.valid_from.unwrap_or(Date::EPOCH);
    ping_pong(model, &Options::new(today))
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::PingPong { first, second } => {
                let x = model.handovers.iter().find(|h| h.id == first)?;
                let y = model.handovers.iter().find(|h| h.id == second)?;
                Some(PingPong {
                    message: ping_words(model, x, y),
                    handovers: [first, second],
                })
            }
            _ => None,
        })
        .collect()
}

/// "De regie kan heen en weer gaan tussen A en B: …".
fn ping_words(model: &Model, x: &HandoverDef, y: &HandoverDef) -> Text {
    let (a, b) = (party_label(model, x, x.from), party_label(model, x, x.to));
    let (tx, ty) = (title(x), title(y));
    Text {
        nl: format!(
            "De regie kan heen en weer gaan tussen {} en {}: '{}' en '{}' kunnen bij dezelfde antwoorden allebei doorgaan.",
            a.nl, b.nl, tx.nl, ty.nl
        ),
        en: format!(
            "The lead can go back and forth between {} and {}: '{}' and '{}' can both go through for the same answers.",
            a.en, b.en, tx.en, ty.en
        ),
    }
}

/// A ruleset of the case, with the phases it is used in.
fn ruleset(model: &Model) -> TrajectoryRuleset {
    TrajectoryRuleset {
        id: model.meta.id.clone(),
        title: model.meta.title.clone(),
        phases: model.used_in.clone(),
    }
}
