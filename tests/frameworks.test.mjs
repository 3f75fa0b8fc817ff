// <regie-wijzer> in the four frameworks a portal is built with: React, Vue, Svelte and Angular. Each has a
// tiny app in tests/frameworks/ (what every app does: tests/frameworks/README.md) that uses the npm package
// (pkg/, a file: dependency) as a portal developer would. This file builds the four apps with their own
// tools (vite, the Angular CLI), all at once, and drives each built page in Chromium.
//
// The criteria are those of the Custom Elements Everywhere suite, applied to this element: it renders and
// upgrades; primitive data reaches it written as attributes and set as properties; rich data reaches it as
// properties; the framework hears its events declaratively; a parent re-render keeps its state; it can be
// unmounted and mounted again. Then what a portal needs on top: the app feeds `answers` back from
// `regiewijzer-change` (docs/widget.md) without a loop, `disabled` works, and the surrounding form posts it.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { browserSuite } from "./browser.mjs";

const APPS = fileURLToPath(new URL("./frameworks/", import.meta.url));
const MODULES = `${APPS}node_modules/`;

/** The installed version of a package of the apps, "major.minor". */
function version(pkg) {
  const file = `${MODULES}${pkg}/package.json`;
  if (!existsSync(file)) return "(not installed)";
  return JSON.parse(readFileSync(file, "utf8")).version.split(".").slice(0, 2).join(".");
}

const vite = (app) => ({ args: [`${MODULES}vite/bin/vite.js`, "build", "--config", "vite.config.mjs"], env: { APP: app } });
const FRAMEWORKS = [
  { name: `React ${version("react")}`, build: vite("react"), page: "/target/frameworks/react/" },
  { name: `Vue ${version("vue")}`, build: vite("vue"), page: "/target/frameworks/vue/" },
  { name: `Svelte ${version("svelte")}`, build: vite("svelte"), page: "/target/frameworks/svelte/" },
  { name: `Angular ${version("@angular/core")}`, build: { args: [`${MODULES}@angular/cli/bin/ng.js`, "build"], env: { NG_CLI_ANALYTICS: "false" } },
    page: "/target/frameworks/angular/browser/" },
];

/** Runs one app's build; resolves to `null` when it succeeded, else to what it printed. */
function build({ args, env }) {
  if (!existsSync(MODULES)) {
    return Promise.resolve(`${MODULES} is missing: run make setup-test-apps, which installs the apps' packages`);
  }
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      cwd: APPS,
      env: { ...process.env, ...env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { out += d; });
    child.on("error", (e) => done(String(e)));
    child.on("close", (code) => done(code === 0 ? null : `exit ${code}\n${out}`));
  });
}

// All four builds start at once, while the browser starts; each framework's tests wait for its own.
for (const fw of FRAMEWORKS) fw.built = build(fw.build);

const web = browserSuite();

/** Fails with `message` when `promise` does not settle within `ms` (a page stuck in a render loop never answers). */
function within(promise, ms, message) {
  let timer;
  const late = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(message)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const STUCK = "the page stopped answering (an endless render loop?)";

/** Opens the built app of `fw` for the test `t` (closed when it ends) and waits until both widgets are drawn. */
async function openApp(fw, t) {
  const failed = await fw.built;
  if (failed) throw new Error(`the ${fw.name} app did not build:\n${failed}`);
  const w = await web.page();
  w.page.setDefaultTimeout(10_000);
  // A page stuck in a loop would take a core from the next tests: every page goes when its test ends.
  t.after(() => within(w.page.context().close(), 10_000, "closing the page").catch(() => {}));
  const requests = [];
  const posted = [];
  w.page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  // The form posts to /posted: the request is caught here, as the portal's server would receive it.
  await w.page.route(`${web.origin}/posted`, (route) => {
    posted.push(route.request().postData() ?? "");
    return route.fulfill({ status: 200, contentType: "text/html", body: "<p>Ontvangen</p>" });
  });
  await within(w.page.goto(`${web.origin}${fw.page}`), 15_000, STUCK);
  for (const id of ["by-attribute", "by-property"]) await drawn(w, id);
  return { ...w, requests, posted };
}

/** Waits until the widget `#id` shows its advice. */
async function drawn({ page, errors }, id, what = "drawn") {
  try {
    await within(page.waitForFunction(
      (i) => document.getElementById(i)?.shadowRoot?.querySelector("[part=outcomes] [part=outcome]"),
      id, { timeout: 10_000 }), 12_000, STUCK);
  } catch (e) {
    throw new Error(`the widget #${id} was not ${what} within 10 s (${e.message.split("\n")[0]}); errors on the page: ${JSON.stringify(errors)}`);
  }
}

/** Runs `fn(element, arg)` in the page for the widget `#id`, with a time limit. */
function inWidget(page, id, fn, arg) {
  return within(page.evaluate(([i, src, a]) => new Function("w", "a", src)(document.getElementById(i), a), [id, fn, arg]),
    5_000, STUCK);
}

/** What the app knows: the events it heard per widget, and the answers it keeps in its state. */
async function app(page) {
  return within(page.evaluate(() => ({
    events: JSON.parse(document.getElementById("events").textContent),
    answers: JSON.parse(document.getElementById("answers").textContent),
  })), 5_000, STUCK);
}

/** Lets the framework and the widget finish what an action started (events, state, re-render). */
async function settle(page) {
  await within(page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))),
    5_000, STUCK);
  await page.waitForTimeout(250);
}

const answer = (page, id, fact, value) => page.locator(`#${id} [data-fact=${fact}] input[value="${value}"]`).check();
const confirm = (page, id) => page.locator(`#${id} [data-action=confirm]`).click();
const value = (page, id) => inWidget(page, id, "return w.value");

/** The attributes and properties of the widget `#id`, as the page sees them. */
const primitives = (page, id) => inWidget(page, id, `
  const names = ["name", "lang", "today", "rules", "required", "disabled"];
  return {
    attributes: Object.fromEntries(names.map((n) => [n, w.getAttribute(n)])),
    properties: Object.fromEntries(names.map((n) => [n, w[n]])),
    base: document.baseURI,
  };`);

/** Whether the `rules` property says `url` (as written, or resolved as a URL property would be). */
const sameUrl = (property, url, base) => property === url || property === new URL(url, base).href;

for (const fw of FRAMEWORKS) {
  describe(`${fw.name}: a portal page with <regie-wijzer>`, () => {
    test("the page renders both widgets from the npm package, upgraded, with no error and no request elsewhere", { timeout: 180_000 }, async (t) => {
      const { page, errors, foreign } = await openApp(fw, t);
      for (const id of ["by-attribute", "by-property"]) {
        assert.equal(await inWidget(page, id, "return w instanceof customElements.get('regie-wijzer')"), true);
      }
      assert.deepEqual(errors, []);
      assert.deepEqual(foreign, []);
    });

    test("name, lang, today, rules and required written as attributes reach the widget, and its properties say the same", { timeout: 40_000 }, async (t) => {
      const { page, errors } = await openApp(fw, t);
      const { attributes, properties, base } = await primitives(page, "by-attribute");
      assert.deepEqual(attributes, { name: "escalatie", lang: "en", today: "2026-03-02",
        rules: "/rulesets/escalatie.regels", required: "", disabled: null });
      assert.equal(properties.name, "escalatie");
      assert.equal(properties.lang, "en");
      assert.equal(properties.today, "2026-03-02");
      assert.ok(sameUrl(properties.rules, "/rulesets/escalatie.regels", base), `rules property: ${properties.rules}`);
      assert.equal(properties.required, true);
      assert.equal(properties.disabled, false);
      // And the widget acts on them: the rules from the file, English, the host's date, required.
      const v = await value(page, "by-attribute");
      assert.equal(v?.ruleset.id, "escalatie");
      assert.equal(v?.lang, "en");
      assert.equal(v?.today, "2026-03-02");
      assert.equal(await inWidget(page, "by-attribute", "return [w.form?.id, w.checkValidity()]").then(String), "host,false");
      assert.deepEqual(errors, []);
    });

    test("name, lang, today, rules and required set as properties reach the widget and are reflected as attributes", { timeout: 40_000 }, async (t) => {
      const { page, errors, requests } = await openApp(fw, t);
      const { attributes, properties, base } = await primitives(page, "by-property");
      assert.equal(properties.name, "intake");
      assert.equal(properties.lang, "nl");
      assert.equal(properties.today, "2026-03-02");
      assert.ok(sameUrl(properties.rules, "/rulesets/triage.regels", base), `rules property: ${properties.rules}`);
      assert.equal(properties.required, false, "required set to false is not required");
      assert.equal(properties.disabled, false);
      assert.deepEqual(attributes, { name: "intake", lang: "nl", today: "2026-03-02",
        rules: attributes.rules, required: null, disabled: null });
      assert.ok(sameUrl(new URL(attributes.rules ?? "", base).href, "/rulesets/triage.regels", base), `rules attribute: ${attributes.rules}`);
      const v = await value(page, "by-property");
      assert.equal(v?.ruleset.id, "triage");
      assert.ok(requests.includes("/rulesets/triage.regels"), "the widget loads the rules file the property names");
      assert.equal(v?.lang, "nl");
      assert.equal(v?.today, "2026-03-02");
      assert.equal(await inWidget(page, "by-property", "return w.checkValidity()"), true, "not required: valid while undecided");
      // The app switches required on and off again.
      await page.click("#require");
      await settle(page);
      assert.deepEqual(await inWidget(page, "by-property", "return [w.required, w.hasAttribute('required'), w.checkValidity()]"), [true, true, false]);
      await page.click("#require");
      await settle(page);
      assert.deepEqual(await inWidget(page, "by-property", "return [w.required, w.hasAttribute('required'), w.checkValidity()]"), [false, false, true]);
      assert.deepEqual(errors, []);
    });

    test("answers and rulesSource are rich data set as properties; a rulesSource of null leaves the rules property in charge", { timeout: 40_000 }, async (t) => {
      const { page, errors } = await openApp(fw, t);
      assert.deepEqual(await inWidget(page, "by-property", "return w.answers"), { acuut_gevaar: false });
      assert.equal(await page.locator("#by-property [data-fact=acuut_gevaar] input[value=false]").isChecked(), true);
      assert.equal(await page.locator("#by-property [part=error]").count(), 0, "no rules error while rulesSource is null");
      assert.equal((await app(page)).events["by-property"].error, 0);
      // The app gives the widget a rules text of its own: the widget uses it and keeps the answers.
      await page.click("#own-rules");
      await page.waitForFunction(() => document.getElementById("by-property")?.value?.ruleset.id === "escalatie", null, { timeout: 10_000 });
      assert.equal((await inWidget(page, "by-property", "return w.answers")).acuut_gevaar, false);
      assert.deepEqual(errors, []);
    });

    test("the app hears regiewijzer-change, regiewijzer-confirm and regiewijzer-error through its own event syntax", { timeout: 40_000 }, async (t) => {
      const { page, errors } = await openApp(fw, t);
      await answer(page, "by-attribute", "hulp_geweigerd", true);
      await settle(page);
      assert.equal((await app(page)).events["by-attribute"].change, 1);
      await confirm(page, "by-attribute");
      await settle(page);
      assert.equal((await app(page)).events["by-attribute"].confirm, 1);
      await page.click("#bad-rules");
      await page.locator("#by-property [part=error]").waitFor({ timeout: 10_000 });
      await settle(page);
      assert.equal((await app(page)).events["by-property"].error, 1);
      assert.deepEqual(errors, []);
    });

    test("feeding answers back from regiewijzer-change into state and into the widget: one event per answer, none for what the app sets, no loop", { timeout: 40_000 }, async (t) => {
      const { page, errors } = await openApp(fw, t);
      await settle(page);
      let { events, answers } = await app(page);
      assert.deepEqual([events["by-attribute"].change, events["by-property"].change], [0, 0],
        "the app setting answers is no user action");
      await answer(page, "by-property", "huiselijk_geweld", true);
      await settle(page);
      ({ events, answers } = await app(page));
      assert.equal(events["by-property"].change, 1);
      assert.deepEqual(answers["by-property"], { acuut_gevaar: false, huiselijk_geweld: true });
      assert.deepEqual(await inWidget(page, "by-property", "return w.answers"), { acuut_gevaar: false, huiselijk_geweld: true });
      assert.equal(await page.locator("#by-property [data-outcome=route] [part=outcome-value]").getAttribute("data-values"), "veilig_thuis");
      await answer(page, "by-property", "acuut_gevaar", true);
      await settle(page);
      assert.equal((await app(page)).events["by-property"].change, 2);
      assert.deepEqual(errors, []);
    });

    test("re-rendering the parent keeps the same widget with its answers and decision", { timeout: 40_000 }, async (t) => {
      const { page, errors } = await openApp(fw, t);
      await answer(page, "by-attribute", "hulp_geweigerd", true);
      await confirm(page, "by-attribute");
      await settle(page);
      const before = await value(page, "by-attribute");
      assert.equal(before?.decided, true);
      await page.evaluate(() => { window.kept = document.getElementById("by-attribute"); });
      for (let i = 1; i <= 3; i++) {
        await page.click("#rerender");
        await page.locator("#ticks", { hasText: String(i) }).waitFor({ timeout: 5_000 });
      }
      await settle(page);
      assert.equal(await page.evaluate(() => window.kept === document.getElementById("by-attribute")), true);
      const now = await value(page, "by-attribute");
      assert.deepEqual(now?.answers, before.answers);
      assert.deepEqual(now?.decisions, before.decisions);
      assert.equal(now?.decided, true);
      const { events } = await app(page);
      assert.deepEqual(events["by-attribute"], { change: 1, confirm: 1, error: 0 });
      assert.deepEqual(errors, []);
    });

    test("unmounting and mounting again gives a new widget with the answers the app kept", { timeout: 40_000 }, async (t) => {
      const { page, errors } = await openApp(fw, t);
      await answer(page, "by-property", "huiselijk_geweld", true);
      await settle(page);
      await page.evaluate(() => { window.kept = document.getElementById("by-property"); });
      await page.click("#toggle");
      await page.waitForFunction(() => !document.querySelector("regie-wijzer"), null, { timeout: 5_000 });
      await page.click("#toggle");
      for (const id of ["by-attribute", "by-property"]) await drawn({ page, errors }, id, "drawn again");
      await settle(page);
      assert.equal(await page.evaluate(() => window.kept === document.getElementById("by-property")), false, "a new element");
      assert.deepEqual(await inWidget(page, "by-property", "return w.answers"), { acuut_gevaar: false, huiselijk_geweld: true });
      assert.equal(await page.locator("#by-property [data-outcome=route] [part=outcome-value]").getAttribute("data-values"), "veilig_thuis");
      assert.equal((await app(page)).events["by-property"].change, 1, "mounting with the kept answers is no user action");
      assert.deepEqual(errors, []);
    });

    test("disabled, as attribute and as property, disables the widget's questions and leaves it out of the form", { timeout: 40_000 }, async (t) => {
      const { page, errors } = await openApp(fw, t);
      const state = (id) => inWidget(page, id, `
        const controls = [...w.shadowRoot.querySelectorAll("[part=checklist] :is(input, select, textarea)")];
        return { disabled: w.disabled, attribute: w.hasAttribute("disabled"), matches: w.matches(":disabled"),
          controls: controls.length > 0 && controls.every((c) => c.matches(":disabled")),
          posted: new FormData(w.form).has(w.getAttribute("name")) };`);
      await page.click("#lock");
      await settle(page);
      for (const id of ["by-attribute", "by-property"]) {
        assert.deepEqual(await state(id), { disabled: true, attribute: true, matches: true, controls: true, posted: false }, id);
      }
      await page.click("#lock");
      await settle(page);
      for (const id of ["by-attribute", "by-property"]) {
        assert.deepEqual(await state(id), { disabled: false, attribute: false, matches: false, controls: false, posted: true }, id);
      }
      assert.deepEqual(errors, []);
    });

    test("submitting the surrounding form posts each widget's value under its name", { timeout: 40_000 }, async (t) => {
      const { page, errors, posted } = await openApp(fw, t);
      await answer(page, "by-attribute", "hulp_geweigerd", true);
      await confirm(page, "by-attribute");
      await answer(page, "by-property", "huiselijk_geweld", true);
      await settle(page);
      await page.click("#submit");
      await page.waitForURL("**/posted", { timeout: 10_000 }).catch(() => {});
      assert.equal(posted.length, 1, "the form was posted once");
      const form = new URLSearchParams(posted[0]);
      assert.deepEqual([...form.keys()].sort(), ["escalatie", "intake"]);
      const escalatie = JSON.parse(form.get("escalatie"));
      assert.equal(escalatie.ruleset.id, "escalatie");
      assert.equal(escalatie.decided, true);
      assert.equal(escalatie.answers.hulp_geweigerd, true);
      assert.deepEqual(JSON.parse(form.get("intake")).answers, { acuut_gevaar: false, huiselijk_geweld: true });
      assert.deepEqual(errors, []);
    });
  });
}
