// The <regie-wijzer> element's contract (docs/widget.md) in a real browser: it loads the shipped rules,
// evaluates live, is a form field whose value carries the ruleset hash, is invalid while `required` and
// undecided, needs a reason to decide otherwise, resets with the form, and reports rules that fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite } from "./browser.mjs";

const web = browserSuite();

async function open(path = "/tests/fixtures/widget.html") {
  const w = await web.open(path, { ready: "[part=outcomes] [part=outcome]" });
  return w;
}

const inWidget = (page, fn, arg) =>
  page.evaluate(([src, a]) => new Function("w", "r", "a", src)(document.querySelector("regie-wijzer"), document.querySelector("regie-wijzer").shadowRoot, a), [fn, arg]);

test("the value carries answers, outcomes and the ruleset hash; required stays invalid until decided", async () => {
  const { page, errors, foreign } = await open();
  const w = page.locator("regie-wijzer");
  assert.equal(await inWidget(page, "return w.checkValidity()"), false);
  await w.locator("[data-fact=acuut_gevaar] input[value=true]").check();
  const route = await inWidget(page, "return r.querySelector('[data-outcome=route] [part=outcome-value]').dataset.values");
  assert.equal(route, "crisisdienst_112");
  const value = await inWidget(page, "return w.value");
  assert.match(value.ruleset.hash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(value.answers.acuut_gevaar, true);
  assert.deepEqual(value.outcomes.route.values, ["crisisdienst_112"]);
  assert.deepEqual(value.decisions, {});
  assert.equal(value.decided, false);
  await w.locator("[data-action=confirm]").click();
  assert.equal(await inWidget(page, "return w.checkValidity()"), true);
  const posted = await page.evaluate(() => Object.fromEntries(new FormData(document.querySelector("#host"))));
  const submitted = JSON.parse(posted.triage);
  assert.equal(submitted.decided, true);
  assert.equal(submitted.decisions.route.decision, "confirmed");
  assert.equal(submitted.ruleset.hash, value.ruleset.hash);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

test("deciding otherwise needs a reason, and the reason becomes part of the value", async () => {
  const { page } = await open();
  const w = page.locator("regie-wijzer");
  await w.locator("[data-action=override][data-outcome=route]").click();
  await w.locator("[data-field=override-value]").selectOption("bemoeizorg");
  await w.locator("[data-action=save-override]").click();
  assert.equal(await w.locator("[part=decision-error]").isVisible(), true);
  assert.deepEqual((await inWidget(page, "return w.value")).decisions, {});
  await w.locator("[data-field=override-code]").selectOption("informatie_onvolledig");
  await w.locator("[data-field=override-reason]").fill("Melder belde terug: geen gevaar meer.");
  await w.locator("[data-action=save-override]").click();
  const v = await inWidget(page, "return w.value");
  const { at, decidedAt, ...route } = v.decisions.route;
  assert.equal(decidedAt, at);
  assert.deepEqual(route, { advice: [], decision: "override", values: ["bemoeizorg"],
    reason: { code: "informatie_onvolledig", text: "Melder belde terug: geen gevaar meer." } });
  assert.match(await inWidget(page, "return w.summary"), /afgeweken: Bemoeizorg \(reden: Informatie van de melder onvolledig of achterhaald – Melder belde terug/);
});

test("form reset clears answers and decision; the answers property round-trips", async () => {
  const { page } = await open();
  await inWidget(page, "w.answers = { acuut_gevaar: false, huiselijk_geweld: true }");
  assert.equal(await inWidget(page, "return r.querySelector('[data-outcome=route] [part=outcome-value]').dataset.values"), "veilig_thuis");
  assert.deepEqual(await inWidget(page, "return w.answers"), { acuut_gevaar: false, huiselijk_geweld: true });
  await page.evaluate(() => document.querySelector("#host").reset());
  assert.deepEqual(await inWidget(page, "return w.answers"), {});
  assert.equal(await inWidget(page, "return r.querySelector('[data-outcome=route]').dataset.status"), "undecided");
});

test("rules that do not compile show a clear message and fire regiewijzer-error; the page keeps working", async () => {
  const { page, foreign } = await open();
  const detail = await page.evaluate(() => new Promise((resolve) => {
    const w = document.querySelector("regie-wijzer");
    w.addEventListener("regiewijzer-error", (e) => resolve(e.detail), { once: true });
    w.setAttribute("rules", "kapot.regels");
  }));
  assert.equal(detail.diagnostics[0]?.code, "E301", JSON.stringify(detail));
  const text = await inWidget(page, "return r.querySelector('[part=error]').textContent");
  assert.match(text, /De regels konden niet worden geladen/);
  assert.match(text, /E301 5:8/);
  assert.deepEqual(foreign, []);
});

test("the default rules come checked inside the widget bundle: the compiler is fetched only for a rules file", async () => {
  const w = await web.page();
  const requested = [];
  w.page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await w.page.goto(`${web.origin}/tests/fixtures/widget.html`);
  await w.page.waitForFunction(() => document.querySelector("regie-wijzer")?.shadowRoot?.querySelector("[part=outcomes] [part=outcome]"));
  const hash = await w.page.evaluate(() => document.querySelector("regie-wijzer").value.ruleset.hash);
  assert.match(hash, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(requested.filter((p) => p.includes("/pkg/core/")), [], "no compiler for the default rules");
  // The same default rules from a file: compiled in the page by pkg/core/, with the same content hash.
  await w.page.evaluate(async () => {
    const el = document.querySelector("regie-wijzer");
    el.answers = { acuut_gevaar: true };
    el.setAttribute("rules", "/rulesets/triage.regels");
    await el.ready;
  });
  assert.equal(await w.page.evaluate(() => document.querySelector("regie-wijzer").value.outcomes.route.values[0]), "crisisdienst_112");
  assert.ok(requested.some((p) => p.endsWith("/pkg/core/regiewijzer_core_bg.wasm")), requested.join(" "));
  assert.equal(await w.page.evaluate(() => document.querySelector("regie-wijzer").value.ruleset.hash), hash);
  assert.deepEqual(w.errors, []);
  assert.deepEqual(w.foreign, []);
});
