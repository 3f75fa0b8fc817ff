// Loads Regiewijzer's rules-core API bundle (pkg/core/, built by `make wasm`) in Node, from the files on
// disk: the same wasm a page with its own UI loads.
import { readFile } from "node:fs/promises";

const CORE = new URL("../../pkg/core/", import.meta.url);

export async function loadCore() {
  let core;
  try {
    core = await import(new URL("regiewijzer_core.js", CORE));
    await core.default({ module_or_path: await readFile(new URL("regiewijzer_core_bg.wasm", CORE)) });
  } catch (e) {
    throw new Error(`pkg/core/ is missing or stale: run \`make wasm\` first (${e.message})`);
  }
  if (typeof core.Session !== "function") {
    throw new Error("pkg/core/ has no Session: rebuild it with `make wasm`");
  }
  return core;
}
