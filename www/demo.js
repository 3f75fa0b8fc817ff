// Placeholder demo portal: loads the wasm core, compiles the default triage ruleset once and evaluates
// the answers live. Every text from the rules goes into the page with textContent, never as HTML.
import init, { Ruleset } from "../pkg/core/regiewijzer_core.js";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") e.textContent = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
};

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function control(fact) {
  const id = `f-${fact.id}`;
  const wrap = el("div", { dataset: { fact: fact.id } });
  wrap.append(el("label", { for: id, text: fact.label.nl }));
  let input;
  if (fact.type === "bool" || fact.type === "choice" || fact.type === "scale") {
    input = el("select", { id, name: fact.id });
    input.append(el("option", { value: "", text: "— onbekend —" }));
    const options = fact.type === "bool"
      ? [{ id: "true", label: { nl: "ja" } }, { id: "false", label: { nl: "nee" } }]
      : fact.options;
    for (const o of options) input.append(el("option", { value: o.id, text: o.label.nl }));
  } else if (fact.type === "int") {
    input = el("input", { id, name: fact.id, type: "number" });
    if (fact.min !== null) input.min = fact.min;
    if (fact.max !== null) input.max = fact.max;
  } else {
    input = el("input", { id, name: fact.id, type: "date" });
  }
  wrap.append(input);
  return wrap;
}

function answers(form) {
  const out = {};
  for (const input of form.querySelectorAll("select, input")) {
    if (input.value === "") continue;
    const v = input.value;
    out[input.name] = v === "true" ? true : v === "false" ? false : input.type === "number" ? Number(v) : v;
  }
  return out;
}

function render(ruleset, form) {
  const result = ruleset.evaluate(answers(form), today());
  for (const f of result.facts) {
    const wrap = form.querySelector(`[data-fact="${f.id}"]`);
    if (wrap) wrap.hidden = f.asked !== "yes";
  }
  const box = $("outcomes");
  box.replaceChildren();
  for (const o of result.outcomes) {
    const value = o.status === "undecided" ? "nog geen besluit"
      : o.status === "conflict" ? "tegenstrijdige regels"
      : o.value_labels.map((l) => l.nl).join(", ");
    const div = el("div", { class: "outcome", dataset: { outcome: o.id, status: o.status, values: o.values.join(" ") } });
    if (o.provisional) div.dataset.provisional = "";
    const h = el("h3", { text: o.label.nl });
    if (o.provisional) h.append(el("span", { class: "badge", text: "voorlopig" }));
    div.append(h, el("p", { text: value }));
    if (o.reasons[0]) div.append(el("p", { text: `Waarom: ${o.reasons[0].because.nl}` }));
    box.append(div);
  }
}

async function main() {
  await init();
  const ruleset = Ruleset.loadDefault();
  $("ruleset-id").textContent = ruleset.id;
  $("ruleset-version").textContent = ruleset.version;
  $("ruleset-hash").textContent = ruleset.hash;
  $("ruleset").hidden = false;
  const form = $("checklist");
  for (const section of ruleset.checklist().sections) {
    const fs = el("fieldset", {}, el("legend", { text: section.label.nl }));
    for (const fact of section.facts) fs.append(control(fact));
    form.append(fs);
  }
  form.hidden = false;
  form.addEventListener("input", () => render(ruleset, form));
  form.addEventListener("change", () => render(ruleset, form));
  render(ruleset, form);
  $("status").textContent = "De regels zijn geladen.";
}

main().catch((e) => {
  $("status").textContent = `De regels konden niet worden geladen: ${e}`;
});
