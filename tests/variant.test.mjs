// A region's variant in the browser (docs/language.md, "Variants"): the rules-core API resolves it against its
// base's source, and the widget's engine runs the resolved rules, naming the variant and its base.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { browserSuite } from "./browser.mjs";

const DRECHTSTEDEN = new URL("../crates/regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.regels", import.meta.url);

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

test("<regie-wijzer> with a variant of its own shipped triage as rulesSource draws the variant's questions and names both in its value", async () => {
  const w = await web.page();
  await w.page.goto(`${web.origin}/tests/fixtures/widget.html`);
  await w.page.waitForFunction(() => document.querySelector("regie-wijzer")?.value?.ruleset);
  const base = await w.page.evaluate(() => document.querySelector("regie-wijzer").value.ruleset);
  const got = await w.page.evaluate(async () => {
    const variant = await (await fetch("/crates/regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.regels")).text();
    const el = document.querySelector("regie-wijzer");
    el.rulesSource = variant;
    el.answers = { acuut_gevaar: false, schulden: true };
    await el.ready;
    return { ruleset: el.value.ruleset, errors: el.shadowRoot.querySelectorAll("[part=error]").length };
  });
  // No other attribute: the rules compiler resolves it against the triage it carries (the widget's own).
  assert.equal(got.errors, 0);
  await w.page.locator("regie-wijzer legend").getByText("Is de persoon al bekend bij de schuldhulp?", { exact: true }).waitFor();
  const own = `sha256:${createHash("sha256").update(readFileSync(DRECHTSTEDEN)).digest("hex")}`;
  assert.deepEqual(
    { id: got.ruleset.id, version: got.ruleset.version, hash: got.ruleset.hash },
    { id: "triage_drechtsteden", version: "0.1.0", hash: own },
  );
  assert.deepEqual(got.ruleset.base, { id: "triage", version: "0.1.0", hash: base.hash });
  assert.deepEqual(w.errors, []);
  // A variant of a ruleset it does not carry: the rules failure names the diagnostic (it needs its base).
  const detail = await w.page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector("regie-wijzer");
    el.addEventListener("regiewijzer-error", (e) => resolve(e.detail), { once: true });
    el.rulesSource = 'ruleset mijn_regio variant of elders "1.0"\n';
  }));
  assert.deepEqual(detail.diagnostics.map((d) => d.code), ["E701"]);
  await w.page.locator("regie-wijzer").getByText(/E701 1:/).waitFor();
  assert.deepEqual(w.foreign, []);
  await w.page.close();
});
