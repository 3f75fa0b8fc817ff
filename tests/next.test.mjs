// "Wat nu telt", ranked, in the <regie-wijzer> widget on the demo portal, in a real browser: the question
// whose answer changes the route comes first and says to what; only the first few are shown, the rest sit
// behind "Meer vragen"; a button still moves focus to its question; the actions show what could still be
// added. A screenshot of the ranked list is kept for a person to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { artifact, browserSuite } from "./browser.mjs";
import { answerByKeyboard } from "./keyboard.mjs";

const WIDGET = "regie-wijzer";

const web = browserSuite();

test("'wat nu telt' puts first the question that changes the route, and says to what", async () => {
  const { page, errors } = await web.open("/www/demo/", { ready: "[part=checklist]" });
  // No acute danger, no abuse; dementia suspected and help refused: in page order serious harm comes
  // after a handful of other questions, yet it is the one answer that switches the route to the Wzd.
  await answerByKeyboard(page, [["acuut_gevaar", false], ["huiselijk_geweld", false],
    ["dementie_of_lvb", true], ["hulp_geweigerd", true]]);
  const next = page.locator(`${WIDGET} [part=matters-next]`);
  const top = next.locator(":scope > ul > li");
  await page.waitForFunction(() => document.querySelector("regie-wijzer").shadowRoot
    .querySelector("[part=matters-next] > ul > li")?.getAttribute("data-fact") === "ernstig_nadeel",
  null, { timeout: 5000 }).catch(() => {});
  assert.equal(await top.first().getAttribute("data-fact"), "ernstig_nadeel");
  assert.equal(await top.first().getAttribute("data-kind"), "changes");
  assert.match(await top.first().locator("[part=next-change]").textContent(),
    /kan de route veranderen in Wzd-route/);
  // Three shown; the rest behind "Meer vragen", closed.
  assert.equal(await top.count(), 3);
  const more = next.locator("details[part=more-questions]");
  assert.equal(await more.count(), 1);
  assert.match(await more.locator("summary").textContent(), /^Meer vragen \(\d+\)$/);
  assert.equal(await more.evaluate((d) => d.open), false);
  // The actions: what holds now, plus what could still come.
  const add = page.locator(`${WIDGET} [part=outcome][data-outcome=acties] [part=could-add]`);
  assert.match(await add.textContent(), /^Kan nog bij komen: /);
  assert.match(await add.getAttribute("data-values"), /overleg_wzd_zorgaanbieder/);

  await page.locator(`${WIDGET} [part=matters-next]`).scrollIntoViewIfNeeded();
  await page.locator(`${WIDGET} [part=matters-next]`).screenshot({ path: artifact("next-ranked.png") });

  // The button still moves focus to its question; answering it switches the route.
  await top.first().locator("button").focus();
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => {
    const a = document.querySelector("regie-wijzer").shadowRoot.activeElement;
    return a?.closest("[part=question]")?.getAttribute("data-fact");
  });
  assert.equal(focused, "ernstig_nadeel");
  await answerByKeyboard(page, [["ernstig_nadeel", true]]);
  await page.waitForFunction(() => document.querySelector("regie-wijzer").shadowRoot
    .querySelector("[part=outcome][data-outcome=route] [part=outcome-value]")?.getAttribute("data-values") === "wzd_route",
  null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.locator(`${WIDGET} [part=outcome][data-outcome=route] [part=outcome-value]`)
    .getAttribute("data-values"), "wzd_route");
  assert.deepEqual(errors, []);
  await page.context().close();
});
