// FHIR R4 export (docs/fhir.md), checked by an independent validator: the `fhir.resources` models of FHIR
// R4 4.0.1 (PyPI, pinned in scripts/fhir-requirements.txt, installed by scripts/setup.sh). Every shipped
// ruleset's Questionnaire, and the QuestionnaireResponse of values the element really posts (the shipped
// default rules, and rules of the page's own with a timeline) are valid; a broken resource is rejected; the
// command line gives the same response for the same value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { browserSuite } from "./browser.mjs";
import { answerByKeyboard } from "./keyboard.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PYTHON = `${ROOT}target/fhir-venv/bin/python`;
const W = "regie-wijzer";
const RULESETS = readdirSync(`${ROOT}rulesets`).filter((f) => f.endsWith(".regels") && !f.endsWith(".tests.regels")).sort();

/** Runs the validator on resources: `{ ok, out }` (its report, one line per resource). */
function validate(resources) {
  const run = spawnSync(PYTHON, [`${ROOT}scripts/fhir-validate.py`], { input: JSON.stringify(resources), encoding: "utf8" });
  if (run.error) throw new Error(`the FHIR validator did not run (make setup-fhir installs it): ${run.error.message}`);
  assert.equal(run.stderr, "", run.stderr);
  return { ok: run.status === 0, out: run.stdout };
}

function assertValid(resources) {
  const { ok, out } = validate(resources);
  assert.ok(ok, out);
  assert.match(out, new RegExp(`^${resources.length} passed, 0 failed$`, "m"));
}

const web = browserSuite();

/** The demo portal with its widget drawn. */
async function demo() {
  const { page, errors } = await web.open("/www/demo/", { ready: "[part=checklist]" });
  return { page, errors };
}

const exported = (page) => page.evaluate(async () => {
  const el = document.querySelector("regie-wijzer");
  return { value: el.value, q: await el.toQuestionnaire(), r: await el.toQuestionnaireResponse() };
});

const extension = (resource, name) =>
  resource.extension.filter((e) => e.url === `https://regiewijzer.nl/fhir/StructureDefinition/${name}`);

test("every shipped ruleset's checklist is a valid FHIR R4 Questionnaire", async () => {
  const { page, errors } = await demo();
  const sources = RULESETS.map((f) => readFileSync(`${ROOT}rulesets/${f}`, "utf8"));
  const questionnaires = await page.evaluate(async (texts) => {
    const core = await import("/pkg/core/regiewijzer_core.js");
    await core.default();
    return texts.map((t) => {
      const rules = core.Ruleset.load(t);
      try { return rules.questionnaire(); } finally { rules.free(); }
    });
  }, sources);
  assert.equal(questionnaires.length, RULESETS.length);
  assert.ok(RULESETS.length >= 3);
  assertValid(questionnaires);
  assert.deepEqual(errors, []);
});

test("values the element posts on the shipped rules give valid QuestionnaireResponses to its Questionnaire", async () => {
  const { page, errors } = await demo();
  await answerByKeyboard(page, [["melder", "buurt"], ["acuut_gevaar", false], ["woonsituatie", "dakloos"],
    ["hulp_geweigerd", true]]);
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.outcomes?.route?.values?.[0] === "bemoeizorg");
  const open = await exported(page);
  assert.equal(open.r.status, "in-progress");

  // Decide: the urgency otherwise (with a reason), the rest confirmed.
  await page.locator(`${W} [data-action=override][data-outcome=urgentie]`).click();
  const form = page.locator(`${W} [part=override-form][data-outcome=urgentie]`);
  await form.locator("[data-field=override-value]").selectOption("binnen_24_uur");
  await form.locator("[data-field=override-code]").selectOption("meer_urgentie");
  await form.locator("[data-field=override-reason]").fill("Melder hoort hem 's nachts schreeuwen.");
  await form.locator("[data-action=save-override]").click();
  await page.locator(`${W} [data-action=confirm]`).click();
  const done = await exported(page);
  assert.equal(done.value.decided, true);

  for (const { value, q, r } of [open, done]) {
    assert.equal(r.questionnaire, `${q.url}|${q.version}`);
    assert.equal(q.identifier[0].value, value.ruleset.hash);
    const ruleset = extension(r, "ruleset")[0].extension;
    assert.equal(ruleset.find((p) => p.url === "hash").valueString, value.ruleset.hash);
    assert.equal(extension(r, "advice").length, Object.keys(value.outcomes).length);
  }
  assert.equal(done.r.status, "completed");
  const over = extension(done.r, "decision").find((d) => d.extension.some((p) => p.url === "decision" && p.valueCode === "override"));
  assert.equal(over.extension.find((p) => p.url === "reason").valueCoding.code, "meer_urgentie");
  assertValid([open.q, open.r, done.r]);

  // The command line makes the same response from the same value, finding the rules by their hash.
  const cli = spawnSync("cargo", ["run", "-q", "-p", "regiewijzer-cli", "--", "fhir", "response", "-", "--rules", `${ROOT}rulesets`],
    { input: JSON.stringify(done.value), encoding: "utf8", cwd: ROOT });
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), done.r);
  assert.deepEqual(errors, []);
});

test("a value on the page's own rules with a timeline gives a valid QuestionnaireResponse", async () => {
  const { page, errors } = await demo();
  const source = readFileSync(`${ROOT}rulesets/escalatie.regels`, "utf8");
  const { value, q, r } = await page.evaluate(async (text) => {
    const el = document.querySelector("regie-wijzer");
    el.rulesSource = text;
    await el.ready;
    el.answers = {
      contactpogingen: [{ datum: "2026-02-20", resultaat: "geen_contact" }, { datum: "2026-02-25", resultaat: "geen_contact" }],
      vermoeden_psychische_stoornis: true,
    };
    return { value: el.value, q: await el.toQuestionnaire(), r: await el.toQuestionnaireResponse() };
  }, source);
  assert.equal(value.ruleset.id, "escalatie");
  assert.equal(r.questionnaire, `${q.url}|${q.version}`);
  const records = r.item.flatMap((s) => s.item).filter((i) => i.linkId === "contactpogingen");
  assert.equal(records.length, 2, JSON.stringify(r.item));
  assertValid([q, r]);
  assert.deepEqual(errors, []);
});

test("the rules-core API refuses, in words, bytes that are no compiled rules and a value of other rules", async () => {
  const { page, errors } = await demo();
  const refused = await page.evaluate(async () => {
    const core = await import("/pkg/core/regiewijzer_core.js");
    await core.default();
    const said = (f) => { try { f(); return null; } catch (e) { return e; } };
    const el = document.querySelector("regie-wijzer");
    const value = { ...el.value, ruleset: { ...el.value.ruleset, hash: "sha256:00" } };
    const rules = core.Ruleset.loadDefault();
    try {
      return { bytes: said(() => core.Ruleset.fromCompiled(new Uint8Array([1, 2, 3]))),
        other: said(() => rules.questionnaireResponse(value)), none: said(() => rules.questionnaireResponse(null)) };
    } finally { rules.free(); }
  });
  for (const e of Object.values(refused)) {
    assert.equal(typeof e?.nl, "string", JSON.stringify(refused));
    assert.equal(typeof e?.en, "string");
  }
  assert.match(refused.other.nl, /andere regels/);
  assert.deepEqual(errors, []);
});

test("the validator rejects a broken resource", async () => {
  const { page } = await demo();
  const { q, r } = await exported(page);
  assertValid([q, r]);
  const twoValues = structuredClone(r);
  twoValues.item = [{ linkId: "section.melding", item: [{ linkId: "acuut_gevaar", answer: [{ valueBoolean: true, valueInteger: 1 }] }] }];
  const badStatus = { ...r, status: "klaar" };
  const noLinkId = structuredClone(q);
  delete noLinkId.item[0].linkId;
  const badDate = { ...q, effectivePeriod: { start: "2026-13-45" } };
  for (const broken of [twoValues, badStatus, noLinkId, badDate]) {
    const { ok, out } = validate([broken]);
    assert.equal(ok, false, JSON.stringify(broken).slice(0, 200));
    assert.match(out, /^0 passed, 1 failed$/m);
  }
});
