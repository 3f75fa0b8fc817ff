#!/usr/bin/env node
// The release files of `make dist` (after `make wasm` has filled pkg/), written to target/dist/ or to the
// folder given with --out:
//   - the npm package as a tarball (`npm pack pkg`): @regiewijzer/widget-X.Y.Z → regiewijzer-widget-X.Y.Z.tgz;
//   - a self-hosting archive, regiewijzer-widget-X.Y.Z-selfhost.tar.gz and .zip (the same files), for a portal
//     that puts the files on its own web server: the folder X.Y.Z/ with the files a page loads, LICENSE and the
//     notices; CHANGELOG.md; SHA384SUMS and integrity.json (Subresource Integrity); csp.txt (what the page's
//     Content-Security-Policy needs); LEESMIJ.html, the page for a CMS administrator (Dutch, then English);
//   - SHA384SUMS of the tarball and the archives.
// The archives are reproducible: every file has the time of the last commit, and they are sorted by name.
// Usage: node scripts/dist.mjs [--out DIR]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { adminPage } from "./dist-page.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = join(ROOT, "pkg");

/** The CSP directives a page with the element needs, beside what it has: the element's module and the
 * engine's glue (script-src), compiling the engine's WebAssembly ('wasm-unsafe-eval'), and fetching the
 * .wasm, the styles and a `rules` file (connect-src). Same origin as the page: 'self'. */
export const CSP = ["script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'"];

/** Fails with a message in words (the build's reader is a person). */
function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split("\\").join("/")]))
    .sort();
}

/** The files of pkg/ that a page loads: the modules, the WebAssembly and the styles (not the types, the
 * source map or the package's own files). */
export function loadedFiles(pkg = PKG) {
  return walk(pkg).filter((f) => /\.(js|wasm|css)$/.test(f));
}

/** The SRI value of a file's bytes: "sha384-" and the base64 of its SHA-384. */
export function sri(bytes) {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}

const hex = (bytes) => createHash("sha384").update(bytes).digest("hex");

/** The version of pkg/package.json, after checking that pkg/ is built and carries the licence texts. */
function checkPkg() {
  const { version } = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  for (const f of ["regiewijzer.js", "regiewijzer_wasm_bg.wasm"]) {
    try {
      statSync(join(PKG, f));
    } catch {
      fail(`pkg/${f} is missing: build the package first (make wasm)`);
    }
  }
  for (const f of ["LICENSE", "THIRD-PARTY-NOTICES.md", "CHANGELOG.md"]) {
    let copy = null;
    try {
      copy = readFileSync(join(PKG, f));
    } catch {
      // said below
    }
    if (!copy?.equals(readFileSync(join(ROOT, f)))) fail(`pkg/${f} is missing or differs from ./${f}: run make wasm`);
  }
  return version;
}

/** The time of the last commit (seconds), so that the archives are the same for the same commit. */
function commitTime() {
  try {
    return Number(execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: ROOT, encoding: "utf8" }).trim());
  } catch {
    return 0;
  }
}

/** Writes the self-hosting folder `stage/name/` and returns the loaded files with their hashes and sizes. */
function stageSelfHost(stage, name, version) {
  const top = join(stage, name);
  const files = join(top, version);
  mkdirSync(files, { recursive: true });
  const rows = loadedFiles().map((path) => {
    const bytes = readFileSync(join(PKG, path));
    mkdirSync(dirname(join(files, path)), { recursive: true });
    writeFileSync(join(files, path), bytes);
    return { path, size: bytes.length, sri: sri(bytes), hex: hex(bytes) };
  });
  // The source map beside the module: developer tools ask for it; a page never loads it.
  cpSync(join(PKG, "regiewijzer.js.map"), join(files, "regiewijzer.js.map"));
  for (const f of ["LICENSE", "THIRD-PARTY-NOTICES.md"]) {
    cpSync(join(ROOT, f), join(files, f));
    cpSync(join(ROOT, f), join(top, f));
  }
  cpSync(join(ROOT, "CHANGELOG.md"), join(top, "CHANGELOG.md"));
  writeFileSync(join(top, "SHA384SUMS"), rows.map((r) => `${r.hex}  ${version}/${r.path}\n`).join(""));
  const integrity = Object.fromEntries(rows.map((r) => [`${version}/${r.path}`, r.sri]));
  writeFileSync(join(top, "integrity.json"), `${JSON.stringify(integrity, null, 2)}\n`);
  writeFileSync(join(top, "csp.txt"), `${CSP.join(";\n")}\n`);
  writeFileSync(join(top, "LEESMIJ.html"), adminPage({ version, rows, csp: CSP }));
  return rows;
}

/** Gives every staged file and folder the commit's time, so the archives depend only on their contents. */
function touchAll(dir, time) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) touchAll(join(dir, e.name), time);
    utimesSync(join(dir, e.name), time, time);
  }
}

function main() {
  const at = process.argv.indexOf("--out");
  const out = resolve(ROOT, at > 0 ? process.argv[at + 1] ?? "" : "target/dist");
  const version = checkPkg();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const packed = JSON.parse(
    execFileSync("npm", ["pack", PKG, "--pack-destination", out, "--json", "--loglevel=error"], { cwd: ROOT, encoding: "utf8" }),
  );
  const tarball = packed[0].filename.replace(/^@/, "").replace("/", "-");

  const name = `regiewijzer-widget-${version}-selfhost`;
  const stage = join(out, ".stage");
  const rows = stageSelfHost(stage, name, version);
  const time = commitTime();
  touchAll(stage, time);
  execFileSync("tar", ["--sort=name", `--mtime=@${time}`, "--owner=0", "--group=0", "--numeric-owner", "-cf", join(out, `${name}.tar`), name], { cwd: stage });
  execFileSync("gzip", ["-n", "-9", "-f", join(out, `${name}.tar`)]);
  execFileSync("python3", ["-m", "zipfile", "-c", join(out, `${name}.zip`), name], { cwd: stage });
  rmSync(stage, { recursive: true, force: true });

  const made = [tarball, `${name}.tar.gz`, `${name}.zip`];
  writeFileSync(join(out, "SHA384SUMS"), made.map((f) => `${hex(readFileSync(join(out, f)))}  ${f}\n`).join(""));
  const shown = (f) => (out.startsWith(ROOT) ? relative(ROOT, join(out, f)) : join(out, f));
  for (const f of [...made, "SHA384SUMS"]) console.log(`dist: ${shown(f)}`);
  console.log(`dist: ${rows.length} files a page loads, each with its SHA-384 in the archive`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
