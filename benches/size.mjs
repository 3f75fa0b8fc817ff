#!/usr/bin/env node
// What a page downloads for the widget, per piece, gzip -9 and brotli 11, beside the same figures for the
// engines it is compared with (their browser builds as npm ships them, measured here the same way).
// Usage: node benches/size.mjs   (after `make wasm`; the peers come from benches/node_modules)
import { readFile } from "node:fs/promises";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { fmt, table } from "./lib/stats.mjs";

const ROOT = new URL("..", import.meta.url);
const MODULES = new URL("./node_modules/", import.meta.url);

async function sizes(url) {
  const raw = await readFile(url);
  return {
    raw: raw.length,
    gz: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length,
    br: brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }).length,
  };
}

const kb = (n) => `${fmt(n / 1024, 3)} KB`;
const OURS = [
  ["widget wasm (rules engine, default rules)", "pkg/regiewijzer_wasm_bg.wasm"],
  ["widget wasm-bindgen glue", "pkg/regiewijzer_wasm.js"],
  // The element's bundle carries its styles (issue 21); pkg/regiewijzer.css is not loaded by the element.
  ["element (the DOM layer and its styles, bundled)", "pkg/regiewijzer.js"],
];
const COMPILER = [
  ["rules compiler wasm (only with rules=\"…\")", "pkg/core/regiewijzer_core_bg.wasm"],
  ["rules compiler glue", "pkg/core/regiewijzer_core.js"],
];
const PEERS = [
  ["@gorules/zen-engine-wasm (expressions only)", "@gorules/zen-engine-wasm/dist/zen_engine_wasm_bg.wasm"],
  ["@gorules/zen-engine-wasm32-wasi (whole engine)", "@gorules/zen-engine-wasm32-wasi/zen-engine.wasm32-wasi.wasm"],
  ["@cedar-policy/cedar-wasm (web)", "@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm"],
  ["json-logic-js (no dates, types, tests or reasons)", "json-logic-js/logic.js"],
];

const rows = [];
const total = { raw: 0, gz: 0, br: 0 };
for (const [name, file] of OURS) {
  const s = await sizes(new URL(file, ROOT));
  for (const k of Object.keys(total)) total[k] += s[k];
  rows.push([name, file, kb(s.raw), kb(s.gz), kb(s.br)]);
}
rows.push(["**widget total**", "", kb(total.raw), `**${kb(total.gz)}**`, kb(total.br)]);
for (const [name, file] of COMPILER) {
  const s = await sizes(new URL(file, ROOT));
  rows.push([name, file, kb(s.raw), kb(s.gz), kb(s.br)]);
}
const peers = [];
for (const [name, file] of PEERS) {
  try {
    const s = await sizes(new URL(file, MODULES));
    peers.push({ name, ...s });
    rows.push([`peer: ${name}`, file, kb(s.raw), kb(s.gz), kb(s.br)]);
  } catch {
    rows.push([`peer: ${name}`, `${file} (not installed: make bench installs it)`, "", "", ""]);
  }
}
console.log("## Download size (bytes as a page fetches them; KB = 1,024 bytes)\n");
console.log(table(["piece", "file", "raw", "gzip -9", "brotli 11"], rows));
const wasmPeers = peers.filter((p) => !p.name.startsWith("json-logic"));
if (wasmPeers.length) {
  const smallest = wasmPeers.reduce((a, b) => (a.gz < b.gz ? a : b));
  console.log(`\nThe whole widget (gzip) is ${fmt(smallest.gz / total.gz)}× smaller than the smallest wasm peer alone (${smallest.name}, ${kb(smallest.gz)}).`);
}
const TARGET = 80 * 1024;
console.log(`Target: at most ${kb(TARGET)} gzip; now ${kb(total.gz)} (${total.gz <= TARGET ? "met" : `${kb(total.gz - TARGET)} over`}).`);
