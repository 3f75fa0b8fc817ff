// <regie-wijzer> in Vue 3 templates (Volar / vue-tsc): `import type {} from "@regiewijzer/widget/vue";` once in
// the app. Tell Vue's compiler it is a custom element (`isCustomElement`, docs/widget.md); `.prop` sets a property.
import type { EmitFn, HTMLAttributes, PublicProps } from "vue";
import type { RegieWijzer, RegieWijzerEventMap, RegieWijzerProps } from "./regiewijzer.js";

/** The element as a Vue global component: its props and its events (`@regiewijzer-change`, …). */
export type RegieWijzerVueComponent = new () => RegieWijzer & {
  /** For the template's prop types only. */
  $props: HTMLAttributes & RegieWijzerProps & PublicProps;
  /** For the template's event types only. */
  $emit: EmitFn<{ [K in keyof RegieWijzerEventMap]: (event: RegieWijzerEventMap[K]) => void }>;
};

declare module "vue" {
  interface GlobalComponents {
    "regie-wijzer": RegieWijzerVueComponent;
  }
}
