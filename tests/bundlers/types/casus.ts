// <regie-casus> (the package's "./casus" entry): its value, events and properties.
import "@regiewijzer/widget/casus";
import type { RegieCasus, RegieCasusValue } from "@regiewijzer/widget/casus";

const c: RegieCasus = document.createElement("regie-casus");
c.rules = "/regels/triage.regels /regels/escalatie.regels /regels/regie.regels";
c.today = "2026-03-02";
c.addEventListener("regiecasus-change", (e) => {
  const value: RegieCasusValue = e.detail;
  console.log(value.phase, value.lead, value.log.map((entry) => (entry.kind === "phase" ? entry.phase : entry.outcome)));
});
document.addEventListener("regiecasus-error", (e) => console.log(e.detail.message.nl, e.detail.kind));
c.value = '{"format":1,"kind":"case"}';
console.log(c.summary, c.value?.answers, c.trajectory?.phases.length);

// @ts-expect-error the case's log has no entries of another kind
const wrong: RegieCasusValue["log"][number]["kind"] = "note";
console.log(wrong);
