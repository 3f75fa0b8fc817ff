// The playground's own texts, Dutch first. Elements with `data-i18n="key"` get the text of that key.
const TEXTS = {
  nl: {
    title: "Speelveld voor regelschrijvers",
    intro: "Wijzig de regels en zie meteen wat dat doet: meldingen, voorbeeld, tests, dekking, analyse en vergelijking. Alles blijft in deze browser; niets wordt verstuurd of opgeslagen.",
    disclaimer: "De standaardregels zijn een voorbeeld om regionaal aan te passen, geen officiële richtlijn.",
    startWith: "Begin met",
    open: "Open bestand…",
    save: "Bewaar als bestand",
    share: "Deel als link",
    todayLabel: "Datum (vandaag)",
    rules: "Regels",
    diagnostics: "Meldingen",
    preview: "Voorbeeld",
    previewHelp: "De echte widget met de regels uit de editor. Bij fouten blijft de laatste geldige versie staan.",
    tests: "Tests",
    coverage: "Dekking",
    analysis: "Analyse",
    compare: "Vergelijk",
    baseline: "Vergelijk met",
    baselineFileOption: "een bestand…",
    compareButton: "Vergelijk",
    analyzeButton: "Analyseer opnieuw",
    testName: "Naam van de nieuwe test",
    saveTest: "Bewaar de antwoorden in het voorbeeld als test",
    back: "Terug naar de demo",
    summary: (e, w) => `${e} ${e === 1 ? "fout" : "fouten"}, ${w} ${w === 1 ? "waarschuwing" : "waarschuwingen"}`,
    previewStale: "De regels hebben fouten: het voorbeeld toont de laatste geldige versie.",
    testsSummary: (p, f) => `${p} geslaagd, ${f} mislukt`,
    passed: "geslaagd",
    failed: "mislukt",
    expected: "verwacht",
    actual: "werkelijk",
    loadInPreview: "Laad in voorbeeld",
    showInPreview: "Toon in voorbeeld",
    loaded: "Antwoorden geladen in het voorbeeld.",
    newTest: "nieuwe test",
    testSaved: (n) => `Test "${n}" toegevoegd aan het eind van de regels.`,
    coverageSummary: (r, v) => (r + v === 0 ? "Elke regel vuurt in een test en elke waarde wordt verwacht." : `${r} regels vuren in geen enkele test, ${v} waarden worden door geen test verwacht (gemarkeerd met ◌ in de kantlijn).`),
    uncoveredTitle: "Geen test laat deze regel vuren",
    rule: "regel",
    line: "regel",
    valueNotExpected: "Geen test verwacht",
    analysing: "Bezig met analyseren…",
    analysisSummary: (n, complete, ev) => `${n} ${n === 1 ? "bevinding" : "bevindingen"}; ${complete ? "volledig" : "ONVOLLEDIG (budget op)"}; ${ev} doorrekeningen.`,
    chooseBaseline: "Kies eerst een bestand om mee te vergelijken.",
    comparing: "Bezig met vergelijken…",
    baselineInvalid: "De basisversie heeft fouten",
    diffNotRun: "Kies een basisversie en druk op Vergelijk.",
    diffSummary: (n, complete, ev) => `${n} ${n === 1 ? "verandering" : "veranderingen"}; ${complete ? "volledig" : "ONVOLLEDIG (budget op)"}; ${ev} doorrekeningen.`,
    outcomesAdded: "Nieuwe uitkomsten",
    outcomesRemoved: "Vervallen uitkomsten",
    factsAdded: "Nieuwe vragen",
    factsRemoved: "Vervallen vragen",
    combinations: (n) => `${n} antwoordcombinaties`,
    linkCopied: "Link gekopieerd. De regels staan in de link zelf, niet op een server.",
    linkReady: "Link klaar om te kopiëren. De regels staan in de link zelf, niet op een server.",
    shareLink: "Deellink",
    opened: (n) => `${n} geopend.`,
    fromLink: "Regels geopend uit de link.",
  },
  en: {
    title: "Playground for rule authors",
    intro: "Change the rules and see at once what that does: diagnostics, preview, tests, coverage, analysis and comparison. Everything stays in this browser; nothing is sent or stored.",
    disclaimer: "The default rules are an example for each region to adapt, not official guidance.",
    startWith: "Start with",
    open: "Open file…",
    save: "Save as file",
    share: "Share as link",
    todayLabel: "Date (today)",
    rules: "Rules",
    diagnostics: "Diagnostics",
    preview: "Preview",
    previewHelp: "The real widget with the rules from the editor. While they have errors, the last valid version stays.",
    tests: "Tests",
    coverage: "Coverage",
    analysis: "Analysis",
    compare: "Compare",
    baseline: "Compare with",
    baselineFileOption: "a file…",
    compareButton: "Compare",
    analyzeButton: "Analyse again",
    testName: "Name of the new test",
    saveTest: "Save the preview's answers as a test",
    back: "Back to the demo",
    summary: (e, w) => `${e} ${e === 1 ? "error" : "errors"}, ${w} ${w === 1 ? "warning" : "warnings"}`,
    previewStale: "The rules have errors: the preview shows the last valid version.",
    testsSummary: (p, f) => `${p} passed, ${f} failed`,
    passed: "passed",
    failed: "failed",
    expected: "expected",
    actual: "actual",
    loadInPreview: "Load into preview",
    showInPreview: "Show in preview",
    loaded: "Answers loaded into the preview.",
    newTest: "new test",
    testSaved: (n) => `Test "${n}" added at the end of the rules.`,
    coverageSummary: (r, v) => (r + v === 0 ? "Every rule fires in a test and every value is expected." : `${r} rules fire in no test, ${v} values are expected by no test (marked ◌ in the gutter).`),
    uncoveredTitle: "No test makes this rule fire",
    rule: "rule",
    line: "line",
    valueNotExpected: "No test expects",
    analysing: "Analysing…",
    analysisSummary: (n, complete, ev) => `${n} ${n === 1 ? "finding" : "findings"}; ${complete ? "complete" : "INCOMPLETE (budget ran out)"}; ${ev} evaluations.`,
    chooseBaseline: "First choose a file to compare with.",
    comparing: "Comparing…",
    baselineInvalid: "The baseline has errors",
    diffNotRun: "Choose a baseline and press Compare.",
    diffSummary: (n, complete, ev) => `${n} ${n === 1 ? "change" : "changes"}; ${complete ? "complete" : "INCOMPLETE (budget ran out)"}; ${ev} evaluations.`,
    outcomesAdded: "New outcomes",
    outcomesRemoved: "Removed outcomes",
    factsAdded: "New questions",
    factsRemoved: "Removed questions",
    combinations: (n) => `${n} answer combinations`,
    linkCopied: "Link copied. The rules are in the link itself, not on a server.",
    linkReady: "Link ready to copy. The rules are in the link itself, not on a server.",
    shareLink: "Share link",
    opened: (n) => `${n} opened.`,
    fromLink: "Rules opened from the link.",
  },
};

let lang = "nl";

export function setLang(l) {
  lang = l === "en" ? "en" : "nl";
  document.documentElement.lang = lang;
}

export function currentLang() {
  return lang;
}

/** The text for `key` in the current language (a function of `args` for texts with numbers). */
export function T(key, ...args) {
  const t = TEXTS[lang][key] ?? TEXTS.nl[key] ?? key;
  return typeof t === "function" ? t(...args) : t;
}

/** Sets every `[data-i18n]` element's text in the current language. */
export function translatePage() {
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = T(e.dataset.i18n);
  document.title = `Regiewijzer – ${T("title")}`;
}
