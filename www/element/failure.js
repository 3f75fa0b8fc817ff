// What the widget shows when it cannot give advice: rules that cannot be used (with their errors), an
// engine that could not start (with the host's fallback content), and an engine that failed while
// running (every widget on the page stops calling it and keeps its last value). Words only, as text.

import { h } from "./dom.js";
import { shown } from "./answers.js";
import { cut, fill, EN, NL } from "./words.js";
import { FORMAT } from "./state.js";

/**
 * The message for rules that could not be used: the load error and what exactly went wrong.
 * @param {import("./words.js").Words} w
 * @param {{ kind: string, url?: string | null, status?: number | null }} problem
 */
export function rulesMessage(w, problem) {
  const detail = { http: w.loadHttp, network: w.loadNetwork, csp: w.loadCsp, compiler: w.loadCompiler, url: w.loadUrl, empty: w.loadEmpty }[problem.kind];
  if (!detail) return w.loadError;
  const text = fill(detail, { url: cut(problem.url ?? "", 200), status: String(problem.status ?? "") });
  return `${w.loadError} ${text}`;
}

/**
 * The error box for rules that could not be used: the message and up to 20 errors with code and
 * line:column.
 * @param {import("./words.js").Words} w
 * @param {string} lang
 * @param {{ kind: string, url?: string | null, status?: number | null }} problem
 * @param {any[]} diagnostics
 */
export function rulesError(w, lang, problem, diagnostics) {
  const box = h("div", { part: "error", role: "alert", "data-kind": problem.kind }, [h("p", {}, [rulesMessage(w, problem)])]);
  const errors = diagnostics.filter((d) => d.severity === "error").slice(0, 20);
  if (errors.length) {
    const message = lang === "en" ? "message_en" : "message_nl";
    box.append(h("ul", {}, errors.map((d) => h("li", {}, [`${d.code} ${d.start.line}:${d.start.column} ${d[message]}`]))));
  }
  return box;
}

/** The `regiewijzer-error` detail for rules that could not be used. */
export function rulesDetail(problem, diagnostics) {
  return {
    message: { nl: rulesMessage(NL, problem), en: rulesMessage(EN, problem) },
    diagnostics, kind: problem.kind, url: problem.url ?? null, status: problem.status ?? null,
  };
}

/**
 * The words for an engine that could not start (`kind` from engine.js's StartError).
 * @param {import("./words.js").Words} w
 * @param {{ kind: string, message: string, status: number | null }} error
 */
export const startMessage = (w, error) => (error.kind === "wasm" ? w.wasm : `${w.start} ${error.message}`);

/** The host's fallback content (e.g. a link to the paper procedure): `<slot name="fallback">`. */
export const fallbackSlot = () => h("slot", { name: "fallback", part: "fallback" });

/**
 * The error box of an engine that could not start, with the host's fallback content under it.
 * @param {import("./words.js").Words} w
 * @param {{ kind: string, message: string, status: number | null }} error
 */
export function startError(w, error) {
  return [
    h("div", { part: "error", role: "alert", "data-kind": error.kind }, [h("p", {}, [startMessage(w, error)]), h("p", {}, [w.unavailable])]),
    fallbackSlot(),
  ];
}

/**
 * The error state after the engine failed while running: the words and the answers kept in the form.
 * @param {import("./words.js").Words} w
 * @param {Record<string, any>} answers
 */
export function brokenBox(w, answers) {
  const list = h("ul", { part: "kept-answers" }, Object.entries(answers).map(([id, v]) => h("li", {}, [`${id}: ${shown(v)}`])));
  if (!list.childElementCount) list.append(h("li", {}, [w.noAnswers]));
  const details = h("details", { open: true }, [h("summary", {}, [w.keptAnswers]), list]);
  return [h("div", { part: "error", role: "alert", "data-fatal": "" }, [h("p", {}, [w.broken]), h("p", {}, [w.kept]), details]), fallbackSlot()];
}

/** The form value of a widget that never had advice to give: the professional decides without it. */
export function unavailableValue(kind, message, answers) {
  return { format: FORMAT, unavailable: { reason: "beslisondersteuning niet beschikbaar", kind, message }, ruleset: null, answers, decided: false, decisions: {} };
}
