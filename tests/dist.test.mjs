// What `make dist` hands out (issue 21): the npm tarball and the self-hosting archive, made by
// scripts/dist.mjs from pkg/ as `make wasm` built it (no wasm build here), into a temporary folder.
// A portal team relies on: the tarball carries the package's files, the licence and the notices; the archive
// holds every file a page loads, each with an SRI hash that matches it; the administrator's page names those
// same files and hashes; the notices name every crate compiled into the wasm; the version is one number.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = join(ROOT, "pkg");
const manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
const VERSION = manifest.version;
let out, unpacked, files;

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: "utf8", ...opts });
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/** Every file under `dir`, relative with `/`. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split(/[\\/]/).join("/")]);
}

before(() => {
  out = mkdtempSync(join(tmpdir(), "regiewijzer-dist-"));
  run("node", [join(ROOT, "scripts/dist.mjs"), "--out", out], { cwd: ROOT });
  unpacked = mkdtempSync(join(tmpdir(), "regiewijzer-selfhost-"));
  run("tar", ["-xzf", join(out, `regiewijzer-widget-${VERSION}-selfhost.tar.gz`), "-C", unpacked]);
  files = join(unpacked, `regiewijzer-widget-${VERSION}-selfhost`);
});

after(() => {
  for (const d of [out, unpacked]) if (d) rmSync(d, { recursive: true, force: true });
});

test("the npm tarball holds exactly the package's files, with LICENSE, the notices and the changelog as in the repository", () => {
  const tgz = join(out, `regiewijzer-widget-${VERSION}.tgz`);
  const listed = run("tar", ["-tzf", tgz]).trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  const expected = ["package.json"];
  for (const entry of manifest.files) {
    const path = join(PKG, entry);
    expected.push(...(statSync(path).isDirectory() ? walk(path).map((f) => posix.join(entry, f)) : [entry]));
  }
  assert.deepEqual(listed, expected.sort());
  for (const f of ["LICENSE", "THIRD-PARTY-NOTICES.md", "CHANGELOG.md"]) {
    assert.equal(run("tar", ["-xzOf", tgz, `package/${f}`]), readFileSync(join(ROOT, f), "utf8"), f);
  }
  // Every entry point the package exports is in it.
  const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
  for (const t of targets) assert.ok(listed.includes(t.replace(/^\.\//, "")), `exports names ${t}, not in the tarball`);
});

test("LICENSE is the full EUPL-1.2 text, the licence the package and the crates name", () => {
  const text = readFileSync(join(ROOT, "LICENSE"), "utf8");
  assert.match(text, /^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2\n/);
  // The 15 articles and the appendix of compatible licences.
  for (let n = 1; n <= 15; n += 1) assert.match(text, new RegExp(`^${n}\\.\\s*\\S`, "m"), `article ${n}`);
  assert.match(text, /^\s*Appendix$/m);
  assert.equal(manifest.license, "EUPL-1.2");
  assert.match(readFileSync(join(ROOT, "Cargo.toml"), "utf8"), /^license = "EUPL-1\.2"$/m);
});

test("the notices name every crate compiled into the two wasm bundles", () => {
  const notices = readFileSync(join(ROOT, "THIRD-PARTY-NOTICES.md"), "utf8");
  const named = new Set([...notices.matchAll(/^- (\S+) (\d+\.\d+\.\d+\S*)/gm)].map((m) => `${m[1]} ${m[2]}`));
  for (const features of ["engine", "api"]) {
    const tree = run("cargo", ["tree", "-q", "--locked", "--offline", "-p", "regiewijzer-wasm", "--target", "wasm32-unknown-unknown",
      "--no-default-features", "--features", features, "-e", "normal", "--prefix", "none", "-f", "{p}"], { cwd: ROOT });
    const crates = new Set(tree.split("\n").filter((l) => l && !l.includes("(/")).map((l) => l.replace(/ v(\S+).*/, " $1")));
    assert.ok(crates.size > 10, `cargo tree listed ${crates.size} crates`);
    for (const c of crates) assert.ok(named.has(c), `${c} (bundle ${features}) is not in THIRD-PARTY-NOTICES.md`);
  }
  assert.match(notices, /Rust standard library/);
});

test("regiewijzer.js bundles only the project's own modules, so its notices need name no npm package", async () => {
  const { build } = await import(join(ROOT, "node_modules/esbuild/lib/main.js"));
  const result = await build({
    entryPoints: [join(ROOT, "www/regiewijzer.js")], bundle: true, write: false, metafile: true, format: "esm",
    external: ["../../pkg/*"], logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.length > 5, inputs.join(", "));
  for (const input of inputs) assert.match(input, /^www\//, `${input} is bundled into regiewijzer.js`);
});

test("regiewijzer-casus.js bundles the casus's own modules and imports the element's bundle, never a second copy of it", async () => {
  const { build } = await import(join(ROOT, "node_modules/esbuild/lib/main.js"));
  const result = await build({
    entryPoints: [join(ROOT, "www/regiewijzer-casus.js")], bundle: true, write: false, metafile: true, format: "esm",
    external: ["../../pkg/*", "./regiewijzer.js"], logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.includes("www/casus/picture.js"), inputs.join(", "));
  for (const input of inputs) assert.match(input, /^www\/(regiewijzer-casus\.js|casus\/|element\/(core|dom|words)\.js)/, `${input} is bundled into regiewijzer-casus.js`);
  const shipped = readFileSync(join(PKG, "regiewijzer-casus.js"), "utf8");
  assert.match(shipped, /^import"\.\/regiewijzer\.js";/);
  assert.doesNotMatch(shipped, /customElements\.define\("regie-wijzer"/);
  assert.match(manifest.exports["./casus"].default, /^\.\/regiewijzer-casus\.js$/);
});

test("the self-hosting archive holds every file a page loads, each with an SRI hash that matches it", () => {
  const integrity = JSON.parse(readFileSync(join(files, "integrity.json"), "utf8"));
  const served = walk(join(files, VERSION)).filter((f) => /\.(js|wasm|css)$/.test(f)).sort();
  assert.deepEqual(Object.keys(integrity).sort(), served.map((f) => `${VERSION}/${f}`));
  for (const [path, hash] of Object.entries(integrity)) {
    const bytes = readFileSync(join(files, path));
    assert.equal(hash, sri(bytes), path);
    assert.ok(bytes.equals(readFileSync(join(PKG, path.slice(VERSION.length + 1)))), `${path} differs from pkg/`);
  }
  // What the modules load by relative URL is there: the glue, the wasm files, the styles, the compiler.
  for (const js of served.filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(files, VERSION, js), "utf8");
    const refs = [...text.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)|import\(\s*["'](\.[^"']+)["']\s*\)/g)];
    for (const m of refs) {
      const target = posix.normalize(posix.join(posix.dirname(js), m[1] ?? m[2]));
      assert.ok(served.includes(target), `${js} loads ${target}, which is not in the archive`);
    }
  }
  for (const f of ["regiewijzer.js", "regiewijzer_wasm.js", "regiewijzer_wasm_bg.wasm"]) assert.ok(served.includes(f), f);
  // The administrator's own check, as the page tells it.
  run("sha384sum", ["-c", "--quiet", "SHA384SUMS"], { cwd: files });
  for (const f of ["LICENSE", "THIRD-PARTY-NOTICES.md"]) {
    assert.equal(readFileSync(join(files, VERSION, f), "utf8"), readFileSync(join(ROOT, f), "utf8"), `${VERSION}/${f}`);
  }
});

test("the administrator's page names the same files and hashes, Dutch first, with the CSP lines and a pinned script tag", () => {
  const page = readFileSync(join(files, "LEESMIJ.html"), "utf8");
  const integrity = JSON.parse(readFileSync(join(files, "integrity.json"), "utf8"));
  const expected = Object.entries(integrity).map(([p, h]) => `${p.slice(VERSION.length + 1)} ${h}`).sort();
  const [nl, en] = page.split(/<h1 lang="en">/);
  assert.ok(en, "an English part after the Dutch one");
  assert.match(page, /<html lang="nl">/);
  for (const part of [nl, en]) {
    const rows = [...part.matchAll(/<tr data-file="([^"]+)">.*?<code>(sha384-[^<]+)<\/code>/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(rows.sort(), expected);
    const tag = part.match(/src="\/regiewijzer\/([^/]+)\/regiewijzer\.js"\s+integrity="([^"]+)"/);
    assert.deepEqual(tag?.slice(1), [VERSION, integrity[`${VERSION}/regiewijzer.js`]]);
  }
  const csp = readFileSync(join(files, "csp.txt"), "utf8").trim().split(/;\s*/);
  assert.ok(csp.includes("script-src 'self' 'wasm-unsafe-eval'"), csp.join("; "));
  assert.ok(page.includes(csp.join("; ").replaceAll("'", "&#39;")), "the page shows csp.txt's directives");
  // The demo's strictest page runs the element with no more than these directives allow.
  const demo = readFileSync(join(ROOT, "www/index.html"), "utf8").match(/Content-Security-Policy" content="([^"]+)"/)[1];
  for (const d of csp) assert.ok(demo.split(/;\s*/).includes(d), `www/index.html's CSP lacks "${d}"`);
});

/** Text of an HTML fragment as the browser reads it (the page's snippets are escaped in <pre>). */
const unescape = (html) => html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
  .replace(/&quot;/g, '"').replace(/&amp;/g, "&");

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".regels": "text/plain; charset=utf-8" };

/** Serves a CMS page at http://cms.test/ from the archive alone, as LEESMIJ.html tells the administrator:
 * its folder under /regiewijzer/, the page's own CSP (nothing allowed but what csp.txt adds), the script tag
 * and the element copied from the page. `tamper` changes regiewijzer.js on the way. */
async function cmsPage(browser, { tamper = false } = {}) {
  const { watchedPage } = await import("./browser.mjs");
  const leesmij = readFileSync(join(files, "LEESMIJ.html"), "utf8");
  const snippets = [...leesmij.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => unescape(m[1]));
  const script = snippets.find((p) => p.startsWith("<script"));
  const form = snippets.find((p) => p.startsWith("<form")).replace("…", "Gebruik de papieren lijst.");
  const csp = `default-src 'none'; ${readFileSync(join(files, "csp.txt"), "utf8").trim().split(/;\s*/).join("; ")}`;
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>CMS</title>${script}</head>
<body>${form}<regie-wijzer id="own" rules="/regels/regie.regels"></regie-wijzer></body></html>`;
  const origin = "http://cms.test";
  const { page, errors, foreign } = await watchedPage(browser, origin);
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/") return route.fulfill({ status: 200, headers: { "content-type": "text/html", "content-security-policy": csp }, body: html });
    const file = path.startsWith("/regiewijzer/") ? join(files, path.slice("/regiewijzer/".length))
      : path === "/regels/regie.regels" ? join(ROOT, "rulesets/regie.regels") : null;
    let body;
    try {
      body = file && readFileSync(file);
    } catch {
      body = null;
    }
    if (!body) return route.fulfill({ status: 404, body: "not found" });
    if (tamper && path.endsWith("/regiewijzer.js")) body = Buffer.concat([body, Buffer.from("\n")]);
    return route.fulfill({ status: 200, headers: { "content-type": TYPES[posix.extname(path)] ?? "application/octet-stream" }, body });
  });
  await page.goto(`${origin}/`);
  return { page, errors, foreign };
}

test("a CMS page made as LEESMIJ.html says works from the archive alone, under a CSP that allows only csp.txt's lines", async () => {
  const { launch } = await import("./browser.mjs");
  const browser = await launch();
  try {
    const { page, errors, foreign } = await cmsPage(browser);
    const got = await page.evaluate(async () => {
      await customElements.whenDefined("regie-wijzer");
      const els = [...document.querySelectorAll("regie-wijzer")];
      await Promise.all(els.map((el) => el.ready));
      return els.map((el) => ({
        checklist: !!el.shadowRoot.querySelector("[part=checklist]"),
        error: el.shadowRoot.querySelector("[part=error]")?.textContent ?? null,
        ruleset: el.ruleset?.id ?? null,
      }));
    });
    // The default rules (the widget alone) and rules of the page's own (through the compiler in core/).
    assert.deepEqual(got, [{ checklist: true, error: null, ruleset: "triage" }, { checklist: true, error: null, ruleset: "regie" }]);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);

    // The integrity value is real: a regiewijzer.js changed by one byte is refused, the element never defined.
    const tampered = await cmsPage(browser, { tamper: true });
    assert.equal(await tampered.page.evaluate(() => customElements.get("regie-wijzer") === undefined), true);
    assert.ok(tampered.errors.some((e) => /integrity/i.test(e)), tampered.errors.join("\n"));
  } finally {
    await browser.close();
  }
});

test("the zip holds the same files as the tar.gz", () => {
  const name = `regiewijzer-widget-${VERSION}-selfhost`;
  const zipped = run("python3", ["-m", "zipfile", "-l", join(out, `${name}.zip`)]).split("\n").slice(1)
    .map((l) => l.split(/\s+\d{4}-\d\d-\d\d /)[0].trim()).filter((f) => f && !f.endsWith("/")).sort();
  const tarred = run("tar", ["-tzf", join(out, `${name}.tar.gz`)]).trim().split("\n").filter((f) => !f.endsWith("/")).sort();
  assert.deepEqual(zipped, tarred);
  assert.equal(run("sha384sum", ["-c", "--quiet", "SHA384SUMS"], { cwd: out }), "");
});

test("one version: the package, the crates and the changelog agree", () => {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/\[workspace\.package\][^[]*?^version = "([^"]+)"/m)?.[1];
  assert.equal(cargo, VERSION);
  assert.match(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8"), new RegExp(`^## \\[${VERSION.replaceAll(".", "\\.")}\\]`, "m"));
});
