#!/usr/bin/env node
// A year of reports replayed in headless Chromium (issue 24: "replaying 100,000 cases against two
// versions takes under one second in the browser"): benches/replay/index.html loads the rules-core API
// bundle, compiles the shipped triage rules and a version with the revolving-door threshold 2 → 3, and
// times, inside the page, `replay(old, new, text)` on the text of a file of 100,000 seeded cases (CSV and
// JSON Lines, the 19 questions of `route` answered as a checklist leaves them) and `evaluateBatch` under
// each version. The text is handed to the page as a string (as a file input's `file.text()` gives it).
// Median and spread over rounds; nothing is asserted. Usage: node benches/replay.mjs [--cases N] [--rounds R]
import { launch } from "../tests/browser.mjs";
import { startServer } from "../tests/server.mjs";
import { ROUTE, casesCsv, completeInputs } from "./engines/route.mjs";
import { fmt, median, quantile, table } from "./lib/stats.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const CASES = Number(arg("--cases", 100000));
const ROUNDS = Number(arg("--rounds", 7));

const inputs = completeInputs(ROUTE, CASES, 24);
const csv = casesCsv(inputs, ROUTE.facts, "2026-03-20");
const jsonl = inputs.map((answers) => JSON.stringify({ today: "2026-03-20", answers })).join("\n");

const server = await startServer();
const browser = await launch();
const rows = [];
const out = { chromium: browser.version(), cases: CASES };
try {
  const errors = [];
  // Each form in a browser context (and so a page process) of its own: in one page, a text after rounds of
  // bytes crossed more slowly (1,072 against 698 ms for the replay of JSON Lines), a state a real page never
  // reaches.
  for (const [name, text, bytes] of [["CSV", csv, true], ["CSV", csv, false], ["JSON Lines", jsonl, true], ["JSON Lines", jsonl, false]]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.origin}/benches/replay/index.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const replayMs = [];
    const batchMs = [];
    let last;
    for (let r = 0; r < ROUNDS + 1; r++) {
      last = await page.evaluate(([t, b]) => window.round(t, b), [text, bytes]);
      if (last.cases !== CASES || last.bad !== 0) throw new Error(`${name}: ${JSON.stringify(last)}`);
      if (r === 0) continue; // warm-up: wasm tiers
      replayMs.push(last.replayMs);
      batchMs.push(last.batchMs);
    }
    const mb = (text.length / 1e6).toFixed(1);
    const given = bytes ? "the file's bytes" : "a JS string";
    const row = (what, ms) => rows.push([`${name} (${mb} MB), ${given}: ${what}`, ms.length, fmt(median(ms)), `${fmt(quantile(ms, 0.1))}–${fmt(quantile(ms, 0.9))}`]);
    row("replay(old, new, cases): both versions, every outcome, the report", replayMs);
    row("evaluateBatch under each version (two calls, every outcome)", batchMs);
    out[`${name}${bytes ? "" : ", text"}`] = { replay: median(replayMs), batch: median(batchMs), changed: last.changed, flips: last.flips };
    await context.close();
  }
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  console.log(`## Replay in headless Chromium ${out.chromium}: ${CASES.toLocaleString("en")} cases, two versions\n`);
  console.log(table(["measured in the page (ms)", "rounds", "median", "p10–p90"], rows));
  console.log(`\nCases with a change (threshold 2 → 3): ${out.CSV.changed}; per outcome: ${out.CSV.flips.map(([o, n]) => `${o} ${n}`).join(", ")}.`);
  if (process.argv.includes("--json")) console.log(JSON.stringify(out));
} finally {
  await browser.close();
  await server.close();
}
