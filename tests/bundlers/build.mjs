// Builds the bundler test app (app/: index.html, main.js, public/eigen.regels) with one bundler, as a portal
// team would, into target/bundlers/NAME/: `node build.mjs vite|webpack|esbuild|rollup`. Each uses the
// package as npm installed it (tests/bundlers.test.mjs installs the tarball first) and the bundler's own
// defaults; what a bundler needs beyond those is what docs/widget.md tells a portal team ("Bundlers").
// `node build.mjs serve-vite PORT` runs vite's dev server on the app instead.
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("./app/", import.meta.url));
const PUBLIC = `${APP}public/`;
const out = (name) => fileURLToPath(new URL(`../../target/bundlers/${name}/`, import.meta.url));

/** The page, with the script tag the bundler's output needs. */
async function page(dir, script) {
  const html = await readFile(`${APP}index.html`, "utf8");
  await writeFile(`${dir}index.html`, html.replace(/<script type="module" src="\.\/main\.js"><\/script>/, script));
  await cp(PUBLIC, dir, { recursive: true });
}

// vite: for its dev server, the package is left out of the dependency pre-bundling (the optimizer moves the
// modules into node_modules/.vite/deps/ without the files their `new URL(…, import.meta.url)` names: vite
// issue 8427); the build needs nothing.
const viteConfig = (outDir) => ({
  root: APP,
  base: "./",
  logLevel: "warn",
  publicDir: PUBLIC,
  optimizeDeps: { exclude: ["@regiewijzer/widget"] },
  build: { outDir, emptyOutDir: true },
});

const BUILDERS = {
  // vite builds with its defaults (it follows `new URL(…, import.meta.url)` and dynamic imports).
  async vite(dir) {
    const { build } = await import("vite");
    await build(viteConfig(dir));
  },
  // webpack 5: nothing beyond the defaults (it follows `new URL(…, import.meta.url)` as asset modules).
  async webpack(dir) {
    const { default: webpack } = await import("webpack");
    const stats = await new Promise((done, fail) => webpack({
      mode: "production",
      context: APP,
      entry: "./main.js",
      output: { path: dir, filename: "main.js", clean: true },
      performance: { hints: false },
    }, (err, s) => (err ? fail(err) : done(s))));
    if (stats.hasErrors() || stats.hasWarnings()) throw new Error(stats.toString("errors-warnings"));
    await page(dir, '<script defer src="./main.js"></script>');
  },
  // esbuild does not follow `new URL(…, import.meta.url)`: the two wasm files are copied beside the
  // bundle, where its chunks ask for them (their names differ, so they can share a folder).
  async esbuild(dir) {
    const { build } = await import("esbuild");
    await rm(dir, { recursive: true, force: true });
    await build({
      entryPoints: [`${APP}main.js`], bundle: true, splitting: true, format: "esm", minify: true,
      outdir: dir, logLevel: "warning",
    });
    const pkg = fileURLToPath(new URL("./node_modules/@regiewijzer/widget/", import.meta.url));
    await cp(`${pkg}regiewijzer_wasm_bg.wasm`, `${dir}regiewijzer_wasm_bg.wasm`);
    await cp(`${pkg}core/regiewijzer_core_bg.wasm`, `${dir}regiewijzer_core_bg.wasm`);
    await page(dir, '<script type="module" src="./main.js"></script>');
  },
  // Rollup: its node-resolve plugin for the package, and @web/rollup-plugin-import-meta-assets for the
  // `new URL(…, import.meta.url)` assets (Rollup itself leaves them alone).
  async rollup(dir) {
    const { rollup } = await import("rollup");
    const { nodeResolve } = await import("@rollup/plugin-node-resolve");
    const { importMetaAssets } = await import("@web/rollup-plugin-import-meta-assets");
    await rm(dir, { recursive: true, force: true });
    const bundle = await rollup({ input: `${APP}main.js`, plugins: [nodeResolve(), importMetaAssets()] });
    await bundle.write({ dir, format: "es", entryFileNames: "main.js" });
    await bundle.close();
    await page(dir, '<script type="module" src="./main.js"></script>');
  },
};

const [name, port] = process.argv.slice(2);
if (name === "serve-vite") {
  const { createServer } = await import("vite");
  const server = await createServer({ ...viteConfig(out("vite-dev")), server: { host: "127.0.0.1", port: Number(port), strictPort: true } });
  await server.listen();
  process.stdout.write(`listening ${server.resolvedUrls.local[0]}\n`);
} else if (BUILDERS[name]) {
  const dir = out(name);
  await mkdir(dir, { recursive: true });
  await BUILDERS[name](dir);
} else {
  throw new Error(`usage: node build.mjs ${Object.keys(BUILDERS).join("|")} | serve-vite PORT`);
}
