// The npm package as a portal team gets it: the tarball that `make dist` (scripts/dist.mjs) writes to
// target/dist/, installed with npm into tests/bundlers/ beside real bundlers from npm (that folder's
// lockfile). Then, all at once:
//   - the same tiny app (tests/bundlers/app/: a page with the shipped rules and with its own `rules` file,
//     which the element compiles with the package's core/) built by vite, webpack 5, esbuild and Rollup
//     (tests/bundlers/build.mjs says what each needs) and served by vite's dev server; each page in Chromium:
//     the element is drawn and answers, the own rules' title shows, no console error, no failed request;
//   - the typings: `tsc --strict` on tests/bundlers/types/ (React 19 JSX, Vue, Svelte, the events on
//     Document and Window, the core API), with wrong uses that must not type-check (@ts-expect-error);
//   - custom-elements.json: generated again from the element's source, it equals the one in the package,
//     and it names every attribute, property, event, slot, part and custom property the element has.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { browserSuite, watchedPage } from "./browser.mjs";
import { generate } from "../scripts/custom-elements.mjs";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIR = `${ROOT}tests/bundlers/`;
const INSTALLED = `${DIR}node_modules/@regiewijzer/widget/`;
const BUNDLERS = ["vite", "webpack", "esbuild", "rollup"];
/** The package folder to pack: pkg/ (REGIEWIJZER_PACKAGE names another, e.g. an older build's, to compare).
 * With "./": `npm pack pkg` would pack the registry's package named "pkg", not the folder. */
const PACKAGE = process.env.REGIEWIJZER_PACKAGE ?? "./pkg";

/** Whether any file under `dir` was changed after `ms`. */
async function newerThan(dir, ms) {
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && (await stat(`${e.parentPath}/${e.name}`)).mtimeMs > ms) return true;
  }
  return false;
}

/** Makes the release tarball (or packs REGIEWIJZER_PACKAGE) and installs it into tests/bundlers/ as an app
 * would; resolves to its path. */
async function install() {
  if (!existsSync(`${DIR}node_modules/.bin`)) {
    throw new Error(`${DIR}node_modules is missing: run scripts/setup.sh (make setup)`);
  }
  let name;
  if (process.env.REGIEWIJZER_PACKAGE) {
    await mkdir(`${ROOT}target/dist`, { recursive: true });
    const { stdout } = await run("npm", ["pack", PACKAGE, "--pack-destination", "target/dist", "--loglevel=error"], { cwd: ROOT });
    name = stdout.trim().split("\n").at(-1);
  } else {
    // The release as `make dist` makes it (scripts/dist.mjs), from the pkg/ of this build: the one `make test`
    // has just made, or made again when pkg/ changed after it.
    const made = async () => (await readdir(`${ROOT}target/dist`).catch(() => [])).find((f) => f.endsWith(".tgz"));
    name = await made();
    if (!name || await newerThan(`${ROOT}pkg`, (await stat(`${ROOT}target/dist/${name}`)).mtimeMs)) {
      await run("node", ["scripts/dist.mjs"], { cwd: ROOT });
      name = await made();
    }
  }
  if (!/^regiewijzer-widget-[\d.]+\.tgz$/.test(name)) throw new Error(`npm pack ${PACKAGE} made ${name}, not the widget's tarball`);
  const tarball = `${ROOT}target/dist/${name}`;
  // No earlier install may stand in for this one.
  await rm(INSTALLED, { recursive: true, force: true });
  await run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--offline", "--loglevel=error", tarball], { cwd: DIR });
  return tarball;
}

/** Runs `node build.mjs ARGS` in tests/bundlers/; resolves to `{ms}` or `{failed: what it printed}`. */
function build(args) {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [`${DIR}build.mjs`, ...args], { cwd: DIR, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { out += d; });
    child.on("error", (e) => done({ failed: String(e) }));
    child.on("close", (code) => done(code === 0 ? { ms: Math.round(performance.now() - started) } : { failed: `exit ${code}\n${out}` }));
  });
}

/** Starts vite's dev server on the app; resolves to `{origin, stop}` once it listens. */
function viteDev() {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [`${DIR}build.mjs`, "serve-vite", "0"], { cwd: DIR, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const stop = () => new Promise((ok) => { if (child.exitCode !== null) ok(); else { child.once("close", ok); child.kill(); } });
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening (http:\/\/[^/\s]+)/.exec(out);
      if (m) done({ origin: m[1], stop });
    });
    child.stderr.on("data", (d) => { out += d; });
    child.on("close", (code) => fail(new Error(`vite's dev server ended (exit ${code}):\n${out}`)));
  });
}

const installed = install();
// The builds start once the tarball is installed, all at once; each page's test waits for its own.
const builds = Object.fromEntries(BUNDLERS.map((b) => [b, installed.then(() => build([b]))]));

const web = browserSuite();

after(async () => {
  const times = await Promise.all(BUNDLERS.map(async (b) => `${b} ${(await builds[b]).ms ?? "failed"} ms`));
  console.log(`bundlers: build times (in parallel): ${times.join(", ")}`);
});

/** Opens `url`, waits until both widgets are drawn, and returns the page with what went wrong on it. */
async function openApp(url, origin, t) {
  const w = await watchedPage(web.browser, origin);
  t.after(() => w.page.context().close());
  w.page.setDefaultTimeout(20_000);
  const failed = [];
  const requests = [];
  w.page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  w.page.on("requestfailed", (r) => failed.push(`${r.failure()?.errorText} ${r.url()}`));
  w.page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await w.page.goto(url);
  for (const id of ["shipped", "own"]) {
    try {
      await w.page.locator(`#${id} [part=outcomes] [part=outcome]`).first().waitFor({ timeout: 30_000 });
    } catch (e) {
      throw new Error(`#${id} was not drawn (${e.message.split("\n")[0]}); errors: ${JSON.stringify(w.errors)}; failed: ${JSON.stringify(failed)}`);
    }
  }
  return { ...w, failed, requests };
}

/** What every app must do: draw both widgets, styled, answer with the own rules, without an error. */
async function checkApp(app) {
  const { page, errors, foreign, failed, requests } = app;
  const shadow = (id, fn) => page.evaluate(([i, src]) => new Function("w", src)(document.getElementById(i)), [id, fn]);
  // The own rules, compiled in the page by the package's rules compiler: their title and their outcome.
  assert.equal(await shadow("own", "return w.value?.ruleset.id"), "bundeltest");
  assert.match(await page.locator("#own [part=outcomes]").getAttribute("aria-label"), /Eigen regels van de bundeltest/);
  assert.equal(await shadow("shipped", "return w.value?.ruleset.id"), "triage");
  await page.locator("#own [data-fact=zorgen] input[value=true]").check();
  await page.locator("#own [data-outcome=route] [part=outcome-value][data-values=bemoeizorg]").waitFor({ timeout: 10_000 });
  await page.locator("#own [data-fact=zorgen] input[value=false]").check();
  await page.locator("#own [data-outcome=route] [part=outcome-value][data-values=advies]").waitFor({ timeout: 10_000 });
  // The styles are adopted from the bundle itself: rules in the sheet, and no request for a stylesheet.
  assert.ok(await shadow("shipped", "return w.shadowRoot.adoptedStyleSheets[0]?.cssRules.length ?? 0") > 10, "the widget's styles are adopted");
  assert.deepEqual(requests.filter((p) => p.endsWith(".css")), []);
  // Both wasm files, each once: the widget's engine and the rules compiler.
  const wasm = requests.filter((p) => p.endsWith(".wasm"));
  assert.equal(new Set(wasm).size, 2, `two different wasm files: ${wasm}`);
  assert.deepEqual(failed, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
}

describe("the npm package in apps built by bundlers", () => {
  for (const bundler of BUNDLERS) {
    test(`${bundler} builds the app, and the built page draws, compiles its own rules and answers`, { timeout: 300_000 }, async (t) => {
      const built = await builds[bundler];
      assert.equal(built.failed, undefined, `the ${bundler} build failed:\n${built.failed}`);
      await checkApp(await openApp(`${web.origin}/target/bundlers/${bundler}/`, web.origin, t));
    });
  }

  test("vite's dev server serves the app, and the page draws, compiles its own rules and answers", { timeout: 300_000 }, async (t) => {
    await installed;
    const dev = await viteDev();
    t.after(dev.stop);
    await checkApp(await openApp(`${dev.origin}/`, dev.origin, t));
  });
});

describe("the package's typings", () => {
  test("tsc --strict accepts the element in React 19 JSX, Vue and Svelte, its events on the document and the window, and the core API, and refuses the wrong uses", { timeout: 300_000 }, async () => {
    await installed;
    const tsc = `${DIR}node_modules/typescript/bin/tsc`;
    const result = await run(process.execPath, [tsc, "-p", `${DIR}types/tsconfig.json`], { cwd: DIR }).catch((e) => e);
    assert.equal(result.code ?? 0, 0, `tsc found errors:\n${result.stdout}${result.stderr}`);
  });
});

describe("custom-elements.json", () => {
  test("generated again from the element's source, it equals the one in the installed package", { timeout: 120_000 }, async () => {
    await installed;
    assert.equal(JSON.parse(await readFile(`${INSTALLED}package.json`, "utf8")).customElements, "custom-elements.json");
    const shipped = await readFile(`${INSTALLED}custom-elements.json`, "utf8");
    assert.equal(await generate(), shipped, "custom-elements.json is out of date: node scripts/custom-elements.mjs --write");
  });

  test("it names every attribute, property, event, slot, CSS part and custom property the element has", async () => {
    const manifest = JSON.parse(await generate());
    const [element] = manifest.modules.flatMap((m) => m.declarations).filter((d) => d.tagName === "regie-wijzer");
    const names = (list) => new Set((list ?? []).map((x) => x.name));
    const missing = (found, listed) => [...found].filter((n) => !listed.has(n)).sort();
    const source = await readFile(`${ROOT}www/regiewijzer.js`, "utf8");
    const modules = [source, ...await Promise.all((await readdir(`${ROOT}www/element`)).map((f) => readFile(`${ROOT}www/element/${f}`, "utf8")))].join("\n");
    const css = await readFile(`${ROOT}www/regiewijzer.css`, "utf8");
    // Attributes: those it observes, the form's, and those its properties reflect.
    const observed = JSON.parse(/static observedAttributes = (\[[^\]]*\])/.exec(source)[1]);
    assert.deepEqual(missing([...observed, "name", "disabled"], names(element.attributes)), []);
    // Properties: its getters and the ones a host may set before it is defined.
    const getters = [...source.matchAll(/^ {2}get (\w+)\(\)/gm)].map((m) => m[1]);
    const upgraded = JSON.parse(/const UPGRADED = (\[[^\]]*\])/.exec(source)[1]).filter((p) => p !== "lang");
    assert.ok(getters.length > 10);
    assert.deepEqual(missing([...getters, ...upgraded], names(element.members)), []);
    // Events: every event name it dispatches, directly or through #commit.
    const fired = [...modules.matchAll(/"(regiewijzer-[a-z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(missing(["regiewijzer-change", "regiewijzer-confirm", "regiewijzer-error"], names(element.events)), []);
    assert.deepEqual(missing(fired, names(element.events)), []);
    // Slots, parts (in h() calls, heading(level, "part", …) and selectors) and the CSS custom properties.
    const slots = [...modules.matchAll(/h\("slot", \{ name: "([a-z-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(missing(slots, names(element.slots)), []);
    const parts = [...modules.matchAll(/part: "([a-z-]+)"|heading\([^,]+, "([a-z-]+)"|\[part=([a-z-]+)\]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    assert.ok(parts.length > 40);
    assert.deepEqual(missing(parts, names(element.cssParts)), []);
    const props = [...css.matchAll(/var\((--regiewijzer-[a-z-]+)/g)].map((m) => m[1]);
    assert.ok(props.length > 5);
    assert.deepEqual(missing(props, names(element.cssProperties)), []);
  });
});
