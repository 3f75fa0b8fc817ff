// The element's events on the element, the document and the window (they bubble and are composed).
import "@regiewijzer/widget";
import type { RegieWijzer, RegieWijzerValue } from "@regiewijzer/widget";

document.addEventListener("regiewijzer-change", (e) => {
  const value: RegieWijzerValue = e.detail;
  console.log(value.answers, value.decided, e.detail.ruleset.hash);
});
window.addEventListener("regiewijzer-confirm", (e) => console.log(e.detail.decisions));
document.addEventListener("regiewijzer-error", (e) => console.log(e.detail.kind, e.detail.diagnostics.length));

const el: RegieWijzer = document.createElement("regie-wijzer");
el.addEventListener("regiewijzer-change", (e) => console.log(e.detail.outcomes));
el.answers = { acuut_gevaar: false };
el.required = true;
el.omit = ["fase"];
el.omit = "fase melder";
el.omit = null;
const omitted: string[] = el.omit;
const phases: string[] | null = el.phases;
console.log(omitted, phases);
const decided: boolean | undefined = el.value?.decided;
console.log(decided, el.summary, document.querySelector("regie-wijzer")?.ruleset?.id);

// @ts-expect-error the change event's detail has no such field
document.addEventListener("regiewijzer-change", (e) => e.detail.nope);
// @ts-expect-error an error's detail is not the value
window.addEventListener("regiewijzer-error", (e) => e.detail.decided);
// @ts-expect-error answers are an object
el.answers = "ja";
// @ts-expect-error phases are the rules', read-only
el.phases = ["melding"];
// @ts-expect-error omit is a list of question ids
el.omit = [1, 2];
