// The rules-core API (pkg/core/: the compiler, `Ruleset`, the case check and trajectory), imported and
// started once per page, on demand: by the widget for a `rules` file or `rulesSource` and the FHIR export
// (element/engine.js), and by <regie-casus> (www/casus/core.js). Its own module so that a bundle that needs
// only this (the casus's) carries nothing of the widget's engine.

let compiler;
/** The rules-core API, imported and started once, on demand. Rejects when it cannot load. */
export function loadCore() {
  if (!compiler) {
    compiler = import("../../pkg/core/regiewijzer_core.js").then(async (core) => {
      await core.default();
      return core;
    });
    compiler.catch(() => {
      compiler = undefined;
    });
  }
  return compiler;
}
