// The rules of a case, loaded once: each rules file fetched once (bytes), decoded and compiled by the
// rules-core API (pkg/core/, loaded on demand through the widget's own `loadCore`), the case check
// (`checkCase`) and the trajectory (`caseTrajectory`). This module is the casus's only way into the wasm;
// the `<regie-wijzer>` elements it composes load their own engine.
import { loadCore } from "../element/core.js";

/**
 * Fetches one rules file (same origin, as `<regie-wijzer>` does): `{bytes}` or `{problem: {kind, url, status}}`
 * with kind `http` or `network`.
 * @param {string} url an absolute URL
 */
async function fetchBytes(url) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return { problem: { kind: "http", url, status: response.status } };
    return { bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch {
    return { problem: { kind: "network", url, status: null } };
  }
}

/** The absolute URLs of a `rules` attribute (space-separated, resolved against the page), or a problem. */
export function rulesUrls(attr, base) {
  const parts = (attr ?? "").split(/\s+/).filter(Boolean);
  if (!parts.length) return { problem: { kind: "empty", url: null, status: null } };
  const urls = [];
  for (const p of parts) {
    try {
      urls.push(new URL(p, base).href);
    } catch {
      return { problem: { kind: "url", url: p, status: null } };
    }
  }
  return { urls };
}

/**
 * Loads the rulesets of a case: `{rulesets, diagnostics, trajectory, core}` (each ruleset: `{id, version,
 * hash, title, text, rules, checklist, facts}`, `rules` a pkg/core `Ruleset` kept for evaluating the case),
 * or `{problem}` (kind `http`, `network`, `compiler` or `rules`, with the URL and, for `rules`, the errors).
 * @param {string[]} urls
 */
export async function loadCase(urls) {
  const fetched = await Promise.all(urls.map(fetchBytes));
  const failed = fetched.find((f) => f.problem);
  if (failed) return failed;
  let core;
  try {
    core = await loadCore();
  } catch {
    return { problem: { kind: "compiler", url: null, status: null } };
  }
  const rulesets = [];
  for (const [i, f] of fetched.entries()) {
    const one = compileOne(core, f.bytes, urls[i]);
    if (one.problem) {
      for (const r of rulesets) r.rules.free();
      return one;
    }
    rulesets.push(one);
  }
  const texts = rulesets.map((r) => r.text);
  try {
    return { rulesets, diagnostics: core.checkCase(texts), trajectory: core.caseTrajectory(texts) };
  } catch (e) {
    for (const r of rulesets) r.rules.free();
    return { problem: { kind: "rules", url: null, status: null, diagnostics: e?.diagnostics ?? [] } };
  }
}

/** One rules file: decoded and compiled, or a problem with its errors. */
function compileOne(core, bytes, url) {
  const decoded = core.decodeSource(bytes);
  if (decoded.diagnostic) return { problem: { kind: "rules", url, status: null, diagnostics: [decoded.diagnostic] } };
  let rules;
  try {
    rules = core.Ruleset.load(decoded.text);
  } catch (e) {
    return { problem: { kind: "rules", url, status: null, diagnostics: e?.diagnostics ?? [] } };
  }
  const checklist = rules.checklist();
  const facts = new Set(checklist.sections.flatMap((s) => s.facts.map((f) => f.id)));
  const { id, version, hash, title } = checklist.ruleset;
  return { id, version, hash, title, text: decoded.text, rules, checklist, facts };
}
