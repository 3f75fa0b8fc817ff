// The rules-core API's batch and replay (issue 24), as a page or the playground's Worker calls them: the
// cases cross as the file's text or its bytes, the results as one object; bad rows come back by line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

const CORE = new URL("../pkg/core/", import.meta.url);
const core = await import(new URL("regiewijzer_core.js", CORE));
await core.default({ module_or_path: await readFile(new URL("regiewijzer_core_bg.wasm", CORE)) });
const source = await readFile(new URL("../rulesets/triage.regels", import.meta.url), "utf8");
const old = core.Ruleset.load(source);
const now = core.Ruleset.load(source.replace("parameter draaideur_eerdere_meldingen = 2", "parameter draaideur_eerdere_meldingen = 3"));

const CSV = `today,acuut_gevaar,huiselijk_geweld,leeftijd,woonsituatie,vermoeden_psychische_stoornis,hulp_geweigerd,verslaving,eerdere_meldingen
2026-03-01,nee,nee,40,eigen_woning,nee,nee,ja,2
2026-03-01,ja,nee,40,eigen_woning,nee,nee,nee,0
2026-13-01,nee,nee,40,eigen_woning,nee,nee,ja,2
`;

/** What outcome column `o` of a batch says for case `i`: status word, value ids (a deadline: its date), rule ids. */
function caseOf(batch, o, i) {
  const range = (start, index, i) => [...index.subarray(start[i], start[i + 1])];
  const values = o.dates ? (o.dates[i] == null ? [] : [o.dates[i]]) : range(o.valueStart, o.valueIndex, i).map((v) => o.values[v]);
  return { status: batch.statuses[o.status[i]], values, rules: range(o.ruleStart, o.ruleIndex, i).map((r) => batch.rules[r]) };
}

test("evaluateBatch: ids once, per outcome a column of every case's status, values and rules; bad rows by line", () => {
  const batch = old.evaluateBatch(CSV, "2026-03-20");
  assert.equal(batch.format, "csv");
  assert.equal(batch.cases, 2);
  assert.ok(batch.lines instanceof Uint32Array);
  assert.deepEqual([...batch.lines], [2, 3]);
  assert.deepEqual(batch.bad.map((b) => b.line), [4]);
  const route = batch.outcomes.find((o) => o.id === "route");
  assert.ok(route.status instanceof Uint8Array);
  assert.equal(route.status.length, 2);
  assert.deepEqual(caseOf(batch, route, 0).values, ["bemoeizorg"]);
  assert.deepEqual(caseOf(batch, route, 1).values, ["crisisdienst_112"]);
  // The same as the whole evaluation of the same answers, for every outcome.
  const whole = old.evaluate({ acuut_gevaar: true, huiselijk_geweld: false, leeftijd: 40, woonsituatie: "eigen_woning",
    vermoeden_psychische_stoornis: false, hulp_geweigerd: false, verslaving: false, eerdere_meldingen: 0 }, "2026-03-01");
  assert.deepEqual(batch.outcomes.map((o) => o.id), whole.outcomes.map((o) => o.id));
  for (const o of whole.outcomes) {
    const got = caseOf(batch, batch.outcomes.find((x) => x.id === o.id), 1);
    assert.deepEqual(got, { status: o.status, values: o.values, rules: o.reasons.filter((r) => r.kind !== "default").map((r) => r.rule) }, o.id);
  }
  // Only the outcomes asked for, with the same columns.
  const only = old.evaluateBatch(CSV, "2026-03-20", ["route"]);
  assert.deepEqual(only.outcomes.map((x) => x.id), ["route"]);
  assert.deepEqual([0, 1].map((i) => caseOf(only, only.outcomes[0], i)), [0, 1].map((i) => caseOf(batch, route, i)));
});

test("replay: the threshold 2 → 3 flips the case with two earlier reports, with reasons and CSV", () => {
  const report = core.replay(old, now, CSV, { today: "2026-03-20", csv: "en" });
  assert.equal(report.cases, 2);
  assert.equal(report.changed, 1);
  const route = report.outcomes.find((o) => o.id === "route");
  assert.equal(route.flips.length, 1);
  assert.deepEqual(route.flips[0].lines, [2]);
  assert.equal(route.flips[0].from.values[0], "bemoeizorg");
  assert.match(route.flips[0].message.nl, /^1 van de 2 meldingen: /);
  assert.ok(route.flips[0].cases[0].old.length > 0 && route.flips[0].cases[0].new.length > 0);
  assert.match(report.csv, /^outcome,line,old,new,/);
  assert.equal(core.replay(old, old, CSV, undefined).changed, 0);
  assert.throws(() => core.replay(old, now, CSV, { today: "gisteren" }));
});

test("the cases as the file's bytes are read as its text; bytes that are not UTF-8 and other values are refused in words", () => {
  const text = old.evaluateBatch(CSV, "2026-03-20");
  const bytes = new TextEncoder().encode(`\ufeff${CSV}`);
  // A Uint8Array, a node Buffer, an ArrayBuffer, a view on a part of a larger buffer, a DataView.
  const padded = new Uint8Array(bytes.length + 7);
  padded.set(bytes, 3);
  for (const [what, given] of [
    ["Uint8Array", bytes],
    ["Buffer", Buffer.from(bytes)],
    ["ArrayBuffer", bytes.buffer],
    ["a view on part of a buffer", padded.subarray(3, 3 + bytes.length)],
    ["DataView", new DataView(padded.buffer, 3, bytes.length)],
  ]) {
    const batch = old.evaluateBatch(given, "2026-03-20");
    assert.deepEqual([...batch.lines], [...text.lines], what);
    assert.deepEqual(batch.bad, text.bad, what);
    for (const [k, o] of batch.outcomes.entries()) assert.deepEqual([...o.status], [...text.outcomes[k].status], what);
  }
  assert.equal(core.replay(old, now, bytes, { today: "2026-03-20" }).changed, core.replay(old, now, CSV, { today: "2026-03-20" }).changed);
  // A CSV from a spreadsheet saved as Latin-1 ("één" with é as byte 0xE9): refused as E112, as the CLI refuses it.
  const latin1 = Uint8Array.from([...new TextEncoder().encode("today,melder\n2026-03-01,"), 0xe9, 0x0a]);
  assert.throws(() => old.evaluateBatch(latin1, "2026-03-20"), (e) => e.kind === "diagnostics" && e.diagnostics[0].code === "E112");
  // Neither a text nor bytes: a TypeError in words, never "no cases".
  for (const wrong of [42, null, { length: 3 }, new String(CSV)]) {
    assert.throws(() => old.evaluateBatch(wrong, "2026-03-20"), (e) => e instanceof TypeError && /bytes van een bestand/.test(e.message));
    assert.throws(() => core.replay(old, now, wrong, {}), TypeError);
  }
});
