#!/usr/bin/env node
// Start-up and response of the <regie-wijzer> element in headless Chromium (the system Chromium the browser
// tests use), timed inside the page with performance marks (benches/startup/index.html):
// - first widget on a fresh page: the module, wasm and styles come from a local server (no network
//   latency) and are compiled; measured from inserting the element to an interactive checklist;
// - another widget on the same page (wasm ready): insert → interactive;
// - an answer change (a click on a yes/no radio) → the outcome updated in the page: "acuut gevaar"
//   switched back and forth (few open questions when yes), and a case worked through from an empty
//   form (WALK: nine answers, many questions open, so the ranking of "Wat nu telt" and what the
//   actions could still get cost the most; it ends on the Wzd route).
// Median and spread over many runs; nothing is asserted. Usage: node benches/startup.mjs [--runs N]
import { launch } from "../tests/browser.mjs";
import { startServer } from "../tests/server.mjs";
import { fmt, median, quantile, table } from "./lib/stats.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg("--runs", 40));
// A case worked through, one yes/no answer at a time: refused help, dementia, serious harm → Wzd route.
const WALK = [
  ["acuut_gevaar", false],
  ["huiselijk_geweld", false],
  ["vermoeden_psychische_stoornis", false],
  ["dementie_of_lvb", true],
  ["hulp_geweigerd", true],
  ["ernstig_nadeel", true],
  ["verslaving", false],
  ["schulden", true],
  ["overlast", false],
];

// Cross-origin isolation: performance.now() then has 5 µs resolution in Chromium (100 µs otherwise).
const server = await startServer({
  headers: { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" },
});
const browser = await launch();
const rows = [];
const summary = (name, ms) => {
  rows.push([name, ms.length, fmt(median(ms)), `${fmt(quantile(ms, 0.1))}–${fmt(quantile(ms, 0.9))}`, fmt(Math.max(...ms))]);
  return { median: median(ms), p10: quantile(ms, 0.1), p90: quantile(ms, 0.9), max: Math.max(...ms), n: ms.length };
};
try {
  const first = [];
  const again = [];
  const answer = [];
  const walk = [];
  const painted = [];
  let isolated = false;
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.origin}/benches/startup/index.html`);
    await page.waitForFunction(() => window.benchReady === true);
    isolated = await page.evaluate(() => self.crossOriginIsolated);
    first.push(await page.evaluate(() => window.insertOne()));
    for (let k = 0; k < 5; k++) again.push(await page.evaluate(() => window.insertOne()));
    for (let k = 0; k < 10; k++) {
      const r = await page.evaluate(() => window.answerPainted("acuut_gevaar"));
      if (r.yes !== r.route.includes("crisisdienst")) {
        throw new Error(`the outcome did not follow the answer: yes=${r.yes}, route "${r.route}"`);
      }
      answer.push(r.ms);
      painted.push(r.painted);
    }
    await page.evaluate(() => window.insertOne());
    let route = "";
    for (const [fact, yes] of WALK) {
      const r = await page.evaluate(([f, y]) => window.answerBool(f, y), [fact, yes]);
      walk.push(r.ms);
      route = r.route;
    }
    if (!route.includes("wzd")) throw new Error(`the worked-through case did not end on the Wzd route: "${route}"`);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    await page.close();
  }
  const out = {
    chromium: browser.version(),
    isolated,
    first: summary("first widget on a fresh page: insert → interactive (includes wasm compile)", first),
    again: summary("another widget, wasm ready: insert → interactive", again),
    answer: summary("answer change → outcome updated (acuut gevaar yes ↔ no)", answer),
    walk: summary(`answer → outcome updated, a case worked through (${WALK.length} answers from empty)`, walk),
    answer: summary("answer change → outcome updated", answer),
    painted: summary("answer change → next frame painted", painted),
  };
  console.log(`## Start-up in headless Chromium ${out.chromium} (${RUNS} fresh pages; timer resolution ${isolated ? "5 µs" : "100 µs"})\n`);
  console.log(table(["measured in the page (ms)", "runs", "median", "p10–p90", "max"], rows));
  if (process.argv.includes("--json")) console.log(JSON.stringify(out));
} finally {
  await browser.close();
  await server.close();
}
