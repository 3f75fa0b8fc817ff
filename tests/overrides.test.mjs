// Overrides per outcome (docs/widget.md, "Decision"): every outcome a professional sees can be confirmed or
// decided otherwise on its own, from an empty, required choice, with a reason code from the ruleset's list
// plus free text; the form value records per outcome the advice, the decision, the reason and the time;
// the summary says per outcome "bevestigd" or "afgeweken: …". On the demo portal (the shipped triage rules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { artifact, browserSuite } from "./browser.mjs";
import { answerByKeyboard, tabTo } from "./keyboard.mjs";

const W = "regie-wijzer";
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
// A homeless person who refuses help: outreach care (bemoeizorg) in the shipped triage rules.
const CASE = [["melder", "buurt"], ["acuut_gevaar", false], ["huiselijk_geweld", false],
  ["woonsituatie", "dakloos"], ["hulp_geweigerd", true]];

const web = browserSuite();

async function openCase() {
  const { page, errors } = await web.open("/www/demo/", { ready: "[part=checklist]" });
  await answerByKeyboard(page, CASE);
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.outcomes?.route?.values?.[0] === "bemoeizorg",
    null, { timeout: 5000 });
  return { page, errors };
}

const value = (page) => page.evaluate(() => document.querySelector("regie-wijzer").value);
const field = (page, name) => page.locator(`${W} [part=override-form] [data-field=${name}]`);
const summaryText = (page) => page.locator(`${W} [part=summary]`).inputValue();

/** Opens "decide otherwise" for one outcome. */
async function overrideOf(page, outcome) {
  await page.locator(`${W} [data-action=override][data-outcome=${outcome}]`).click();
  await page.locator(`${W} [part=override-form][data-outcome=${outcome}]`).waitFor();
}

test("the override choice starts empty and is required; only the urgency is overridden, with a reason code", async () => {
  const { page, errors } = await openCase();
  const before = await value(page);
  const advised = before.outcomes.urgentie.values;
  assert.deepEqual(before.decisions, {});
  assert.equal(before.decided, false);

  await overrideOf(page, "urgentie");
  // No value is preselected: the choice and the reason start empty and are required.
  assert.equal(await field(page, "override-value").inputValue(), "");
  assert.equal(await field(page, "override-value").getAttribute("required"), "");
  assert.equal(await field(page, "override-code").inputValue(), "");
  assert.equal(await field(page, "override-code").getAttribute("required"), "");
  // The labels say what is required.
  const labels = await page.locator(`${W} [part=override-form] label`).allTextContents();
  assert.deepEqual(labels, ["Urgentie — nieuw besluit (verplicht)", "Reden van de afwijking (verplicht)", "Toelichting (vrij)"]);
  const codes = await field(page, "override-code").locator("option").evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(codes.slice(0, 3), ["", "meer_urgentie", "minder_urgentie"]);

  // Saving with nothing chosen records nothing and says what is missing.
  await page.locator(`${W} [data-action=save-override]`).click();
  const error = page.locator(`${W} [part=decision-error]`);
  await error.waitFor({ state: "visible", timeout: 5000 });
  assert.match(await error.textContent(), /Kies eerst het besluit/);
  assert.deepEqual((await value(page)).decisions, {});
  // A decision without a reason code is not recorded either.
  await field(page, "override-value").selectOption("binnen_1_uur");
  await page.locator(`${W} [data-action=save-override]`).click();
  assert.match(await error.textContent(), /Kies een reden/);
  assert.equal(await field(page, "override-code").getAttribute("aria-invalid"), "true");
  assert.deepEqual((await value(page)).decisions, {});

  await field(page, "override-code").selectOption("meer_urgentie");
  await field(page, "override-reason").fill("Melder hoort hem 's nachts\nschreeuwen.");
  await page.locator(`${W} [data-action=save-override]`).click();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions?.urgentie, null, { timeout: 5000 });
  const v = await value(page);
  assert.deepEqual(Object.keys(v.decisions), ["urgentie"], "only the urgency is decided");
  const u = v.decisions.urgentie;
  assert.deepEqual(u.advice, advised);
  assert.equal(u.decision, "override");
  assert.deepEqual(u.values, ["binnen_1_uur"]);
  assert.deepEqual(u.reason, { code: "meer_urgentie", text: "Melder hoort hem 's nachts\nschreeuwen." });
  assert.match(u.decidedAt, ISO_TIME);
  assert.equal(u.at, u.decidedAt);
  assert.deepEqual(v.outcomes.urgentie.values, advised, "the advice itself stays in the value");
  // The route and the rest are not decided yet: a required field still misses a value.
  assert.equal(v.decided, false);
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").validity.valueMissing), true);
  assert.equal(await page.locator(`${W} [part=decision-outcome][data-outcome=route]`).getAttribute("data-decision"), "none");

  // Confirming the rest confirms every other outcome on its advice and keeps the override.
  await page.locator(`${W} [data-action=confirm]`).click();
  const all = await value(page);
  assert.equal(all.decided, true);
  assert.deepEqual(all.decisions.route, { ...all.decisions.route, advice: ["bemoeizorg"], decision: "confirmed", values: ["bemoeizorg"], reason: null });
  assert.match(all.decisions.route.decidedAt, ISO_TIME);
  assert.deepEqual(all.decisions.urgentie, u);
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").validity.valid), true);

  const nl = await summaryText(page);
  assert.match(nl, /- Route: Bemoeizorg[^\n]*\n {2}Besluit van de professional: bevestigd\n/);
  assert.match(nl, /- Urgentie: [^\n]+\n {2}Besluit van de professional: afgeweken: Binnen 1 uur \(reden: Meer urgentie door de context – Melder hoort hem 's nachts schreeuwen\.\)\n/);
  await page.evaluate(() => document.querySelector("regie-wijzer").setAttribute("lang", "en"));
  await page.waitForFunction(() => /decided otherwise/.test(document.querySelector("regie-wijzer").shadowRoot.querySelector("[part=summary]").value));
  const en = await summaryText(page);
  assert.match(en, /- Route: Assertive outreach care[^\n]*\n {2}The professional's decision: confirmed\n/);
  assert.match(en, /decided otherwise: Within 1 hour \(reason: More urgency because of the context – /);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("the lead is overridden on its own; an action is struck and one added, by keyboard", async () => {
  const { page, errors } = await openCase();
  await overrideOf(page, "regiehouder");
  assert.equal(await field(page, "override-value").inputValue(), "");
  await field(page, "override-value").selectOption("wijkteam");
  await field(page, "override-code").selectOption("al_bekend");
  await page.locator(`${W} [data-action=save-override]`).click();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions?.regiehouder, null, { timeout: 5000 });
  const lead = (await value(page)).decisions.regiehouder;
  assert.equal(lead.decision, "override");
  assert.deepEqual(lead.values, ["wijkteam"]);
  assert.deepEqual(lead.reason, { code: "al_bekend", text: "" });

  // The actions: keyboard only, from the "decide otherwise" button of the actions to saving.
  const advice = (await value(page)).outcomes.acties.values;
  assert.ok(advice.length >= 1, "the case advises at least one action");
  const struck = advice[0];
  await tabTo(page, "[data-action=override][data-outcome=acties]");
  await page.keyboard.press("Enter");
  await page.locator(`${W} [part=override-form][data-outcome=acties]`).waitFor();
  // The keyboard is in the form: on the first box, checked as the advice is.
  const boxes = await field(page, "override-values").evaluateAll((bs) => bs.map((b) => [b.value, b.checked]));
  assert.deepEqual(boxes.filter(([, c]) => c).map(([v]) => v).sort(), [...advice].sort());
  await tabTo(page, `[data-field=override-values][value=${struck}]`);
  await page.keyboard.press("Space");
  await tabTo(page, "[data-field=override-values][value=schakel_politie_in]");
  await page.keyboard.press("Space");
  await tabTo(page, "[data-field=override-code]");
  await page.keyboard.type("Veiligheid");
  await tabTo(page, "[data-action=save-override]");
  await page.locator(`${W} [part=decision]`).screenshot({ path: artifact("decision-panel.png") });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions?.acties, null, { timeout: 5000 });
  const acties = (await value(page)).decisions.acties;
  assert.deepEqual(acties.advice, advice);
  assert.equal(acties.decision, "override");
  assert.ok(!acties.values.includes(struck), "the struck action is gone");
  assert.ok(acties.values.includes("schakel_politie_in"), "the added action is there");
  assert.equal(acties.reason.code, "veiligheid_medewerker");
  const line = (await summaryText(page)).split("\n").find((l) => l.includes("toegevoegd"));
  assert.match(line, /afgeweken: toegevoegd: Schakel de politie in; geschrapt: .+ \(reden: Veiligheid van de medewerker\)$/);
  // The widget says the decision in the summary's words: one text, made by the engine.
  const said = line.slice(line.indexOf("afgeweken: "));
  const row = await page.locator(`${W} [part=decision-outcome][data-outcome=acties] > span`).textContent();
  assert.ok(row.endsWith(` — ${said}`), `the row "${row}" ends with the summary's "${said}"`);
  const printed = await page.locator(`${W} [part=outcome][data-outcome=acties] [part=outcome-decision]`).textContent();
  assert.equal(printed, `Besluit: ${said}`);
  assert.deepEqual(errors, []);
  await page.locator(`${W} [part=decision]`).screenshot({ path: artifact("decision-panel-saved.png") });
  await page.context().close();
});

test("the posted form value holds per outcome the advice, the decision, the reason and the time", async () => {
  const { page, errors } = await openCase();
  await overrideOf(page, "urgentie");
  await field(page, "override-value").selectOption("binnen_24_uur");
  await field(page, "override-code").selectOption("informatie_onvolledig");
  await page.locator(`${W} [data-action=save-override]`).click();
  await page.locator(`${W} [data-action=confirm]`).click();
  await page.locator("#melder-naam").fill("Buurvrouw");
  await page.locator("#melding button[type=submit]").click();
  await page.locator("#posted").waitFor({ state: "visible", timeout: 5000 });
  const body = new URLSearchParams(await page.locator("#posted").getAttribute("data-body"));
  const posted = JSON.parse(body.get("triage"));
  assert.equal(posted.decided, true);
  assert.deepEqual(Object.keys(posted.decisions).sort(), Object.keys(posted.outcomes).sort());
  for (const [id, d] of Object.entries(posted.decisions)) {
    assert.deepEqual(d.advice, posted.outcomes[id].values, id);
    assert.match(d.decidedAt, ISO_TIME, id);
    if (id === "urgentie") {
      assert.equal(d.decision, "override");
      assert.deepEqual(d.values, ["binnen_24_uur"]);
      assert.deepEqual(d.reason, { code: "informatie_onvolledig", text: "" });
    } else {
      assert.equal(d.decision, "confirmed", id);
      assert.deepEqual(d.values, d.advice, id);
      assert.equal(d.reason, null, id);
    }
  }
  assert.equal(posted.decision, undefined, "the single decision of the old value is gone");
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a value of the older single-decision form is restored per outcome", async () => {
  const { page, errors } = await openCase();
  const answers = (await value(page)).answers;
  const old = { answers, decision: { kind: "override", outcome: "route", value: "vangnet", reason: "Bekend bij het team." } };
  await page.evaluate((s) => document.querySelector("regie-wijzer").formStateRestoreCallback(s), JSON.stringify(old));
  const v = await value(page);
  assert.deepEqual(v.decisions.route, { advice: ["bemoeizorg"], decision: "override", values: ["vangnet"],
    reason: { code: "", text: "Bekend bij het team." }, decidedAt: null, at: null });
  assert.match(await summaryText(page), /afgeweken: Vangnet \(wijk-GGD'er\) \(reden: Bekend bij het team\.\)/);
  const confirmed = { answers, decision: { kind: "confirmed" } };
  await page.evaluate((s) => document.querySelector("regie-wijzer").formStateRestoreCallback(s), JSON.stringify(confirmed));
  const c = await value(page);
  assert.equal(c.decided, true);
  assert.ok(Object.values(c.decisions).every((d) => d.decision === "confirmed"));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("each decision keeps the time it was taken: through a form restore, a restore of a value from before `decidedAt`, and a move of the element", async () => {
  const { page, errors } = await openCase();
  await page.locator(`${W} [data-action=confirm]`).click();
  const confirmed = await value(page);
  assert.equal(confirmed.format, 1);
  // Times from another morning: what is restored is what the professional did then, not now.
  const then = (i) => `2026-03-02T09:1${i}:03.512Z`;
  const restore = (v) => page.evaluate((s) => document.querySelector("regie-wijzer").formStateRestoreCallback(s), JSON.stringify(v));
  const ids = Object.keys(confirmed.decisions);
  const earlier = structuredClone(confirmed);
  ids.forEach((id, i) => { earlier.decisions[id].decidedAt = earlier.decisions[id].at = then(i); });
  await restore(earlier);
  const restored = await value(page);
  assert.deepEqual(ids.map((id) => [restored.decisions[id].decidedAt, restored.decisions[id].at]), ids.map((_, i) => [then(i), then(i)]));

  // A value of a widget before format 1 has only `at`; a time that is not one is not taken over.
  const older = structuredClone(earlier);
  delete older.format;
  for (const d of Object.values(older.decisions)) delete d.decidedAt;
  older.decisions.route.at = "gisteren";
  await restore(older);
  const fromOlder = (await value(page)).decisions;
  assert.equal(fromOlder.route.decidedAt, null, "no time known: null");
  assert.deepEqual(ids.filter((id) => id !== "route").map((id) => fromOlder[id].decidedAt),
    ids.map((_, i) => then(i)).filter((_, i) => ids[i] !== "route"));

  // Removed and added again (a framework moving it): the decisions and their times stay.
  await restore(earlier);
  await page.evaluate(() => {
    const w = document.querySelector("regie-wijzer");
    const parent = w.parentNode;
    w.remove();
    return new Promise((r) => setTimeout(() => { parent.append(w); r(); }, 50));
  });
  await page.locator(`${W} [part=checklist]`).waitFor();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decided, null, { timeout: 5000 });
  assert.equal((await value(page)).decisions.route.decidedAt, then(0));
  assert.deepEqual(errors, []);
  await page.context().close();
});
