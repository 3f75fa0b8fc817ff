// The rules engine behind the element, in one place. The element only calls what this module exports,
// and every call into the wasm goes through `call` (so that a trap of the engine is recognised where it
// happens, by what it is, not by file names a bundler may change).
//
// The engine is the widget bundle's DOM-free `Engine` (pkg/), with the same shapes as pkg/core's `Ruleset`
// (docs/widget.md). The bundle's glue and its wasm file, as literal paths so that bundlers see them:
import { loadCore } from "./core.js";

const glueModule = () => import("../../pkg/regiewijzer_wasm.js");
/** The address of the engine bundle's glue (tests count and fault its instances through it). A function,
 * so that the package's bundle, which never calls it, carries no `new URL` of the glue (a bundler would copy
 * the glue's file for it a second time). */
export const glueUrl = () => new URL("../../pkg/regiewijzer_wasm.js", import.meta.url).href;
const WASM = new URL("../../pkg/regiewijzer_wasm_bg.wasm", import.meta.url);
// The rules compiler (only for a `rules` file or `rulesSource`): the rules-core bundle, element/core.js.

/** Why the engine could not start: `kind` is `wasm` (the page's CSP refused WebAssembly) or `start`
 * (anything else, said in `reason`; `status` is the HTTP status when the wasm file was not there). */
export class StartError extends Error {
  /** @param {"wasm" | "start"} kind @param {string} reason @param {number | null} [status] */
  constructor(kind, reason, status = null) {
    super(reason);
    this.kind = kind;
    this.status = status;
  }
}

let started;
/**
 * Loads the engine's wasm once for the page: resolves to the bundle's exports, or rejects with a
 * {@link StartError}.
 * @returns {Promise<any>}
 */
export function start() {
  started ??= (async () => {
    let glue;
    let response;
    try {
      glue = await glueModule();
      response = await fetch(WASM);
    } catch (e) {
      throw new StartError("start", String(e));
    }
    if (!response.ok) throw new StartError("start", `HTTP ${response.status} ${WASM.href}`, response.status);
    try {
      await glue.default({ module_or_path: response });
    } catch (e) {
      // A CSP without 'wasm-unsafe-eval' makes compiling the module fail (an EvalError, or a CompileError that
      // says it was refused); other CompileErrors are bytes that are not this wasm (a dev server's web page).
      const refused = e instanceof EvalError
        || (e instanceof WebAssembly.CompileError && /refused|blocked|unsafe-eval|content security/i.test(e.message));
      throw new StartError(refused ? "wasm" : "start", String(e));
    }
    return glue;
  })();
  return started;
}

/** A trap of the engine: a `WebAssembly.RuntimeError` (a panic) or a `RangeError` (its stack ran out). */
export class Trap extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super(String(cause), { cause });
  }
}

/**
 * Runs `f(engine)`; a trap inside it becomes a {@link Trap}. The engine never calls the host's code (the
 * answers are plain data before they cross), so whatever a call throws is the engine's own.
 * @template T
 * @param {any} engine
 * @param {(engine: any) => T} f
 * @returns {T}
 */
export function call(engine, f) {
  try {
    return f(engine);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) throw new Trap(e);
    throw e;
  }
}

/**
 * A loaded ruleset: `model` as {@link compile} gave it, or `undefined` for the shipped default. Throws a
 * {@link Trap}, or an error for a model it cannot read.
 * @param {any} glue the bundle from {@link start}
 * @param {any} model
 */
export function load(glue, model) {
  const Engine = glue.Engine ?? glue.Ruleset;
  return call(Engine, (E) => (model == null && E.loadDefault ? E.loadDefault() : E.load(model)));
}

/**
 * Compiles rules (a file's bytes, or a text) for {@link load}: `{model, diagnostics}` (`model` null when
 * they have errors), or `{problem: {kind: "compiler"}}` when the compiler could not be loaded or failed.
 * @param {Uint8Array | string} source
 * @param {any} glue the engine bundle from {@link start}
 */
export async function compile(source, glue) {
  try {
    const core = await loadCore();
    const out = core.compileForWidget(source);
    if (!out.model || glue.Engine) return out;
    // The rules-core `Ruleset` compiles a text: the decoded text, as `compileForWidget` decoded it.
    const text = typeof source === "string" ? source : core.decodeSource(source).text;
    return { model: text, diagnostics: out.diagnostics };
  } catch {
    // (A rules-core API that could not load is imported again next time: element/core.js forgets it.)
    return { problem: { kind: "compiler" } };
  }
}

/**
 * Runs `f` on the rules-core API's `Ruleset` of the rules the element runs (loaded on demand; the widget
 * bundle has no FHIR code): `model` as {@link load} took it, or `undefined` for the shipped default, whose
 * compiled bytes the engine gives (`defaultModel`). For the FHIR export (docs/fhir.md).
 * @template T
 * @param {any} glue the engine bundle from {@link start}
 * @param {Uint8Array | string | undefined} model
 * @param {(rules: any) => T} f
 * @returns {Promise<T>}
 */
export async function withCoreRules(glue, model, f) {
  const { Ruleset } = await loadCore();
  const bytes = model ?? glue.defaultModel?.();
  const rules = bytes == null ? Ruleset.loadDefault() : typeof bytes === "string" ? Ruleset.load(bytes) : Ruleset.fromCompiled(bytes);
  try {
    return f(rules);
  } finally {
    rules.free();
  }
}
