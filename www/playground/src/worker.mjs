// The playground's worker: the long runs (analysis, comparison, replay) happen here, off the page's thread, so
// that the page answers every click while they run. The build bundles it (with the rules core's glue) into
// the page's script as text, and the page starts it from a blob: URL with the rules core already compiled
// (a WebAssembly.Module in its first message, with the shipped rulesets: the bases of a variant): starting
// one again, after a cancel, makes no request and works offline. Then one message per run, `{id, step}`
// messages while it works, and `{id, result}` or `{id, error}`. The page cancels a run by ending the worker
// and starting a new one.
import * as core from "../../../pkg/core/regiewijzer_core.js";
import { loadRules } from "./variants.mjs";

/** The shipped rulesets' rules by id (the first message brings them): the bases of a variant. */
let shipped = {};

/** Compiles `text` (a variant of a shipped ruleset as a variant of it), runs `use` on it and frees it again. */
function withRuleset(text, use) {
  const ruleset = loadRules(core, text, shipped);
  try {
    return use(ruleset);
  } finally {
    ruleset.free();
  }
}

/** Why a text does not load, in words: the first error's code, place and message, or what was thrown. */
function whyNot(e) {
  const d = e?.diagnostics?.find((x) => x.severity === "error");
  if (!d) return { nl: String(e?.message ?? e), en: String(e?.message ?? e) };
  const at = `${d.code} ${d.start.line}:${d.start.column}`;
  return { nl: `${at} — ${d.message_nl}`, en: `${at} — ${d.message_en}` };
}

/** Compiles `base` (the old version) and runs `use(old)`; `{ baselineInvalid }` when it does not load. */
function withBaseline(base, use) {
  let old;
  try {
    old = loadRules(core, base, shipped);
  } catch (e) {
    return { baselineInvalid: whyNot(e) };
  }
  try {
    return use(old);
  } finally {
    old.free();
  }
}

const JOBS = {
  /** The analysis of `rules` on `today`. */
  analyze({ rules, today }, step) {
    step("analysing");
    return withRuleset(rules, (r) => r.analyze(today));
  },
  /** The comparison of `base` (the old version) with `rules` on `today` (with what they declare differently:
   * `declared`). */
  diff({ base, rules, today }, step) {
    return withBaseline(base, (old) => {
      step("comparing");
      return withRuleset(rules, (r) => old.diff(r, today));
    });
  },
  /** The replay of `cases` (a CSV or JSON Lines file's bytes) under `base` and `rules`, with the
   * flips as CSV in `lang`. */
  replay({ base, rules, cases, today, lang }, step) {
    return withBaseline(base, (old) => {
      step("replaying");
      return withRuleset(rules, (r) => core.replay(old, r, cases, { today, reasonsPerFlip: 10, csv: lang }));
    });
  },
};

self.onmessage = ({ data }) => {
  if (data.module) {
    core.initSync({ module: data.module });
    shipped = data.shipped ?? {};
    return;
  }
  const { id, kind } = data;
  const step = (name) => self.postMessage({ id, step: name });
  try {
    self.postMessage({ id, result: JOBS[kind](data, step) });
  } catch (e) {
    self.postMessage({ id, error: whyNot(e) });
  }
};
