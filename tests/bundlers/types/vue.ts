// <regie-wijzer> as Vue 3 sees it in a template: its props and its events.
import type {} from "@regiewijzer/widget/vue";
import type { GlobalComponents } from "vue";

type Element = InstanceType<GlobalComponents["regie-wijzer"]>;
export const props: Element["$props"] = { name: "triage", rules: "/r.regels", required: true, answers: { a: true }, rulesSource: null, omit: ["fase"] };
// @ts-expect-error required is a boolean
export const wrong: Element["$props"] = { required: "ja" };
export const emit = (el: Element) => el.$emit("regiewijzer-change", new CustomEvent("regiewijzer-change", { detail: el.value as never }));
