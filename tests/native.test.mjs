// The <regie-wijzer> element behaves like a native form control (issue 19), in a real browser: one
// `regiewijzer-change` per answer and none for what the host sets; nothing the host does while a number
// is being typed breaks it; removed widgets are freed; when its engine cannot start it says so, shows the
// host's fallback content and lets the form be sent; focus after a decision stays on a named element; the
// live status says in one short sentence what an answer changed; properties behave like attributes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite } from "./browser.mjs";

// gc() for the test that counts the widgets left alive after they were removed.
const web = browserSuite({ args: ["--js-flags=--expose-gc"] });

const W = "regie-wijzer";

/** Opens the widget test page and waits until the checklist and the advice are drawn. */
async function open(path = "/tests/fixtures/widget.html") {
  const w = await web.open(path);
  await w.page.evaluate(() => {
    window.changes = [];
    document.addEventListener("regiewijzer-change", (e) => window.changes.push(e.detail.answers));
  });
  return w;
}

const changes = (page) => page.evaluate(() => window.changes.length);
const fatal = (page) => page.locator(`${W} [part=error][data-fatal]`).count();
const routeOf = (page) => page.evaluate(() =>
  document.querySelector("regie-wijzer").shadowRoot.querySelector("[data-outcome=route] [part=outcome-value]")?.dataset.values);

/** The deepest focused element: its tag, accessible name (aria-label or text) and whether it is <body>. */
const focusOf = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return { tag: a?.localName, name: (a?.getAttribute("aria-label") || a?.textContent || "").trim(), part: a?.getAttribute("part") };
});

test("one regiewijzer-change per answer (input and change of one answer are one), none for what the host sets", async () => {
  const { page, errors } = await open();
  await page.locator(`${W} [data-fact=acuut_gevaar] input[value=false]`).check();
  assert.equal(await changes(page), 1, "a radio: input and change are one answer");
  await page.locator(`${W} [data-fact=melder] select`).selectOption("buurt");
  assert.equal(await changes(page), 2, "a select");
  await page.locator(`${W} [data-fact=huiselijk_geweld] input[value=false]`).check();
  await page.locator(`${W} [data-fact=woonsituatie] select`).selectOption("dakloos");
  assert.equal(await changes(page), 4);
  const age = page.locator(`${W} [data-fact=leeftijd] input`);
  await age.fill("47");
  await age.press("Tab");
  assert.equal(await changes(page), 5, "a number filled in and left: one");
  // Choosing what is chosen already is no answer.
  await page.locator(`${W} [data-fact=acuut_gevaar] input[value=false]`).check();
  assert.equal(await changes(page), 5);
  // What the host sets fires nothing: answers, lang, today, required, name, rules source, reset, restore.
  await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    el.answers = { acuut_gevaar: true };
    el.lang = "en";
    el.today = "2026-03-03";
    el.required = false;
    el.name = "andere";
    el.formStateRestoreCallback(JSON.stringify({ answers: { acuut_gevaar: false } }));
    document.getElementById("host").reset();
  });
  await page.evaluate(() => { document.querySelector("regie-wijzer").rulesSource = null; });
  await page.evaluate(() => document.querySelector("regie-wijzer").ready);
  assert.equal(await changes(page), 5, "nothing the host set fired regiewijzer-change");
  // A host that feeds the answers back from the event (the Custom Elements Everywhere pattern) does not loop.
  await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    el.addEventListener("regiewijzer-change", (e) => { el.answers = e.detail.answers; });
  });
  await page.locator(`${W} [data-fact=acuut_gevaar] input[value=true]`).check();
  await page.waitForTimeout(100);
  assert.equal(await changes(page), 6);
  assert.equal(await routeOf(page), "crisisdienst_112");
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("an answer patches what changed, keyed per question and outcome: no node is rebuilt that did not change", async () => {
  const { page, errors } = await open();
  const r = await page.evaluate(async () => {
    const root = document.querySelector("regie-wijzer").shadowRoot;
    const age = root.querySelector("[part=question][data-fact=leeftijd] input");
    const nodes = () => [...root.querySelectorAll("[part=question], [part=outcome], [part=decision-outcome], [part=reasons]")];
    const before = nodes();
    age.focus();
    let added = 0;
    const observer = new MutationObserver((list) => { for (const m of list) added += m.addedNodes.length; });
    observer.observe(root, { childList: true, subtree: true });
    age.value = "47";
    age.dispatchEvent(new Event("input", { bubbles: true }));
    root.querySelector("[part=question][data-fact=acuut_gevaar] input[value=false]").click();
    await new Promise((ok) => setTimeout(ok));
    observer.disconnect();
    const after = nodes();
    return {
      same: before.length === after.length && before.every((n, i) => n === after[i]),
      focused: root.activeElement === age && age.isConnected,
      added,
      route: root.querySelector("[data-outcome=route] [part=outcome-value]").dataset.values,
    };
  });
  assert.equal(r.same, true, "every question, outcome and decision row is the node it was");
  assert.equal(r.focused, true, "the field being typed in is still the focused one");
  // Two answers add the changed outcomes' reasons and the ranked questions, not a whole checklist (~600 nodes).
  assert.ok(r.added < 150, `nodes added: ${r.added}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("no trap when the host sets lang, answers or rulesSource, or resets, while a number field holds typed text", async () => {
  const { page, errors } = await open();
  const V1 = `ruleset r\n  title nl "R" en "R"\n  version "1"\nfact leeftijd: int 0..120\n  label nl "Leeftijd" en "Age"\noutcome route: priority required\n  label nl "Route" en "Route"\n  value jong nl "Jong" en "Young"\nrule jong\n  when leeftijd < 18\n  then route = jong\n  because nl "Jong." en "Young."\n`;
  for (const act of [
    () => { document.querySelector("regie-wijzer").lang = "en"; },
    () => { document.querySelector("regie-wijzer").answers = { acuut_gevaar: false, huiselijk_geweld: true }; },
    () => { document.getElementById("host").reset(); },
    () => { document.querySelector("regie-wijzer").lang = "nl"; },
  ]) {
    await page.evaluate(() => { document.querySelector("regie-wijzer").answers = { acuut_gevaar: false, huiselijk_geweld: false, woonsituatie: "dakloos" }; });
    const age = page.locator(`${W} [data-fact=leeftijd] input`);
    await age.focus();
    await page.keyboard.type("4");
    const thrown = await page.evaluate((src) => {
      try {
        new Function(src)();
        return null;
      } catch (e) {
        return String(e);
      }
    }, `(${act})()`);
    assert.equal(thrown, null);
    await page.keyboard.type("7");
    await page.keyboard.press("Tab");
    assert.equal(await fatal(page), 0, String(act));
  }
  // A host that sets the answers and the language from the widget's own event while the professional types
  // (a framework re-rendering on every change): each digit is one answer, nothing loops or breaks.
  await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    el.addEventListener("regiewijzer-change", (e) => { el.answers = e.detail.answers; el.lang = "nl"; });
  });
  await page.locator(`${W} [data-fact=leeftijd] input`).focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("52");
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").answers.leeftijd), 52);
  assert.equal(await fatal(page), 0);
  assert.deepEqual(errors, []);
  // And new rules while typing: the typed answer is kept for the rules that ask it.
  await page.locator(`${W} [data-fact=leeftijd] input`).focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("12");
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, V1);
  await page.evaluate(() => document.querySelector("regie-wijzer").ready);
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.ruleset.id === "r");
  assert.equal(await routeOf(page), "jong");
  assert.equal(await fatal(page), 0);
  // Moving, removing and adding the element again while typing.
  await page.locator(`${W} [data-fact=leeftijd] input`).focus();
  await page.keyboard.type("3");
  await page.evaluate(async () => {
    const el = document.querySelector("regie-wijzer");
    document.body.append(el);
    el.remove();
    await new Promise((ok) => setTimeout(ok));
    document.getElementById("host").prepend(el);
    await el.ready;
  });
  await page.waitForFunction(() => document.querySelector("regie-wijzer").shadowRoot.querySelector("[data-fact=leeftijd] input"));
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").answers.leeftijd), 123);
  assert.equal(await fatal(page), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("100 mount/unmount cycles leave no widget and no engine alive", async () => {
  const { page, errors } = await open();
  const left = await page.evaluate(async () => {
    // Engines made and freed, counted at the engine bundle the element uses.
    const { glueUrl } = await import("/www/element/engine.js");
    const glue = await import(glueUrl());
    const Engine = glue.Engine ?? glue.Ruleset;
    let made = 0;
    let freed = 0;
    for (const name of ["load", "loadDefault"]) {
      const original = Engine[name];
      if (original) Engine[name] = (...a) => { made++; return original.apply(Engine, a); };
    }
    const free = Engine.prototype.free;
    Engine.prototype.free = function counted() { freed++; return free.call(this); };
    // Widgets collected by the garbage collector.
    let collected = 0;
    const registry = new FinalizationRegistry(() => { collected++; });
    const form = document.getElementById("host");
    // One mount, an answer, and the removal (a function of its own, so that no variable here keeps the
    // last widget).
    const cycle = async (i) => {
      const el = document.createElement("regie-wijzer");
      el.setAttribute("today", "2026-03-02");
      el.answers = { acuut_gevaar: i % 2 === 0 };
      form.append(el);
      await el.ready;
      el.shadowRoot.querySelector("[data-fact=huiselijk_geweld] input[value=true]").click();
      registry.register(el, i);
      el.remove();
    };
    for (let i = 0; i < 100; i++) await cycle(i);
    await new Promise((ok) => setTimeout(ok, 50));
    for (let i = 0; i < 40 && collected < 100; i++) {
      window.gc();
      await new Promise((ok) => setTimeout(ok, 50));
    }
    return { made, freed, collected };
  });
  assert.equal(left.made, 100, "one engine per mount");
  assert.equal(left.made - left.freed, 0, "every engine freed when its widget was removed");
  // (The browser's garbage collector may scan its own stack conservatively and so keep one or two objects
  // for a while: the element of ff4cccd was never collected, not one of the 100.)
  assert.ok(left.collected >= 98, `removed widgets collected: ${left.collected} of 100`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** The three ways the engine cannot start: what the test page does, the kind regiewijzer-error says, and the
 * words in the widget (nl) and in the value (en). */
const NO_ENGINE = [
  ["the widget's wasm is missing (HTTP 404)", (page) => page.route("**/*_bg.wasm", (r) => r.fulfill({ status: 404, body: "not found" })),
    "start", /De widget kon niet starten: .*404/, /404/],
  // A dev server that answers every unknown path with the app's page: not a refusal by the page's CSP.
  ["a server answers the widget's wasm with a web page", (page) => page.route("**/*_bg.wasm", (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>App</title>" })),
    "start", /De widget kon niet starten: /, /CompileError/],
  ["the page's CSP has no 'wasm-unsafe-eval'", (page) => page.route("**/fallback.html", async (r) => r.fulfill({ response: await r.fetch(),
    body: (await (await r.fetch()).text()).replace(" 'wasm-unsafe-eval'", "") })),
  "wasm", /weigerde de WebAssembly-code uit te voeren.*'wasm-unsafe-eval'/, /wasm-unsafe-eval/],
];
for (const [what, setup, kind, says, saysEn] of NO_ENGINE) {
  test(`${what}: words, the host's fallback content, regiewijzer-error, and the form is sent with a value that says so`, async () => {
    const w = await web.page();
    const { page } = w;
    await setup(page);
    await page.goto(`${web.origin}/tests/fixtures/fallback.html`);
    const box = page.locator(`${W} [part=error][role=alert]`);
    await box.waitFor();
    assert.match(await box.textContent(), says);
    assert.match(await box.textContent(), /De beslisondersteuning is niet beschikbaar/);
    // The host's fallback content is shown, in the slot the widget gives it.
    assert.equal(await page.locator("#papier").isVisible(), true);
    assert.equal(await page.evaluate(() => document.getElementById("papier").assignedSlot?.name), "fallback");
    const events = await page.evaluate(() => window.widgetErrors);
    assert.equal(events.length, 1);
    assert.equal(events[0].kind, kind);
    // The required widget does not block the form: it is sent, with a value that records why.
    assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").checkValidity()), true);
    await page.locator("button[type=submit]").click();
    await page.waitForFunction(() => window.posted);
    const posted = await page.evaluate(() => window.posted);
    assert.equal(posted.naam, "Buurvrouw");
    const v = JSON.parse(posted.triage);
    assert.equal(v.unavailable.reason, "beslisondersteuning niet beschikbaar");
    assert.equal(v.unavailable.kind, kind);
    assert.match(v.unavailable.message.en, saysEn);
    assert.equal(v.decided, false);
    await page.context().close();
  });
}

test("focus after confirm, decide otherwise and cancel is on a named element, never <body>", async () => {
  const { page, errors } = await open();
  await page.locator(`${W} [data-fact=acuut_gevaar] input[value=false]`).check();
  await page.locator(`${W} [data-fact=huiselijk_geweld] input[value=true]`).check();
  // Decide otherwise on the route: the keyboard goes to the form's first field.
  await page.locator(`${W} [data-action=override][data-outcome=route]`).press("Enter");
  assert.equal((await focusOf(page)).tag, "select");
  // Cancel: back on that outcome's "Wijk af".
  await page.locator(`${W} [data-action=cancel-override]`).press("Enter");
  assert.deepEqual(await focusOf(page), { tag: "button", name: "Wijk af: Route", part: null });
  // Save: back on "Wijk af" too.
  await page.locator(`${W} [data-action=override][data-outcome=route]`).press("Enter");
  await page.locator(`${W} [data-field=override-value]`).selectOption("bemoeizorg");
  await page.locator(`${W} [data-field=override-code]`).selectOption("al_bekend");
  await page.locator(`${W} [data-action=save-override]`).press("Enter");
  assert.deepEqual(await focusOf(page), { tag: "button", name: "Wijk af: Route", part: null });
  // Confirm the rest: the button goes away, the keyboard goes to the list of decisions.
  await page.locator(`${W} [data-action=confirm]`).press("Enter");
  assert.deepEqual(await focusOf(page), { tag: "ul", name: "Besluit per uitkomst", part: "decision-outcomes" });
  assert.equal(await page.locator(`${W} [part=live]`).textContent(), "Advies bevestigd.");
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("the live status after an answer is one short sentence about what changed, and the only live region", async () => {
  const { page, errors } = await open();
  const status = page.locator(`${W} [part=live][role=status]`);
  assert.equal(await status.count(), 1);
  assert.equal(await status.getAttribute("aria-live"), "polite");
  const regions = () => page.evaluate(() => [...document.querySelector("regie-wijzer").shadowRoot
    .querySelectorAll("[aria-live], [role=status], [role=alert]")].filter((e) => !e.closest("[hidden]")).map((e) => e.getAttribute("part")));
  assert.deepEqual(await regions(), ["live"], "the advice panel itself is not a live region");
  await page.evaluate(() => { document.querySelector("regie-wijzer").answers = { acuut_gevaar: false, huiselijk_geweld: false, dementie_of_lvb: true, hulp_geweigerd: true }; });
  await page.locator(`${W} [data-fact=ernstig_nadeel] input[value=true]`).check();
  const text = await status.textContent();
  assert.match(text, /^Route: Wzd-route[^.]*\.$/, text);
  assert.ok(text.length <= 120, `short: ${text.length} characters`);
  // The next answer changes only the actions: only they are named.
  await page.locator(`${W} [data-fact=melder] select`).selectOption("buurt");
  const next = await status.textContent();
  assert.match(next, /^Acties: [^.]*\.$/, next);
  assert.ok(next.length <= 120, `short: ${next.length} characters`);
  assert.deepEqual(await regions(), ["live"]);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("every attribute is a property (reflected), rich data are properties, value is read-only, properties set before definition count", async () => {
  const { page, errors } = await open();
  const r = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    el.name = "melding";
    el.required = false;
    el.disabled = true;
    el.today = "2026-03-04";
    const reflected = [el.getAttribute("name"), el.hasAttribute("required"), el.hasAttribute("disabled"), el.getAttribute("today")];
    const disabled = el.shadowRoot.querySelector("[data-fact=acuut_gevaar] input").matches(":disabled");
    el.disabled = false;
    const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), "value");
    const readOnly = typeof d.get === "function" && d.set === undefined;
    return { reflected, disabled, readOnly, name: el.name, today: el.value.today, rules: el.rules };
  });
  assert.deepEqual(r.reflected, ["melding", false, true, "2026-03-04"]);
  assert.equal(r.disabled, true, "disabled reaches every control");
  assert.equal(r.readOnly, true);
  assert.equal(r.today, "2026-03-04");
  assert.equal(r.rules, null);
  // '' and null both mean "no rules of its own": the built-in rules, never a rules error.
  for (const none of ["", null]) {
    await page.evaluate((n) => { document.querySelector("regie-wijzer").rulesSource = n; }, none);
    await page.evaluate(() => document.querySelector("regie-wijzer").ready);
    assert.equal(await page.locator(`${W} [part=error]`).count(), 0);
    assert.equal(await page.locator(`${W} [part=question][data-fact=acuut_gevaar]`).count(), 1);
  }
  // A host's <fieldset disabled> disables the widget too, and it is not submitted.
  const fieldset = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    const fs = document.createElement("fieldset");
    el.before(fs);
    fs.append(el);
    fs.disabled = true;
    const off = el.shadowRoot.querySelector("[data-fact=acuut_gevaar] input").matches(":disabled");
    const posted = new FormData(document.getElementById("host")).has("melding");
    fs.disabled = false;
    return { off, posted, on: el.shadowRoot.querySelector("[data-fact=acuut_gevaar] input").matches(":disabled") };
  });
  assert.deepEqual(fieldset, { off: true, posted: false, on: false });
  assert.deepEqual(errors, []);
  await page.context().close();

  // Properties set on the element before it is defined are taken when it upgrades.
  const w = await web.open("/tests/fixtures/empty.html", { ready: null });
  const upgraded = await w.page.evaluate(async () => {
    const el = document.createElement("regie-wijzer");
    el.answers = { acuut_gevaar: true };
    el.name = "vroeg";
    el.today = "2026-03-02";
    el.required = true;
    document.getElementById("host").append(el);
    await import("/www/regiewijzer.js");
    await customElements.whenDefined("regie-wijzer");
    await el.ready;
    return { name: el.getAttribute("name"), required: el.hasAttribute("required"), route: el.value?.outcomes.route.values[0],
      posted: Object.fromEntries(new FormData(document.getElementById("host"))).vroeg != null };
  });
  assert.deepEqual(upgraded, { name: "vroeg", required: true, route: "crisisdienst_112", posted: true });
  assert.deepEqual(w.errors, []);
  await w.page.context().close();
});
