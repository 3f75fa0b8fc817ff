// The browser tests' one harness: a test file calls `browserSuite()` and gets the static server
// (tests/server.mjs) and the system Chromium (Debian's, `make setup-chromium`, driven by playwright-core)
// for its tests, pages that record console errors and requests that leave the page and check every value
// a widget gives against the shipped schema (`watchedPage`), `open` for a page with its widgets drawn,
// axe's findings (`axeViolations`) and a place for screenshots (`artifact`).
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { after, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";
import { valueProblems } from "./value.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** The browser; `args` are added to its command line (e.g. `--js-flags=--expose-gc`). */
export async function launch({ args = [] } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run make setup-chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium floods the closed network (CONTRIBUTING.md).
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

/** A page that records console errors and every request that leaves the test server (blob: URLs the page
 * made itself do not), and checks every
 * value a widget on it posts or gives against the shipped JSON Schema (a value it rejects is an error). */
export async function watchedPage(browser, origin) {
  // A context per page (axe needs one), so that tests do not share state.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  // A blob: URL of the page's own origin (the playground's worker) is memory of the page, not a request.
  const local = (url) => url.startsWith(origin) || url.startsWith(`blob:${origin}/`);
  page.on("request", (r) => { if (!local(r.url())) foreign.push(r.url()); });
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

/**
 * The set-up of a test file: before its tests the static server and Chromium (with `args` on its command
 * line) start, after them both stop. `browser` and `origin` are there once the file's tests run.
 */
export function browserSuite({ args = [] } = {}) {
  let server;
  let started;
  // Once, for whoever asks first: the file's own `before` hooks may run alongside this one.
  const start = () => (started ??= (async () => {
    server = await startServer();
    suite.browser = await launch({ args });
  })());
  const suite = {
    /** The Chromium of this file's tests. */
    browser: undefined,
    /** Where the test server serves the repository (`http://127.0.0.1:PORT`). */
    get origin() {
      return server.origin;
    },
    /** A new watched page (see `watchedPage`): `{ page, errors, foreign }`. */
    async page() {
      await start();
      return watchedPage(suite.browser, server.origin);
    },
    /**
     * A watched page at `path` (on the test server), at `viewport` ({ width, height }) when given, after
     * `setup` ran in it, once `ready` holds: a selector that every `<regie-wijzer>` on the page (at least
     * `widgets` of them) has in its shadow root (default: its advice drawn), a function that the page
     * runs until it is true, or null (just loaded).
     */
    async open(path, { viewport, setup, ready = "[part=outcome]", widgets = 1 } = {}) {
      const w = await suite.page();
      if (viewport) await w.page.setViewportSize(viewport);
      await w.page.goto(`${server.origin}${path}`);
      if (setup) await w.page.evaluate(setup);
      if (typeof ready === "function") await w.page.waitForFunction(ready);
      else if (ready) await drawn(w.page, ready, widgets);
      return w;
    },
  };
  before(start);
  after(async () => {
    await suite.browser?.close();
    await server?.close();
  });
  return suite;
}

/** Waits until at least `widgets` `<regie-wijzer>` are on the page and each has `selector` in its shadow root. */
export function drawn(page, selector = "[part=outcome]", widgets = 1) {
  return page.waitForFunction(([sel, n]) => {
    const all = [...document.querySelectorAll("regie-wijzer")];
    return all.length >= n && all.every((el) => el.shadowRoot?.querySelector(sel));
  }, [selector, widgets]);
}

/** The WCAG 2.1 A and AA rules of axe: what the accessibility tests hold every page to. */
export const WCAG21AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe run on the page (its whole result: violations, passes...): `tags` choose the rules, `rules` switch
 * single rules on or off, `include` keeps the check to what a selector matches.
 */
export async function axe(page, { tags = WCAG21AA, rules, include } = {}) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  return builder.options({ runOnly: { type: "tag", values: tags }, ...(rules && { rules }) }).analyze();
}

/** The violations of an axe result as lines: the rule, its help, the first nodes and why they fail. */
export function violations(result) {
  const node = (n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1] ?? ""}`.trim();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 4).map(node).join(", ")})`);
}

/** axe's violations on the page as lines (see `axe` for the options): what a test expects to be empty. */
export const axeViolations = async (page, options) => violations(await axe(page, options));

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

/** The path of `name` in tests/artifacts/ (screenshots for a person to look at), its folder made. */
export function artifact(name) {
  const path = `${ARTIFACTS}${name}`;
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
