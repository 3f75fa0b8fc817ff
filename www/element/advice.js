// The advice: per outcome its value, provisional mark and reasons ("Waarom?"), the handovers, and "wat
// nu telt". One node per outcome, kept by id and patched where its part of the evaluation changed; a
// "Waarom?" the professional opened stays open.

import { button, h, heading, same, setAttr, setText } from "./dom.js";
import { fill } from "./words.js";

/** How many ranked open questions "wat nu telt" shows before "meer vragen". */
const NEXT_SHOWN = 3;
/** How many values a `collect` outcome could still get are named before "and N more". */
const COULD_ADD_SHOWN = 4;

/**
 * The advice panel (outcomes and handovers) and "wat nu telt", empty until {@link patchAdvice}. The panel
 * is a region named after the ruleset too ("Advies: Triage meldpunt"), so that two widgets on one page
 * have landmarks of their own.
 * @param {import("./words.js").Words} w
 * @param {number} level the heading level of the panel (the host's `heading-level`)
 * @param {string} title the ruleset's title
 */
export function buildAdvice(w, level, title) {
  const panel = h("section", { part: "outcomes", "aria-label": `${w.advice}: ${title}` }, [heading(level, "heading", w.advice)]);
  const next = h("div", { part: "matters-next" });
  return { panel, next, outcomes: new Map(), handovers: new Map(), lastNext: null };
}

/**
 * Brings the advice up to date with `evaluation`: only outcomes, handovers and the ranked questions
 * whose part of it changed are touched.
 * @param {ReturnType<typeof buildAdvice>} view
 * @param {any} evaluation
 * @param {{ w: any, lang: string, labels: Map<string, any>, omit: Set<string> }} ctx
 */
export function patchAdvice(view, evaluation, ctx) {
  const seen = new Set();
  for (const o of evaluation.outcomes) {
    seen.add(o.id);
    let node = view.outcomes.get(o.id);
    if (!node) {
      node = outcomeNode(o, ctx);
      view.outcomes.set(o.id, node);
    }
    patchOutcome(node, o, ctx);
  }
  for (const [id, node] of view.outcomes) if (!seen.has(id)) { node.el.remove(); view.outcomes.delete(id); }
  const order = evaluation.outcomes.map((o) => view.outcomes.get(o.id).el);
  patchHandovers(view, evaluation.handovers, ctx);
  const handovers = [...view.handovers.values()];
  // Keep the order of the evaluation (a node is moved only when it is out of place).
  let prev = view.panel.firstElementChild; // the heading
  for (const el of [...order, ...handovers]) {
    if (prev.nextElementSibling !== el) prev.after(el);
    prev = el;
  }
  // An omitted question is asked elsewhere (the host's `omit`): not something to answer here.
  patchNext(view, evaluation.next.filter((n) => !ctx.omit.has(n.fact)), ctx);
}

/** The nodes of one outcome (filled by {@link patchOutcome}). */
function outcomeNode(o, { w, lang, level }) {
  const badge = h("span", { part: "badge" }, [w.provisional]);
  const title = heading(level + 1, "outcome-title", o.label[lang]);
  const value = h("p", { part: "outcome-value" });
  const couldAdd = h("p", { part: "could-add", hidden: true });
  const list = h("ul");
  const reasons = h("details", { part: "reasons", "data-outcome": o.id }, [h("summary", {}, [w.why]), list]);
  const el = h("div", { part: "outcome", "data-outcome": o.id }, [title, value, couldAdd, reasons]);
  return { el, title, badge, value, couldAdd, list, last: null };
}

/** Patches one outcome's node where its result changed. */
function patchOutcome(node, o, ctx) {
  if (node.last && same(node.last, o)) return;
  const { w, lang } = ctx;
  node.last = o;
  setAttr(node.el, "data-status", o.status);
  setAttr(node.el, "data-provisional", o.provisional);
  if (o.provisional && !node.badge.isConnected) node.title.append(" ", node.badge);
  if (!o.provisional && node.badge.isConnected) node.title.replaceChildren(o.label[lang]);
  setText(node.value, valueText(o, w, lang));
  setAttr(node.value, "data-values", o.values.join(" "));
  setAttr(node.value, "data-days-left", o.deadline ? o.deadline.days_left : null);
  setAttr(node.value, "data-overdue", Boolean(o.deadline?.overdue));
  patchCouldAdd(node.couldAdd, o, w, lang);
  node.list.replaceChildren(...reasonItems(o, ctx));
}

/** The value of an outcome in words. */
export function valueText(o, w, lang) {
  if (o.status === "undecided") return o.policy === "deadline" ? w.noDeadline : w.undecided;
  if (o.status === "conflict") return w.conflict;
  return o.value_labels.map((l) => l[lang]).join(", ");
}

/** "Kan nog bij komen: …" under a `collect` outcome: the values some answers could still add. */
function patchCouldAdd(p, o, w, lang) {
  const labels = o.could_add_labels ?? [];
  setAttr(p, "hidden", labels.length === 0);
  if (!labels.length) return;
  const names = labels.slice(0, COULD_ADD_SHOWN).map((l) => l[lang]);
  const rest = labels.length - COULD_ADD_SHOWN;
  if (rest > 0) names.push(fill(w.andMore, { n: String(rest) }));
  setText(p, `${w.couldAdd}: ${names.join(", ")}`);
  setAttr(p, "data-values", o.could_add.join(" "));
}

/** "Waarom?": per rule its title, its because and one sentence per condition part (made by the core),
 * its sources; then what a near miss still needs. */
function reasonItems(o, { w, lang, labels }) {
  const items = o.reasons.map((r) => {
    const who = r.kind === "default" ? w.default : r.title?.[lang];
    const li = h("li", {}, who ? [h("strong", {}, [who]), ": "] : []);
    li.append(r.because[lang]);
    const sentences = r.conditions.filter((c) => c.sentence[lang]);
    if (sentences.length) li.append(h("ul", {}, sentences.map((c) => h("li", { "data-condition": c.text }, [c.sentence[lang]]))));
    for (const s of r.sources) li.append(h("p", {}, [`${w.source}: ${s}`]));
    return li;
  });
  for (const n of o.nearest) {
    const missing = n.missing.map((m) => labels.get(m)?.[lang] ?? m);
    if (!missing.length) continue;
    const values = n.value_labels.map((v) => v[lang]).join(", ");
    items.push(h("li", {}, [`${w.stillNeeded} ${values}: ${missing.join("; ")}`]));
  }
  return items;
}

/** The handovers that are proposed (their `when` holds: blocked or complete), one node each, redrawn when
 * it changed; one whose `when` is no or still unknown is not shown. */
function patchHandovers(view, handovers, ctx) {
  const shown = new Set();
  for (const ho of handovers) {
    if (ho.status === "not_proposed" || ho.status === "open") continue;
    shown.add(ho.id);
    const old = view.handovers.get(ho.id);
    if (old && same(old.last, ho)) continue;
    const el = handoverNode(ho, ctx);
    old?.replaceWith(el);
    el.last = ho;
    view.handovers.set(ho.id, el);
  }
  for (const [id, el] of view.handovers) if (!shown.has(id)) { el.remove(); view.handovers.delete(id); }
}

/** `text` with its first letter a capital ("Van Kliniek naar FACT-team"). */
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** One handover: who to whom, complete or not, and what is still missing. */
function handoverNode(ho, { w, lang, level }) {
  const title = ho.title?.[lang] ?? ho.id;
  const state = ho.status === "complete" ? w.handoverComplete : w.handoverBlocked;
  const el = h("div", { part: "handover", "data-handover": ho.id, "data-status": ho.status }, [
    heading(level + 1, "outcome-title", `${w.handover}: ${title}`),
    h("p", {}, [`${capital(fill(w.handoverFromTo, { from: ho.from_label[lang], to: ho.to_label[lang] }))}: ${state}`]),
  ]);
  if (ho.missing.length) {
    el.append(h("ul", { part: "handover-missing", "aria-label": w.handoverMissing }, ho.missing.map((m) => h("li", {}, [m[lang]]))));
  }
  return el;
}

/** "Wat nu telt": redrawn only when the ranking changed; "meer vragen" stays open when it was, and the
 * keyboard stays on the question button it was on. */
function patchNext(view, next, { w, lang, level }) {
  if (view.lastNext && same(view.lastNext, next)) return;
  view.lastNext = next;
  const root = view.next;
  const wasOpen = root.querySelector("details[part=more-questions]")?.open ?? false;
  const active = root.getRootNode().activeElement;
  const focusedFact = root.contains(active) ? active.dataset.target : null;
  if (!next.length) {
    root.replaceChildren();
    return;
  }
  const top = next.slice(0, NEXT_SHOWN);
  const rest = next.slice(NEXT_SHOWN);
  const children = [heading(level + 1, "outcome-title", w.mattersNext), nextList(top, lang)];
  if (rest.length) {
    const more = h("details", { part: "more-questions" }, [h("summary", {}, [`${w.moreQuestions} (${rest.length})`]), nextList(rest, lang)]);
    more.open = wasOpen;
    children.push(more);
  }
  root.replaceChildren(...children);
  if (focusedFact) root.querySelector(`[data-target="${CSS.escape(focusedFact)}"]`)?.focus();
}

/** The ranked questions, each a button that moves focus to it and what it could change. */
function nextList(items, lang) {
  return h("ul", {}, items.map((n) => {
    const said = n.changes.map((c) => c.text[lang]);
    return h("li", { "data-fact": n.fact, "data-kind": n.kind }, [
      button("focus", n.question[lang], { "data-target": n.fact }),
      said.length ? h("p", { part: "next-change" }, [said.join("; ")]) : null,
    ]);
  }));
}
