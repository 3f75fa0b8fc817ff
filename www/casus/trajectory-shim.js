// TEMPORARY (deleted when the core's `caseTrajectory` lands): the trajectory from the checklists alone.
const USED = { triage: ["melding"], escalatie: ["vangnet", "bemoeizorg"] };

export function trajectoryOf(rulesets) {
  const withPhases = rulesets.find((r) => r.checklist.phases?.length);
  const phases = withPhases?.checklist.phases ?? [];
  const parties = withPhases?.checklist.parties ?? [];
  const ids = new Set(parties.map((p) => p.id));
  let phaseFact = null;
  let leadOutcome = null;
  let leadRuleset = null;
  for (const r of rulesets) {
    for (const s of r.checklist.sections) for (const f of s.facts) if (!phaseFact && (f.type === "phase" || (phases.length && f.options.length === phases.length && f.options.every((o, i) => o.id === phases[i].id)))) phaseFact = f.id;
    const o = r.checklist.outcomes.find((x) => x.values.length && x.values.every((v) => ids.has(v.id)));
    if (o && !leadOutcome) [leadOutcome, leadRuleset] = [o.id, r.id];
  }
  const used = (r) => r.checklist.phases ?? USED[r.id] ?? null;
  return {
    phaseFact: phaseFact ?? (phases.length ? "fase" : null), leadOutcome, leadRuleset, parties, handovers: [], pingPong: [],
    phases: phases.map((p) => ({ id: p.id, label: p.label, rulesets: rulesets.filter((r) => !USED[r.id] || USED[r.id].includes(p.id)).map((r) => r.id), leads: [], decided: false })),
    rulesets: rulesets.map((r) => ({ id: r.id, title: r.title, phases: USED[r.id] ?? null })),
  };
}
