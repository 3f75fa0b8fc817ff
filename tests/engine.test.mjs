// The widget's rules engine (issue 19): the DOM-free wasm bundle that the <regie-wijzer> element runs
// (`scripts/build-wasm.sh` builds it into pkg/, the bundle the element runs).
// In Chromium: it loads the embedded triage rules, evaluates a case with the same shapes as the rules-core
// API's Ruleset, carries no DOM code, and nothing a page passes makes its wasm trap.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./server.mjs";
import { launch, watchedPage } from "./browser.mjs";

const ENGINE = "/pkg/regiewijzer_wasm.js";
const TODAY = "2026-03-20";
let server, browser, page, errors;

before(async () => {
  server = await startServer();
  browser = await launch();
  ({ page, errors } = await watchedPage(browser, server.origin));
  await page.goto(`${server.origin}/tests/fixtures/engine.html`);
  await page.evaluate(async (url) => {
    const m = await import(url);
    await m.default();
    window.engineModule = m;
  }, ENGINE);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the DOM-free bundle evaluates the shipped triage for a case, as the rules-core API does", async () => {
  const got = await page.evaluate(async ({ today }) => {
    const { Engine } = window.engineModule;
    const core = await import("/pkg/core/regiewijzer_core.js");
    await core.default();
    const source = core.defaultRulesetSource();
    const ruleset = core.Ruleset.load(source);
    const engine = Engine.load();
    const answers = { acuut_gevaar: true, leeftijd: 40, huiselijk_geweld: "nee" };
    const evaluation = engine.evaluate(answers, today);
    const fromApi = ruleset.evaluate(answers, today);
    // A ruleset the page compiled itself, handed over in the compact form.
    const compiled = core.compileForWidget(source);
    const own = Engine.load(compiled.model);
    const out = {
      id: engine.id, version: engine.version, hash: engine.hash, apiHash: ruleset.hash, title: engine.title,
      sections: engine.checklist().sections.length, apiSections: ruleset.checklist().sections.length,
      evaluation, fromApi, ownRoute: own.evaluate(answers, today).outcomes.find((o) => o.id === "route").values,
      summary: engine.summary(answers, today, [{ kind: "confirmed", outcome: "route" }], "nl"),
      apiSummary: ruleset.summary(answers, today, [{ kind: "confirmed", outcome: "route" }], "nl"),
      override: engine.validateOverride({ outcome: "route", values: ["bemoeizorg"], code: "", reason: "" }),
      fine: engine.validateOverride({ outcome: "route", values: ["bemoeizorg"], code: "meer_urgentie", reason: "" }),
      exports: Object.keys(window.engineModule),
    };
    own.free();
    engine.free();
    return out;
  }, { today: TODAY });
  assert.equal(got.id, "triage");
  assert.equal(got.hash, got.apiHash);
  assert.match(got.hash, /^sha256:[0-9a-f]{64}$/);
  assert.ok(got.title.nl && got.title.en);
  assert.equal(got.sections, got.apiSections);
  assert.deepEqual(got.evaluation.outcomes.find((o) => o.id === "route").values, ["crisisdienst_112"]);
  assert.deepEqual(got.evaluation.answer_issues, []);
  assert.deepEqual(got.evaluation, got.fromApi);
  assert.deepEqual(got.ownRoute, ["crisisdienst_112"]);
  assert.equal(got.summary, got.apiSummary);
  assert.match(got.summary, /triage/);
  assert.ok(got.override.nl && got.override.en, "an override without a reason is refused, in words");
  assert.equal(got.fine, undefined);
  assert.ok(got.exports.includes("Engine"));
  assert.ok(!got.exports.includes("WidgetCore"), "no Rust DOM widget in this bundle");
  assert.deepEqual(errors, []);
});

test("the summary after the ranking of the same answers is that of a fresh engine, and never of other answers or another day", async () => {
  const got = await page.evaluate(({ today }) => {
    const { Engine } = window.engineModule;
    const kept = Engine.load();
    const summaryOf = (answers, day = today) => {
      const fresh = Engine.load();
      const text = fresh.summary(answers, day, [], "nl");
      fresh.free();
      return text;
    };
    const answers = { acuut_gevaar: false, hulp_geweigerd: true };
    const out = [];
    // The element's order: the ranking, then the summary of the same answers (which reuses the ranking).
    kept.evaluate(answers, today);
    out.push([kept.summary(answers, today, [], "nl"), summaryOf(answers)]);
    // The same object changed in place: another answer, not the kept evaluation.
    answers.acuut_gevaar = true;
    out.push([kept.summary(answers, today, [], "nl"), summaryOf(answers)]);
    // Another day, and the evaluation after it.
    out.push([kept.summary(answers, "2026-04-01", [], "nl"), summaryOf(answers, "2026-04-01")]);
    const ranked = kept.evaluate(answers, today);
    const fresh = Engine.load();
    const again = fresh.evaluate(answers, today);
    fresh.free();
    kept.free();
    return { pairs: out, same: JSON.stringify(ranked) === JSON.stringify(again), routes: out.map(([a]) => a.match(/- Route: .*/)?.[0]) };
  }, { today: TODAY });
  for (const [kept, fresh] of got.pairs) assert.equal(kept, fresh);
  assert.notEqual(got.routes[0], got.routes[1], "acute danger changes the route, so a stale summary would show");
  assert.match(got.pairs[2][0], /Datum: 01-04-2026/);
  assert.ok(got.same);
  assert.deepEqual(errors, []);
});

test("the bundle's wasm imports nothing of the DOM", async () => {
  const imports = await page.evaluate(async () => {
    const bytes = await (await fetch("/pkg/regiewijzer_wasm_bg.wasm")).arrayBuffer();
    return WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map((i) => i.name);
  });
  assert.ok(imports.length > 0);
  const dom = imports.filter((n) => /createElement|appendChild|setAttribute|querySelector|shadow|textContent/i.test(n));
  assert.deepEqual(dom, []);
});

test("nothing a page passes makes the engine's wasm trap: hostile answers are reported, the rest throws words", async () => {
  const got = await page.evaluate(({ today }) => {
    const { Engine } = window.engineModule;
    const engine = Engine.load();
    const throwing = new Proxy({}, {
      get() { throw new Error("getter"); },
      ownKeys() { throw new Error("ownKeys"); },
      getOwnPropertyDescriptor() { throw new Error("descriptor"); },
    });
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const cyclic = { leeftijd: 40 };
    cyclic.self = cyclic;
    const hostile = {
      proxy: throwing,
      getter: Object.defineProperty({}, "acuut_gevaar", { enumerable: true, get() { throw new Error("no"); } }),
      revoked,
      cyclic,
      bigint: { leeftijd: 40n },
      nested: { leeftijd: throwing },
      huge: { tijdlijn: new Array(3_000_000).fill(0) },
      list: [true, false],
      number: 7,
      fn: () => 1,
    };
    const caught = (f) => {
      try {
        f();
        return "no error";
      } catch (e) {
        return e instanceof WebAssembly.RuntimeError ? "TRAP" : typeof e === "string" || (e?.nl && e?.en) ? "words" : String(e);
      }
    };
    const out = {};
    for (const [name, answers] of Object.entries(hostile)) {
      const e = engine.evaluate(answers, today);
      out[name] = { issue: e.answer_issues[0]?.message?.nl ?? null, outcomes: e.outcomes.length };
    }
    out.throws = {
      summaryAnswers: caught(() => engine.summary(throwing, today, [], "nl")),
      summaryDecisions: caught(() => engine.summary({}, today, throwing, "nl")),
      decisionsShape: caught(() => engine.summary({}, today, [{ outcome: "route" }], "nl")),
      override: caught(() => engine.validateOverride(throwing)),
      overrideShape: caught(() => engine.validateOverride({ outcome: "route" })),
      load: caught(() => Engine.load(throwing)),
      loadBytes: caught(() => Engine.load(new Uint8Array([1, 2, 3]))),
      today: caught(() => engine.evaluate({}, "2026-02-30")),
    };
    // Still working after all that.
    out.after = engine.evaluate({ acuut_gevaar: true }, today).outcomes.find((o) => o.id === "route").values;
    engine.free();
    return out;
  }, { today: TODAY });
  for (const name of ["proxy", "getter", "revoked", "cyclic", "bigint", "nested", "huge"]) {
    assert.match(got[name].issue ?? "", /niet worden gelezen/, name);
    assert.ok(got[name].outcomes > 0, name);
  }
  for (const name of ["list", "number"]) assert.match(got[name].issue ?? "", /geen object/, name);
  assert.equal(got.fn.issue, null, "a function is no answers, like undefined");
  assert.equal(got.throws.summaryAnswers, "no error", "the summary reports unreadable answers like evaluate");
  for (const [name, how] of Object.entries(got.throws)) {
    if (name !== "summaryAnswers") assert.equal(how, "words", name);
  }
  assert.deepEqual(got.after, ["crisisdienst_112"]);
  assert.deepEqual(errors, []);
});
