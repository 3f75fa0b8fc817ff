// <regie-casus> on the demo's case page (issue 23): one case from melding to nazorg across the triage,
// escalatie and regie rulesets, walked by keyboard as a desk professional would; where the case stands and
// who leads, in words and in the picture, at every step; no question asked twice; the posted value restores
// the case in a fresh element; nothing in any browser storage; rules that cannot be fetched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { artifact, axeViolations, browserSuite } from "./browser.mjs";
import { valueProblems } from "./value.mjs";

const web = browserSuite();
const PAGE = "/www/demo/casus.html";
const RULES = "../../rulesets/triage.regels ../../rulesets/escalatie.regels ../../rulesets/regie.regels";
const WCAG22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Every `<regie-casus>` on the page drawn, and every widget in it drawn too. */
function caseDrawn() {
  const all = [...document.querySelectorAll("regie-casus")];
  return all.length > 0 && all.every((c) => {
    const ws = [...(c.shadowRoot?.querySelectorAll("regie-wijzer") ?? [])];
    return c.shadowRoot?.querySelector("[part=where]") && ws.length === 3 && ws.every((w) => w.shadowRoot?.querySelector("[part=outcome]"));
  });
}

const open = (options = {}) => web.open(PAGE, { ready: caseDrawn, ...options });

/** Where the case stands, as the page shows it: in words, in the picture and in its text alternative. */
const where = (page, sel = "regie-casus") => page.evaluate((s) => {
  const root = document.querySelector(s).shadowRoot;
  const current = root.querySelectorAll("[part=trajectory] svg [data-current]");
  const li = root.querySelector("[part=trajectory-list] > li[data-phase][data-current]")
    ?? [...root.querySelectorAll("[part=trajectory-list] > li[data-phase]")].find((x) => x.dataset.phase === current[0]?.dataset.phase);
  return {
    words: root.querySelector("[part=where]").textContent,
    current: [...current].map((n) => n.dataset.phase),
    pictureLead: root.querySelector("[part=trajectory] svg [part=trajectory-lead]")?.textContent ?? "",
    listItem: li?.textContent ?? "",
    phase: document.querySelector(s).value.phase,
  };
}, sel);

async function assertWhere(page, phase, phaseLabel, lead) {
  const w = await where(page);
  assert.equal(w.phase, phase);
  assert.equal(w.words, `Fase nu: ${phaseLabel}. Regie nu: ${lead}.`);
  assert.deepEqual(w.current, [phase], "the picture marks the current phase");
  // (The picture breaks long texts into lines of its own: compared without the spaces.)
  const flat = (t) => t.replace(/\s+/g, "");
  assert.ok(flat(w.pictureLead).includes(flat(lead)), `the picture names the lead: ${w.pictureLead}`);
  assert.match(w.listItem, new RegExp(`^${phaseLabel}`), "the text alternative's current item");
  assert.ok(flat(w.listItem).includes(flat(lead)), `the text alternative names the lead: ${w.listItem}`);
}

/** The question ids the professional sees now, over every widget of the case (a shown widget's questions
 * that are rendered), with the ids answered in another phase than the current one. */
const questionsShown = (page) => page.evaluate(() => {
  const c = document.querySelector("regie-casus");
  const shown = [];
  for (const w of c.shadowRoot.querySelectorAll("regie-wijzer")) {
    for (const q of w.shadowRoot.querySelectorAll("[part=question][data-fact]")) if (q.checkVisibility()) shown.push(q.dataset.fact);
  }
  const v = c.value;
  const earlier = Object.entries(v.answeredIn).filter(([, p]) => p !== v.phase).map(([id]) => id);
  return { shown, earlier };
});

async function assertAskedOnce(page) {
  const { shown, earlier } = await questionsShown(page);
  assert.deepEqual(shown.filter((id, i) => shown.indexOf(id) !== i), [], "no question shown twice");
  assert.deepEqual(shown.filter((id) => earlier.includes(id) || id === "fase"), [], "no question answered in an earlier phase asked again");
  return shown;
}

/** Whether the deepest focused element matches `selector` inside the widget of `ruleset` (or the casus). */
const focusIn = (page, ruleset, selector) => page.evaluate(([rs, sel]) => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  const host = a?.getRootNode()?.host;
  const where = rs ? host?.localName === "regie-wijzer" && host.dataset.ruleset === rs : host?.localName === "regie-casus";
  return Boolean(where && a.matches(sel));
}, [ruleset, selector]);

/** Tab (then Shift+Tab) until the focus is on `selector` in the widget of `ruleset` (null: the casus). */
async function tabTo(page, ruleset, selector) {
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < 250; i++) {
      if (await focusIn(page, ruleset, selector)) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`keyboard focus never reached ${selector} in ${ruleset ?? "the casus"}`);
}

const focusedValue = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return { value: a?.value, checked: a?.checked, options: a?.localName === "select" ? [...a.options].map((o) => o.value) : null };
});

/** Answers one question of one ruleset's widget by keyboard: radios with arrows, selects with arrows,
 * dates and numbers by typing (the test browser's locale is en-US: a date is typed month first). */
async function answer(page, ruleset, fact, value) {
  const q = `[part=question][data-fact="${fact}"]`;
  const kind = await page.evaluate(([rs, f]) => {
    const w = document.querySelector("regie-casus").shadowRoot.querySelector(`regie-wijzer[data-ruleset=${rs}]`);
    const el = w.shadowRoot.querySelector(`[part=question][data-fact="${f}"]`);
    return el?.querySelector("select") ? "select" : el?.querySelector("input[type=radio]") ? "radio" : el?.querySelector("input")?.type;
  }, [ruleset, fact]);
  if (kind === "radio") {
    await tabTo(page, ruleset, `${q} input[type=radio]`);
    for (let i = 0; i < 12; i++) {
      const f = await focusedValue(page);
      if (f.value === String(value)) {
        if (!f.checked) await page.keyboard.press("Space");
        return;
      }
      await page.keyboard.press("ArrowDown");
    }
    throw new Error(`${fact}: ${value} not reached`);
  }
  if (kind === "select") {
    await tabTo(page, ruleset, `${q} select`);
    await arrowsTo(page, value);
    await page.keyboard.press("Tab");
    return;
  }
  await tabTo(page, ruleset, `${q} input`);
  if (kind === "date") {
    const [y, m, d] = value.split("-");
    await page.keyboard.type(`${m}${d}${y}`);
  } else {
    await page.keyboard.press("Control+A");
    await page.keyboard.type(String(value));
  }
  await page.keyboard.press("Tab");
}

/** Moves a focused select to `value` with the arrow keys. */
async function arrowsTo(page, value) {
  for (let i = 0; i < 40; i++) {
    const f = await focusedValue(page);
    if (f.value === value) return;
    const to = f.options.indexOf(value);
    if (to < 0) throw new Error(`no option ${value}`);
    await page.keyboard.press(to > f.options.indexOf(f.value) ? "ArrowDown" : "ArrowUp");
  }
}

/** "Bevestig advies" in one ruleset's widget, by keyboard. */
async function confirm(page, ruleset) {
  await tabTo(page, ruleset, "[data-action=confirm]");
  await page.keyboard.press("Enter");
}

/** A timeline record added by keyboard: "Voeg toe" (the keyboard goes into the new record's date), the
 * date typed, then Tab on to its result (a date field takes Tab within itself first) and the arrow keys. */
async function addRecord(page, ruleset, fact, date, result) {
  const q = `[part=question][data-fact="${fact}"]`;
  await tabTo(page, ruleset, `${q} [data-action=add-record]`);
  await page.keyboard.press("Enter");
  assert.ok(await focusIn(page, ruleset, `${q} [part=record] [data-field=datum]`), "Voeg toe: the keyboard in the new record");
  const n = await page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a.closest("[part=record]").getAttribute("aria-label");
  });
  const [y, m, d] = date.split("-");
  await page.keyboard.type(`${m}${d}${y}`);
  await tabTo(page, ruleset, `${q} [part=record][aria-label="${n}"] [data-field=resultaat]`);
  await arrowsTo(page, result);
  await page.keyboard.press("Tab");
}

/** The host moves the case's date on (a professional opens the case on a later day). */
const setToday = (page, date) => page.evaluate((d) => { document.querySelector("regie-casus").today = d; }, date);

/** "Fase van de casus" → `phase` with the arrow keys (which change nothing yet), then "Zet fase". */
async function setPhase(page, phase) {
  const before = await page.evaluate(() => document.querySelector("regie-casus").value);
  await tabTo(page, null, "select[part=phase-select]");
  await arrowsTo(page, phase);
  const after = await page.evaluate(() => document.querySelector("regie-casus").value);
  assert.equal(after.phase, before.phase, "arrow keys in the phase select set no phase");
  assert.equal(after.log.length, before.log.length);
  await page.keyboard.press("Tab");
  assert.ok(await focusIn(page, null, "[part=set-phase]"), "Tab goes from the select to Zet fase");
  await page.keyboard.press("Enter");
  // The focus lands on the picture's list, never on the body; the change is said once.
  assert.ok(await focusIn(page, null, "[part=trajectory-list]"), "focus on the trajectory list after Zet fase");
  await page.waitForFunction(() => document.querySelector("regie-casus").shadowRoot.querySelector("[part=live]").textContent !== "");
}

const live = (page) => page.evaluate(() => document.querySelector("regie-casus").shadowRoot.querySelector("[part=live]").textContent);
const outcome = (page, ruleset, id) => page.evaluate(([rs, o]) => document.querySelector("regie-casus").shadowRoot
  .querySelector(`regie-wijzer[data-ruleset=${rs}]`).shadowRoot.querySelector(`[part=outcome][data-outcome=${o}] [part=outcome-value]`)?.dataset.values, [ruleset, id]);
const logText = (page, sel = "regie-casus") => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll("[part=log-list] > li")].map((li) => li.textContent), sel);
const openHandovers = (page) => page.evaluate(() => [...document.querySelector("regie-casus").shadowRoot.querySelectorAll("[part=trajectory-list] li")]
  .map((li) => li.textContent).join("\n"));

test("the demo case walked by keyboard: melding, vangnet, bemoeizorg, crisis, opname, ontslag, nazorg; who leads at every step; nothing asked twice; the posted case restores in a fresh element; no storage", async () => {
  const { page, errors, foreign } = await open();
  await setToday(page, "2026-03-02");
  await assertWhere(page, "melding", "Melding", "Meldpunt / GGD-vangnet");

  // Melding: the triage, route confirmed.
  for (const [fact, v] of [["melder", "buurt"], ["acuut_gevaar", "false"], ["huiselijk_geweld", "false"], ["vermoeden_psychische_stoornis", "true"],
    ["hulp_geweigerd", "false"], ["bekend_bij_zorg", "false"], ["eerdere_meldingen", "0"]]) await answer(page, "triage", fact, v);
  await answer(page, "regie", "externe_regie", "geen");
  assert.equal(await outcome(page, "triage", "route"), "vangnet");
  await assertAskedOnce(page);
  await confirm(page, "triage");
  let log = await logText(page);
  assert.ok(log.some((l) => /^02-03-2026 Triage melding zorgwekkend gedrag, Route: advies bevestigd: Vangnet \(wijk-GGD'er\)\.Waarom: /.test(l)), log.join("\n"));

  // Vangnet: three failed contact attempts, escalatie says bemoeizorg.
  await setToday(page, "2026-03-03");
  await setPhase(page, "vangnet");
  assert.equal(await live(page), "Fase: Vangnet; regie: Meldpunt / GGD-vangnet.");
  await assertWhere(page, "vangnet", "Vangnet", "Meldpunt / GGD-vangnet");
  let shown = await assertAskedOnce(page);
  // Escalatie asks what the triage did not: the shared questions answered at the melding are not asked again.
  assert.ok(shown.includes("contactpogingen"), shown.join(" "));
  for (const id of ["vermoeden_psychische_stoornis", "hulp_geweigerd", "melder"]) assert.ok(!shown.includes(id), `${id} asked again`);
  await setToday(page, "2026-03-10");
  await addRecord(page, "escalatie", "contactpogingen", "2026-03-03", "geen_contact");
  await addRecord(page, "escalatie", "contactpogingen", "2026-03-06", "geen_contact");
  assert.equal(await outcome(page, "escalatie", "escalatie"), "vangnet");
  await addRecord(page, "escalatie", "contactpogingen", "2026-03-09", "contact_geweigerd");
  assert.equal(await outcome(page, "escalatie", "escalatie"), "bemoeizorg");
  await confirm(page, "escalatie");
  await assertAskedOnce(page);

  // Bemoeizorg: the team leads; serious harm that cannot wait calls in the crisis service.
  await setToday(page, "2026-03-11");
  await setPhase(page, "bemoeizorg");
  assert.equal(await live(page), "Fase: Bemoeizorg; regie: Bemoeizorgteam.");
  await assertWhere(page, "bemoeizorg", "Bemoeizorg", "Bemoeizorgteam");
  await assertAskedOnce(page);
  for (const fact of ["ernstig_nadeel", "onmiddellijk_dreigend", "maatregel_neemt_weg", "zorgmachtiging_niet_afwachten", "verzet"]) {
    await answer(page, "escalatie", fact, "true");
  }
  assert.equal(await outcome(page, "escalatie", "escalatie"), "crisisdienst_beoordeling");
  // The pace decided otherwise, with a reason; the rest confirmed.
  await tabTo(page, "escalatie", "[data-action=override][data-outcome=urgentie]");
  await page.keyboard.press("Enter");
  assert.ok(await focusIn(page, "escalatie", "select[data-field=override-value]"));
  await arrowsTo(page, "binnen_24_uur");
  await page.keyboard.press("Tab");
  await arrowsTo(page, "minder_urgentie");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Politie blijft in de buurt; de crisisdienst komt morgenochtend.");
  await tabTo(page, "escalatie", "[data-action=save-override]");
  await page.keyboard.press("Enter");
  await confirm(page, "escalatie");
  log = await logText(page);
  assert.ok(log.some((l) => l === "11-03-2026 Escalatie in de bemoeizorg, Tempo: afgeweken van het advies (Acuut: de crisisdienst, binnen 1 tot 24 uur); "
    + "besloten: Binnen 24 uur.Waarom: Onmiddellijk dreigend ernstig nadeel door een vermoede stoornis, dat een maatregel kan wegnemen, een zorgmachtiging "
    + "kan niet worden afgewacht en de persoon verzet zich: alle vijf criteria gelden. Tempo: de acute GGZ werkt met 1 tot 24 uur; een crisismaatregel "
    + "wordt binnen 24 uur uitgevoerd.Reden van de professional: Minder urgentie door de context; Politie blijft in de buurt; de crisisdienst komt morgenochtend."), log.join("\n"));

  // Crisis, then admission: the crisis service, then the clinic leads.
  await setToday(page, "2026-03-12");
  await setPhase(page, "crisis");
  await assertWhere(page, "crisis", "Crisis", "Crisisdienst");
  await assertAskedOnce(page);
  await setToday(page, "2026-03-13");
  await setPhase(page, "opname");
  await answer(page, "regie", "in_fact_zorg", "false");
  await assertWhere(page, "opname", "Opname", "Kliniek");
  await assertAskedOnce(page);

  // Ontslag with a warm handover to the FACT team: the clinic leads until it is complete.
  await setToday(page, "2026-04-15");
  await setPhase(page, "ontslag");
  shown = await assertAskedOnce(page);
  assert.ok(shown.includes("voorgestelde_regiehouder") && !shown.includes("in_fact_zorg"), shown.join(" "));
  for (const [fact, v] of [["ernstige_psychiatrie_intensief", "true"], ["voorgestelde_regiehouder", "fact_team"], ["datum_ontslag", "2026-04-15"]]) {
    await answer(page, "regie", fact, v);
  }
  await assertWhere(page, "ontslag", "Ontslag", "Kliniek");
  assert.match(await openHandovers(page), /Ontslag naar het FACT-team/);
  for (const [fact, v] of [["ontvanger_akkoord", "true"], ["warme_overdracht_gehouden", "true"], ["eerste_afspraak", "2026-04-22"]]) {
    await answer(page, "regie", fact, v);
  }
  const handover = await page.evaluate(() => document.querySelector("regie-casus").shadowRoot.querySelector("regie-wijzer[data-ruleset=regie]")
    .shadowRoot.querySelector("[part=handover][data-handover=naar_fact]")?.dataset.status);
  assert.equal(handover, "complete");
  assert.doesNotMatch(await openHandovers(page), /Ontslag naar het FACT-team/);
  await assertWhere(page, "ontslag", "Ontslag", "FACT-team");
  await confirm(page, "regie");
  await assertAskedOnce(page);

  // Nazorg: the FACT team gives the aftercare and leads.
  await setToday(page, "2026-04-22");
  await setPhase(page, "nazorg");
  await answer(page, "regie", "nazorg_door", "fact_team");
  await assertWhere(page, "nazorg", "Nazorg", "FACT-team");
  shown = await assertAskedOnce(page);
  assert.ok(shown.includes("overdracht_voorgesteld") && !shown.includes("ontvanger_akkoord"), shown.join(" "));

  // Seven months later: back to the general practitioner is proposed, but not on time alone.
  await setToday(page, "2026-11-22");
  for (const [fact, v] of [["overdracht_voorgesteld", "naar_huisarts"], ["contact_laag", "true"], ["stabiel_een_jaar", "false"],
    ["geen_crisis_afgelopen_jaar", "false"], ["complexe_medicatie", "false"], ["schriftelijke_overdracht", "true"],
    ["overdracht_aanvaard", "true"]]) {
    await answer(page, "regie", fact, v);
  }
  const closing = await page.evaluate(() => document.querySelector("regie-casus").shadowRoot.querySelector("regie-wijzer[data-ruleset=regie]")
    .shadowRoot.querySelector("[part=handover][data-handover=terug_naar_huisarts]")?.dataset.status);
  assert.equal(closing, "blocked");
  assert.match(await openHandovers(page), /Terugverwijzen naar de huisarts/);
  assert.match(await openHandovers(page), /Minstens een jaar stabiel/);
  await assertWhere(page, "nazorg", "Nazorg", "FACT-team");
  await assertAskedOnce(page);

  // The log: every phase change and decision, dated, with the reasons in words.
  await page.locator("regie-casus [part=log]").screenshot({ path: artifact("case-walk-log.png") });
  await page.screenshot({ path: artifact("case-walk-end.png"), fullPage: true });
  log = await logText(page);
  assert.deepEqual(log.filter((l) => /Fase gezet op/.test(l)).map((l) => l.slice(0, 10)),
    ["03-03-2026", "11-03-2026", "12-03-2026", "13-03-2026", "15-04-2026", "22-04-2026"]);
  assert.ok(log.some((l) => /Escalatie in de bemoeizorg, Escalatie: advies bevestigd: Bemoeizorg\.Waarom: Het vangnet kreeg 3 keer/.test(l)), log.join("\n"));
  const summary = await page.evaluate(() => document.querySelector("regie-casus").summary);
  assert.match(summary, /^Casus op 22-11-2026\nVerloop: Melding \(02-03-2026\) → Vangnet \(03-03-2026\) → Bemoeizorg \(11-03-2026\) → Crisis \(12-03-2026\) → Opname \(13-03-2026\) → Ontslag \(15-04-2026\) → Nazorg \(22-04-2026\)\.\nFase nu: Nazorg\.\nRegie nu: FACT-team\./);
  assert.match(summary, /Terugverwijzen naar de huisarts: nog nodig: .*Minstens een jaar stabiel/);

  // The value the form posts, fed back into a fresh element: the same trajectory, phase, lead and log.
  const restored = await page.evaluate(async (rules) => {
    const posted = new FormData(document.getElementById("melding")).get("casus");
    const fresh = document.createElement("regie-casus");
    fresh.id = "fresh";
    fresh.setAttribute("rules", rules);
    fresh.today = document.querySelector("regie-casus").today;
    fresh.value = posted;
    document.body.append(fresh);
    await fresh.widgetsReady;
    const old = document.querySelector("regie-casus");
    return { posted: JSON.parse(posted), value: fresh.value, summary: fresh.summary, oldSummary: old.summary };
  }, RULES);
  assert.equal(valueProblems(restored.posted), null);
  assert.deepEqual(restored.value, restored.posted);
  assert.equal(restored.summary, restored.oldSummary);
  const fresh = await where(page, "#fresh");
  const old = await where(page);
  assert.deepEqual(fresh, old);
  assert.deepEqual(await logText(page, "#fresh"), await logText(page));

  // Nothing in any browser storage.
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, cookies: document.cookie,
    idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookies: "", idb: 0, caches: 0 });
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

/** A case in the ontslag phase with the handover to the FACT team proposed and open (set by the host). */
async function caseAtDischarge(page) {
  await page.evaluate(() => {
    const c = document.querySelector("regie-casus");
    c.today = "2026-05-06";
    c.value = {
      answers: { fase: "ontslag", externe_regie: "geen", in_fact_zorg: false, voorgestelde_regiehouder: "fact_team", datum_ontslag: "2026-04-15", warme_overdracht_gehouden: true },
      answeredIn: { externe_regie: "melding", in_fact_zorg: "opname" },
      log: [
        { kind: "phase", date: "2026-03-03", at: "2026-03-03T09:00:00.000Z", phase: "vangnet", from: "melding", lead: "meldpunt_vangnet" },
        { kind: "phase", date: "2026-04-15", at: "2026-04-15T09:00:00.000Z", phase: "ontslag", from: "vangnet", lead: "kliniek" },
      ],
    };
  });
}

test("the picture's text alternative says the same phases, lead and open handovers as the picture; axe finds nothing", async () => {
  const { page, errors } = await open();
  await caseAtDischarge(page);
  const both = await page.evaluate(() => {
    const root = document.querySelector("regie-casus").shadowRoot;
    const svg = root.querySelector("[part=trajectory] svg");
    const items = [...root.querySelectorAll("[part=trajectory-list] > li[data-phase]")];
    const current = items.find((li) => li.dataset.phase === svg.querySelector("[data-current]")?.dataset.phase);
    return {
      svgPhases: [...svg.querySelectorAll("[data-phase]")].map((n) => n.dataset.phase),
      listPhases: items.map((li) => li.dataset.phase),
      svgLead: svg.querySelector("[part=trajectory-lead]")?.textContent,
      currentItem: current?.textContent,
      svgHandovers: [...svg.querySelectorAll("[part=trajectory-handover][data-handover]")].map((n) => n.dataset.handover),
      svgHandoverText: [...svg.querySelectorAll("[part=trajectory-handover]")].map((n) => n.textContent).join(" "),
      where: root.querySelector("[part=where]").textContent,
    };
  });
  assert.deepEqual([...new Set(both.svgPhases)], both.listPhases);
  assert.deepEqual(both.listPhases, ["melding", "vangnet", "bemoeizorg", "crisis", "opname", "ontslag", "nazorg", "afgesloten"]);
  assert.match(both.svgLead, /Kliniek/);
  assert.match(both.currentItem, /Kliniek/);
  assert.equal(both.where, "Fase nu: Ontslag. Regie nu: Kliniek.");
  assert.deepEqual(both.svgHandovers, ["naar_fact"]);
  // (The picture breaks long lines into lines of its own: compared without the spaces.)
  const flat = (t) => t.replace(/\s+/g, "");
  for (const text of ["Ontslag naar het FACT-team", "Het FACT-team heeft de overdracht aanvaard"]) {
    assert.ok(flat(both.svgHandoverText).includes(flat(text)), `the picture: ${text}`);
    assert.ok(flat(both.currentItem).includes(flat(text)), `the list: ${text}`);
  }
  // The deadline for contact after discharge (14 days) has passed: said in words.
  assert.match(both.currentItem, /7 dagen te laat/);
  assert.deepEqual(await axeViolations(page, { tags: WCAG22AA }), []);
  // A dark host theme (only its document colours set): the casus still passes (the host's own page is the host's).
  await page.evaluate(() => {
    for (const el of [document.documentElement, document.body]) {
      el.style.setProperty("--utrecht-document-color", "#f0f0f0");
      el.style.setProperty("--utrecht-document-background-color", "#1b1b1f");
    }
  });
  assert.deepEqual(await axeViolations(page, { tags: WCAG22AA, include: "regie-casus" }), []);
  await page.locator("regie-casus [part=overview]").screenshot({ path: artifact("case-dark-overview.png") });
  assert.deepEqual(errors, []);
});

test("forced colours and a 320 px viewport keep the case readable (screenshots in tests/artifacts/)", async () => {
  for (const [name, viewport, colors] of [["case-320", { width: 320, height: 900 }, "none"], ["case-forced-colours", { width: 1024, height: 900 }, "active"]]) {
    const { page, errors } = await open({ viewport });
    await page.emulateMedia({ forcedColors: colors });
    await caseAtDischarge(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: ${overflow} px wider than the viewport`);
    await page.screenshot({ path: artifact(`${name}.png`), fullPage: true });
    await page.locator("regie-casus").screenshot({ path: artifact(`${name}-overview.png`), clip: undefined }).catch(() => {});
    assert.deepEqual(errors, []);
  }
});

test("print: the summary of the case is on paper, the phase control is not", async () => {
  const { page } = await open();
  await caseAtDischarge(page);
  await page.evaluate(() => dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const root = document.querySelector("regie-casus").shadowRoot;
    return { control: root.querySelector("[part=phase-control]").checkVisibility(), summary: root.querySelector("[part=summary]").checkVisibility(),
      text: root.querySelector("[part=summary]").textContent };
  });
  assert.deepEqual([shown.control, shown.summary], [false, true]);
  assert.match(shown.text, /Verloop: Melding \(03-03-2026\) → Vangnet \(03-03-2026\) → Ontslag \(15-04-2026\)\./);
  await page.pdf({ path: artifact("case-print.pdf") });
});

test("a rules file that cannot be fetched: the case says so in words, shows the fallback and the form still submits", async () => {
  const { page, errors } = await web.open(PAGE, { ready: null });
  const out = await page.evaluate(async () => {
    const form = document.getElementById("melding");
    const c = document.createElement("regie-casus");
    c.name = "kapot";
    c.required = true;
    c.setAttribute("rules", "../../rulesets/triage.regels ../../rulesets/bestaat-niet.regels");
    const fallback = document.createElement("p");
    fallback.slot = "fallback";
    fallback.textContent = "Papieren casusformulier";
    c.append(fallback);
    const heard = new Promise((ok) => c.addEventListener("regiecasus-error", (e) => ok(e.detail)));
    form.append(c);
    const detail = await heard;
    const root = c.shadowRoot;
    const slot = root.querySelector("slot[name=fallback]");
    return {
      detail, alert: root.querySelector("[part=error][role=alert]")?.textContent,
      fallback: slot?.assignedElements().map((e) => e.textContent), fallbackShown: fallback.checkVisibility(),
      valid: form.checkValidity(), posted: JSON.parse(new FormData(form).get("kapot")),
    };
  });
  assert.match(out.alert, /^De casus kan geen advies geven\. Het regelbestand http:\/\/127\.0\.0\.1:\d+\/rulesets\/bestaat-niet\.regels kon niet worden opgehaald \(HTTP 404\)\./);
  assert.match(out.alert, /Werk verder zonder beslisondersteuning/);
  assert.deepEqual(out.fallback, ["Papieren casusformulier"]);
  assert.equal(out.fallbackShown, true);
  assert.equal(out.valid, true, "a case that cannot give advice never blocks the form");
  assert.equal(out.detail.kind, "http");
  assert.equal(out.detail.status, 404);
  assert.equal(out.posted.kind, "case");
  assert.equal(out.posted.unavailable.kind, "http");
  assert.equal(valueProblems(out.posted), null);
  // The 404 itself is the browser's console line; nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
});

test("the case value's schema holds the element to its shape", () => {
  assert.match(valueProblems({ format: 1, kind: "case" }) ?? "", /required/);
  const v = { format: 1, kind: "case", rulesets: [], today: "2026-03-02", lang: "nl", answers: { fase: "vangnet" }, answeredIn: {}, phase: "vangnet", lead: null, decisions: {}, log: [] };
  assert.equal(valueProblems(v), null);
  assert.match(valueProblems({ ...v, log: [{ kind: "phase", date: "2026-03-02" }] }) ?? "", /required|oneOf/);
  assert.match(valueProblems({ ...v, extra: 1 }) ?? "", /does not list/);
});

test("rulesets that disagree on a shared question: the case says so in words, with the ruleset and the question; a difference in wording is listed quietly", async () => {
  const { page, errors } = await web.open(PAGE, { ready: null });
  const out = await page.evaluate(async () => {
    const c = document.createElement("regie-casus");
    c.setAttribute("rules", "../../tests/fixtures/casus-melding.regels ../../tests/fixtures/casus-overdracht.regels");
    document.getElementById("melding").append(c);
    await c.ready;
    const root = c.shadowRoot;
    return {
      alert: [...root.querySelectorAll("[part=case-errors][role=alert] li")].map((li) => li.textContent),
      intro: root.querySelector("[part=case-errors] p")?.textContent,
      quiet: [...root.querySelectorAll("details[part=case-warnings] li")].map((li) => li.textContent),
      quietRole: root.querySelector("details[part=case-warnings]")?.getAttribute("role") ?? null,
    };
  });
  assert.match(out.intro, /^De regelsets van deze casus passen niet bij elkaar/);
  assert.deepEqual(out.alert, ["Overdracht, regel 6: de vraag “Is er gevaar?” is in Overdracht een keuze, maar in Melding ja/nee: in één casus is het dezelfde vraag"]);
  assert.ok(out.quiet.some((l) => /^Overdracht, regel 11: de vraag “Is er overlast\?” is in Overdracht anders verwoord dan in Melding/.test(l)), out.quiet.join("\n"));
  assert.equal(out.quietRole, null);
  assert.deepEqual(errors, []);
});

test("in English the casus says where the case stands in English", async () => {
  const { page, errors } = await open();
  await page.evaluate(() => document.querySelector("regie-casus").setAttribute("lang", "en"));
  const words = await page.evaluate(() => {
    const root = document.querySelector("regie-casus").shadowRoot;
    return { where: root.querySelector("[part=where]").textContent, button: root.querySelector("[part=set-phase]").textContent,
      widgets: [...root.querySelectorAll("regie-wijzer")].map((w) => w.getAttribute("lang")) };
  });
  assert.deepEqual(words, { where: "Phase now: Report. Lead now: Reporting desk / public health safety net.", button: "Set phase", widgets: ["en", "en", "en"] });
  assert.deepEqual(errors, []);
});

test("a form reset empties the case: answers, decisions, log, back to the melding (the regie widget keeps only the phase); no event", async () => {
  const { page, errors } = await open();
  await caseAtDischarge(page);
  const after = await page.evaluate(() => {
    const c = document.querySelector("regie-casus");
    let events = 0;
    c.addEventListener("regiecasus-change", () => events++);
    document.getElementById("melding").reset();
    const v = c.value;
    return { answers: v.answers, log: v.log, phase: v.phase, events,
      widgets: [...c.shadowRoot.querySelectorAll("regie-wijzer")].map((w) => Object.keys(w.answers).length),
      where: c.shadowRoot.querySelector("[part=where]").textContent };
  });
  assert.deepEqual(after, { answers: { fase: "melding" }, log: [], phase: "melding", events: 0, widgets: [0, 0, 1],
    where: "Fase nu: Melding. Regie nu: Meldpunt / GGD-vangnet." });
  assert.deepEqual(errors, []);
});

test("answers from an earlier phase are listed in words where they count, and 'Wijzig' asks one again here, by keyboard", async () => {
  const { page, errors } = await open();
  // A case the host stored: triage answered at the melding, now in the vangnet (escalatie is used there).
  await page.evaluate(() => {
    document.querySelector("regie-casus").value = {
      format: 1, kind: "case", answers: { fase: "vangnet", dementie_of_lvb: true, ernstig_nadeel: true, melder: "buurt" },
      answeredIn: { dementie_of_lvb: "melding", ernstig_nadeel: "melding", melder: "melding" }, decisions: {}, log: [],
    };
  });
  const earlier = () => page.evaluate(() => {
    const box = document.querySelector("regie-casus").shadowRoot.querySelector("[part=earlier-answers]");
    return { hidden: box.hidden || !box.checkVisibility(), title: box.querySelector("summary").textContent,
      items: [...box.querySelectorAll("li")].map((li) => [li.dataset.fact, li.querySelector("[part=earlier-answer]").textContent]) };
  });
  let e = await earlier();
  // Escalatie asks both shared questions now (serious harm because dementia is suspected); the reporter (triage
  // only) is not asked in this phase: not listed.
  assert.equal(e.hidden, false);
  assert.equal(e.title, "Al beantwoord in een eerdere fase (2)");
  assert.deepEqual(e.items.sort(), [["dementie_of_lvb", "Ja"], ["ernstig_nadeel", "Ja"]]);
  assert.deepEqual((await questionsShown(page)).shown.filter((id) => id === "ernstig_nadeel" || id === "dementie_of_lvb"), []);
  // "Wijzig" by keyboard: the question comes back in its widget, with its answer, and has the keyboard.
  await page.evaluate(() => { document.querySelector("regie-casus").shadowRoot.querySelector("[part=earlier-answers]").open = true; });
  await tabTo(page, null, "button[data-action=reopen][data-fact=ernstig_nadeel]");
  const name = await page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a.getAttribute("aria-label");
  });
  assert.match(name, /^Wijzig: .*ernstig nadeel/i, "the button names the question it changes");
  await page.keyboard.press("Enter");
  assert.ok(await focusIn(page, "escalatie", "[part=question][data-fact=ernstig_nadeel] input"), "the keyboard is in the question asked again");
  e = await earlier();
  assert.deepEqual(e.items.map(([id]) => id), ["dementie_of_lvb"]);
  assert.ok((await questionsShown(page)).shown.includes("ernstig_nadeel"));
  const v = await page.evaluate(() => document.querySelector("regie-casus").value);
  assert.equal(v.answeredIn.ernstig_nadeel, "vangnet");
  assert.equal(v.answers.ernstig_nadeel, true);
  assert.deepEqual(errors, []);
});
