// Escalation over time and handover responsibility in the browser (issue 4): two <regie-wijzer> elements on one
// page, each with its own ruleset (`rules`), a timeline edited in the widget, a warm handover, and deadlines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, browserSuite } from "./browser.mjs";

const web = browserSuite();

/** The fixture with both widgets (escalatie and regie), once each has drawn its advice. */
const open = () => web.open("/tests/fixtures/casus.html", { widgets: 2 });

const outcome = (page, widget, id) => page.evaluate(([w, o]) => {
  const el = document.getElementById(w).shadowRoot.querySelector(`[part=outcome][data-outcome=${o}]`);
  const v = el.querySelector("[part=outcome-value]");
  return { status: el.dataset.status, values: v.dataset.values, text: v.textContent,
    provisional: el.hasAttribute("data-provisional"), overdue: v.hasAttribute("data-overdue") };
}, [widget, id]);

async function addAttempt(page, date, result) {
  const q = page.locator("#escalatie [part=question][data-fact=contactpogingen]");
  await q.locator("[data-action=add-record]").focus();
  await page.keyboard.press("Enter");
  const row = q.locator("[part=record]").last();
  await row.locator("[data-field=datum]").fill(date);
  await row.locator("[data-field=resultaat]").selectOption(result);
}

test("the third failed contact attempt within 14 days flips vangnet to bemoeizorg", async () => {
  const { page, errors, foreign } = await open();
  await page.evaluate(() => {
    document.getElementById("escalatie").answers = {
      meldingen: [], hulp_geweigerd: false, vermoeden_psychische_stoornis: false, dementie_of_lvb: false,
      meerdere_levensdomeinen: false, ernstige_veiligheidsproblemen: false,
    };
  });
  await addAttempt(page, "2026-03-02", "geen_contact");
  await addAttempt(page, "2026-03-09", "contact_geweigerd");
  let route = await outcome(page, "escalatie", "escalatie");
  assert.equal(route.values, "vangnet");
  // Not yet three failed attempts: the safety net tries again (a rule of its own, so "decided").
  assert.equal(route.status, "decided");
  await addAttempt(page, "2026-03-13", "geen_contact");
  route = await outcome(page, "escalatie", "escalatie");
  assert.equal(route.values, "bemoeizorg");
  assert.equal(route.status, "decided");
  assert.equal(route.provisional, false);
  // The timeline is in the submitted value, and removing the third attempt flips it back.
  const v = await page.evaluate(() => document.getElementById("escalatie").value);
  assert.equal(v.answers.contactpogingen.length, 3);
  await page.locator("#escalatie [part=record]").last().locator("[data-action=remove-record]").click();
  assert.equal((await outcome(page, "escalatie", "escalatie")).values, "vangnet");
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

test("a discharge to the wijkteam is blocked until it is accepted, and the clinic leads meanwhile", async () => {
  const { page, errors } = await open();
  await page.evaluate(() => {
    document.getElementById("regie").answers = {
      fase: "ontslag", externe_regie: "geen", in_fact_zorg: false, voorgestelde_regiehouder: "wijkteam",
      warme_overdracht_gehouden: true, datum_ontslag: "2026-03-02", eerste_afspraak: "2026-03-10",
    };
  });
  let lead = await outcome(page, "regie", "regiehouder");
  assert.equal(lead.values, "kliniek");
  const handover = page.locator("#regie [part=handover][data-handover=naar_wijkteam]");
  assert.equal(await handover.getAttribute("data-status"), "blocked");
  assert.deepEqual(await handover.locator("[part=handover-missing] li").allTextContents(),
    ["Het wijkteam heeft de overdracht aanvaard"]);
  await page.locator("#regie [data-fact=ontvanger_akkoord] input[value=true]").check();
  lead = await outcome(page, "regie", "regiehouder");
  assert.equal(lead.values, "wijkteam");
  assert.equal(await handover.getAttribute("data-status"), "complete");
  assert.deepEqual(errors, []);
});

test("a deadline past today is shown as overdue, with the days", async () => {
  const { page } = await open();
  await page.evaluate(() => {
    const w = document.getElementById("escalatie");
    w.setAttribute("today", "2026-03-20");
    w.answers = { vermoeden_psychische_stoornis: true, ernstig_nadeel: true, onmiddellijk_dreigend: false, hulp_geweigerd: true, datum_melding: "2026-03-02" };
  });
  const d = await outcome(page, "escalatie", "termijn_verkennend_onderzoek");
  assert.equal(d.values, "2026-03-16");
  assert.equal(d.overdue, true);
  // The date as a Dutch reader reads it, from the core (the value stays YYYY-MM-DD).
  assert.match(d.text, /16-03-2026 \(4 dagen te laat\)/);
  await page.evaluate(() => document.getElementById("escalatie").setAttribute("today", "2026-03-10"));
  const e = await outcome(page, "escalatie", "termijn_verkennend_onderzoek");
  assert.equal(e.overdue, false);
  assert.match(e.text, /nog 6 dagen/);
});

test("two widgets on one page, with timeline rows and a handover open, have no accessibility violations", async () => {
  const { page } = await open();
  await addAttempt(page, "2026-03-02", "geen_contact");
  await page.evaluate(() => {
    document.getElementById("regie").answers = { fase: "ontslag", in_fact_zorg: false, voorgestelde_regiehouder: "wijkteam" };
  });
  assert.deepEqual(await axeViolations(page), []);
});

test("an empty timeline is an answer only when the professional says none", async () => {
  const { page } = await open();
  const q = page.locator("#escalatie [part=question][data-fact=meldingen]");
  assert.match(await q.textContent(), /Nog niets ingevuld/);
  assert.equal((await page.evaluate(() => document.getElementById("escalatie").answers)).meldingen, undefined);
  await q.locator("[data-action=no-records]").click();
  assert.match(await q.textContent(), /Geen \(bewust leeg\)/);
  assert.deepEqual((await page.evaluate(() => document.getElementById("escalatie").answers)).meldingen, []);
  assert.equal((await outcome(page, "escalatie", "termijn_verkennend_onderzoek")).text, "geen termijn");
});
