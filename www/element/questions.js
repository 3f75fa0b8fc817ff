// The checklist: built once per ruleset and language, then patched per question (shown or not, whether
// it matters next, an unusable answer). A control's value is written only when the host sets answers
// (or restores or resets them): what the professional types stays in the field that has it.

import { button, h, heading, setAttr, setText } from "./dom.js";
import { fill } from "./words.js";
import { buildRecords, DATE_MAX, DATE_MIN } from "./timeline.js";

/**
 * @typedef {{ el: HTMLElement, fact: any, issue: HTMLElement, records?: HTMLElement, shown?: string }} Entry
 */

/**
 * The checklist element and an index of its questions by id.
 * @param {any} checklist
 * @param {import("./words.js").Words} w
 * @param {string} lang
 * @param {number} level the heading level of "Vragenlijst" (the host's `heading-level`)
 * @returns {{ root: HTMLElement, index: Map<string, Entry> }}
 */
export function buildChecklist(checklist, w, lang, level) {
  const index = new Map();
  const title = checklist.ruleset.title[lang];
  const root = h("div", { part: "checklist", role: "group", "aria-label": `${w.checklist}: ${title}` }, [heading(level, "heading", w.checklist)]);
  for (const section of checklist.sections) {
    const fs = h("fieldset", { part: "section", "data-section": section.id }, [h("legend", {}, [section.label[lang]])]);
    if (section.help) fs.append(h("p", { part: "help" }, [section.help[lang]]));
    for (const fact of section.facts) {
      const entry = question(fact, w, lang);
      index.set(fact.id, entry);
      fs.append(entry.el);
    }
    root.append(fs);
  }
  return { root, index };
}

/** One question with its controls (empty: the answers are written by {@link writeAnswer}). */
function question(fact, w, lang) {
  const id = `rw-${fact.id}`;
  const el = h("div", { part: "question", "data-fact": fact.id, "data-type": fact.type });
  const help = fact.help ? h("p", { id: `${id}-help`, part: "help" }, [fact.help[lang]]) : null;
  const issue = h("p", { part: "answer-issue", id: `${id}-issue`, hidden: true });
  const entry = { el, fact, issue };
  if (fact.type === "scale" && fact.options.length === 0) el.append(...wideScale(fact, id, Boolean(help), w, lang));
  else if (fact.type === "bool" || fact.type === "scale") el.append(radios(fact, id, Boolean(help), w, lang));
  else if (fact.type === "timeline") {
    entry.records = h("div", { part: "records" });
    const add = button("add-record", w.addRecord, { "aria-label": `${w.addRecord}: ${fact.label[lang]}` });
    el.append(h("fieldset", { part: "control" }, [h("legend", {}, [fact.label[lang]]), entry.records, add]));
  } else el.append(h("label", { for: id }, [fact.label[lang]]), field(fact, id, Boolean(help), w, lang));
  if (help) el.append(help);
  el.append(issue);
  return entry;
}

/** Yes/no, or a scale of up to ten levels: radios in a fieldset. */
function radios(fact, id, hasHelp, w, lang) {
  const fs = h("fieldset", { part: "control", "aria-describedby": hasHelp ? `${id}-help` : null }, [h("legend", {}, [fact.label[lang]])]);
  const options = fact.type === "bool" ? [["true", w.yes], ["false", w.no]] : fact.options.map((o) => [o.id, o.label[lang]]);
  options.forEach(([value, label], i) => {
    const input = h("input", { type: "radio", name: id, id: `${id}-${i}`, value });
    fs.append(h("div", { part: "option" }, [input, h("label", { for: `${id}-${i}` }, [label])]));
  });
  return fs;
}

/** A choice (a select with an empty first option), a whole number or a date. */
function field(fact, id, hasHelp, w, lang) {
  const described = hasHelp ? `${id}-help` : null;
  if (fact.type === "choice") {
    const options = [h("option", { value: "" }, [w.choose]), ...fact.options.map((o) => h("option", { value: o.id }, [o.label[lang]]))];
    return h("select", { id, part: "control", "aria-describedby": described }, options);
  }
  const int = fact.type === "int";
  return h("input", {
    type: int ? "number" : "date", id, part: "control", "aria-describedby": described,
    inputmode: int ? "numeric" : null, min: int ? fact.min : DATE_MIN, max: int ? fact.max : DATE_MAX,
  });
}

/** A scale too wide to list level by level: a bounded number field, described by its named ends. */
function wideScale(fact, id, hasHelp, w, lang) {
  const described = hasHelp ? `${id}-ends ${id}-help` : `${id}-ends`;
  const end = (n) => {
    const level = fact.levels?.find((l) => l.id === String(n));
    return level ? `${n} (${level.label[lang]})` : String(n ?? "");
  };
  return [
    h("label", { for: id }, [fact.label[lang]]),
    h("input", { type: "number", id, part: "control", inputmode: "numeric", step: "1", min: fact.min, max: fact.max, "aria-describedby": described }),
    h("p", { id: `${id}-ends`, part: "scale-ends" }, [`${w.scaleFrom} ${end(fact.min)} ${w.scaleTo} ${end(fact.max)}`]),
  ];
}

/**
 * The answer in a question's controls (`undefined`: unanswered). A timeline is read by its rows.
 * @param {Entry} entry
 */
export function readAnswer(entry) {
  const { el, fact } = entry;
  const radio = el.querySelector("input[type=radio]");
  if (radio) {
    const checked = el.querySelector("input[type=radio]:checked")?.value;
    if (checked == null) return undefined;
    return fact.type === "bool" ? checked === "true" : Number.parseInt(checked, 10);
  }
  if (fact.type === "timeline") return readRecords(entry.records);
  const control = el.querySelector("[part=control]");
  const text = control?.value ?? "";
  if (!text.trim()) return undefined;
  if (fact.type === "int" || fact.type === "scale") {
    const n = Number(text.trim());
    return Number.isSafeInteger(n) && /^[+-]?\d+$/.test(text.trim()) ? n : text;
  }
  return text;
}

/** The records of a timeline as its rows hold them (fields as text; empty fields left out). */
function readRecords(rows) {
  return [...rows.querySelectorAll("[part=record]")].map((row) => {
    const rec = {};
    for (const c of row.querySelectorAll("[data-field]")) if (c.value) rec[c.dataset.field] = c.value;
    return rec;
  });
}

/**
 * Writes `answer` into the question's controls (the host set the answers, or restored or reset them).
 * @param {Entry} entry
 * @param {any} answer
 * @param {{ w: any, lang: string, today: string }} ctx
 */
export function writeAnswer(entry, answer, ctx) {
  const { el, fact } = entry;
  if (fact.type === "timeline") {
    buildRecords(entry, answer, ctx);
    return;
  }
  const radios = el.querySelectorAll("input[type=radio]");
  if (radios.length) {
    for (const r of radios) r.checked = answer !== undefined && r.value === String(answer);
    return;
  }
  const control = el.querySelector("[part=control]");
  if (!control) return;
  const text = answer === undefined ? "" : String(answer);
  if (control.value !== text) control.value = text;
}

/**
 * Patches every question whose state in the evaluation changed: shown or hidden (`ask when`, or the host's
 * `omit`), whether it matters next, and an answer that cannot be used: its message is shown under the
 * question, is the description of its controls, and marks them `aria-invalid`. A section is shown only while
 * one of its questions is. Returns the problems that are new, in words, for the live status.
 * @param {Map<string, Entry>} index
 * @param {any} evaluation
 * @param {{ w: import("./words.js").Words, lang: string, omit: Set<string> }} ctx
 * @returns {string[]}
 */
export function patchQuestions(index, evaluation, { w, lang, omit }) {
  const issues = new Map(evaluation.answer_issues.map((i) => [i.fact, i]));
  const fresh = [];
  const sections = new Set();
  for (const f of evaluation.facts) {
    const entry = index.get(f.id);
    if (!entry) continue;
    const shown = f.asked === "yes" && !omit.has(f.id);
    if (shown) sections.add(f.section);
    const found = issues.get(f.id);
    const issue = found ? issueText(found, lang) : null;
    const key = `${shown}|${f.matters_next}|${issue ?? ""}`;
    if (entry.shown === key) continue;
    const before = entry.issueText ?? null;
    entry.shown = key;
    entry.issueText = issue;
    setAttr(entry.el, "hidden", !shown);
    setAttr(entry.el, "data-matters", shown && f.matters_next);
    setAttr(entry.issue, "hidden", issue == null);
    setText(entry.issue, issue == null ? "" : `${w.answerProblem}: ${issue}`);
    markInvalid(entry, issue != null);
    if (issue != null && issue !== before && shown) fresh.push(`${entry.fact.label[lang]}: ${entry.issue.textContent}`);
  }
  for (const { el } of index.values()) setAttr(el.parentElement, "hidden", !sections.has(el.parentElement.dataset.section));
  return fresh;
}

/** An answer problem in plain words, as the engine says it ("150 ligt niet tussen 0 en 120."). */
function issueText(issue, lang) {
  return issue.message[lang];
}

/** The question's controls described by its problem too (after its own description), and marked invalid. */
function markInvalid(entry, invalid) {
  const issueId = entry.issue.id;
  for (const c of entry.el.querySelectorAll("[part=control]")) {
    const own = (c.getAttribute("aria-describedby") ?? "").split(" ").filter((t) => t && t !== issueId);
    setAttr(c, "aria-describedby", [...own, ...(invalid ? [issueId] : [])].join(" ") || null);
  }
  for (const c of entry.el.querySelectorAll("input, select")) setAttr(c, "aria-invalid", invalid ? "true" : null);
}

/** `{given}` / `{date}` notice text for a `today` that is not a date. */
export const todayNotice = (w, given, date) => fill(w.todayInvalid, { given, date });
