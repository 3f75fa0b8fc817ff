// The rows of a timeline question (one `[part=record]` per record, one input per field, a remove button
// per row), drawn from its answer when the answer is set, a row is added or removed: typing in a field
// changes the answer without redrawing the rows.

import { button, h } from "./dom.js";

/** The dates a date field takes: four-digit years, as the engine reads them. */
export const DATE_MIN = "1000-01-01";
export const DATE_MAX = "9999-12-31";

/**
 * Draws the rows of timeline question `entry` from `records` (`undefined`: unanswered, which is not the
 * same as none: then the professional can say "none").
 * @param {{ el: HTMLElement, fact: any, records?: HTMLElement }} entry
 * @param {any} records
 * @param {{ w: any, lang: string }} ctx
 */
export function buildRecords(entry, records, { w, lang }) {
  const rows = entry.records;
  if (!rows) return;
  const list = Array.isArray(records) ? records : [];
  const out = [];
  if (list.length === 0 && Array.isArray(records)) out.push(h("p", {}, [w.noneRecords]));
  else if (list.length === 0) {
    out.push(h("p", {}, [w.noRecords]), button("no-records", w.noneButton, { "aria-label": `${w.noneButton}: ${entry.fact.label[lang]}` }));
  }
  list.forEach((rec, i) => out.push(row(entry.fact, rec ?? {}, i, w, lang)));
  rows.replaceChildren(...out);
}

/** One record: a labelled control per field and its remove button. */
function row(fact, rec, i, w, lang) {
  const el = h("div", { part: "record", role: "group", "aria-label": `${w.record} ${i + 1}` });
  for (const f of fact.fields) {
    const id = `rw-${fact.id}-${i}-${f.id}`;
    el.append(h("label", { for: id }, [f.label[lang]]), control(f, id, rec[f.id], w, lang));
  }
  // The name says which timeline too: two timelines never have buttons of the same name.
  el.append(button("remove-record", w.removeRecord, {
    "data-index": i, "aria-label": `${w.removeRecord} ${w.record.toLowerCase()} ${i + 1}: ${fact.label[lang]}`,
  }));
  return el;
}

/** The control of one field: a select for a choice or yes/no, else a date or number input. */
function control(f, id, value, w, lang) {
  const text = value == null ? "" : String(value);
  if (f.type === "choice" || f.type === "bool") {
    const opts = f.type === "bool" ? [["true", w.yes], ["false", w.no]] : f.options.map((o) => [o.id, o.label[lang]]);
    const sel = h("select", { id, "data-field": f.id }, [h("option", { value: "" }, [w.choose]),
      ...opts.map(([v, l]) => h("option", { value: v }, [l]))]);
    sel.value = text;
    return sel;
  }
  const date = f.type === "date";
  const input = h("input", { id, "data-field": f.id, type: date ? "date" : "number", min: date ? DATE_MIN : null, max: date ? DATE_MAX : null });
  input.value = text;
  return input;
}

/**
 * The records after the professional added a row (its first field, the date, set to `today`) or
 * removed row `index`.
 * @param {any} answer the current answer
 * @param {"add-record" | "remove-record"} action
 * @param {any} fact
 * @param {string} today
 * @param {number} index
 */
export function changedRecords(answer, action, fact, today, index) {
  const records = Array.isArray(answer) ? [...answer] : [];
  if (action === "add-record") {
    const first = fact.fields[0]?.id;
    records.push(first ? { [first]: today } : {});
  } else if (index >= 0 && index < records.length) {
    records.splice(index, 1);
  }
  return records;
}
