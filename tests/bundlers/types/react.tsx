// <regie-wijzer> in React 19 JSX: attributes, properties and the events as React 19 passes them.
import type {} from "@regiewijzer/widget/react";
import type { RegieWijzerValue } from "@regiewijzer/widget";

export function Intake(props: { answers: Record<string, boolean>; save: (v: RegieWijzerValue) => void }) {
  return (
    <form>
      <regie-wijzer name="triage" lang="nl" today="2026-03-02" rules="/regels/triage.regels" required disabled={false}
        heading-level={3} answers={props.answers} rulesSource={null} omit={["fase", "melder"]}
        onregiewijzer-change={(e) => props.save(e.detail)}
        onregiewijzer-confirm={(e) => console.log(e.detail.decided, e.detail.decisions)}
        onregiewijzer-error={(e) => console.log(e.detail.kind, e.detail.message.nl)} />
      {/* @ts-expect-error required is a boolean */}
      <regie-wijzer required="ja" />
      {/* @ts-expect-error omit is a list of question ids (or one text) */}
      <regie-wijzer omit={42} />
      {/* @ts-expect-error answers are an object of answers */}
      <regie-wijzer answers={42} />
      {/* @ts-expect-error the change event's detail is the value, which has no such field */}
      <regie-wijzer onregiewijzer-change={(e) => e.detail.nope} />
    </form>
  );
}
