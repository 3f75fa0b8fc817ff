// Placeholder playground: check a ruleset in the browser and list its diagnostics (code, line:column,
// Dutch and English message). The full playground comes with the widget.
import init, { check, defaultRulesetSource } from "../../pkg/core/regiewijzer_wasm.js";

const $ = (id) => document.getElementById(id);

function show() {
  const diags = check($("source").value);
  const list = $("diagnostics");
  list.replaceChildren();
  for (const d of diags) {
    const li = document.createElement("li");
    li.dataset.code = d.code;
    li.textContent = `${d.code} ${d.start.line}:${d.start.column} — ${d.message_nl} / ${d.message_en}`;
    list.append(li);
  }
  const errors = diags.filter((d) => d.severity === "error").length;
  $("summary").textContent = `${errors} fouten, ${diags.length - errors} waarschuwingen`;
}

await init();
$("source").value = defaultRulesetSource();
$("check").addEventListener("click", show);
show();
