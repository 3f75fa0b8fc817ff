// The professional's decision panel: per outcome its advice and decision, "Wijk af" with the form to
// decide otherwise (kept while it is open: answers and redraws never drop what is typed in it), and
// "Bevestig advies" for every outcome not decided yet. One row per outcome, kept by id and patched.

import { button, h, heading, setAttr, setText } from "./dom.js";
import { valueText } from "./advice.js";

/**
 * The panel, empty until {@link patchDecision}, under its heading ("Besluit").
 * @param {import("./words.js").Words} w
 * @param {number} level the heading level (the host's `heading-level`)
 */
export function buildDecision(w, level) {
  const status = h("p", { part: "decision-status" });
  const list = h("ul", { part: "decision-outcomes", tabindex: "-1", "aria-label": w.decisions });
  const confirm = button("confirm", w.confirm);
  const line = h("p", { part: "advice-line" });
  const panel = h("div", { part: "decision" }, [heading(level, "heading", w.decision), status, list]);
  return { panel, status, list, confirm, line, rows: new Map() };
}

/**
 * Brings the panel up to date with the state (evaluation, decisions, the open form).
 * @param {ReturnType<typeof buildDecision>} view
 * @param {any} st the widget state
 * @param {{ w: any, lang: string }} ctx
 */
export function patchDecision(view, st, ctx) {
  const { w } = ctx;
  const outcomes = st.evaluation?.outcomes ?? [];
  const decided = outcomes.filter((o) => o.id in st.decisions).length;
  const overridden = Object.values(st.decisions).some((d) => d.otherwise);
  const [kind, text] = decided === 0 ? ["none", w.notConfirmed]
    : decided < outcomes.length ? ["partial", w.partlyDecided]
      : overridden ? ["override", w.decidedWithOverride] : ["confirmed", w.confirmed];
  setAttr(view.status, "data-decision", kind);
  setText(view.status, text);
  const seen = new Set();
  let prev = null;
  for (const o of outcomes) {
    seen.add(o.id);
    let row = view.rows.get(o.id);
    if (!row) {
      row = rowNode(o, st, ctx);
      view.rows.set(o.id, row);
    }
    patchRow(row, o, st, ctx);
    const at = prev ? prev.nextElementSibling : view.list.firstElementChild;
    if (at !== row.el) (prev ? prev.after(row.el) : view.list.prepend(row.el));
    prev = row.el;
  }
  for (const [id, row] of view.rows) if (!seen.has(id)) { row.el.remove(); view.rows.delete(id); }
  const showConfirm = decided < outcomes.length;
  if (showConfirm) setText(view.confirm, decided === 0 ? w.confirm : w.confirmRest);
  if (showConfirm && !view.confirm.isConnected) view.panel.append(view.line, view.confirm);
  if (!showConfirm && view.confirm.isConnected) { view.line.remove(); view.confirm.remove(); }
  if (showConfirm) setText(view.line, adviceLine(outcomes, st.checklist, ctx));
}

/** How many outcomes the compact line beside "Bevestig advies" names (route and urgency in triage). */
const LINE_NAMED = 2;

/** "Advies: Route: Bemoeizorg · Urgentie: Binnen 24 uur": the advice that is confirmed, beside the button
 * (the single-value outcomes first in the ruleset, without deadlines and lists of actions). */
function adviceLine(outcomes, checklist, { w, lang }) {
  const single = outcomes.filter((o) => !["collect", "deadline"].includes(checklist.outcomes.find((v) => v.id === o.id)?.policy));
  const named = single.slice(0, LINE_NAMED).map((o) => `${o.label[lang]}: ${valueText(o, w, lang)}`);
  return named.length ? `${w.adviceLine}: ${named.join(" · ")}` : "";
}

/**
 * Per outcome in the advice its decision in words ("Besluit: afgeweken: …"), beside its outcome: shown in
 * print, where the decision panel comes after every reason.
 * @param {{ outcomes: Map<string, any> }} advice the advice view
 * @param {any} st the widget state
 * @param {{ w: any, lang: string }} ctx
 */
export function patchOutcomeDecisions(advice, st, { w, lang }) {
  for (const o of st.evaluation?.outcomes ?? []) {
    const node = advice.outcomes.get(o.id);
    if (!node) continue;
    node.decision ??= h("p", { part: "outcome-decision" });
    if (!node.decision.isConnected) node.value.after(node.decision);
    setText(node.decision, `${w.decision}: ${decisionInWords(o, st.decisions[o.id], st.checklist, w, lang)}`);
  }
}

/** One outcome's row: its text and, unless it is a deadline, "Wijk af". */
function rowNode(o, st, { w, lang }) {
  const text = h("span");
  const el = h("li", { part: "decision-outcome", "data-outcome": o.id }, [text]);
  const view = st.checklist.outcomes.find((v) => v.id === o.id);
  let toggle = null;
  if (view && view.policy !== "deadline") {
    toggle = button("override", w.override, { "data-outcome": o.id, "aria-label": `${w.override}: ${o.label[lang]}` });
    el.append(toggle);
  }
  return { el, text, toggle, view, form: null };
}

/** Patches a row: the decision in words, and the override form opened or closed. */
function patchRow(row, o, st, ctx) {
  const { w, lang } = ctx;
  const d = st.decisions[o.id];
  setAttr(row.el, "data-decision", !d ? "none" : d.otherwise ? "override" : "confirmed");
  const advice = o.value_labels.map((t) => t[lang]).join(", ") || w.undecided;
  setText(row.text, `${o.label[lang]}: ${advice} — ${decisionInWords(o, d, st.checklist, w, lang)}`);
  const open = st.draft?.outcome === o.id && row.toggle != null;
  if (row.toggle) setAttr(row.toggle, "aria-expanded", open ? "true" : "false");
  if (open && !row.form) {
    row.form = overrideForm(row.view, o, st, ctx);
    row.el.append(row.form);
  } else if (!open && row.form) {
    row.form.remove();
    row.form = null;
  }
}

/** One outcome's decision in words, as the core's summary says it: "bevestigd", "afgeweken: … (reden:
 * …)", "nog niet genomen". */
export function decisionInWords(o, d, checklist, w, lang) {
  if (!d) return w.decNotDecided;
  if (!d.otherwise) return w.decConfirmed;
  const view = checklist.outcomes.find((v) => v.id === o.id);
  const label = (id) => view?.values.find((v) => v.id === id)?.label[lang] ?? id;
  const labels = (ids) => (ids.length ? ids.map(label).join(", ") : w.decNone);
  const { values, code, text } = d.otherwise;
  // For a list, "toegevoegd: …; geschrapt: …", a side left out when it is empty (as the summary says it).
  const changed = [[w.decAdded, values.filter((v) => !o.values.includes(v))], [w.decStruck, o.values.filter((v) => !values.includes(v))]]
    .filter(([, ids]) => ids.length).map(([word, ids]) => `${word}: ${labels(ids)}`);
  const what = view?.policy === "collect" ? changed.join("; ") || w.decNone : labels(values);
  const why = [checklist.override_reasons?.find((r) => r.id === code)?.label[lang], text.split(/\s+/).filter(Boolean).join(" ")]
    .filter(Boolean);
  return `${w.decOverridden}: ${what} (${w.decReason}: ${why.join(" – ")})`;
}

/** The form to decide otherwise on one outcome: an empty required choice (or the actions that hold, for
 * a `collect` outcome), the reason code (required) and free text; filled from a draft being typed, or the
 * saved override. */
function overrideForm(view, o, st, { w, lang }) {
  const saved = st.decisions[o.id]?.otherwise;
  const draft = st.draft?.outcome === o.id && st.draft.touched ? st.draft : saved ?? null;
  const form = h("div", { part: "override-form", "data-outcome": o.id, role: "group", "aria-label": `${w.override}: ${o.label[lang]}` });
  if (view.policy === "collect") {
    const checked = draft ? draft.values : o.values;
    form.append(h("fieldset", { part: "override-values" }, [h("legend", {}, [`${view.label[lang]} ${w.whatHolds}`]),
      ...view.values.map((v) => h("label", {}, [
        h("input", { type: "checkbox", value: v.id, "data-field": "override-values", checked: checked.includes(v.id) }),
        ` ${v.label[lang]}`])),
    ]));
  } else {
    const options = view.values.map((v) => [v.id, v.label[lang]]);
    form.append(choice("override-value", `${view.label[lang]} — ${w.overrideValue}`, options, draft?.values[0], w));
  }
  const reasons = (st.checklist.override_reasons ?? []).map((r) => [r.id, r.label[lang]]);
  if (reasons.length) form.append(choice("override-code", w.overrideReason, reasons, draft?.code, w));
  const area = h("textarea", {
    id: "rw-override-reason", "data-field": "override-reason", rows: "3", required: reasons.length === 0,
    "aria-describedby": "rw-override-error",
  });
  area.value = draft?.text ?? "";
  form.append(h("label", { for: "rw-override-reason" }, [reasons.length ? w.overrideText : w.overrideReason]), area,
    h("p", { id: "rw-override-error", part: "decision-error", role: "alert", hidden: true }),
    button("save-override", w.saveOverride), button("cancel-override", w.cancel));
  return form;
}

/** A labelled, required choice that starts empty ("— kies —") unless `chosen` is one of its options. */
function choice(field, label, options, chosen, w) {
  const id = `rw-${field}`;
  const sel = h("select", { id, "data-field": field, required: true, "aria-describedby": "rw-override-error" }, [
    h("option", { value: "" }, [w.choose]), ...options.map(([v, l]) => h("option", { value: v }, [l]))]);
  sel.value = options.some(([v]) => v === chosen) ? chosen : "";
  return h("div", {}, [h("label", { for: id }, [label]), sel]);
}

/**
 * What is typed in the open override form (`null`: none open). A choice the loaded rules do not have
 * reads as none.
 * @param {ParentNode} root
 */
export function typed(root) {
  const form = root.querySelector("[part=override-form]");
  if (!form) return null;
  const get = (f) => form.querySelector(`[data-field=${f}]`)?.value ?? "";
  const values = [get("override-value")].filter(Boolean);
  for (const b of form.querySelectorAll("[data-field=override-values]")) if (b.checked) values.push(b.value);
  return { outcome: form.dataset.outcome, values, code: get("override-code"), text: get("override-reason") };
}

/**
 * Keeps what is typed in the open form in the state's draft before the panel is redrawn (another
 * language, new rules): a choice not shown (the rules in between lacked it) keeps the draft's choice,
 * for when those rules come back.
 * @param {ParentNode} root
 * @param {any} st
 */
export function keepDraft(root, st) {
  const now = typed(root);
  if (!now || st.draft?.outcome !== now.outcome) return;
  const old = st.draft;
  st.draft = {
    outcome: now.outcome, touched: true,
    values: now.values.length ? now.values : old.values,
    code: now.code || old.code,
    text: now.text,
  };
}

/**
 * Shows why an override cannot be saved, marks the `field` to fix and puts the keyboard on it.
 * @param {ParentNode} root
 * @param {string} message
 * @param {string} field
 */
export function showError(root, message, field) {
  const err = root.querySelector("[part=decision-error]");
  if (err) {
    setText(err, message);
    setAttr(err, "hidden", false);
  }
  const control = root.querySelector(`[part=override-form] [data-field=${field}]`);
  control?.setAttribute("aria-invalid", "true");
  control?.focus();
}
