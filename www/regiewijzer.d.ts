// Types of the <regie-wijzer> element (www/regiewijzer.js). The rules core's own types are in
// regiewijzer_wasm.d.ts.

/** A text in Dutch and English. */
export interface Text { nl: string; en: string }

/** One answer: yes/no, a number, a text (option id or YYYY-MM-DD), or the records of a timeline. */
export type Answer = boolean | number | string | Record<string, boolean | number | string>[];

/** The professional's decision on one outcome of the advice. */
export interface OutcomeDecision {
  /** The advice (value ids) the decision was made on. */
  advice: string[];
  /** Confirmed as advised, or decided otherwise. */
  decision: "confirmed" | "override";
  /** What holds after the decision: the advice when confirmed; else the chosen value (one, for a
   * single-value outcome) or, for a collect outcome, the actions after adding and striking. */
  values: string[];
  /** Why (only for `override`): a code from the ruleset's `override reason` list and free text. */
  reason: { code: string; text: string } | null;
  /** When the professional confirmed or overrode: ISO 8601 in UTC from the device's clock at that moment;
   * null when the time is not known (a decision restored from a value of an older widget). */
  decidedAt: string | null;
  /** The same as `decidedAt` (its name before format 1), kept for hosts that read it. */
  at: string | null;
}

/** The version of the value's shape; raised only when a field changes meaning or goes away
 * (docs/widget.md, "Value"; schema: `@regiewijzer/widget/value.schema.json`). */
export type RegieWijzerValueFormat = 1;
/** A FHIR R4 resource as JSON (docs/fhir.md). */
export interface FhirResource { resourceType: string; [element: string]: unknown }
/** A ruleset's checklist as a FHIR R4 `Questionnaire`: canonical `url` and `version` of the ruleset. */
export interface FhirQuestionnaire extends FhirResource { resourceType: "Questionnaire"; url: string; version: string }
/** A widget value as a FHIR R4 `QuestionnaireResponse`: `questionnaire` is `url|version` of the Questionnaire. */
export interface FhirQuestionnaireResponse extends FhirResource {
  resourceType: "QuestionnaireResponse"; questionnaire: string; status: "completed" | "in-progress";
}

/** What the host form submits (as JSON) and what the events carry. */
export interface RegieWijzerValue {
  format: RegieWijzerValueFormat;
  /** The rules' identity; `base`: for a variant (docs/language.md, "Variants"), the base it was resolved against. */
  ruleset: { id: string; version: string; hash: string; base?: { id: string; version: string; hash: string } };
  today: string;
  lang: "nl" | "en";
  answers: Record<string, Answer>;
  /** Answers to questions these rules do not have (e.g. removed in a new version): kept, not used. */
  removed_answers: string[];
  outcomes: Record<string, {
    status: "decided" | "default" | "undecided" | "conflict";
    values: string[];
    provisional: boolean;
    /** The ids of the rules (or table rows, handovers) behind the outcome. */
    rules: string[];
  }>;
  /** True when every outcome has a decision (the form's `required` asks for this). */
  decided: boolean;
  /** Per outcome id: the professional's decision; an outcome not decided yet is absent. */
  decisions: Record<string, OutcomeDecision>;
}

/** Detail of `regiewijzer-error`: the rules could not be loaded or compiled, or (`fatal`) the widget's
 * core failed; it then shows an error state and keeps its last value, with these `answers`, in the form. */
export interface RegieWijzerErrorDetail {
  message: Text;
  diagnostics: { code: string; severity: "error" | "warning"; start: { line: number; column: number }; message_nl: string; message_en: string }[];
  /** Why the rules could not be used (docs/widget.md): errors in the file, an HTTP status, no connection or
   * CORS, the page's CSP, the compiler, not a URL, an empty `rules` attribute; or why the widget could not
   * start (its WebAssembly refused by the page's CSP, or another reason). Absent when `fatal`. */
  kind?: "rules" | "http" | "network" | "csp" | "compiler" | "url" | "empty" | "wasm" | "start";
  /** The rules file's resolved address, or null. */
  url?: string | null;
  /** The HTTP status for kind `http`, else null. */
  status?: number | null;
  fatal?: true;
  answers?: Record<string, Answer>;
}

/** The form value of a widget that could not give advice before it ever had a value (its engine could not
 * start, or its rules could not be used): the form is sent with this, and is never blocked. */
export interface RegieWijzerUnavailableValue {
  format: RegieWijzerValueFormat;
  unavailable: { reason: "beslisondersteuning niet beschikbaar"; kind: NonNullable<RegieWijzerErrorDetail["kind"]>; message: Text };
  ruleset: null;
  answers: Record<string, Answer>;
  decided: false;
  decisions: Record<string, never>;
}

/** `<regie-wijzer rules lang today name required disabled heading-level omit>`: a form-associated triage checklist with live
 * advice. Every attribute is also a property that reflects it. Content with `slot="fallback"` is shown only
 * when the widget cannot give advice (docs/widget.md). */
export declare class RegieWijzer extends HTMLElement {
  static readonly formAssociated: true;
  /** The answers: question id to value (a copy). Setting them (null: none) fires no event. */
  answers: Record<string, Answer>;
  /** Rules source text used instead of the `rules` file (editors, playgrounds); null or '' for none. Setting it
   * recompiles in the page and keeps the answers to questions that remain. */
  rulesSource: string | null;
  /** The `rules` attribute: the URL of a rules file (null: the built-in rules). */
  rules: string | null;
  /** The `today` attribute: the date the rules use, YYYY-MM-DD (null: the device's date). */
  today: string | null;
  /** The `name` attribute: the form field's name. */
  name: string | null;
  /** The `required` attribute: invalid until every outcome is decided. */
  required: boolean;
  /** The `disabled` attribute (a `<fieldset disabled>` around it disables it too). */
  disabled: boolean;
  /** The `heading-level` attribute: the level (1–6, default 2) of the widget's headings "Vragenlijst",
   * "Advies" and "Besluit"; the outcomes' headings are one below. Setting null removes the attribute. */
  get headingLevel(): number;
  set headingLevel(v: number | string | null);
  /** The `omit` attribute as a list: ids of questions the widget does not show (the host asks them elsewhere,
   * e.g. `<regie-casus>`); their answers still come from `answers`, count and stay in the value. Set a list or
   * a space-separated text; null or [] removes the attribute. Setting it fires no event. */
  get omit(): string[];
  set omit(v: readonly string[] | string | null);
  /** The phases of a case in which the loaded rules are used (the ruleset's `phases` line); null: every phase
   * (no such line), or no rules loaded. */
  readonly phases: string[] | null;
  /** The value the form submits (also while new rules fail to load: the last one), or null before the first. */
  readonly value: RegieWijzerValue | RegieWijzerUnavailableValue | null;
  /** The ruleset's identity. */
  readonly ruleset: RegieWijzerValue["ruleset"] | null;
  /** The plain-text summary for a dossier, in the widget's language. */
  readonly summary: string;
  /** Resolves when the rules are loaded and the widget is drawn (or it said why not). */
  readonly ready: Promise<void>;
  /** The value as a FHIR R4 `QuestionnaireResponse` to the rules' `Questionnaire` (docs/fhir.md), made by the
   * rules-core API (`core/`, loaded on demand). Rejects with `{nl, en}` when there is no value of usable rules. */
  toQuestionnaireResponse(): Promise<FhirQuestionnaireResponse>;
  /** The loaded rules' checklist as a FHIR R4 `Questionnaire` (docs/fhir.md); loads `core/` on demand. */
  toQuestionnaire(): Promise<FhirQuestionnaire>;
  readonly form: HTMLFormElement | null;
  readonly type: string;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
}

/** The element's events: `regiewijzer-change` once per answer the professional gives (none for what the host
 * sets), `regiewijzer-confirm` per decision recorded, `regiewijzer-error` when it cannot give advice. */
export interface RegieWijzerEventMap {
  "regiewijzer-change": CustomEvent<RegieWijzerValue>;
  "regiewijzer-confirm": CustomEvent<RegieWijzerValue>;
  "regiewijzer-error": CustomEvent<RegieWijzerErrorDetail>;
}

/** What a framework's template may set on `<regie-wijzer>`: the attributes and the properties (the typings
 * for React 19, Vue and Svelte: `@regiewijzer/widget/react`, `/vue`, `/svelte`). */
export interface RegieWijzerProps {
  /** URL of a rules file (same origin); absent: the shipped rules. */
  rules?: string | null;
  /** The date the rules use, `YYYY-MM-DD`; absent: the device's date. */
  today?: string | null;
  /** The form field's name. */
  name?: string | null;
  /** Invalid until every outcome is decided. */
  required?: boolean;
  disabled?: boolean;
  /** The level (1–6, default 2) of the widget's headings, as the property. */
  headingLevel?: number | null;
  /** The same as the attribute. */
  "heading-level"?: number | string;
  /** The answers: question id to value (a property). */
  answers?: Record<string, Answer> | null;
  /** Rules text used instead of the `rules` file (a property). */
  rulesSource?: string | null;
  /** Ids of questions not shown here (asked elsewhere): a list as the property, space-separated as the attribute. */
  omit?: readonly string[] | string | null;
}

/** The element's events as props named `on` + the event's name, as React 19 and Svelte 5 listen to them. */
export type RegieWijzerEventProps = {
  [K in keyof RegieWijzerEventMap as `on${K}`]?: (event: RegieWijzerEventMap[K]) => void;
};

declare global {
  interface HTMLElementTagNameMap {
    "regie-wijzer": RegieWijzer;
  }
  // The events bubble and are composed: listen on the element, the document or the window.
  interface HTMLElementEventMap extends RegieWijzerEventMap {}
  interface DocumentEventMap extends RegieWijzerEventMap {}
  interface WindowEventMap extends RegieWijzerEventMap {}
}
