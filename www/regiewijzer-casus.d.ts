// Types of the <regie-casus> element (www/regiewijzer-casus.js; the package's "./casus" entry). It imports
// the <regie-wijzer> element and composes one per ruleset; docs/widget.md ("`<regie-casus>`").
import type { Answer, OutcomeDecision, Text } from "./regiewijzer.js";

/** A ruleset of the case, as the case value names it. */
export interface CaseRuleset { id: string; version: string; hash: string }

/** The professional set the phase of the case (a decision). */
export interface CasePhaseEntry {
  kind: "phase";
  /** The case's `today` at that moment (YYYY-MM-DD): the date the rules used. */
  date: string;
  /** The device's clock at that moment (ISO 8601, UTC). */
  at: string;
  phase: string;
  from: string | null;
  /** The party that led after the change, or null when the rules did not decide one. */
  lead: string | null;
}

/** The professional confirmed the advice of one outcome, or decided otherwise. */
export interface CaseDecisionEntry {
  kind: "decision";
  date: string;
  at: string;
  ruleset: CaseRuleset;
  outcome: string;
  decision: "confirmed" | "override";
  advice: string[];
  values: string[];
  /** The professional's reason (an override): a code from the ruleset's reasons and their own text. */
  reason: { code: string; text: string } | null;
  /** The advice's reasons, in words. */
  because: Text;
}

/** What the form submits (as JSON), what `value` gives and takes, and what the events carry. */
export interface RegieCasusValue {
  format: 1;
  kind: "case";
  rulesets: CaseRuleset[];
  today: string;
  lang: "nl" | "en";
  /** One set of answers for every ruleset: a question with the same id in two rulesets is one question. */
  answers: Record<string, Answer>;
  /** Question id → the phase it was answered in (a question answered in another phase is not asked again). */
  answeredIn: Record<string, string>;
  phase: string | null;
  lead: string | null;
  /** Ruleset id → outcome id → the decision, as in <regie-wijzer>'s value. */
  decisions: Record<string, Record<string, OutcomeDecision>>;
  /** Phase changes and decisions, oldest first. */
  log: (CasePhaseEntry | CaseDecisionEntry)[];
  /** Present when the case could not give advice (rules that could not be loaded). */
  unavailable?: { reason: "beslisondersteuning niet beschikbaar"; kind: "rules" | "http" | "network" | "compiler" | "url" | "empty"; message: Text };
}

/** Why the case cannot give advice, or (`fatal`) an engine of one of its widgets failed. */
export interface RegieCasusErrorDetail {
  message: Text;
  kind?: "rules" | "http" | "network" | "compiler" | "url" | "empty";
  url?: string | null;
  status?: number | null;
  diagnostics?: unknown[];
  fatal?: boolean;
  ruleset?: string | null;
}

/** The trajectory of the case's rules (pkg/core `caseTrajectory`). */
export interface CaseTrajectory {
  phaseFact: string | null;
  leadOutcome: string | null;
  leadRuleset: string | null;
  phases: { id: string; label: Text; rulesets: string[]; leads: { party: string; label: Text }[]; decided: boolean }[];
  parties: { id: string; label: Text }[];
  handovers: { id: string; ruleset: string; title: Text; from: string; to: string; phases: string[]; requires: Text[] }[];
  pingPong: { handovers: [string, string]; message: Text }[];
  rulesets: { id: string; title: Text; phases: string[] | null }[];
}

export declare class RegieCasus extends HTMLElement {
  static formAssociated: true;
  /** Space-separated URLs of the rules files (same origin), in order: `rules` attribute. */
  rules: string | null;
  /** The date the rules use (`YYYY-MM-DD`); null: the device's date. */
  today: string | null;
  name: string | null;
  /** Invalid until the advice shown in the current phase is decided. */
  required: boolean;
  disabled: boolean;
  /** The level (1–6, default 2) of the casus's headings; the widgets' one below. */
  headingLevel: number;
  /** The case (a copy). Set it (the object, or the JSON text the form posted; null empties the case) to
   * restore answers, decisions and log; no event. */
  get value(): RegieCasusValue | null;
  set value(v: RegieCasusValue | Partial<RegieCasusValue> | string | null);
  /** The plain-text summary: the course of the case, who leads, open handovers, the log with the reasons. */
  readonly summary: string;
  /** The trajectory of the case's rules; null before they load. */
  readonly trajectory: CaseTrajectory | null;
  /** Resolves when the rules are loaded and the casus is drawn (or says why not). */
  readonly ready: Promise<void>;
  /** Resolves when the casus and every widget in it are drawn. */
  readonly widgetsReady: Promise<unknown>;
  readonly form: HTMLFormElement | null;
  readonly type: string;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
  formStateRestoreCallback(state: string | null): void;
  formResetCallback(): void;
  formDisabledCallback(disabled: boolean): void;
}

export interface RegieCasusEventMap {
  "regiecasus-change": CustomEvent<RegieCasusValue>;
  "regiecasus-confirm": CustomEvent<RegieCasusValue>;
  "regiecasus-error": CustomEvent<RegieCasusErrorDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    "regie-casus": RegieCasus;
  }
  interface HTMLElementEventMap extends RegieCasusEventMap {}
  interface DocumentEventMap extends RegieCasusEventMap {}
  interface WindowEventMap extends RegieCasusEventMap {}
}
