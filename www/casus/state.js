// The case's state, without DOM: one set of answers over every ruleset of the case, the phase in which
// each answer was given, the professional's decisions per ruleset and the dated log. The rules (loaded by
// core.js) are read, never changed. docs/widget.md ("`<regie-casus>`") is the contract.

/** The version of the case value's shape (www/casus.schema.json). */
export const CASE_FORMAT = 1;

/** An empty case. */
export const emptyCase = () => ({ answers: {}, answeredIn: {}, decisions: {}, log: [] });

/** The answers in `answers` to the questions in `facts` (a Set of ids). */
export function pick(answers, facts) {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => facts.has(id)));
}

/** Whether two sets of answers hold the same answers (in any order of their keys). */
export function sameAnswers(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** The phase the case is in: the phase fact's answer, else the first phase; null without phases. */
export function phaseOf(c, trajectory) {
  const id = trajectory.phaseFact && c.answers[trajectory.phaseFact];
  if (typeof id === "string" && trajectory.phases.some((p) => p.id === id)) return id;
  return trajectory.phases[0]?.id ?? null;
}

/** The ids of the rulesets used in `phase` (every ruleset when the case has no phases). */
export function shownRulesets(loaded, phase) {
  const p = loaded.trajectory.phases.find((x) => x.id === phase);
  return new Set(p ? p.rulesets : loaded.rulesets.map((r) => r.id));
}

/**
 * The questions the widget of ruleset `index` does not show (the case asks them elsewhere): the phase fact
 * (the casus's own control), questions answered in another phase than the current one (asked once, not
 * again), and questions an earlier ruleset in order shows now.
 */
export function omitFor(loaded, c, phase, index) {
  const shown = shownRulesets(loaded, phase);
  const own = loaded.rulesets[index].facts;
  const omit = [];
  for (const id of own) {
    const earlier = loaded.rulesets.slice(0, index).some((r) => shown.has(r.id) && r.facts.has(id));
    const settled = c.answeredIn[id] != null && c.answeredIn[id] !== phase && id in c.answers;
    if (id === loaded.trajectory.phaseFact || earlier || settled) omit.push(id);
  }
  return omit.sort();
}

/**
 * The answers given in an earlier phase that a ruleset used in `phase` asks now (its widget does not ask them
 * again): `{id, ruleset, question, answer, phase}` in the rules' order, with the question and the answer in
 * words as that ruleset's evaluation (`evals`) says them.
 */
export function settledAnswers(loaded, c, phase, evals) {
  const shown = shownRulesets(loaded, phase);
  const out = new Map();
  for (const r of loaded.rulesets) {
    if (!shown.has(r.id)) continue;
    const questions = new Map(r.checklist.sections.flatMap((s) => s.facts).map((f) => [f.id, f.label]));
    for (const f of evals.get(r.id)?.facts ?? []) {
      const id = f.id;
      const earlier = c.answeredIn[id] != null && c.answeredIn[id] !== phase && id in c.answers;
      if (out.has(id) || id === loaded.trajectory.phaseFact || !earlier || f.asked !== "yes" || !f.answer) continue;
      out.set(id, { id, ruleset: r.id, question: questions.get(id), answer: f.answer.label, phase: c.answeredIn[id] });
    }
  }
  return [...out.values()];
}

/**
 * Takes the answers a widget gave (for the questions in `facts`) into the case: an answer given or changed
 * is recorded as given in `phase`; one taken away is gone. Returns the ids that changed.
 */
export function mergeAnswers(c, facts, given, phase) {
  const changed = [];
  for (const id of facts) {
    const had = JSON.stringify(c.answers[id]);
    const now = JSON.stringify(given[id]);
    if (had === now) continue;
    changed.push(id);
    if (id in given) {
      c.answers[id] = structuredClone(given[id]);
      c.answeredIn[id] = phase;
    } else {
      delete c.answers[id];
      delete c.answeredIn[id];
    }
  }
  return changed;
}

/** Each ruleset's evaluation of the case's answers (pkg/core `Ruleset.evaluate`), by ruleset id. */
export function evaluations(loaded, c, today) {
  const out = new Map();
  for (const r of loaded.rulesets) out.set(r.id, r.rules.evaluate(pick(c.answers, r.facts), today));
  return out;
}

/** The party that leads now (`{party, label}`), from the lead outcome of the lead ruleset, or null. */
export function leadOf(loaded, evals) {
  const { leadOutcome, leadRuleset, parties } = loaded.trajectory;
  const o = evals.get(leadRuleset)?.outcomes.find((x) => x.id === leadOutcome);
  const party = o?.values.length === 1 ? o.values[0] : null;
  if (!party) return null;
  const label = parties.find((p) => p.id === party)?.label ?? o.value_labels[0];
  return { party, label };
}

/** The phases the case went through, oldest first, each with the date it entered (from the log). */
export function pathOf(c, phase, today) {
  const changes = c.log.filter((e) => e.kind === "phase");
  const start = c.log[0]?.date ?? today;
  if (!changes.length) return phase ? [{ phase, date: start }] : [];
  const path = changes[0].from ? [{ phase: changes[0].from, date: start }] : [];
  for (const e of changes) path.push({ phase: e.phase, date: e.date });
  return path;
}

/** The handovers proposed and not complete in any ruleset: `{id, title, missing}`. */
export function openHandovers(evals) {
  const out = [];
  for (const ev of evals.values()) {
    for (const h of ev.handovers ?? []) {
      // Proposed and not complete: one whose `when` is still unknown is not proposed yet (only what applies).
      if (h.status === "blocked") out.push({ id: h.id, title: h.title ?? { nl: h.id, en: h.id }, missing: h.missing });
    }
  }
  return out;
}

/** The deadlines past today in any ruleset: `{label, date, days}` (days late). */
export function overdueDeadlines(evals) {
  const out = [];
  for (const ev of evals.values()) {
    for (const o of ev.outcomes) {
      if (o.deadline?.overdue) out.push({ label: o.label, date: o.deadline.date, days: -o.deadline.days_left });
    }
  }
  return out;
}

/** The state the trajectory picture draws (www/casus/picture.js). */
export function pictureState(loaded, c, evals, today) {
  const phase = phaseOf(c, loaded.trajectory);
  return {
    phase, lead: leadOf(loaded, evals), path: pathOf(c, phase, today),
    openHandovers: openHandovers(evals), overdue: overdueDeadlines(evals),
  };
}

/** The log entry of a phase change (a decision of the professional), dated with the case's `today`. */
export function phaseEntry(from, phase, lead, today) {
  return { kind: "phase", date: today, at: new Date().toISOString(), phase, from, lead: lead?.party ?? null };
}

const sameDecision = (a, b) => a && b && a.decision === b.decision && a.at === b.at && JSON.stringify(a.values) === JSON.stringify(b.values);

/**
 * The log entries for the decisions a widget recorded since `before` (its value's `decisions` now), each
 * with the reasons of the advice in words (`because`, from the evaluation) and the professional's reason.
 */
export function decisionEntries(ruleset, before, now, evaluation, today) {
  const out = [];
  for (const [outcome, d] of Object.entries(now ?? {})) {
    if (sameDecision(before?.[outcome], d)) continue;
    const reasons = evaluation?.outcomes.find((o) => o.id === outcome)?.reasons ?? [];
    const join = (lang) => reasons.map((r) => r.because[lang]).filter(Boolean).join(" ");
    out.push({
      kind: "decision", date: today, at: d.at ?? new Date().toISOString(),
      ruleset: { id: ruleset.id, version: ruleset.version, hash: ruleset.hash },
      outcome, decision: d.decision, advice: [...d.advice], values: [...d.values], reason: d.reason,
      because: { nl: join("nl"), en: join("en") },
    });
  }
  return out;
}

/** What the form submits: the case with its log (a plain copy). `problem`: why there is no advice. */
export function caseValue(loaded, c, { today, lang, lead, problem }) {
  const phase = loaded ? phaseOf(c, loaded.trajectory) : null;
  const v = {
    format: CASE_FORMAT, kind: "case",
    rulesets: (loaded?.rulesets ?? []).map(({ id, version, hash }) => ({ id, version, hash })),
    today, lang, answers: c.answers, answeredIn: c.answeredIn,
    phase: typeof phase === "string" ? phase : null, lead: lead?.party ?? null,
    decisions: c.decisions, log: c.log,
  };
  if (problem) v.unavailable = { reason: "beslisondersteuning niet beschikbaar", kind: problem.kind, message: problem.message };
  return structuredClone(v);
}

const isObject = (v) => v != null && typeof v === "object" && !Array.isArray(v);

/** A case from a value (an object, or the JSON text a form posted); null when it is none. Plain data only. */
export function restoredCase(raw) {
  let v = raw;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (!isObject(v)) return null;
  const c = JSON.parse(JSON.stringify({
    answers: isObject(v.answers) ? v.answers : {},
    answeredIn: isObject(v.answeredIn) ? v.answeredIn : {},
    decisions: isObject(v.decisions) ? v.decisions : {},
    log: Array.isArray(v.log) ? v.log.filter((e) => isObject(e) && (e.kind === "phase" || e.kind === "decision")) : [],
  }));
  return c;
}
