#!/usr/bin/env node
// Bundle budget of the <regie-wijzer> widget: gzips (zlib, level 9) every file a page downloads for the
// widget, prints each size and the total in bytes, and exits 1 when the total is over 120 KB (122,880 bytes).
// Usage: node scripts/bundle-size.mjs   (after scripts/build-wasm.sh has filled pkg/)
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";

const ROOT = new URL("..", import.meta.url);
const BUDGET = 120 * 1024;
const FILES = [
  "pkg/regiewijzer_wasm_bg.wasm",
  "pkg/regiewijzer_wasm.js",
  "www/regiewijzer.js",
  "www/regiewijzer.css",
];

let total = 0;
let missing = false;
const rows = [];
for (const file of FILES) {
  let raw;
  try {
    raw = await readFile(new URL(file, ROOT));
  } catch {
    console.error(`bundle-size: ${file} is missing (build the wasm package first: scripts/build-wasm.sh)`);
    missing = true;
    continue;
  }
  const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
  total += gz;
  rows.push([file, raw.length, gz]);
}
if (missing) process.exit(1);

const pad = Math.max(...rows.map(([f]) => f.length));
for (const [file, raw, gz] of rows) {
  console.log(`${file.padEnd(pad)}  ${String(raw).padStart(9)} bytes  ${String(gz).padStart(8)} bytes gzip`);
}
const verdict = total <= BUDGET ? "within" : "OVER";
console.log(`${"total".padEnd(pad)}  ${String(rows.reduce((s, [, r]) => s + r, 0)).padStart(9)} bytes  ${String(total).padStart(8)} bytes gzip (${verdict} the budget of ${BUDGET} bytes)`);
if (total > BUDGET) {
  console.error(`bundle-size: ${total - BUDGET} bytes over budget (${fileURLToPath(ROOT)})`);
  process.exit(1);
}
