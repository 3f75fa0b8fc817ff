// <regie-wijzer> in React 19 JSX: `import type {} from "@regiewijzer/widget/react";` once in the app (or
// "types" in tsconfig.json). React 19 sets a prop as a property when the element has one (`answers`,
// `rulesSource`, …) and adds a listener for a function prop named `on` + the event's name, as written.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type { RegieWijzer, RegieWijzerEventProps, RegieWijzerProps } from "./regiewijzer.js";

/** The props of `<regie-wijzer>`: its attributes, its properties and its events. */
export interface RegieWijzerReactProps
  extends DetailedHTMLProps<HTMLAttributes<RegieWijzer>, RegieWijzer>, RegieWijzerProps, RegieWijzerEventProps {}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "regie-wijzer": RegieWijzerReactProps;
    }
  }
}
