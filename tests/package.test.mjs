// The npm package's stylesheet (pkg/regiewijzer.css, what bundle-size counts) is the element's own
// (www/regiewijzer.css) minified by the build: Chromium builds the same rules from both, and it is smaller.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { browserSuite } from "./browser.mjs";

const ROOT = new URL("..", import.meta.url);

const web = browserSuite();

/** Every rule's cssText as Chromium serializes it; a number a shorthand keeps as written (`.3rem` beside
 * a `var()`) is written with its leading zero, as the source writes it. */
async function rules(page, text) {
  const out = await page.evaluate((t) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(t);
    return [...sheet.cssRules].map((r) => r.cssText);
  }, text);
  return out.map((r) => r.replace(/\s+/g, " ").trim().replace(/([\s(,])\.(\d)/g, "$10.$2"));
}

test("the package's stylesheet gives Chromium the element's rules, in fewer bytes", async () => {
  const source = await readFile(new URL("www/regiewijzer.css", ROOT), "utf8");
  const shipped = await readFile(new URL("pkg/regiewijzer.css", ROOT), "utf8");
  const page = await web.browser.newPage();
  const want = await rules(page, source);
  assert.ok(want.length > 40, `the element's stylesheet has its rules (${want.length})`);
  assert.deepEqual(await rules(page, shipped), want);
  assert.ok(shipped.length < source.length * 0.8, `${shipped.length} bytes, source ${source.length}`);
});
