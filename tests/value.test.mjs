// The posted value as a backend receives it: the shipped JSON Schema (www/value.schema.json) rejects a
// value of the wrong shape; every value the browser tests see is checked against it (browser.mjs); and
// values posted by the real element are checked in as tests/fixtures/values/*.json, which
// `regiewijzer verify` must accept (crates/regiewijzer-cli/tests/verify.rs). This test regenerates them
// and fails when they went stale; `REGIEWIJZER_BLESS=1` rewrites them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { browserSuite, takeInvalidValues } from "./browser.mjs";
import { answerByKeyboard } from "./keyboard.mjs";
import { checkValue, valueProblems, valuesChecked, validate } from "./value.mjs";

const FIXTURES = new URL("./fixtures/values/", import.meta.url);
const BLESS = process.env.REGIEWIJZER_BLESS === "1";
// The device clock in the fixtures: fixed, so that a regenerated value is the same to the byte.
const CLOCK = new Date("2026-03-02T09:14:03.512Z");
const W = "regie-wijzer";

const web = browserSuite();

const fixture = (name) => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8"));
const value = (page) => page.evaluate(() => document.querySelector("regie-wijzer").value);

/** A fixture value changed by `edit` (a copy). */
function edited(name, edit) {
  const v = fixture(name);
  edit(v);
  return v;
}

test("the shipped schema takes the element's values and rejects a value of a wrong shape", () => {
  for (const name of ["bevestigd", "afgeweken", "escalatie"]) checkValue(fixture(name));
  const wrong = {
    "no format": edited("bevestigd", (v) => delete v.format),
    "a format from the future": edited("bevestigd", (v) => { v.format = 2; }),
    "a decision time that is not one": edited("bevestigd", (v) => { v.decisions.route.decidedAt = "gisteren"; }),
    "a decision without its time": edited("bevestigd", (v) => delete v.decisions.route.decidedAt),
    "values as a text": edited("bevestigd", (v) => { v.outcomes.route.values = "bemoeizorg"; }),
    "a confirmation with a reason": edited("bevestigd", (v) => { v.decisions.route.reason = { code: "", text: "x" }; }),
    "an override without one": edited("afgeweken", (v) => { v.decisions.urgentie.reason = null; }),
    "a hash that is not sha256": edited("bevestigd", (v) => { v.ruleset.hash = "md5:00"; }),
    "a date with a time": edited("bevestigd", (v) => { v.today = "2026-03-02T10:00"; }),
    "an answer that is an object": edited("bevestigd", (v) => { v.answers.melder = { id: "buurt" }; }),
  };
  for (const [what, v] of Object.entries(wrong)) {
    assert.equal(validate(v), false, `the schema takes ${what}`);
    assert.notEqual(valueProblems(v), null, what);
  }
  // The shipped schema is open to a field a later widget adds (a backend must not break on it); the tests
  // check a closed copy too, so the element posts no field the schema does not describe.
  const added = edited("bevestigd", (v) => { v.signed = true; });
  assert.equal(validate(added), true);
  assert.match(valueProblems(added), /a field the schema does not list/);
});

test("the package ships the schema as ./value.schema.json", () => {
  const pkg = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));
  assert.equal(pkg.exports["./value.schema.json"], "./value.schema.json");
  assert.ok(pkg.files.includes("value.schema.json"));
});

test("every value a test page posts or reads is checked against the schema, and a wrong one is caught", async () => {
  const { page, errors } = await web.open("/tests/fixtures/widget.html", { ready: "[part=checklist]" });
  const before = valuesChecked();
  await page.locator(`${W} [data-action=confirm]`).click();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decided);
  await value(page);
  assert.ok(valuesChecked() > before, "the values of the page went through the schema check");
  assert.deepEqual(errors, []);
  // A form-associated element of the page that posts a value of the wrong shape is caught as an error.
  await page.evaluate(() => {
    customElements.define("fake-wijzer", class extends HTMLElement {
      static formAssociated = true;
      connectedCallback() { this.attachInternals().setFormValue(JSON.stringify({ format: 1, ruleset: "triage" })); }
    });
    document.querySelector("form").append(document.createElement("fake-wijzer"));
  });
  await value(page); // one more round trip: the report of the fake value has arrived
  assert.equal(takeInvalidValues().length, 1);
  assert.match(errors.join("\n"), /value not valid against the schema/);
  await page.context().close();
});

/** A page with the widget test page's element (today 2026-03-02) and the device clock at {@link CLOCK}. */
async function fixedPage() {
  const w = await web.page();
  await w.page.clock.setFixedTime(CLOCK);
  await w.page.goto(`${web.origin}/tests/fixtures/widget.html`);
  await w.page.locator(`${W} [part=checklist]`).waitFor();
  return w;
}

/** The values of the fixtures, each as the real element posts it after what the professional did. */
const SCENARIOS = {
  // The shipped triage (embedded default): a homeless person who refuses help, every outcome confirmed.
  async bevestigd(page) {
    await answerByKeyboard(page, [["melder", "buurt"], ["acuut_gevaar", false], ["huiselijk_geweld", false],
      ["woonsituatie", "dakloos"], ["hulp_geweigerd", true]]);
    await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.outcomes.route.values[0] === "bemoeizorg");
    await page.locator(`${W} [data-action=confirm]`).click();
    await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decided);
  },
  // An open question (provisional advice) and the urgency overridden with a reason; the rest not decided.
  async afgeweken(page) {
    await answerByKeyboard(page, [["acuut_gevaar", false], ["huiselijk_geweld", false], ["woonsituatie", "dakloos"]]);
    await page.locator(`${W} [data-action=override][data-outcome=urgentie]`).click();
    const form = `${W} [part=override-form][data-outcome=urgentie]`;
    await page.locator(`${form} [data-field=override-value]`).selectOption("binnen_1_uur");
    await page.locator(`${form} [data-field=override-code]`).selectOption("meer_urgentie");
    await page.locator(`${form} [data-field=override-reason]`).fill("Melder hoort hem 's nachts schreeuwen.");
    await page.locator(`${form} [data-action=save-override]`).click();
    await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions.urgentie);
  },
  // The page's own rules (escalation: timelines and a deadline that counts from `today`), in English,
  // the answers set by the host page, every outcome confirmed.
  async escalatie(page) {
    await page.evaluate(() => {
      const w = document.querySelector("regie-wijzer");
      w.lang = "en";
      w.setAttribute("rules", "../../rulesets/escalatie.regels");
    });
    await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.ruleset.id === "escalatie", null, { timeout: 10000 });
    await page.evaluate(() => {
      document.querySelector("regie-wijzer").answers = {
        datum_melding: "2026-02-20",
        contactpogingen: [{ datum: "2026-02-21", resultaat: "geen_contact" }, { datum: "2026-02-25", resultaat: "contact_geweigerd" }],
        meldingen: [{ datum: "2026-01-10" }],
        hulp_geweigerd: true,
        vermoeden_psychische_stoornis: true,
        ernstig_nadeel: true,
      };
    });
    await page.locator(`${W} [data-action=confirm]`).click();
    await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decided);
  },
};

for (const [name, act] of Object.entries(SCENARIOS)) {
  test(`the value the element posts for "${name}" is the checked-in fixture tests/fixtures/values/${name}.json`, async () => {
    const { page, errors } = await fixedPage();
    await act(page);
    const posted = await page.evaluate(() => new FormData(document.querySelector("form")).get("triage"));
    const v = checkValue(JSON.parse(posted));
    assert.deepEqual(await value(page), v, "the value property is what the form posts");
    for (const d of Object.values(v.decisions)) assert.equal(d.decidedAt, CLOCK.toISOString());
    const file = new URL(`${name}.json`, FIXTURES);
    if (BLESS) writeFileSync(file, `${JSON.stringify(v, null, 2)}\n`);
    assert.deepEqual(v, fixture(name), `tests/fixtures/values/${name}.json is stale: run REGIEWIJZER_BLESS=1 node --test tests/value.test.mjs`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
