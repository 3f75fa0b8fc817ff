// Bundles the playground (www/playground/src/) with CodeMirror 6 and the shipped rulesets into one file,
// www/playground/dist/playground.js, so that the page works offline and from static hosting. The wasm
// rules core is not bundled: the page loads pkg/core/ next to it. The worker (src/worker.mjs, with the rules
// core's glue) is bundled first and goes into the page's script as text (`import … from "worker:source"`):
// the page starts it from a blob: URL, so that starting it again after a cancel makes no request.
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

const common = { bundle: true, format: "esm", target: ["es2022"], minify: true, sourcemap: false, logLevel: "warning" };
const worker = await build({
  ...common,
  entryPoints: ["www/playground/src/worker.mjs"],
  legalComments: "none",
  write: false,
  outfile: "worker.js",
});
const workerSource = {
  name: "worker-source",
  setup(b) {
    b.onResolve({ filter: /^worker:source$/ }, () => ({ path: "worker:source", namespace: "worker-source" }));
    b.onLoad({ filter: /.*/, namespace: "worker-source" }, () => ({
      contents: `export default ${JSON.stringify(worker.outputFiles[0].text)};`, loader: "js",
    }));
  },
};

const out = "www/playground/dist/playground.js";
await build({
  plugins: [workerSource],
  ...common,
  entryPoints: ["www/playground/src/main.mjs"],
  legalComments: "eof",
  loader: { ".regels": "text" },
  outfile: out,
});
const bytes = statSync(out).size;
const gz = gzipSync(readFileSync(out), { level: 9 }).length;
console.log(`${out.padEnd(37)}${String(bytes).padStart(9)}${String(gz).padStart(10)} (playground, not budgeted)`);
