// Hardening (issue 8), in a real browser: a failure inside the wasm core (a deliberate fault in a test
// build) leaves an error state with the answers kept and the host page working; the core's limits hold
// on the browser's small stack; hostile texts in rules and hostile answers from the host are inert or
// reported; no work is lost when the element moves, is re-rendered, switches language or gets new rules;
// and filling in a whole case sends, stores and logs nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { artifact, browserSuite } from "./browser.mjs";

const ROOT = new URL("../", import.meta.url);

const web = browserSuite();

/** Opens `path` and waits until every widget on it (at least `widgets`) has drawn its checklist. */
const open = (path, { widgets = 1 } = {}) => web.open(path, { ready: "[part=checklist] [part=question]", widgets });

const pick = (page, sel, fact, value) => page.locator(`${sel} [part=question][data-fact=${fact}] input[value="${value}"]`).check();
const valueOf = (page, sel = "regie-wijzer") => page.evaluate((s) => document.querySelector(s).value, sel);
const routeOf = (page, sel = "regie-wijzer") => page.evaluate((s) =>
  document.querySelector(s).shadowRoot.querySelector("[data-outcome=route] [part=outcome-value]")?.dataset.values, sel);
/** Answers as in the "huiselijk geweld" case of the shipped tests, and waits for its advice. */
async function veiligThuis(page, sel = "regie-wijzer") {
  await pick(page, sel, "acuut_gevaar", "false");
  await pick(page, sel, "huiselijk_geweld", "true");
  await waitRoute(page, "veilig_thuis", sel);
}
const waitRoute = (page, values, sel = "regie-wijzer") => page.waitForFunction(([s, v]) =>
  document.querySelector(s)?.shadowRoot?.querySelector("[data-outcome=route] [part=outcome-value]")?.dataset.values === v,
[sel, values]);

// ---------- panic safety ----------

test("a fault inside the core: every widget shows an error state (nl), fires regiewijzer-error, keeps its answers in the form, and the host page works on", async () => {
  const { page, errors } = await open("/tests/fixtures/fault.html", { widgets: 2 });
  await veiligThuis(page, "#eerste");
  await pick(page, "#tweede", "acuut_gevaar", "true");
  await waitRoute(page, "crisisdienst_112", "#tweede");
  await page.locator("#eerste [data-action=confirm]").click();

  // The engine traps while evaluating the next answer (fault-host.js: a real WebAssembly trap inside the
  // engine's method).
  await page.evaluate(() => window.armFault("answer"));
  await page.locator("#eerste [part=question][data-fact=melder] select").selectOption({ index: 1 });
  await page.locator("#eerste [part=error][data-fatal]").waitFor();
  await page.locator("#tweede [part=error][data-fatal]").waitFor();

  const box = page.locator("#eerste [part=error]");
  assert.equal(await box.getAttribute("role"), "alert");
  assert.match(await box.textContent(), /Er ging iets mis in de beslisondersteuning/);
  assert.match(await box.textContent(), /bewaard in het formulier/);
  assert.deepEqual(await page.locator("#eerste [part=kept-answers] li").allTextContents(),
    ["acuut_gevaar: nee / no", "huiselijk_geweld: ja / yes"]);

  const events = await page.evaluate(() => window.widgetErrors);
  assert.deepEqual(events.map((e) => [e.id, e.detail.fatal]), [["eerste", true], ["tweede", true]]);
  assert.deepEqual(events[0].detail.answers, { acuut_gevaar: false, huiselijk_geweld: true });
  assert.match(events[0].detail.message.nl, /Er ging iets mis/);
  assert.match(events[0].detail.message.en, /Something went wrong/);

  // The form still submits the last value of each widget: answers and the confirmation.
  const form = await page.evaluate(() => Object.fromEntries(new FormData(document.getElementById("host"))));
  const first = JSON.parse(form.triage);
  assert.deepEqual(first.answers, { acuut_gevaar: false, huiselijk_geweld: true });
  assert.equal(first.decided, true);
  assert.equal(first.decisions.route.decision, "confirmed");
  assert.deepEqual(JSON.parse(form.triage2).answers, { acuut_gevaar: true });
  assert.deepEqual(await page.evaluate(() => document.getElementById("eerste").answers), { acuut_gevaar: false, huiselijk_geweld: true });

  // Still valid for a required field: the confirmation is kept. Clicking in the error state reaches no wasm.
  assert.equal(await page.evaluate(() => document.getElementById("eerste").checkValidity()), true);
  await page.locator("#eerste [part=error] summary").click();
  await page.locator("#eerste [part=error] summary").click();
  // Nothing the host does to the widgets throws, and the host page's own controls work.
  await page.evaluate(() => {
    const el = document.getElementById("eerste");
    el.setAttribute("lang", "en");
    el.answers = { acuut_gevaar: true };
    el.rulesSource = "ruleset x";
    document.getElementById("host").reset();
    return [el.value, el.summary, el.checkValidity()];
  });
  await page.locator("#tel").click();
  await page.locator("#tel").click();
  assert.equal(await page.locator("#teller").textContent(), "2");
  // A widget added afterwards shows the error state at once instead of using the broken core.
  await page.evaluate(() => document.querySelector("main").append(Object.assign(document.createElement("regie-wijzer"), { id: "derde" })));
  await page.locator("#derde [part=error][data-fatal]").waitFor();
  // Every call into the engine goes through the element, which catches the trap: the page sees no
  // uncaught error (the host hears of it through regiewijzer-error).
  assert.deepEqual(errors, []);
  await page.screenshot({ path: artifact("fault.png"), fullPage: true });
  await page.context().close();
});

test("a fault reached through the element (a language switch that redraws): error state in English, no uncaught error", async () => {
  const { page, errors } = await open("/tests/fixtures/fault.html", { widgets: 2 });
  await pick(page, "#tweede", "acuut_gevaar", "false");
  // The answer's own deferred work (the summary a task later, the ranking a frame and a task later) is
  // done before the fault is armed: armed earlier, a slow machine trips it there, in Dutch, before the switch.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => setTimeout(done)))));
  await page.evaluate(() => window.armFault("render"));
  await page.evaluate(() => document.getElementById("tweede").setAttribute("lang", "en"));
  await page.locator("#tweede [part=error][data-fatal]").waitFor();
  assert.match(await page.locator("#tweede [part=error]").textContent(), /Something went wrong in the decision support/);
  assert.deepEqual(await page.locator("#tweede [part=kept-answers] li").allTextContents(), ["acuut_gevaar: nee / no"]);
  assert.deepEqual(JSON.parse(await page.evaluate(() => new FormData(document.getElementById("host")).get("triage2"))).answers,
    { acuut_gevaar: false });
  assert.deepEqual(errors, [], "caught by the element, so the page sees no uncaught error");
  await page.context().close();
});

test("running out of stack in the core's own frames is a trap too, whether the browser or the element called in", async () => {
  for (const [point, act] of [
    ["answer:stack", (page) => page.locator("#eerste [part=question][data-fact=acuut_gevaar] input[value=true]").click()],
    ["render:stack", (page) => page.evaluate(() => document.getElementById("eerste").setAttribute("lang", "en"))],
  ]) {
    const { page, errors } = await open("/tests/fixtures/fault.html", { widgets: 2 });
    await pick(page, "#tweede", "acuut_gevaar", "false");
    await page.evaluate((p) => window.armFault(p), point);
    await act(page);
    await page.locator("#eerste [part=error][data-fatal]").waitFor();
    await page.locator("#tweede [part=error][data-fatal]").waitFor();
    assert.deepEqual(JSON.parse(await page.evaluate(() => new FormData(document.getElementById("host")).get("triage2"))).answers,
      { acuut_gevaar: false }, point);
    assert.ok(errors.every((e) => /Maximum call stack size exceeded/.test(e)), errors.join("\n"));
    await page.context().close();
  }
});

test("the fault hook is the test page's own script, never in the shipped files", async () => {
  const shipped = ["pkg/regiewijzer.js", "pkg/regiewijzer_wasm.js", "pkg/core/regiewijzer_core.js", "www/regiewijzer.js"];
  for (const file of shipped) {
    const text = await readFile(new URL(file, ROOT), "utf8");
    assert.doesNotMatch(text, /armFault/, file);
  }
  const host = await readFile(new URL("tests/fixtures/fault-host.js", ROOT), "utf8");
  assert.match(host, /window\.armFault =/);
});

// ---------- limits on the browser's stack ----------

/** A ruleset with one timeline (count of attempts). */
const TIMELINE = `ruleset t
  title nl "T" en "T"
  version "1"
fact pogingen: timeline
  label nl "Pogingen" en "Attempts"
  field datum: date nl "Datum" en "Date"
outcome route: priority required
  label nl "Route" en "Route"
  value veel nl "Veel" en "Many"
rule veel
  when count(pogingen) >= 3
  then route = veel
  because nl "Veel" en "Many"
`;


test("the limits hold in wasm: deepest accepted rules go through everything, deeper and longer ones are diagnostics, never a crash", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  const result = await page.evaluate(async (timeline) => {
    const core = await import("/pkg/core/regiewijzer_core.js");
    await core.default();
    // The same small ruleset as crates/regiewijzer-core/tests/limits.rs, with the condition filled in.
    const template = await (await fetch("/crates/regiewijzer-core/tests/fixtures/grenzen.sjabloon")).text();
    const rules = (when, extra = "") => template.replace("WHEN", when) + extra;
    // Every error, so a false E206 ("needs a when") beside the right E107 would show here too.
    const codes = (src) => core.check(src).filter((d) => d.severity === "error").map((d) => `${d.code} ${d.start.line}`);
    const out = {};
    // At the limit: 100 levels in each way depth grows, through load, evaluate, analyse and the widget form.
    const deep = {
      parens: `${"(".repeat(99)}dakloos = yes${")".repeat(99)}`,
      nots: `${"not ".repeat(98)}dakloos = yes`,
      ors: `dakloos = yes${" or dakloos = no".repeat(98)}`,
      sums: `leeftijd${" + 1".repeat(98)} > 3`,
    };
    for (const [name, when] of Object.entries(deep)) {
      const src = rules(when);
      const r = core.Ruleset.load(src);
      const ev = r.evaluate({ dakloos: true, leeftijd: 40 }, "2026-03-02");
      const report = r.analyze("2026-03-02");
      const widget = core.compileForWidget(src);
      out[name] = { errors: codes(src), route: ev.outcomes[0].values, analysed: report.evaluations > 0, model: widget.model !== null };
    }
    // Past it: diagnostics, for each way, also where a recursive parser would overflow long before.
    out.past = {
      parens: codes(rules(`${"(".repeat(20000)}dakloos = yes${")".repeat(20000)}`)),
      ors: codes(rules(`dakloos = yes${" or dakloos = yes".repeat(55000)}`)),
      sums: codes(rules(`leeftijd${" + 1".repeat(190000)} > 3`)),
      size: codes(rules("dakloos = yes", `# ${"x".repeat(1 << 20)}\n`)),
      text: codes(rules("dakloos = yes", `\nfact lang: bool\n  label nl "${"x".repeat(2001)}" en "L"\n`)),
      facts: codes(rules("dakloos = yes", Array.from({ length: 1999 }, (_, i) => `fact v${i}: bool\n  label nl "V" en "Q"\n`).join(""))),
      proto: codes(rules("dakloos = yes", "\nfact __proto__: bool\n  label nl \"P\" en \"P\"\n")),
    };
    // A timeline answer with too many records is reported, not used.
    const tl = core.Ruleset.load(timeline);
    const many = tl.evaluate({ pogingen: Array.from({ length: 1001 }, () => ({ datum: "2026-03-01" })) }, "2026-03-02");
    out.records = many.answer_issues.map((i) => [i.fact, i.kind]);
    return out;
  }, TIMELINE);
  for (const name of ["parens", "nots", "ors", "sums"]) {
    assert.deepEqual(result[name], { errors: [], route: ["a"], analysed: true, model: true }, name);
  }
  assert.deepEqual(result.past.parens, ["E107 17"]);
  assert.deepEqual(result.past.ors, ["E107 17"]);
  assert.deepEqual(result.past.sums, ["E107 17"]);
  assert.deepEqual(result.past.size, ["E106 1"]);
  assert.deepEqual(result.past.text, ["E108 27"]);
  assert.deepEqual(result.past.facts, ["E109 4021"]);
  assert.deepEqual(result.past.proto, ["E110 26"]);
  assert.deepEqual(result.records, [["pogingen", "too_many_records"]]);

  // The widget shows rules past a limit as a clear error, and the page goes on.
  await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    el.rulesSource = `ruleset r\n  title nl "R" en "R"\n  version "1"\nfact a: bool\n  label nl "A" en "A"\noutcome o: priority required\n  label nl "O" en "O"\n  value v nl "V" en "V"\nrule r\n  when ${"(".repeat(5000)}a${")".repeat(5000)}\n  then o = v\n  because nl "B" en "B"\n`;
  });
  await page.locator("regie-wijzer [part=error] li").first().waitFor();
  assert.match(await page.locator("regie-wijzer [part=error]").textContent(), /E107 10:\d+ de voorwaarde is te diep genest/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

// ---------- hostile input ----------

test("hostile rule texts (HTML, script URLs, CSS, direction marks, a 2,000-character word) render as inert text inside the widget's box", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  const requests = [];
  const dialogs = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const source = await readFile(new URL("tests/fixtures/vijandig.regels", ROOT), "utf8");
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, source);
  await page.locator("regie-wijzer [part=question][data-fact=soort]").waitFor();
  await pick(page, "regie-wijzer", "gevaar", "true");
  await waitRoute(page, "a");
  await page.locator("regie-wijzer [data-outcome=route] details[part=reasons] > summary").click();

  const facts = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    const root = el.shadowRoot;
    const text = (sel) => root.querySelector(sel)?.textContent ?? "";
    const widget = root.querySelector("[part=widget]");
    return {
      made: root.querySelectorAll("img, script, style, link, iframe, svg, math, b, a, object, embed").length,
      legend: text("[data-fact=gevaar] legend"),
      help: text("[data-fact=gevaar] [part=help]"),
      option: [...root.querySelectorAll("[data-fact=soort] option")].map((o) => o.textContent),
      value: text("[data-outcome=route] [part=outcome-value]"),
      reasons: text("[data-outcome=route] details[part=reasons]"),
      visible: getComputedStyle(el).display !== "none" && getComputedStyle(widget).display !== "none",
      overflow: widget.scrollWidth - widget.clientWidth,
      hostWidth: el.getBoundingClientRect().width,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      bidi: getComputedStyle(widget).unicodeBidi,
    };
  });
  assert.equal(facts.made, 0, "no element was made from a text");
  assert.equal(facts.legend.trim(), "Vraag \u202eexe.tnemhcatta\u2069 :host{display:none}");
  assert.equal(facts.help.trim().length, 1990, "the long text is all there");
  assert.ok(facts.option.includes("Een \"<a href=javascript:alert(2)>\" \u202etwee"));
  assert.match(facts.value, /Waarde <img src=x onerror=alert\(5\)>/);
  assert.match(facts.reasons, /Omdat \u202e<b>vet<\/b>/);
  assert.match(facts.reasons, /javascript:alert\(7\)/, "a script URL as source is text, not a link");
  assert.equal(facts.visible, true, "CSS in a text hides nothing");
  assert.ok(facts.overflow <= 1, `the 2,000-character word wraps inside the widget (overflow ${facts.overflow}px)`);
  assert.ok(facts.pageOverflow <= 1, "and the host page gets no horizontal scroll bar");
  assert.equal(facts.bidi, "isolate", "direction marks in a text cannot reorder the widget around it");
  await page.waitForTimeout(200);
  assert.deepEqual(requests.filter((u) => /\/x$|y\.css|alert/.test(u)), []);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: artifact("vijandig.png"), fullPage: true });
  await page.context().close();
});

test("hostile answers from the host: wrong types and huge numbers are reported at the question, __proto__ is ignored, nothing is polluted, and a non-object is refused", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await pick(page, "regie-wijzer", "acuut_gevaar", "false");
  const r = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    const hostile = JSON.parse(`{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}},
      "acuut_gevaar": false, "huiselijk_geweld": "misschien", "leeftijd": 1e300, "eerdere_meldingen": -5,
      "melder": 42, "woonsituatie": ["dakloos"], "prototype": 1}`);
    Object.defineProperty(hostile, "schulden", { enumerable: true, get() { throw new Error("getter"); } });
    el.answers = hostile;
    const issues = [...el.shadowRoot.querySelectorAll("[part=answer-issue]")]
      .filter((e) => !e.hidden && e.textContent.trim())
      .map((e) => e.closest("[part=question]").dataset.fact);
    const refused = [];
    for (const bad of [42, "ja", [1, 2], true]) {
      try { el.answers = bad; } catch (e) { refused.push(e instanceof TypeError && /answers must be an object/.test(e.message)); }
    }
    const answers = el.answers;
    return {
      polluted: [({}).polluted, Object.prototype.polluted, Object.getPrototypeOf(answers) === Object.prototype],
      ownProto: Object.prototype.hasOwnProperty.call(answers, "__proto__"),
      keys: Object.keys(answers).sort(),
      issues: issues.sort(),
      refused,
      acuut: el.value.answers.acuut_gevaar,
      removed: el.value.removed_answers,
    };
  });
  assert.deepEqual(r.polluted, [undefined, undefined, true]);
  assert.equal(r.ownProto, false);
  assert.deepEqual(r.refused, [true, true, true, true], "a non-object is refused with a TypeError");
  assert.equal(r.acuut, false, "and the answers stay as they were");
  assert.deepEqual(r.issues, ["eerdere_meldingen", "huiselijk_geweld", "leeftijd", "melder", "woonsituatie"]);
  assert.ok(!r.keys.includes("__proto__"));
  assert.ok(!r.keys.includes("constructor"), "an object where one answer is expected is not an answer");
  assert.ok(r.keys.includes("prototype"), "an unknown key is kept and reported, not silently dropped");
  assert.deepEqual(r.removed, ["prototype"]);
  assert.match(await page.locator("regie-wijzer [part=removed-answers]").textContent(), /prototype: 1/);
  assert.match(await page.locator("regie-wijzer [data-fact=huiselijk_geweld] [part=answer-issue]").textContent(), /misschien|ja|nee/i);
  assert.deepEqual(errors, []);
  await page.context().close();
});

// ---------- no lost work ----------

test("a host that sets answers or resets the form inside the widget's own events does not break it", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    el.addEventListener("regiewijzer-change", (e) => {
      // A host that adds a default answer whenever one is missing, from inside the event.
      if (e.detail.answers.acuut_gevaar === false && !("melder" in e.detail.answers)) el.answers = { ...e.detail.answers, melder: "buurt" };
    });
    el.addEventListener("regiewijzer-confirm", () => document.getElementById("host").reset());
  });
  await pick(page, "regie-wijzer", "acuut_gevaar", "false");
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.answers.melder === "buurt");
  await pick(page, "regie-wijzer", "huiselijk_geweld", "true");
  await waitRoute(page, "veilig_thuis");
  await page.locator("regie-wijzer [data-action=confirm]").click();
  await page.waitForFunction(() => Object.keys(document.querySelector("regie-wijzer").value.answers).length === 0);
  assert.equal(await page.locator("regie-wijzer [part=error]").count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("moving the element in the DOM and setting the same attributes again keep answers and decision", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await veiligThuis(page);
  await page.locator("regie-wijzer [data-action=confirm]").click();
  const before = await valueOf(page);
  await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    const aside = document.createElement("aside");
    document.body.append(aside);
    aside.append(el); // moved out of the form ...
    document.getElementById("host").prepend(el); // ... and back in, as a framework's reorder does
    for (const name of ["today", "required", "name"]) el.setAttribute(name, el.getAttribute(name) ?? "");
    el.setAttribute("lang", "nl");
  });
  await waitRoute(page, "veilig_thuis");
  const after = await valueOf(page);
  assert.deepEqual(after.answers, before.answers);
  assert.deepEqual(after.decisions, before.decisions);
  assert.equal(after.decided, true);
  assert.equal(await page.locator("regie-wijzer [data-fact=huiselijk_geweld] input[value=true]").isChecked(), true);
  const form = await page.evaluate(() => JSON.parse(new FormData(document.getElementById("host")).get("triage")));
  assert.deepEqual(form.answers, before.answers);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a host framework that re-creates the element gets the work back by passing the last change event's answers", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await page.evaluate(() => {
    window.lastAnswers = null;
    document.addEventListener("regiewijzer-change", (e) => { window.lastAnswers = e.detail.answers; });
  });
  await veiligThuis(page);
  // What a framework does on a keyed re-render: throw the element away and make a new one from its state.
  await page.evaluate(() => {
    const old = document.querySelector("regie-wijzer");
    const fresh = document.createElement("regie-wijzer");
    for (const a of old.attributes) fresh.setAttribute(a.name, a.value);
    fresh.answers = window.lastAnswers;
    old.replaceWith(fresh);
  });
  await waitRoute(page, "veilig_thuis");
  assert.deepEqual((await valueOf(page)).answers, { acuut_gevaar: false, huiselijk_geweld: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("switching the language keeps answers, the decision, and an override reason being typed", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await veiligThuis(page);
  await page.locator("regie-wijzer [data-action=override][data-outcome=route]").click();
  await page.locator("regie-wijzer [data-field=override-value]").selectOption("bemoeizorg");
  await page.locator("regie-wijzer [data-field=override-code]").selectOption("al_bekend");
  await page.locator("regie-wijzer [data-field=override-reason]").fill("Melder en cliënt kennen het bemoeizorgteam al.");
  await page.evaluate(() => document.querySelector("regie-wijzer").setAttribute("lang", "en"));
  await page.waitForFunction(() => document.querySelector("regie-wijzer").shadowRoot.querySelector("[part=widget]")?.getAttribute("lang") === "en");
  // Still being typed, in the English form.
  assert.equal(await page.locator("regie-wijzer [data-field=override-reason]").inputValue(), "Melder en cliënt kennen het bemoeizorgteam al.");
  assert.equal(await page.locator("regie-wijzer [data-field=override-value]").inputValue(), "bemoeizorg");
  assert.equal(await page.locator("regie-wijzer [data-field=override-code]").inputValue(), "al_bekend");
  // An answer changed meanwhile does not drop it either.
  await page.locator("regie-wijzer [part=question][data-fact=melder] select").selectOption("buurt");
  assert.equal(await page.locator("regie-wijzer [data-field=override-reason]").inputValue(), "Melder en cliënt kennen het bemoeizorgteam al.");
  await page.locator("regie-wijzer [data-action=save-override]").click();
  const v = await valueOf(page);
  assert.equal(v.lang, "en");
  assert.deepEqual(v.answers, { acuut_gevaar: false, huiselijk_geweld: true, melder: "buurt" });
  assert.deepEqual(v.decisions.route.values, ["bemoeizorg"]);
  assert.deepEqual(v.decisions.route.reason, { code: "al_bekend", text: "Melder en cliënt kennen het bemoeizorgteam al." });
  // And back to Dutch: the saved override with its reason stays.
  await page.evaluate(() => document.querySelector("regie-wijzer").setAttribute("lang", "nl"));
  await page.waitForFunction(() => document.querySelector("regie-wijzer").shadowRoot.querySelector("[part=widget]")?.getAttribute("lang") === "nl");
  assert.deepEqual((await valueOf(page)).decisions.route.reason.text, "Melder en cliënt kennen het bemoeizorgteam al.");
  assert.match(await page.locator("regie-wijzer [part=decision-outcome][data-outcome=route]").textContent(), /Al bekend bij een andere hulpverlener – Melder en cliënt kennen het bemoeizorgteam al\./);
  assert.deepEqual(errors, []);
  await page.context().close();
});

const V1 = `ruleset opvang
  title nl "Opvang" en "Shelter"
  version "1.0.0"

fact gevaar: bool
  label nl "Gevaar?" en "Danger?"

fact dakloos: bool
  label nl "Dakloos?" en "Homeless?"

fact melder_bekend: bool
  label nl "Is de melder bekend?" en "Is the reporter known?"

outcome route: priority required
  label nl "Route" en "Route"
  value crisis nl "Crisis" en "Crisis"
  value opvang nl "Opvang" en "Shelter"
  value advies nl "Advies" en "Advice"

rule crisis
  when gevaar
  then route = crisis
  priority 10
  because nl "Gevaar." en "Danger."

rule opvang
  when gevaar = no and dakloos
  then route = opvang
  because nl "Dakloos." en "Homeless."

rule advies
  when gevaar = no and dakloos = no
  then route = advies
  because nl "Anders." en "Otherwise."
`;
// Version 2 no longer asks whether the reporter is known.
const V2 = V1.replace('version "1.0.0"', 'version "2.0.0"')
  .replace('fact melder_bekend: bool\n  label nl "Is de melder bekend?" en "Is the reporter known?"\n\n', "");

test("new compatible rules keep the answers that still apply, report the removed ones, and keep decision and override reason", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, V1);
  await page.locator("regie-wijzer [part=question][data-fact=melder_bekend]").waitFor();
  await pick(page, "regie-wijzer", "gevaar", "false");
  await pick(page, "regie-wijzer", "dakloos", "true");
  await pick(page, "regie-wijzer", "melder_bekend", "true");
  await waitRoute(page, "opvang");
  await page.locator("regie-wijzer [data-action=override]").click();
  await page.locator("regie-wijzer [data-field=override-value]").selectOption("advies");
  await page.locator("regie-wijzer [data-field=override-reason]").fill("Heeft al een plek bij familie.");
  await page.locator("regie-wijzer [data-action=save-override]").click();

  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, V2);
  await page.locator("regie-wijzer [part=removed-answers]").waitFor();
  const v = await valueOf(page);
  assert.equal(v.ruleset.version, "2.0.0");
  assert.deepEqual(v.answers, { dakloos: true, gevaar: false, melder_bekend: true }, "every answer is kept");
  assert.deepEqual(v.removed_answers, ["melder_bekend"]);
  assert.deepEqual(v.outcomes.route.values, ["opvang"]);
  assert.deepEqual(v.decisions.route.values, ["advies"]);
  assert.deepEqual(v.decisions.route.reason, { code: "", text: "Heeft al een plek bij familie." });
  assert.match(await page.locator("regie-wijzer [part=removed-answers]").textContent(),
    /Antwoorden op vragen die deze regels niet \(meer\) hebben.*melder_bekend: ja/is);
  assert.equal(await page.locator("regie-wijzer [data-fact=dakloos] input[value=true]").isChecked(), true);

  // Rules that do not compile show their errors, but the form keeps the last value and the work returns
  // with usable rules.
  await page.evaluate(() => { document.querySelector("regie-wijzer").rulesSource = "ruleset kapot\nfact"; });
  await page.locator("regie-wijzer [part=error]").waitFor();
  const kept = await page.evaluate(() => JSON.parse(new FormData(document.getElementById("host")).get("triage")));
  assert.deepEqual(kept.answers, { dakloos: true, gevaar: false, melder_bekend: true });
  assert.equal(kept.decisions.route.reason.text, "Heeft al een plek bij familie.");

  // Back to version 1: the kept answer counts again, and nothing is reported.
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, V1);
  await page.locator("regie-wijzer [part=question][data-fact=melder_bekend]").waitFor();
  assert.equal(await page.locator("regie-wijzer [part=removed-answers]").count(), 0);
  assert.deepEqual((await valueOf(page)).removed_answers, []);
  assert.equal(await page.locator("regie-wijzer [data-fact=melder_bekend] input[value=true]").isChecked(), true);

  // An override being typed survives a reload of the rules too.
  await page.locator("regie-wijzer [data-action=override]").click();
  await page.locator("regie-wijzer [data-field=override-reason]").fill("Nog niet klaar met typen");
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, V2);
  await page.locator("regie-wijzer [part=removed-answers]").waitFor();
  assert.equal(await page.locator("regie-wijzer [data-field=override-reason]").inputValue(), "Nog niet klaar met typen");
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a confirmation is kept over new rules only while the advice stays the same", async () => {
  const { page } = await open("/tests/fixtures/widget.html");
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, V1);
  await page.locator("regie-wijzer [part=question][data-fact=gevaar]").waitFor();
  await pick(page, "regie-wijzer", "gevaar", "false");
  await pick(page, "regie-wijzer", "dakloos", "true");
  await waitRoute(page, "opvang");
  await page.locator("regie-wijzer [data-action=confirm]").click();
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, V2);
  await page.locator("regie-wijzer [part=checklist]").waitFor();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.ruleset.version === "2.0.0");
  assert.equal((await valueOf(page)).decisions.route.decision, "confirmed", "same advice: still confirmed");
  const changed = V2.replace("then route = opvang", "then route = advies");
  await page.evaluate((src) => { document.querySelector("regie-wijzer").rulesSource = src; }, changed);
  await waitRoute(page, "advies");
  assert.deepEqual((await valueOf(page)).decisions, {}, "a confirmation of another advice is not carried over");
  await page.context().close();
});

test("back and forward restore an override with its reason (a new document, through the form restore)", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await veiligThuis(page);
  await page.locator("regie-wijzer [data-action=override][data-outcome=route]").click();
  await page.locator("regie-wijzer [data-field=override-value]").selectOption("bemoeizorg");
  await page.locator("regie-wijzer [data-field=override-code]").selectOption("al_bekend");
  await page.locator("regie-wijzer [data-field=override-reason]").fill("Bekend bij het team.");
  await page.locator("regie-wijzer [data-action=save-override]").click();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions?.route);
  const decidedAt = (await valueOf(page)).decisions.route.decidedAt;
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.goto(`${web.origin}/www/demo/en/`);
  await page.locator("regie-wijzer [part=checklist]").waitFor();
  await page.goBack();
  await page.locator("regie-wijzer [part=checklist]").waitFor();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions?.route);
  assert.equal(await page.evaluate(() => window.__sameDocument), undefined, "not from the back/forward cache");
  const v = await valueOf(page);
  assert.deepEqual(v.answers, { acuut_gevaar: false, huiselijk_geweld: true });
  const { at, ...route } = v.decisions.route;
  assert.deepEqual(route, { advice: ["veilig_thuis"], decision: "override", values: ["bemoeizorg"],
    reason: { code: "al_bekend", text: "Bekend bij het team." }, decidedAt });
  assert.match(decidedAt, /^\d{4}-\d\d-\d\dT/);
  assert.equal(at, decidedAt, "the time the professional overrode, not the time of the restore");
  await page.goForward();
  await page.locator("regie-wijzer [part=checklist]").waitFor();
  await page.goBack();
  await page.locator("regie-wijzer [part=checklist]").waitFor();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions?.route);
  assert.equal((await valueOf(page)).decisions.route.reason.text, "Bekend bij het team.");
  assert.deepEqual(errors, []);
  await page.context().close();
});

// ---------- privacy ----------

test("privacy: filling in a whole case on the demo portal sends nothing, stores nothing and logs nothing", async () => {
  const context = await web.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const console_ = [];
  page.on("request", (r) => requests.push({ url: r.url(), method: r.method(), at: Date.now() }));
  page.on("console", (m) => console_.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => console_.push(`pageerror: ${e}`));
  // Record every way a page can keep or send data, before any of the page's own code runs.
  await page.addInitScript(() => {
    const log = (what) => { (window.__writes ??= []).push(what); };
    for (const name of ["setItem", "removeItem", "clear"]) {
      const orig = Storage.prototype[name];
      Storage.prototype[name] = function (...a) { log(`${this === localStorage ? "localStorage" : "sessionStorage"}.${name}`); return orig.apply(this, a); };
    }
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
    Object.defineProperty(Document.prototype, "cookie", { get() { return cookie.get.call(this); }, set(v) { log("cookie"); cookie.set.call(this, v); } });
    const idbOpen = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...a) { log("indexedDB.open"); return idbOpen.apply(this, a); };
    if (window.caches) { const o = caches.open.bind(caches); caches.open = (...a) => { log("caches.open"); return o(...a); }; }
    const beacon = navigator.sendBeacon?.bind(navigator);
    navigator.sendBeacon = (...a) => { log("sendBeacon"); return beacon?.(...a); };
    const ws = window.WebSocket;
    window.WebSocket = function (...a) { log("WebSocket"); return new ws(...a); };
    if (navigator.serviceWorker) { const r = navigator.serviceWorker.register.bind(navigator.serviceWorker); navigator.serviceWorker.register = (...a) => { log("serviceWorker"); return r(...a); }; }
  });
  await page.goto(`${web.origin}/www/demo/`);
  await page.locator("regie-wijzer [part=checklist]").waitFor();
  await page.evaluate(() => document.querySelector("regie-wijzer").ready);
  const loaded = Date.now();
  // A whole case: every question the checklist asks, then an override with a reason, and the host form's
  // own fields.
  const W = "regie-wijzer";
  const answers = [["melder", "buurt"], ["acuut_gevaar", false], ["suicidegevaar", false], ["wapen_of_dreiging", false],
    ["huiselijk_geweld", false], ["leeftijd", "47"], ["ongedocumenteerd", false], ["woonsituatie", "dakloos"],
    ["vermoeden_psychische_stoornis", true], ["dementie_of_lvb", false], ["ernstig_nadeel", false],
    ["hulp_geweigerd", true], ["verslaving", true], ["schulden", true], ["overlast", true], ["meerdere_ketens", true],
    ["bekend_bij_zorg", false], ["eerdere_meldingen", "3"]];
  for (const [fact, v] of answers) {
    const q = page.locator(`${W} [part=question][data-fact=${fact}]`);
    if (!(await q.isVisible())) continue;
    if (typeof v === "boolean") await q.locator(`input[value=${v}]`).check();
    else if (await q.locator("select").count()) await q.locator("select").selectOption(v);
    else await q.locator("input").fill(v);
  }
  const zrm = page.locator(`${W} [part=question][data-fact=zrm_financien] input[value="2"]`);
  if (await zrm.isVisible()) await zrm.check();
  await page.locator(`${W} [data-action=override][data-outcome=route]`).click();
  await page.locator(`${W} [data-field=override-value]`).selectOption({ index: 1 });
  await page.locator(`${W} [data-field=override-code]`).selectOption({ index: 1 });
  await page.locator(`${W} [data-field=override-reason]`).fill("Casus besproken in het wijkteamoverleg van dinsdag.");
  await page.locator(`${W} [data-action=save-override]`).click();
  await page.locator("#melder-naam").fill("Buurvrouw");
  await page.locator(`${W} details[part=reasons] > summary`).first().click();
  await page.waitForTimeout(300);

  const state = await page.evaluate(async () => ({
    writes: window.__writes ?? [],
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).map((d) => d.name),
    caches: window.caches ? await caches.keys() : [],
    cookie: document.cookie,
    value: document.querySelector("regie-wijzer").value,
  }));
  assert.equal(Object.keys(state.value.answers).length >= 15, true, "a whole case was filled in");
  assert.equal(state.value.decisions.route.decision, "override");
  assert.deepEqual(requests.filter((r) => r.at >= loaded), [], "no request after load");
  assert.deepEqual(requests.filter((r) => !r.url.startsWith(web.origin)), [], "nothing to another origin, ever");
  assert.deepEqual(requests.filter((r) => r.method !== "GET"), [], "nothing sent, only files fetched");
  assert.deepEqual(state.writes, [], "no storage, cookie, IndexedDB, cache, beacon, socket or service worker");
  assert.equal(state.local, 0);
  assert.equal(state.session, 0);
  assert.deepEqual(state.idb, []);
  assert.deepEqual(state.caches, []);
  assert.equal(state.cookie, "");
  assert.deepEqual(await context.cookies(), []);
  assert.deepEqual(console_, [], "nothing in the console");
  await context.close();
});

// ---------- host mistakes and hostile hosts (issue 17) ----------

const setRules = (page, src) => page.evaluate((s) => { document.querySelector("regie-wijzer").rulesSource = s; }, src);
const fatal = (page) => page.locator("regie-wijzer [part=error][data-fatal]").count();

const SCALE = `ruleset schaal
  title nl "Schaal" en "Scale"
  version "1"

fact zorgen: scale 0..100
  label nl "Hoeveel zorgen?" en "How worried?"
  level 0 nl "Geen zorgen" en "No worries"
  level 100 nl "Grote zorgen" en "Great worries"

outcome route: priority required
  label nl "Route" en "Route"
  value hoog nl "Hoog" en "High"
  value laag nl "Laag" en "Low"

rule hoog
  when zorgen > 50
  then route = hoog
  because nl "Veel zorgen." en "Much worry."

rule laag
  when zorgen <= 50
  then route = laag
  because nl "Weinig zorgen." en "Little worry."
`;

test("a scale 0..100 is a number field that takes every level, shows what the host sets, and names its ends", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await setRules(page, SCALE);
  const q = page.locator("regie-wijzer [part=question][data-fact=zorgen]");
  const field = q.locator("input[type=number]");
  await q.waitFor();
  assert.equal(await field.count(), 1, "one number field, no radios cut off at 20");
  assert.equal(await q.locator("input[type=radio]").count(), 0);
  assert.deepEqual(await field.evaluate((i) => [i.min, i.max, i.step, i.labels[0]?.textContent, i.getAttribute("aria-describedby")]),
    ["0", "100", "1", "Hoeveel zorgen?", "rw-zorgen-ends"]);
  assert.equal(await q.locator("[part=scale-ends]#rw-zorgen-ends").textContent(), "van 0 (Geen zorgen) tot en met 100 (Grote zorgen)");
  // Every level can be answered, also those past the 20th.
  await field.fill("73");
  await waitRoute(page, "hoog");
  assert.equal((await valueOf(page)).answers.zorgen, 73);
  // A value the host sets (or a form restore) is visible in the control while it decides the advice; set
  // while the typed number is not yet committed (the field has focus), its removal is no event to answer.
  await page.evaluate(() => { document.querySelector("regie-wijzer").answers = { zorgen: 42 }; });
  await waitRoute(page, "laag");
  assert.equal(await field.inputValue(), "42");
  // So is one outside the scale, reported at the question and not used.
  await page.evaluate(() => { document.querySelector("regie-wijzer").answers = { zorgen: 150 }; });
  assert.equal(await field.inputValue(), "150");
  assert.equal(await q.locator("[part=answer-issue]").isVisible(), true);
  await page.evaluate(() => { document.querySelector("regie-wijzer").answers = { zorgen: 100 }; });
  await page.locator("regie-wijzer [part=question][data-fact=zorgen]").screenshot({ path: artifact("schaal.png") });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a host that sets answers while a number is still being typed (not yet committed) does not break the widget", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await page.evaluate(() => { document.querySelector("regie-wijzer").answers = { acuut_gevaar: false, huiselijk_geweld: false, woonsituatie: "dakloos" }; });
  const age = page.locator("regie-wijzer [part=question][data-fact=leeftijd] input");
  await age.fill("47");
  // The redraw removes the focused field, whose pending change event fires in the middle of it.
  const thrown = await page.evaluate(() => {
    try {
      document.querySelector("regie-wijzer").answers = { acuut_gevaar: false, huiselijk_geweld: true };
      return null;
    } catch (e) {
      return String(e);
    }
  });
  assert.equal(thrown, null);
  await waitRoute(page, "veilig_thuis");
  assert.equal(await fatal(page), 0);
  assert.deepEqual((await valueOf(page)).answers, { acuut_gevaar: false, huiselijk_geweld: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a today that is not a real date says so in the widget and uses the device's date, also when set later", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  const local = await page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
  const [y, m, d] = local.split("-");
  const notice = page.locator("regie-wijzer [part=today-error][role=alert]");
  for (const bad of ["2026-02-29", "2026-13-45", "0999-01-01", "morgen", " 2026-03-02", ""]) {
    await page.evaluate((b) => document.querySelector("regie-wijzer").setAttribute("today", b), bad);
    assert.equal(await notice.count(), 1, `a message for today=${JSON.stringify(bad)}`);
    assert.equal(await notice.textContent(),
      `De datum van vandaag (today=${bad}) is geen geldige datum; de widget rekent met de datum van dit apparaat: ${d}-${m}-${y}`);
    assert.equal((await valueOf(page)).today, local, `the device's date for today=${JSON.stringify(bad)}, never 2000-01-01`);
  }
  // A real date set later counts, and the message goes.
  await page.evaluate(() => document.querySelector("regie-wijzer").setAttribute("today", "2028-02-29"));
  assert.equal(await notice.count(), 0);
  assert.equal((await valueOf(page)).today, "2028-02-29");
  // From the start, in English, and kept over a redraw (a language switch).
  await page.evaluate(() => {
    const w = Object.assign(document.createElement("regie-wijzer"), { id: "nieuw" });
    w.setAttribute("lang", "en");
    w.setAttribute("today", "2026-02-29");
    document.querySelector("main").append(w);
  });
  const second = page.locator("#nieuw [part=today-error]");
  await second.waitFor();
  assert.equal(await second.textContent(), `Today's date (today=2026-02-29) is not a valid date; the widget uses this device's date: ${local}`);
  await page.evaluate(() => document.getElementById("nieuw").setAttribute("lang", "nl"));
  assert.match(await second.textContent(), /^De datum van vandaag \(today=2026-02-29\)/);
  assert.equal((await valueOf(page, "#nieuw")).today, local);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("errors of the host's own code while the widget is on the stack go to the host as its own and break nothing", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await page.evaluate(() => {
    // The everyday mistake: a date from an answer that is not there (RangeError: Invalid time value).
    document.querySelector("regie-wijzer").addEventListener("regiewijzer-change", (e) => {
      window.stamp = new Date(e.detail.answers.bestaat_niet).toISOString();
    });
  });
  await pick(page, "regie-wijzer", "acuut_gevaar", "false");
  await pick(page, "regie-wijzer", "huiselijk_geweld", "true");
  await waitRoute(page, "veilig_thuis");
  assert.equal(await fatal(page), 0, "a host's RangeError is not a trap of the widget");
  assert.ok(errors.length >= 2 && errors.every((e) => /RangeError: Invalid time value/.test(e)), errors.join("\n"));

  // Answers whose keys cannot be listed: the host's error is thrown to the host, the answers stay.
  const thrown = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    try {
      el.answers = new Proxy({}, { ownKeys() { throw new RangeError("geen sleutels"); } });
      return null;
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  });
  assert.equal(thrown, "RangeError: geen sleutels");
  assert.deepEqual((await valueOf(page)).answers, { acuut_gevaar: false, huiselijk_geweld: true });
  // A record that is such a Proxy is an answer that cannot be read: left out, the rest is used.
  await page.evaluate(() => {
    document.querySelector("regie-wijzer").answers = {
      acuut_gevaar: false, huiselijk_geweld: true, melder: new Proxy({}, { ownKeys() { throw new RangeError("binnenin"); } }),
    };
  });
  assert.equal(await fatal(page), 0);
  // The widget goes on: another answer, another advice.
  await pick(page, "regie-wijzer", "huiselijk_geweld", "false");
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value.answers.huiselijk_geweld === false);
  assert.equal(await fatal(page), 0);
  await page.context().close();
});

test("a sparse list of length 2^32-1 as an answer is cut before it reaches the wasm and reported at its question", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await setRules(page, TIMELINE);
  await page.locator("regie-wijzer [part=question][data-fact=pogingen]").waitFor();
  const kept = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    const huge = [{ datum: "2026-03-01" }];
    huge.length = 2 ** 32 - 1;
    el.answers = { pogingen: huge };
    return el.answers.pogingen.length;
  });
  assert.equal(kept, 1001, "one past the limit of 1,000 records is read, not 4,294,967,295");
  assert.match(await page.locator("regie-wijzer [data-fact=pogingen] [part=answer-issue]").textContent(), /hoogstens 1000 per tijdlijn/);
  assert.equal(await fatal(page), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a rules file that cannot be loaded says why (HTTP status, connection, CSP, empty attribute), with its URL, in words and in regiewijzer-error", async () => {
  const { page } = await open("/tests/fixtures/widget.html");
  await page.route("**/weg.regels", (route) => route.abort("connectionrefused"));
  const load = (rules) => page.evaluate((r) => new Promise((resolve) => {
    const w = document.querySelector("regie-wijzer");
    w.addEventListener("regiewijzer-error", (e) => resolve({
      kind: e.detail.kind, url: e.detail.url, status: e.detail.status, en: e.detail.message.en,
      text: w.shadowRoot.querySelector("[part=error][role=alert]").textContent,
    }), { once: true });
    w.setAttribute("rules", r);
  }), rules);
  const o = web.origin;

  let r = await load("/bestaat-niet.regels");
  assert.deepEqual([r.kind, r.url, r.status], ["http", `${o}/bestaat-niet.regels`, 404]);
  assert.equal(r.text, `De regels konden niet worden geladen. De pagina werkt verder; het advies ontbreekt. De server antwoordde met status 404 op de vraag om het regelbestand ${o}/bestaat-niet.regels.`);
  assert.match(r.en, /answered with status 404 when asked for the rules file http:\/\/127\.0\.0\.1:\d+\/bestaat-niet\.regels/);

  r = await load("/weg.regels");
  assert.deepEqual([r.kind, r.url, r.status], ["network", `${o}/weg.regels`, null]);
  assert.match(r.text, /Het regelbestand http:\/\/127\.0\.0\.1:\d+\/weg\.regels kon niet worden opgehaald: er is geen verbinding, of de server staat ophalen vanaf deze pagina niet toe \(CORS\)/);

  r = await load("http://127.0.0.1:9/elders.regels"); // another origin: refused by the page's connect-src
  assert.deepEqual([r.kind, r.url, r.status], ["csp", "http://127.0.0.1:9/elders.regels", null]);
  assert.match(r.text, /beveiligingsbeleid van deze pagina \(Content-Security-Policy, connect-src\) staat het ophalen van het regelbestand http:\/\/127\.0\.0\.1:9\/elders\.regels niet toe/);

  // An empty attribute is a host's mistake, said as such; it never runs the built-in example instead.
  r = await load("");
  assert.deepEqual([r.kind, r.url, r.status], ["empty", null, null]);
  assert.match(r.text, /Het attribuut rules is leeg: er is geen regelbestand opgegeven/);
  assert.equal(await page.locator("regie-wijzer [part=checklist]").count(), 0);
  // No attribute at all: the built-in example, as before.
  await page.evaluate(() => document.querySelector("regie-wijzer").removeAttribute("rules"));
  await page.locator("regie-wijzer [part=question][data-fact=acuut_gevaar]").waitFor();
  await page.context().close();
});

test("a page whose CSP refuses WebAssembly gets words in the widget and kind \"wasm\" in regiewijzer-error", async () => {
  const { page } = await web.open("/tests/fixtures/geen-wasm.html", { ready: null });
  const box = page.locator("regie-wijzer [part=error][role=alert][data-kind=wasm]");
  await box.waitFor();
  assert.match(await box.textContent(), /de browser weigerde de WebAssembly-code uit te voeren.*'wasm-unsafe-eval'/);
  const events = await page.evaluate(() => window.widgetErrors);
  assert.deepEqual(events.map((e) => [e.kind, e.url, e.status]), [["wasm", null, null]]);
  assert.match(events[0].message.en, /refused to run the WebAssembly code/);
  await page.context().close();
});

test("an override being typed keeps its choice over rules without that choice and back; nothing chosen is never saved", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await setRules(page, V1);
  await page.locator("regie-wijzer [part=question][data-fact=melder_bekend]").waitFor();
  await pick(page, "regie-wijzer", "gevaar", "false");
  await pick(page, "regie-wijzer", "dakloos", "true");
  await waitRoute(page, "opvang");
  await page.locator("regie-wijzer [data-action=override]").click();
  await page.locator("regie-wijzer [data-field=override-value]").selectOption("crisis");
  await page.locator("regie-wijzer [data-field=override-reason]").fill("Dreigt met geweld tegen buren.");
  // Away to rules whose route has no "crisis" (the built-in triage) ...
  await setRules(page, null);
  await page.locator("regie-wijzer [part=question][data-fact=acuut_gevaar]").waitFor();
  assert.equal(await page.locator("regie-wijzer [data-field=override-value]").inputValue(), "");
  await page.locator("regie-wijzer [data-action=save-override]").click();
  const error = await page.locator("regie-wijzer [part=decision-error]").textContent();
  assert.equal(error, "Kies eerst het besluit.");
  assert.deepEqual((await valueOf(page)).decisions, {}, "nothing chosen is not saved");
  // ... and back: the choice and the reason are there again, and saving records them.
  await setRules(page, V1);
  await page.locator("regie-wijzer [part=question][data-fact=melder_bekend]").waitFor();
  assert.equal(await page.locator("regie-wijzer [data-field=override-value]").inputValue(), "crisis");
  assert.equal(await page.locator("regie-wijzer [data-field=override-reason]").inputValue(), "Dreigt met geweld tegen buren.");
  await page.locator("regie-wijzer [data-action=save-override]").click();
  const saved = (await valueOf(page)).decisions.route;
  assert.deepEqual([saved.decision, saved.values, saved.reason], ["override", ["crisis"], { code: "", text: "Dreigt met geweld tegen buren." }]);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("while rules fail to load, value is the last value, the one the form submits", async () => {
  const { page, errors } = await open("/tests/fixtures/widget.html");
  await veiligThuis(page);
  await page.locator("regie-wijzer [data-action=confirm]").click();
  const both = () => page.evaluate(() => [document.querySelector("regie-wijzer").value,
    JSON.parse(new FormData(document.getElementById("host")).get("triage"))]);
  for (const fail of [
    () => setRules(page, "ruleset kapot\nfact"),
    () => page.evaluate(() => { const w = document.querySelector("regie-wijzer"); w.rulesSource = null; w.setAttribute("rules", "/bestaat-niet.regels"); }),
  ]) {
    await fail();
    await page.locator("regie-wijzer [part=error]").waitFor();
    await page.evaluate(() => document.querySelector("regie-wijzer").ready);
    const [value, form] = await both();
    assert.notEqual(value, null);
    assert.deepEqual(value, form);
    assert.deepEqual(value.answers, { acuut_gevaar: false, huiselijk_geweld: true });
    assert.equal(value.decided, true);
    assert.equal(value.decisions.route.decision, "confirmed");
  }
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await page.context().close();
});
