// Every fixed text of the <regie-wijzer> element, in Dutch and English. The texts about the rules
// themselves (questions, values, reasons, what matters next, the summary) come from the rules engine.

/** @typedef {typeof NL} Words */

/** Dutch. */
export const NL = {
  checklist: "Vragenlijst",
  advice: "Advies",
  provisional: "voorlopig",
  undecided: "nog geen besluit",
  conflict: "tegenstrijdige regels: de professional beslist",
  why: "Waarom?",
  default: "standaard",
  source: "Bron",
  stillNeeded: "Nog nodig voor",
  mattersNext: "Wat nu telt",
  moreQuestions: "Meer vragen",
  couldAdd: "Kan nog bij komen",
  andMore: "en nog {n}",
  yes: "Ja",
  no: "Nee",
  choose: "— kies —",
  confirm: "Bevestig advies",
  override: "Wijk af",
  overrideValue: "nieuw besluit (verplicht)",
  overrideReason: "Reden van de afwijking (verplicht)",
  overrideText: "Toelichting (vrij)",
  whatHolds: "— vink aan wat geldt",
  confirmRest: "Bevestig de rest van het advies",
  decidedWithOverride: "Besluit vastgelegd, deels afgeweken van het advies.",
  partlyDecided: "Nog niet over alles besloten.",
  saveOverride: "Leg afwijking vast",
  cancel: "Annuleer",
  notConfirmed: "Het advies is nog niet bevestigd.",
  confirmed: "Advies bevestigd.",
  decisions: "Besluit per uitkomst",
  decision: "Besluit",
  adviceLine: "Advies",
  copy: "Kopieer samenvatting",
  copied: "Samenvatting gekopieerd.",
  copySelected: "De samenvatting is geselecteerd: kopieer hem met Ctrl+C.",
  handoverFromTo: "van {from} naar {to}",
  summary: "Samenvatting",
  ruleset: "Regelset",
  version: "versie",
  addRecord: "Voeg toe",
  removeRecord: "Verwijder",
  noRecords: "Nog niets ingevuld.",
  noneRecords: "Geen (bewust leeg).",
  noneButton: "Geen",
  recordAdded: "Registratie {n} toegevoegd.",
  recordRemoved: "Registratie {n} verwijderd.",
  noDeadline: "geen termijn",
  removedAnswers: "Antwoorden op vragen die deze regels niet (meer) hebben. Ze tellen niet mee en blijven bewaard:",
  records: "registraties",
  record: "Registratie",
  loadError: "De regels konden niet worden geladen. De pagina werkt verder; het advies ontbreekt.",
  loadHttp: "De server antwoordde met status {status} op de vraag om het regelbestand {url}.",
  loadNetwork: "Het regelbestand {url} kon niet worden opgehaald: er is geen verbinding, of de server staat ophalen vanaf deze pagina niet toe (CORS).",
  loadCsp: "Het beveiligingsbeleid van deze pagina (Content-Security-Policy, connect-src) staat het ophalen van het regelbestand {url} niet toe.",
  loadCompiler: "Het programma dat de regels vertaalt kon niet worden geladen of liep vast.",
  loadUrl: "Het adres van het regelbestand ({url}) is geen bruikbaar adres.",
  loadEmpty: "Het attribuut rules is leeg: er is geen regelbestand opgegeven. Geef het adres van een regelbestand, of laat het attribuut weg voor het ingebouwde voorbeeld.",
  todayInvalid: "De datum van vandaag (today={given}) is geen geldige datum; de widget rekent met de datum van dit apparaat: {date}",
  scaleFrom: "van",
  scaleTo: "tot en met",
  chooseOverride: "Kies eerst het besluit.",
  answerProblem: "Dit antwoord wordt niet gebruikt",
  handover: "Overdracht",
  handoverMissing: "Nog niet rond",
  handoverComplete: "rond",
  handoverBlocked: "nog niet rond",
  disclaimer: "Beslisondersteuning: de professional beslist.",
  // The decision on one outcome in words (as the core's summary says it).
  decConfirmed: "bevestigd",
  decOverridden: "afgeweken",
  decNotDecided: "nog niet genomen",
  decAdded: "toegevoegd",
  decStruck: "geschrapt",
  decNone: "geen",
  decReason: "reden",
  // The live status: one short sentence about what changed.
  liveOverride: "Afwijking vastgelegd: {outcome}.",
  liveCancel: "Afwijking niet vastgelegd.",
  // The element itself.
  required: "Bevestig het advies of wijk af met een reden.",
  broken: "Er ging iets mis in de beslisondersteuning. Het advies wordt niet meer bijgewerkt.",
  kept: "De antwoorden tot nu toe zijn bewaard in het formulier en staan hieronder. Laad de pagina opnieuw om verder te gaan.",
  keptAnswers: "Antwoorden tot nu toe",
  noAnswers: "(nog geen antwoorden)",
  start: "De widget kon niet starten:",
  wasm: "De widget kon niet starten: de browser weigerde de WebAssembly-code uit te voeren. Het beveiligingsbeleid van deze pagina (Content-Security-Policy) moet 'wasm-unsafe-eval' toestaan.",
  unavailable: "De beslisondersteuning is niet beschikbaar. Het formulier kan zonder advies worden verstuurd; de professional beslist zelf.",
};

/** English. @type {Words} */
export const EN = {
  checklist: "Checklist",
  advice: "Advice",
  provisional: "provisional",
  undecided: "no decision yet",
  conflict: "conflicting rules: the professional decides",
  why: "Why?",
  default: "default",
  source: "Source",
  stillNeeded: "Still needed for",
  mattersNext: "What matters next",
  moreQuestions: "More questions",
  couldAdd: "Could still be added",
  andMore: "and {n} more",
  yes: "Yes",
  no: "No",
  choose: "— choose —",
  confirm: "Confirm advice",
  override: "Decide otherwise",
  overrideValue: "new decision (required)",
  overrideReason: "Reason for deciding otherwise (required)",
  overrideText: "Explanation (optional)",
  whatHolds: "— tick what holds",
  confirmRest: "Confirm the rest of the advice",
  decidedWithOverride: "Decision recorded, partly deciding otherwise.",
  partlyDecided: "Not everything decided yet.",
  saveOverride: "Record the decision",
  cancel: "Cancel",
  notConfirmed: "The advice has not been confirmed yet.",
  confirmed: "Advice confirmed.",
  decisions: "Decision per outcome",
  decision: "Decision",
  adviceLine: "Advice",
  copy: "Copy summary",
  copied: "Summary copied.",
  copySelected: "The summary is selected: copy it with Ctrl+C.",
  handoverFromTo: "from {from} to {to}",
  summary: "Summary",
  ruleset: "Ruleset",
  version: "version",
  addRecord: "Add",
  removeRecord: "Remove",
  noRecords: "Nothing filled in yet.",
  noneRecords: "None (deliberately empty).",
  noneButton: "None",
  recordAdded: "Record {n} added.",
  recordRemoved: "Record {n} removed.",
  noDeadline: "no deadline",
  removedAnswers: "Answers to questions these rules do not have (any more). They do not count and are kept:",
  records: "records",
  record: "Record",
  loadError: "The rules could not be loaded. The page keeps working; the advice is missing.",
  loadHttp: "The server answered with status {status} when asked for the rules file {url}.",
  loadNetwork: "The rules file {url} could not be fetched: there is no connection, or the server does not allow this page to fetch it (CORS).",
  loadCsp: "This page's security policy (Content-Security-Policy, connect-src) does not allow fetching the rules file {url}.",
  loadCompiler: "The program that translates the rules could not be loaded or got stuck.",
  loadUrl: "The address of the rules file ({url}) is not a usable address.",
  loadEmpty: "The rules attribute is empty: no rules file was given. Give the address of a rules file, or leave the attribute out for the built-in example.",
  todayInvalid: "Today's date (today={given}) is not a valid date; the widget uses this device's date: {date}",
  scaleFrom: "from",
  scaleTo: "to",
  chooseOverride: "Choose the decision first.",
  answerProblem: "This answer is not used",
  handover: "Handover",
  handoverMissing: "Not complete yet",
  handoverComplete: "complete",
  handoverBlocked: "not complete yet",
  disclaimer: "Decision support: the professional decides.",
  decConfirmed: "confirmed",
  decOverridden: "decided otherwise",
  decNotDecided: "not taken yet",
  decAdded: "added",
  decStruck: "struck",
  decNone: "none",
  decReason: "reason",
  liveOverride: "Decision recorded: {outcome}.",
  liveCancel: "Decision not recorded.",
  required: "Confirm the advice or decide otherwise with a reason.",
  broken: "Something went wrong in the decision support. The advice is no longer updated.",
  kept: "The answers so far are kept in the form and listed below. Reload the page to go on.",
  keptAnswers: "Answers so far",
  noAnswers: "(no answers yet)",
  start: "The widget could not start:",
  wasm: "The widget could not start: the browser refused to run the WebAssembly code. This page's security policy (Content-Security-Policy) must allow 'wasm-unsafe-eval'.",
  unavailable: "The decision support is not available. The form can be sent without advice; the professional decides.",
};

/**
 * The words for `lang` (`"en"`; anything else is Dutch).
 * @param {string} lang
 * @returns {Words}
 */
export const words = (lang) => (lang === "en" ? EN : NL);

/**
 * `template` with every `{name}` replaced by `values[name]`, in one pass: a value that itself contains
 * `{…}` (a host's text) stays as it is.
 * @param {string} template
 * @param {Record<string, string>} values
 */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
}

/** A date as a person reads it: `28-11-2026` in Dutch, `2026-11-28` (as given) in English. */
export const dateShown = (date, lang) => (lang === "en" ? date : date.split("-").reverse().join("-"));

/** A host's text shown in a message, cut to `max` characters (and an ellipsis). */
export function cut(text, max) {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}…`;
}

const pad = (n) => String(n).padStart(2, "0");
/** The device's local date, `YYYY-MM-DD`. */
export function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whether `text` is a real calendar date `YYYY-MM-DD` in the years 1000–9999. */
export function isDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m || Number(m[1]) < 1000) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
