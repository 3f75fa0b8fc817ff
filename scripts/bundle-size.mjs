#!/usr/bin/env node
// Bundle budget of the <regie-wijzer> widget. Compresses (gzip level 9 and brotli quality 11) every file a
// page downloads for the widget, prints each size and the total in bytes, and exits 1 when the gzip total
// is over the budget: 105 KB (107,520 bytes; REGIEWIJZER_BUDGET_BYTES overrides it) for now. It was 120 KB
// before issue 18, 144 KB after it (plain-word reasons, decisions per outcome, ranked questions); issue 19
// moved the DOM layer out of the wasm into the JS element (111,743 bytes), then the cheap evaluation an answer
// paints from (+1.6 KB) and issue 20's accessibility (headings, reflow, colours from the host: +2.3 KB) made
// it 115,660; issue 21 moved the CSS file into the element's bundle (114,470: one file, and minified).
// Making the engine's code smaller (our own heapsort, JSON writer and join, talc as the allocator, ASCII
// case folding, wasm-opt --low-memory-unused) took 7.9 KB off, a smaller compiled model (RWMODEL3) 2 KB
// more: 105,854. The budget follows each step down. Issue 22 (the core split by pass, typed diagnostics, the
// binary format's version check, the element's decision words as the summary says them) added 900 bytes
// (106,756): the budget went up by half a KB for it, knowingly. Issue 23 (one case across rulesets) added 262
// bytes: `omit`, `phases` and showing only proposed handovers and non-empty sections in the element (+165), the
// `phases` header in the compiled model and the aligned shipped rules it embeds (+97): 107,018, and the budget
// went up by another half KB for it. Its target is 80 KB: the engine's wasm is ~85 KB gzip
// of that (docs/performance.md, "Widget size, issue 19", says what is left and what it would take).
//
// The default embed (the shipped rules, checked at build time) needs only the first group. A page that
// sets `rules="…"` also loads the rules compiler (pkg/core/) once; that group is reported, not budgeted.
// Usage: node scripts/bundle-size.mjs   (after scripts/build-wasm.sh has filled pkg/)
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = new URL("..", import.meta.url);
const BUDGET = Number(process.env.REGIEWIJZER_BUDGET_BYTES ?? 105 * 1024);
// Every file the element loads: the engine's wasm and glue, the element (www/regiewijzer.js and
// www/element/, bundled into one module by scripts/build-wasm.sh, with the styles' text in it; the package's
// regiewijzer.css is only for hosts that want the file, the element never loads it).
const WIDGET = [
  "pkg/regiewijzer_wasm_bg.wasm",
  "pkg/regiewijzer_wasm.js",
  "pkg/regiewijzer.js",
];
const COMPILER = ["pkg/core/regiewijzer_core_bg.wasm", "pkg/core/regiewijzer_core.js"];

async function measure(files) {
  const rows = [];
  for (const file of files) {
    let raw;
    try {
      raw = await readFile(new URL(file, ROOT));
    } catch {
      console.error(`bundle-size: ${file} is missing (build the wasm package first: scripts/build-wasm.sh)`);
      process.exit(1);
    }
    const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }).length;
    rows.push({ file, raw: raw.length, gz, br });
  }
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  return { rows, raw: sum("raw"), gz: sum("gz"), br: sum("br") };
}

const widget = await measure(WIDGET);
const compiler = await measure(COMPILER);
const pad = Math.max(...[...WIDGET, ...COMPILER].map((f) => f.length), 32);
const line = (name, raw, gz, br) =>
  `${name.padEnd(pad)} ${String(raw).padStart(9)} ${String(gz).padStart(9)} ${String(br).padStart(9)}`;
console.log(`${"bytes".padEnd(pad)} ${"raw".padStart(9)} ${"gzip -9".padStart(9)} ${"brotli".padStart(9)}`);
for (const r of widget.rows) console.log(line(r.file, r.raw, r.gz, r.br));
console.log(line("widget total (default rules)", widget.raw, widget.gz, widget.br));
for (const r of compiler.rows) console.log(line(r.file, r.raw, r.gz, r.br));
console.log(line("+ compiler, only with rules=\"…\"", compiler.raw, compiler.gz, compiler.br));
const verdict = widget.gz <= BUDGET ? "within" : "OVER";
console.log(`widget: ${widget.gz} bytes gzip, ${verdict} the budget of ${BUDGET} bytes`);
if (widget.gz > BUDGET) {
  console.error(`bundle-size: ${widget.gz - BUDGET} bytes over budget (${fileURLToPath(ROOT)})`);
  process.exit(1);
}
