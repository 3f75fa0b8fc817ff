// The demo page and the rules-core API in a real browser: the wasm core loads, the default ruleset is
// compiled and evaluated live, nothing leaves the page, and axe finds no accessibility violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, browserSuite } from "./browser.mjs";

const web = browserSuite();

/** The rules core's page (www/) with the default ruleset loaded. */
async function openCore() {
  const w = await web.open("/www/", { ready: null });
  await w.page.waitForSelector("#ruleset:not([hidden])");
  return w;
}

test("the demo loads the default ruleset and shows its identity", async () => {
  const { page, errors, foreign } = await openCore();
  assert.equal(await page.textContent("#ruleset-id"), "triage");
  assert.match(await page.textContent("#ruleset-hash"), /^sha256:[0-9a-f]{64}$/);
  // Nothing answered: the route is not decided yet and is provisional.
  const route = page.locator('[data-outcome="route"]');
  assert.equal(await route.getAttribute("data-status"), "undecided");
  assert.notEqual(await route.getAttribute("data-provisional"), null);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("answering acute danger routes to the crisis service, and hidden questions follow ask-when", async () => {
  const { page, errors, foreign } = await openCore();
  const weapon = page.locator('[data-fact="wapen_of_dreiging"]');
  assert.equal(await weapon.isHidden(), true);
  await page.selectOption("#f-acuut_gevaar", "true");
  const route = page.locator('[data-outcome="route"]');
  await page.waitForFunction(() =>
    document.querySelector('[data-outcome="route"]')?.dataset.values === "crisisdienst_112");
  assert.equal(await route.getAttribute("data-status"), "decided");
  assert.equal(await route.getAttribute("data-provisional"), null);
  assert.equal(await weapon.isHidden(), false);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("the demo has no accessibility violations (WCAG 2.1 A/AA)", async () => {
  const { page } = await openCore();
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test("the rules-core API analyses in the page: gaps with examples, coverage and a diff by meaning", async () => {
  const { page, errors, foreign } = await web.open("/www/playground/", { ready: null });
  await page.waitForFunction(() => document.querySelector("#summary").textContent.includes("0 fouten"));
  const result = await page.evaluate(async () => {
    const core = await import("/pkg/core/regiewijzer_core.js");
    await core.default();
    const planted = await (await fetch("/crates/regiewijzer-core/tests/fixtures/analyse_fouten.regels")).text();
    const triage = core.defaultRulesetSource();
    const bad = core.Ruleset.load(planted);
    const report = bad.analyze("2026-03-02");
    const shipped = core.Ruleset.load(triage).analyze("2026-03-02");
    const tests = await (await fetch("/rulesets/triage.tests.regels")).text();
    const coverage = core.Ruleset.load(triage).coverage(tests);
    const narrower = planted.replace("when acuut = no and leeftijd < 16", "when acuut = no and leeftijd < 12");
    const diff = bad.diff(core.Ruleset.load(narrower), "2026-03-02");
    // The shipped triage with the revolving-door threshold raised from 2 to 3 earlier reports.
    const raised = triage.replace("parameter draaideur_eerdere_meldingen = 2", "parameter draaideur_eerdere_meldingen = 3");
    const triageDiff = core.Ruleset.load(triage).diff(core.Ruleset.load(raised), "2026-03-02");
    return { report, shipped, coverage, diff, triageDiff };
  });
  const codes = result.report.findings.map((f) => f.code);
  for (const code of ["A101", "A102", "A201", "A202", "A301", "A401", "A402"]) {
    assert.ok(codes.includes(code), `${code} in ${codes.join(" ")}`);
  }
  const gap = result.report.findings.find((f) => f.code === "A101");
  assert.equal(gap.line, 37);
  assert.equal(gap.example.answers.acuut, false);
  assert.ok(gap.message.nl.startsWith("Geen regel beslist 'route'") && gap.message.en.startsWith("No rule decides"));
  assert.equal(result.shipped.findings.length, 0, JSON.stringify(result.shipped.findings));
  assert.equal(result.shipped.complete, true);
  assert.deepEqual(result.coverage.rules_not_fired, []);
  assert.ok(result.coverage.tests > 50);
  // Ages 12 to 15 no longer get two routes at once.
  assert.ok(result.diff.changes.length > 0);
  for (const c of result.diff.changes) {
    assert.equal(c.outcome, "route");
    assert.deepEqual([c.from[0], c.to], ["conflict", ["decided", ["jeugd"]]]);
    assert.ok([12, 13, 14, 15].includes(c.example.answers.leeftijd), JSON.stringify(c.example));
    assert.ok(c.message.nl.startsWith("Route: van tegenstrijdig naar Jeugd"), c.message.nl);
  }
  // Exactly the people with two earlier reports change: no longer bemoeizorg for the revolving door.
  const td = result.triageDiff;
  // Settled within the default budget: `acties` follows the route and is compared value by value, as
  // the evaluation counts each action.
  assert.equal(td.complete, true);
  const changed = new Set(td.changes.map((c) => c.outcome));
  assert.deepEqual([...changed].sort(), ["acties", "regiehouder", "route", "urgentie"]);
  for (const c of td.changes) {
    assert.equal(c.example.answers.eerdere_meldingen, 2, JSON.stringify(c.example));
    assert.ok(c.message.nl.includes("'Hoeveel eerdere meldingen waren er in de afgelopen 12 maanden?': 2"), c.message.nl);
    assert.ok(c.situations.length >= 1 && c.label.nl && c.from_words.nl && c.to_words.nl, JSON.stringify(c));
    if (c.outcome === "route") assert.deepEqual(c.from, ["decided", ["bemoeizorg"]]);
    // The revolving-door talk is lost, and bemoeizorg too where no other rule that wins asks for it.
    if (c.outcome === "acties") {
      assert.deepEqual(c.gained, []);
      assert.equal(c.lost.at(-1), "bespreek_draaideur");
      for (const v of c.lost) assert.ok(["inzet_bemoeizorg", "bespreek_draaideur"].includes(v), v);
    }
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});
