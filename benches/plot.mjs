#!/usr/bin/env node
// Draws the scaling curve (docs/img/scaling.svg) from criterion's estimates of the `scaling` benchmark
// (target/criterion/scaling/{compile,evaluate,analyze}/{10,100,1000,5000}/new/estimates.json): time per
// call against the number of rules, both axes logarithmic, one line per operation, median marked.
// Also prints the figures as a Markdown table. Usage: node benches/plot.mjs (after `make bench`).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fmt, table } from "./lib/stats.mjs";

const ROOT = new URL("..", import.meta.url);
const SIZES = [10, 100, 1000, 5000];
const OPS = [
  { id: "compile", label: "parse + check", color: "#1f5fa8" },
  { id: "evaluate", label: "evaluate (half answered)", color: "#2e7d32" },
  { id: "analyze", label: "analyse (default budget)", color: "#b3261e" },
];

const series = [];
for (const op of OPS) {
  const points = [];
  for (const n of SIZES) {
    try {
      const est = JSON.parse(await readFile(new URL(`target/criterion/scaling/${op.id}/${n}/new/estimates.json`, ROOT), "utf8"));
      points.push({ n, ns: est.median.point_estimate });
    } catch {
      // not measured (yet)
    }
  }
  series.push({ ...op, points });
}
// The analysis of 5,000 rules, run once with a smaller budget (see crates/regiewijzer-core/benches/scaling.rs).
let once = null;
try {
  once = JSON.parse(await readFile(new URL("target/scaling-once.json", ROOT), "utf8"));
} catch {
  // not measured (yet)
}
if (series.every((s) => s.points.length === 0)) {
  console.error("plot: no estimates under target/criterion/scaling: run `cargo bench -p regiewijzer-core --bench scaling`");
  process.exit(1);
}

const human = (ns) => (ns >= 1e9 ? `${fmt(ns / 1e9)} s` : ns >= 1e6 ? `${fmt(ns / 1e6)} ms` : ns >= 1e3 ? `${fmt(ns / 1e3)} µs` : `${fmt(ns)} ns`);
console.log(table(["rules", ...OPS.map((o) => o.label)], SIZES.map((n) => [
  n.toLocaleString("en"),
  ...series.map((s) => {
    const p = s.points.find((q) => q.n === n);
    if (p) return human(p.ns);
    if (s.id === "analyze" && once?.rules === n) {
      return `${human(once.ns)} (one run, budget ${once.budget.toLocaleString("en")}, ${once.complete ? "complete" : "incomplete"})`;
    }
    return "–";
  }),
])));

// The plot: 640×400, margins for the axes; x log10(rules), y log10(ns) over whole decades.
const W = 640, H = 400, L = 70, R = 200, T = 20, B = 50;
const all = [...series.flatMap((s) => s.points.map((p) => p.ns)), ...(once ? [once.ns] : [])];
const yLo = Math.floor(Math.log10(Math.min(...all)));
const yHi = Math.ceil(Math.log10(Math.max(...all)));
const x = (n) => L + ((Math.log10(n) - 1) / (Math.log10(5000) - 1)) * (W - L - R);
const y = (ns) => T + (1 - (Math.log10(ns) - yLo) / (yHi - yLo)) * (H - T - B);
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
  `<title>Regiewijzer: time per call against ruleset size (log-log)</title>`,
  `<rect width="${W}" height="${H}" fill="#fff"/>`,
];
for (let d = yLo; d <= yHi; d++) {
  const yy = y(10 ** d);
  parts.push(`<line x1="${L}" x2="${W - R}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
  parts.push(`<text x="${L - 6}" y="${yy + 4}" text-anchor="end">${esc(human(10 ** d))}</text>`);
}
for (const n of SIZES) {
  parts.push(`<line x1="${x(n).toFixed(1)}" x2="${x(n).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#eee"/>`);
  parts.push(`<text x="${x(n).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${n.toLocaleString("en")}</text>`);
}
parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">rules in the ruleset (generated; one question per three rules)</text>`);
series.forEach((s, i) => {
  if (s.points.length === 0) return;
  const d = s.points.map((p, k) => `${k ? "L" : "M"}${x(p.n).toFixed(1)},${y(p.ns).toFixed(1)}`).join(" ");
  parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
  for (const p of s.points) parts.push(`<circle cx="${x(p.n).toFixed(1)}" cy="${y(p.ns).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
  const ly = T + 10 + i * 20;
  parts.push(`<line x1="${W - R + 16}" x2="${W - R + 36}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`);
  parts.push(`<text x="${W - R + 42}" y="${ly + 4}">${esc(s.label)}</text>`);
});
if (once) {
  const c = OPS.find((o) => o.id === "analyze").color;
  parts.push(`<circle cx="${x(once.rules).toFixed(1)}" cy="${y(once.ns).toFixed(1)}" r="4.5" fill="#fff" stroke="${c}" stroke-width="2"/>`);
  parts.push(`<text x="${W - R + 16}" y="${T + 74}" fill="${c}">○ one run, budget ${once.budget.toLocaleString("en")}</text>`);
}
parts.push(`<text x="${W - R + 16}" y="${T + 100}" fill="#555">median time per call,</text>`);
parts.push(`<text x="${W - R + 16}" y="${T + 116}" fill="#555">cargo bench --bench scaling</text>`);
parts.push("</svg>");
await mkdir(new URL("docs/img/", ROOT), { recursive: true });
await writeFile(new URL("docs/img/scaling.svg", ROOT), `${parts.join("\n")}\n`);
console.log("\nwrote docs/img/scaling.svg");
