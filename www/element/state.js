// The widget's state machine: the rules (checklist and engine), the answers, the evaluation, the
// professional's decisions per outcome, and which override form is open with what is typed in it. No DOM
// here: the element's DOM layer draws from this state and patches what changed.

import { call } from "./engine.js";

/**
 * @typedef {{ advice: string[], otherwise: null | { values: string[], code: string, text: string }, at: string | null }} Decided
 * @typedef {{ outcome: string, values: string[], code: string, text: string }} Draft
 */

/** A fresh state: no rules yet. */
export function initial() {
  return {
    /** The loaded engine (one ruleset), or null. */
    engine: null,
    /** @type {any} The checklist of the loaded rules. */
    checklist: null,
    /** @type {Record<string, any>} */
    answers: {},
    /** @type {any} The last evaluation of the answers. */
    evaluation: null,
    /** @type {Record<string, Decided>} */
    decisions: {},
    /** @type {Draft | null} The override being typed (its form is open), kept over redraws and new rules. */
    draft: null,
    today: "",
    lang: "nl",
  };
}

/** The outcome `id` as the loaded rules describe it. */
export const outcomeView = (st, id) => st.checklist?.outcomes.find((o) => o.id === id);

/** The advice (value ids) for outcome `id` in the last evaluation. */
export const adviceOf = (st, id) => st.evaluation?.outcomes.find((o) => o.id === id)?.values;

/** Every question of the loaded rules, by id. */
export function facts(st) {
  const out = new Map();
  for (const s of st.checklist?.sections ?? []) for (const f of s.facts) out.set(f.id, f);
  return out;
}

/**
 * Evaluates the answers (one call into the engine) for what paints the outcome, and drops the confirmations
 * of an advice that changed: an override stays the professional's. The ranking of the open questions and
 * the actions that could still be added cost far more and are left out (`st.ranked` false): {@link rank}
 * works them out a task later. Throws a Trap when the engine fails.
 */
export function evaluate(st) {
  if (!st.engine) return;
  const before = st.evaluation;
  st.evaluation = call(st.engine, (e) => (e.evaluateOutcomes ? e.evaluateOutcomes(st.answers, st.today) : e.evaluate(st.answers, st.today)));
  st.ranked = !st.engine.evaluateOutcomes;
  if (!st.ranked && before) keepRanking(before, st.evaluation);
  st.decisions = stillHolding(st);
}

/** Until the new ranking is there, what the last one said that still holds (so that "Wat nu telt" and
 * "Kan nog bij komen" do not blink away for a frame): questions that still matter, actions not yet given. */
function keepRanking(before, now) {
  const open = new Set(now.matters_next);
  now.next = (before.next ?? []).filter((q) => open.has(q.fact));
  const old = new Map(before.outcomes.map((o) => [o.id, o]));
  for (const o of now.outcomes) {
    const b = old.get(o.id);
    if (!b?.could_add?.length || !o.matters_next.length) continue;
    const keep = b.could_add.map((v, i) => [v, b.could_add_labels[i]]).filter(([v]) => !o.values.includes(v));
    o.could_add = keep.map(([v]) => v);
    o.could_add_labels = keep.map(([, l]) => l);
  }
}

/**
 * The whole evaluation of the same answers: with the open questions ranked by what they could change and
 * the actions that could still be added. The outcomes are the same as {@link evaluate} gave, so decisions
 * are not touched. Throws a Trap when the engine fails.
 */
export function rank(st) {
  if (!st.engine || st.ranked) return;
  st.evaluation = call(st.engine, (e) => e.evaluate(st.answers, st.today));
  st.ranked = true;
}

/** The decisions that still hold for the current evaluation. */
function stillHolding(st) {
  const out = {};
  for (const [id, d] of Object.entries(st.decisions)) {
    const advice = adviceOf(st, id);
    if (d.otherwise || (advice && same(advice, d.advice))) out[id] = d;
  }
  return out;
}

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

/** True when every outcome of the advice has a decision. */
export function allDecided(st) {
  const outcomes = st.evaluation?.outcomes ?? [];
  return outcomes.length > 0 && outcomes.every((o) => o.id in st.decisions);
}

/** Confirms the advice of every outcome not decided yet (an override, and one being typed, stay). */
export function confirmAll(st, at = new Date().toISOString()) {
  for (const o of st.evaluation?.outcomes ?? []) {
    if (!(o.id in st.decisions)) st.decisions[o.id] = { advice: [...o.values], otherwise: null, at };
  }
}

/**
 * Checks and records the override being typed. Returns `null` when recorded, else what is wrong:
 * `{message: {nl, en}, field}` (the field to fix).
 * @param {any} st
 * @param {Draft} typed
 */
export function saveOverride(st, typed) {
  const view = outcomeView(st, typed.outcome);
  if (!view) return null;
  if (view.policy !== "collect" && typed.values.length === 0) {
    return { message: null, field: "override-value" };
  }
  const input = { outcome: typed.outcome, values: typed.values, code: typed.code.trim(), reason: typed.text.trim() };
  const problem = call(st.engine, (e) => e.validateOverride(input));
  if (problem) {
    const field = st.checklist.override_reasons?.length ? "override-code" : "override-reason";
    return { message: problem, field };
  }
  st.decisions[typed.outcome] = {
    advice: [...(adviceOf(st, typed.outcome) ?? [])],
    otherwise: { values: input.values, code: input.code, text: input.reason },
    at: new Date().toISOString(),
  };
  st.draft = null;
  return null;
}

/** The ids of answers to questions the loaded rules do not have. */
export function removedAnswers(st) {
  if (!st.checklist) return [];
  const known = facts(st);
  return Object.keys(st.answers).filter((k) => !known.has(k));
}

/**
 * The version of the value's shape (its `format`): raised when a field changes meaning or goes away, not
 * when one is added (docs/widget.md, "Value"; the schema is value.schema.json).
 */
export const FORMAT = 1;

/** The decisions as the form value holds them. */
function decisionsValue(decisions) {
  const out = {};
  for (const [id, d] of Object.entries(decisions)) {
    out[id] = {
      advice: d.advice,
      decision: d.otherwise ? "override" : "confirmed",
      values: d.otherwise ? d.otherwise.values : d.advice,
      reason: d.otherwise ? { code: d.otherwise.code, text: d.otherwise.text } : null,
      decidedAt: d.at,
      at: d.at,
    };
  }
  return out;
}

/** What the host's form submits and the events carry (`null` while no rules are loaded). */
export function value(st) {
  if (!st.checklist || !st.evaluation) return null;
  // A variant's identity names its base too (docs/language.md, "Variants").
  const { id, version, hash, base } = st.checklist.ruleset;
  const outcomes = {};
  for (const o of st.evaluation.outcomes) {
    outcomes[o.id] = { status: o.status, values: o.values, provisional: o.provisional, rules: o.reasons.map((r) => r.rule) };
  }
  return {
    format: FORMAT,
    ruleset: base ? { id, version, hash, base } : { id, version, hash },
    today: st.today,
    lang: st.lang,
    answers: st.answers,
    removed_answers: removedAnswers(st),
    outcomes,
    decided: allDecided(st),
    decisions: decisionsValue(st.decisions),
  };
}

/** The decisions as the engine's summary takes them. */
export function decisionInputs(decisions) {
  return Object.entries(decisions).map(([outcome, d]) => (d.otherwise
    ? { kind: "override", outcome, values: d.otherwise.values, code: d.otherwise.code, reason: d.otherwise.text }
    : { kind: "confirmed", outcome }));
}

/** An instant as `Date.prototype.toISOString` writes it (what `decidedAt` holds), else undefined. */
const instant = (v) => (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(v) ? v : undefined);

const texts = (list) => (Array.isArray(list) ? list.filter((v) => typeof v === "string") : []);

/**
 * The decisions in a restored value (needs the evaluation of its answers), each with the time it was taken
 * (`decidedAt`, or `at` of a value from before format 1): `decisions`, or the single
 * `decision` of an older widget (`{kind: "confirmed"}` confirms every outcome on the advice these answers
 * give; `{kind: "override", outcome, value, reason}` is that outcome decided otherwise, reason as text).
 * @returns {Record<string, Decided>}
 */
export function restoredDecisions(st, raw) {
  const out = {};
  const str = (v) => (typeof v === "string" ? v : undefined);
  if (raw.decisions && typeof raw.decisions === "object") {
    for (const [id, d] of Object.entries(raw.decisions)) {
      if (!d || typeof d !== "object" || !["confirmed", "override"].includes(d.decision)) continue;
      const reason = d.reason && typeof d.reason === "object" ? d.reason : {};
      const otherwise = d.decision === "override"
        ? { values: texts(d.values), code: str(reason.code) ?? "", text: str(reason.text) ?? "" }
        : null;
      out[id] = { advice: texts(d.advice), otherwise, at: instant(d.decidedAt) ?? instant(d.at) ?? null };
    }
    return out;
  }
  const old = raw.decision;
  if (old?.kind === "confirmed") {
    for (const o of st.evaluation?.outcomes ?? []) out[o.id] = { advice: [...o.values], otherwise: null, at: null };
  } else if (old?.kind === "override" && str(old.outcome) && str(old.value)) {
    out[old.outcome] = {
      advice: [...(adviceOf(st, old.outcome) ?? [])],
      otherwise: { values: [old.value], code: "", text: str(old.reason) ?? "" },
      at: null,
    };
  }
  return out;
}
