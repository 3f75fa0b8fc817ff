// A React 19 portal page with <regie-wijzer> (tests/frameworks/README.md says what every app does).
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import "@regiewijzer/widget";

const NO_EVENTS = { change: 0, confirm: 0, error: 0 };

function App() {
  const [tick, setTick] = useState(0);
  const [shown, setShown] = useState(true);
  const [locked, setLocked] = useState(false);
  const [required, setRequired] = useState(false);
  const [source, setSource] = useState(null);
  const [answers, setAnswers] = useState({ "by-attribute": {}, "by-property": { acuut_gevaar: false } });
  const [events, setEvents] = useState({ "by-attribute": NO_EVENTS, "by-property": NO_EVENTS });

  const count = (id, kind) => setEvents((e) => ({ ...e, [id]: { ...e[id], [kind]: e[id][kind] + 1 } }));
  const on = (kind) => (event) => {
    const id = event.currentTarget.id;
    count(id, kind);
    // The pattern docs/widget.md suggests: keep the answers in the app's state and give them back.
    if (kind === "change") setAnswers((a) => ({ ...a, [id]: event.detail.answers }));
  };
  const ownRules = async () => setSource(await (await fetch("/rulesets/escalatie.regels")).text());

  return (
    <main>
      <p>Renders: <output id="ticks">{tick}</output></p>
      <button type="button" id="rerender" onClick={() => setTick(tick + 1)}>Re-render</button>
      <button type="button" id="toggle" onClick={() => setShown(!shown)}>Unmount / mount</button>
      <button type="button" id="lock" onClick={() => setLocked(!locked)}>Disable / enable</button>
      <button type="button" id="require" onClick={() => setRequired(!required)}>Required on / off</button>
      <button type="button" id="own-rules" onClick={ownRules}>Own rules text</button>
      <button type="button" id="bad-rules" onClick={() => setSource("dit is geen regelbestand")}>Bad rules text</button>
      <form id="host" method="post" action="/posted">
        {shown && (
          <>
            <regie-wijzer id="by-attribute" name="escalatie" lang="en" today="2026-03-02"
              rules="/rulesets/escalatie.regels" required disabled={locked} answers={answers["by-attribute"]}
              onregiewijzer-change={on("change")} onregiewijzer-confirm={on("confirm")}
              onregiewijzer-error={on("error")} />
            <regie-wijzer id="by-property" name={"intake"} lang={"nl"} today={"2026-03-02"}
              rules={"/rulesets/triage.regels"} required={required} disabled={locked}
              answers={answers["by-property"]} rulesSource={source}
              onregiewijzer-change={on("change")} onregiewijzer-confirm={on("confirm")}
              onregiewijzer-error={on("error")} />
          </>
        )}
        <button type="submit" id="submit">Verstuur</button>
      </form>
      <pre id="events">{JSON.stringify(events)}</pre>
      <pre id="answers">{JSON.stringify(answers)}</pre>
    </main>
  );
}

createRoot(document.getElementById("root")).render(<StrictMode><App /></StrictMode>);
