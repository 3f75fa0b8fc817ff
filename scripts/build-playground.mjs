// Bundles the playground (www/playground/src/) with CodeMirror 6 and the shipped rulesets into one file,
// www/playground/dist/playground.js, so that the page works offline and from static hosting. The wasm
// rules core is not bundled: the page loads pkg/core/ next to it.
//
// First it writes www/playground/src/keywords.gen.mjs, the highlighter's keywords, from the core's keyword
// table (crates/regiewijzer-core/src/keywords.rs) through a small example program of the core crate:
// the highlighter has no list of its own.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const keywords = execFileSync(
  "cargo",
  ["run", "-q", "-p", "regiewijzer-core", "--example", "keywords_js"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
writeFileSync("www/playground/src/keywords.gen.mjs", keywords);

const out = "www/playground/dist/playground.js";
await build({
  entryPoints: ["www/playground/src/main.mjs"],
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  loader: { ".regels": "text" },
  outfile: out,
  logLevel: "warning",
});
const bytes = statSync(out).size;
const gz = gzipSync(readFileSync(out), { level: 9 }).length;
console.log(`${out.padEnd(37)}${String(bytes).padStart(9)}${String(gz).padStart(10)} (playground, not budgeted)`);
