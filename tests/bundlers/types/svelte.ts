// <regie-wijzer> as Svelte 5 sees it in markup: attributes, properties and events.
import type {} from "@regiewijzer/widget/svelte";
import type { SvelteHTMLElements } from "svelte/elements";

export const props: SvelteHTMLElements["regie-wijzer"] = {
  name: "triage", lang: "nl", required: true, answers: { a: true }, omit: "fase melder",
  "onregiewijzer-change": (e) => console.log(e.detail.answers),
};
// @ts-expect-error the change event's detail has no such field
export const wrong: SvelteHTMLElements["regie-wijzer"] = { "onregiewijzer-change": (e) => e.detail.nope };
