// A region's variant in the browser (docs/language.md, "Variants"): the rules-core API resolves it against its
// base's source, and the widget's engine runs the resolved rules, naming the variant and its base.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite } from "./browser.mjs";

let page;
const web = browserSuite();

before(async () => {
  ({ page } = await web.page());
  await page.goto(`${web.origin}/tests/fixtures/engine.html`);
});

test("a variant loads with its base, and the widget's engine runs it naming both", async () => {
  const got = await page.evaluate(async () => {
    const core = await import("/pkg/core/regiewijzer_core.js");
    await core.default();
    const { Engine, default: init } = await import("/pkg/regiewijzer_wasm.js");
    await init();
    const text = async (path) => (await fetch(path)).text();
    const base = await text("/rulesets/triage.regels");
    const variant = await text("/crates/regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.regels");
    const ruleset = core.Ruleset.loadVariant(variant, base);
    const alone = core.check(variant).map((d) => d.code);
    const stale = core.check(variant, base.replace('version "0.1.0"', 'version "0.2.0"')).map((d) => d.code);
    const engine = Engine.load(core.compileForWidget(variant, base).model);
    const evaluation = engine.evaluate({ acuut_gevaar: false, eenzaam: true }, "2026-03-02");
    return {
      id: ruleset.id, base: ruleset.base, plainBase: core.Ruleset.load(base).base,
      alone, stale, engineRuleset: evaluation.ruleset,
    };
  });
  assert.equal(got.id, "triage_drechtsteden");
  assert.equal(got.base.id, "triage");
  assert.equal(got.base.version, "0.1.0");
  assert.match(got.base.hash, /^sha256:/);
  assert.equal(got.plainBase ?? null, null);
  assert.deepEqual(got.alone, ["E701"]);
  assert.deepEqual(got.stale, ["E703"]);
  assert.equal(got.engineRuleset.id, "triage_drechtsteden");
  assert.deepEqual(got.engineRuleset.base, got.base);
});
