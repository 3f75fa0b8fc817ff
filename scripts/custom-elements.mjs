#!/usr/bin/env node
// The package's custom-elements.json (the Custom Elements Manifest that editors, Storybook and wrapper
// generators read), generated from the element's source: @custom-elements-manifest/analyzer (open-wc, the
// reference implementation of the format; a dev dependency of tests/bundlers/) reads the class in
// www/regiewijzer.js and www/regiewijzer-casus.js, their observed attributes, getters and setters, `dispatchEvent` calls and JSDoc
// (@attr, @fires, @slot, @csspart, @cssprop). Written by hand it would drift from the element; written by
// this script, tests/bundlers.test.mjs regenerates it and compares it with the one shipped in pkg/.
//
// Usage: node scripts/custom-elements.mjs            prints the manifest
//        node scripts/custom-elements.mjs --write    writes pkg/custom-elements.json
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const ROOT = new URL("..", import.meta.url);
/** Each element's source, and where its module is in the package (the bundle of it and its modules). */
const SHIPPED = { "www/regiewijzer.js": "regiewijzer.js", "www/regiewijzer-casus.js": "regiewijzer-casus.js" };
const shipped = (path) => SHIPPED[path] ?? path;
export const MANIFEST = new URL("pkg/custom-elements.json", ROOT);

/** The analyzer, from tests/bundlers/node_modules (installed by scripts/setup.sh). */
async function analyzer() {
  const require = createRequire(new URL("tests/bundlers/package.json", ROOT));
  let entry;
  try {
    entry = require.resolve("@custom-elements-manifest/analyzer");
  } catch {
    throw new Error("custom-elements: @custom-elements-manifest/analyzer is missing (run scripts/setup.sh)");
  }
  return import(pathToFileURL(entry).href);
}

/** Keeps the public API only: the class's `#private` members and the module's helpers are no API. */
const publicOnly = () => ({
  name: "regiewijzer-public-only",
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      mod.path = shipped(mod.path);
      mod.declarations = mod.declarations.filter((d) => d.customElement);
      mod.exports = mod.exports.filter((e) => e.kind === "custom-element-definition"
        || mod.declarations.some((d) => d.name === e.declaration?.name));
      for (const decl of mod.declarations) {
        // The form and lifecycle callbacks are the browser's to call, not the host's.
        decl.members = decl.members?.filter((m) => !m.name.startsWith("#") && m.privacy !== "private"
          && !m.name.endsWith("Callback"));
        // An event the analyzer found at a `dispatchEvent` of a variable has the variable's name: the
        // events are those the JSDoc names (@fires), which the test holds to every event the code fires.
        decl.events = decl.events?.filter((e) => e.description);
        // Each attribute with the property that reflects it (`heading-level` ↔ `headingLevel`).
        for (const attr of decl.attributes ?? []) {
          const field = attr.name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
          const member = decl.members?.find((m) => m.kind === "field" && m.name === field);
          if (!member) continue;
          attr.fieldName = field;
          member.attribute = attr.name;
          member.reflects = true;
        }
        for (const e of decl.exports ?? []) if (e.declaration?.module) e.declaration.module = shipped(e.declaration.module);
      }
      for (const e of mod.exports) if (e.declaration?.module) e.declaration.module = shipped(e.declaration.module);
    }
  },
});

/** The manifest of the elements' sources, as the package ships it (a JSON text, with a final newline). */
export async function generate() {
  const { create, ts } = await analyzer();
  const modules = await Promise.all(Object.keys(SHIPPED).map(async (path) =>
    ts.createSourceFile(path, await readFile(new URL(path, ROOT), "utf8"), ts.ScriptTarget.ES2022, true)));
  const manifest = create({ modules, plugins: [publicOnly()], context: { dev: false } });
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const json = await generate();
  if (process.argv.includes("--write")) await writeFile(MANIFEST, json);
  else process.stdout.write(json);
}
