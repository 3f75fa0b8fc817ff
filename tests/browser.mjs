// Launches the system Chromium (Debian's, installed by scripts/setup.sh) through playwright-core.
import { existsSync } from "node:fs";
import { after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { valueProblems } from "./value.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** The browser; `args` are added to its command line (e.g. `--js-flags=--expose-gc`). */
export async function launch({ args = [] } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/setup.sh (make setup)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium floods the closed network (shared/toolchain.md).
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", ...args],
  });
}

/** Values that did not validate against the shipped schema, in every page of this test file. */
const invalidValues = [];

// A test whose pages posted or read a value that the schema rejects fails, also when it does not look at
// the page's errors. (A hook that throws in `after` would keep the test file's own `after`, which closes
// the browser, from running: one seen after the last test fails the file through its exit code.)
afterEach(() => assert.deepEqual(invalidValues.splice(0), [], "values that do not validate against www/value.schema.json"));
after(() => {
  if (invalidValues.length === 0) return;
  console.error(`values that do not validate against www/value.schema.json:\n${invalidValues.join("\n")}`);
  process.exitCode = 1;
});

/** The invalid values seen so far, taken out of the list (for a test that posts one on purpose). */
export const takeInvalidValues = () => invalidValues.splice(0);

/**
 * In the page, before its scripts: every value a `<regie-wijzer>` gives, as its form field (the JSON of
 * `setFormValue`) or through its `value` property (also the events' detail), goes to `__regiewijzerValue`.
 */
function reportValues() {
  const report = (json) => {
    try {
      globalThis.__regiewijzerValue?.(json)?.catch?.(() => {});
    } catch {
      // a page that took the hook away reports nothing; the test sees no values then
    }
  };
  const setFormValue = ElementInternals.prototype.setFormValue;
  ElementInternals.prototype.setFormValue = function (value, state) {
    if (typeof value === "string") report(value);
    return setFormValue.call(this, value, state);
  };
  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (name, cls, options) {
    const d = name === "regie-wijzer" ? Object.getOwnPropertyDescriptor(cls.prototype, "value") : undefined;
    if (d?.get) {
      Object.defineProperty(cls.prototype, "value", { ...d, get() {
        const v = d.get.call(this);
        if (v != null) report(JSON.stringify(v));
        return v;
      } });
    }
    return define.call(this, name, cls, options);
  };
}

/** A page that records console errors and every request that leaves the test server, and checks every
 * value a widget on it posts or gives against the shipped JSON Schema (a value it rejects is an error). */
export async function watchedPage(browser, origin) {
  // A context per page (axe needs one), so that tests do not share state.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith(origin)) foreign.push(r.url()); });
  await context.exposeFunction("__regiewijzerValue", (json) => {
    const problem = valueProblems(JSON.parse(json));
    if (problem) {
      invalidValues.push(`${page.url()}: ${problem}`);
      errors.push(`value not valid against the schema: ${problem}`);
    }
  });
  await context.addInitScript(reportValues);
  return { page, errors, foreign };
}
