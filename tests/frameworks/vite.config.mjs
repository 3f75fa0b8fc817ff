// The vite build of the React, Vue and Svelte apps: `APP=react vite build --config vite.config.mjs` builds
// react/ into target/frameworks/react/ (tests/frameworks.test.mjs runs it).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import vue from "@vitejs/plugin-vue";
import { svelte } from "@sveltejs/vite-plugin-svelte";

const PLUGINS = {
  react: () => [react()],
  // <regie-wijzer> is a custom element, not a Vue component.
  vue: () => [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === "regie-wijzer" } } })],
  svelte: () => [svelte()],
};
const app = process.env.APP;
if (!PLUGINS[app]) throw new Error(`APP must be one of ${Object.keys(PLUGINS).join(", ")}, not ${app}`);

export default defineConfig({
  root: fileURLToPath(new URL(`./${app}/`, import.meta.url)),
  base: "./",
  logLevel: "warn",
  plugins: PLUGINS[app](),
  build: { outDir: fileURLToPath(new URL(`../../target/frameworks/${app}/`, import.meta.url)), emptyOutDir: true },
});
