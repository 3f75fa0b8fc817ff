//! `regiewijzer trajectory`: the trajectory of a case with these rulesets, in words: the phases in order
//! with the rulesets used and who leads in each, the handovers with their phases and requirements, and
//! any ping-pong of the lead.

use std::path::PathBuf;

use regiewijzer_core::case::{Trajectory, TrajectoryHandover, TrajectoryPhase};
use regiewijzer_core::model::Text as Words;
use regiewijzer_core::{Model, trajectory};

use crate::Status;
use crate::error::CliError;
use crate::files::read;
use crate::ui::{Lang, Ui, escape_inline};

/// Prints the trajectory of `files` (in order); exit 1 when a file has errors (shown on standard error).
pub fn run(ui: &Ui, files: &[PathBuf]) -> Result<Status, CliError> {
    let mut models: Vec<Model> = Vec::new();
    for f in files {
        match read(f)?.model_or_report(ui) {
            Some(m) => models.push(m),
            None => return Ok(Status::Findings),
        }
    }
    let refs: Vec<&Model> = models.iter().collect();
    ui.out(words(ui.lang, &trajectory(&refs)))?;
    Ok(Status::Ok)
}

/// The trajectory in words.
fn words(lang: Lang, t: &Trajectory) -> String {
    let pick = |w: &Words| escape_inline(lang.pick(&w.nl, &w.en));
    let mut out = format!(
        "{}\n",
        lang.pick("Fasen van de casus:", "Phases of the case:")
    );
    if t.phases.is_empty() {
        out += lang.pick("(geen fasen)\n", "(no phases)\n");
    }
    for (n, p) in t.phases.iter().enumerate() {
        out += &phase(lang, n + 1, p, &pick);
    }
    if !t.handovers.is_empty() {
        out += &format!("\n{}\n", lang.pick("Overdrachten:", "Handovers:"));
    }
    for h in &t.handovers {
        out += &handover(lang, t, h, &pick);
    }
    for p in &t.ping_pong {
        out += &format!(
            "\n{} {}\n",
            lang.pick("Pingpong:", "Ping-pong:"),
            pick(&p.message)
        );
    }
    out
}

/// `1. Melding (triage, regie): regie bij Meldpunt.`
fn phase(lang: Lang, n: usize, p: &TrajectoryPhase, pick: &dyn Fn(&Words) -> String) -> String {
    let leads: Vec<String> = p.leads.iter().map(|l| pick(&l.label)).collect();
    let lead = match (p.decided, leads.is_empty()) {
        (true, _) => format!("{} {}", lang.pick("regie bij", "led by"), leads.join("")),
        (false, true) => lang
            .pick("regie hangt af van de casus", "lead depends on the case")
            .into(),
        (false, false) => format!(
            "{} {}",
            lang.pick("regie hangt af van de casus:", "lead depends on the case:"),
            leads.join(lang.pick(" of ", " or "))
        ),
    };
    format!(
        "{n}. {} ({}): {lead}.\n",
        pick(&p.label),
        p.rulesets.join(", ")
    )
}

/// `- Ontslag naar FACT-team: Kliniek → FACT-team, in Ontslag; als: …`
fn handover(
    lang: Lang,
    t: &Trajectory,
    h: &TrajectoryHandover,
    pick: &dyn Fn(&Words) -> String,
) -> String {
    let party = |id: &str| {
        t.parties
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| escape_inline(id), |p| pick(&p.label))
    };
    let phases: Vec<String> = h
        .phases
        .iter()
        .map(|id| {
            t.phases
                .iter()
                .find(|p| &p.id == id)
                .map_or_else(|| escape_inline(id), |p| pick(&p.label))
        })
        .collect();
    let mut line = format!(
        "- {}: {} → {}, {} {}",
        pick(&h.title),
        party(&h.from),
        party(&h.to),
        lang.pick("in", "in"),
        if phases.is_empty() {
            lang.pick("geen fase", "no phase").to_string()
        } else {
            phases.join(", ")
        }
    );
    if !h.requires.is_empty() {
        let req: Vec<String> = h.requires.iter().map(pick).collect();
        line += &format!(
            "; {} {}",
            lang.pick("voorwaarden:", "requires:"),
            req.join("; ")
        );
    }
    line + "\n"
}
