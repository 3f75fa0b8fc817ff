// An Angular portal page with <regie-wijzer> (tests/frameworks/README.md says what every app does).
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from "@angular/core";
import { bootstrapApplication } from "@angular/platform-browser";
import "@regiewijzer/widget";

type Id = "by-attribute" | "by-property";
type Kind = "change" | "confirm" | "error";
const none = () => ({ change: 0, confirm: 0, error: 0 });

@Component({
  selector: "app-root",
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <p>Renders: <output id="ticks">{{ tick() }}</output></p>
      <button type="button" id="rerender" (click)="tick.set(tick() + 1)">Re-render</button>
      <button type="button" id="toggle" (click)="shown.set(!shown())">Unmount / mount</button>
      <button type="button" id="lock" (click)="locked.set(!locked())">Disable / enable</button>
      <button type="button" id="require" (click)="required.set(!required())">Required on / off</button>
      <button type="button" id="own-rules" (click)="ownRules()">Own rules text</button>
      <button type="button" id="bad-rules" (click)="source.set('dit is geen regelbestand')">Bad rules text</button>
      <form id="host" method="post" action="/posted">
        @if (shown()) {
          <regie-wijzer id="by-attribute" name="escalatie" lang="en" today="2026-03-02"
            rules="/rulesets/escalatie.regels" required [attr.disabled]="locked() ? '' : null"
            [answers]="answers()['by-attribute']"
            (regiewijzer-change)="on('change', $event)" (regiewijzer-confirm)="on('confirm', $event)"
            (regiewijzer-error)="on('error', $event)"></regie-wijzer>
          <regie-wijzer id="by-property" [name]="'intake'" [lang]="'nl'" [today]="'2026-03-02'"
            [rules]="'/rulesets/triage.regels'" [required]="required()" [disabled]="locked()"
            [answers]="answers()['by-property']" [rulesSource]="source()"
            (regiewijzer-change)="on('change', $event)" (regiewijzer-confirm)="on('confirm', $event)"
            (regiewijzer-error)="on('error', $event)"></regie-wijzer>
        }
        <button type="submit" id="submit">Verstuur</button>
      </form>
      <pre id="events">{{ json(events()) }}</pre>
      <pre id="answers">{{ json(answers()) }}</pre>
    </main>
  `,
})
class App {
  tick = signal(0);
  shown = signal(true);
  locked = signal(false);
  required = signal(false);
  source = signal<string | null>(null);
  answers = signal<Record<Id, object>>({ "by-attribute": {}, "by-property": { acuut_gevaar: false } });
  events = signal<Record<Id, Record<Kind, number>>>({ "by-attribute": none(), "by-property": none() });
  json = JSON.stringify;

  on(kind: Kind, event: Event) {
    const id = (event.currentTarget as HTMLElement).id as Id;
    this.events.update((e) => ({ ...e, [id]: { ...e[id], [kind]: e[id][kind] + 1 } }));
    // The pattern docs/widget.md suggests: keep the answers in the app's state and give them back.
    if (kind === "change") {
      const answers = (event as CustomEvent<{ answers: object }>).detail.answers;
      this.answers.update((a) => ({ ...a, [id]: answers }));
    }
  }

  async ownRules() {
    this.source.set(await (await fetch("/rulesets/escalatie.regels")).text());
  }
}

bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((e) => console.error(e));
