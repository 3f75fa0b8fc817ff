// What an answer costs before the professional sees the outcome (issue 19): one cheap call into the engine
// (`evaluateOutcomes`: outcomes, reasons, what is provisional), painted at once; the ranking of the open
// questions and the actions that could still be added (`evaluate`, many times the work) come a frame later,
// once per burst of answers. Counted in calls, never timed (docs/performance.md has the times).
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite } from "./browser.mjs";

const web = browserSuite();

const W = "regie-wijzer";

/** The widget test page with the engine's two evaluation methods counted. */
async function counted() {
  const w = await web.open("/tests/fixtures/widget.html");
  await w.page.evaluate(async () => {
    const { glueUrl } = await import("/www/element/engine.js");
    const { Engine } = await import(glueUrl());
    window.calls = [];
    for (const name of ["evaluate", "evaluateOutcomes"]) {
      const original = Engine.prototype[name];
      Engine.prototype[name] = function counting(...args) {
        window.calls.push(name);
        return original.apply(this, args);
      };
    }
  });
  return w;
}

const calls = (page) => page.evaluate(() => window.calls.splice(0));
const nextFacts = (page) => page.evaluate(() =>
  [...document.querySelector("regie-wijzer").shadowRoot.querySelectorAll("[part=matters-next] [data-fact]")].map((e) => e.dataset.fact));

test("an answer paints its outcome from one cheap engine call; the ranking follows a frame later", async () => {
  const { page, errors } = await counted();
  // The answer and what the page shows right after it, in one task: the outcome is already there.
  const now = await page.evaluate(() => {
    const root = document.querySelector("regie-wijzer").shadowRoot;
    root.querySelector("[data-fact=acuut_gevaar] input[value=true]").click();
    return {
      route: root.querySelector("[data-outcome=route] [part=outcome-value]")?.dataset.values,
      calls: window.calls.splice(0),
    };
  });
  assert.equal(now.route, "crisisdienst_112");
  assert.deepEqual(now.calls, ["evaluateOutcomes"], "only the cheap evaluation before the outcome is painted");
  await page.waitForFunction(() => window.calls.includes("evaluate"));
  assert.deepEqual(await calls(page), ["evaluate"], "the ranking, once, after the frame");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a burst of answers is ranked once, for the last answers, and what matters next is then right", async () => {
  const { page, errors } = await counted();
  await page.evaluate(() => {
    const root = document.querySelector("regie-wijzer").shadowRoot;
    root.querySelector("[data-fact=acuut_gevaar] input[value=false]").click();
    root.querySelector("[data-fact=huiselijk_geweld] input[value=false]").click();
    const melder = root.querySelector("[data-fact=melder] select");
    melder.value = "buurt";
    melder.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await page.waitForFunction(() => window.calls.includes("evaluate"));
  await page.waitForTimeout(100);
  assert.deepEqual(await calls(page), ["evaluateOutcomes", "evaluateOutcomes", "evaluateOutcomes", "evaluate"]);
  // The ranking is of the last answers: no answered question is listed as what matters next.
  const listed = await nextFacts(page);
  assert.ok(listed.length > 0, "what matters next is shown");
  for (const f of ["acuut_gevaar", "huiselijk_geweld", "melder"]) assert.ok(!listed.includes(f), `${f} is answered: ${listed}`);
  assert.deepEqual(errors, []);
  await page.close();
});
