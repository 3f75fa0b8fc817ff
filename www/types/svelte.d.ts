// <regie-wijzer> in Svelte 5 markup: `import type {} from "@regiewijzer/widget/svelte";` once in the app.
// Svelte 5 sets a prop as a property when the element has a setter, and `on` + the event's name listens.
import type { HTMLAttributes } from "svelte/elements";
import type { RegieWijzer, RegieWijzerEventProps, RegieWijzerProps } from "./regiewijzer.js";

/** The props of `<regie-wijzer>`: its attributes, its properties and its events. */
export interface RegieWijzerSvelteProps
  extends HTMLAttributes<RegieWijzer>, RegieWijzerProps, RegieWijzerEventProps {}

declare module "svelte/elements" {
  interface SvelteHTMLElements {
    "regie-wijzer": RegieWijzerSvelteProps;
  }
}
