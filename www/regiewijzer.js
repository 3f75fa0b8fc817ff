// <regie-wijzer>: the custom element around the Rust widget (crates/regiewijzer-wasm/src/widget).
// Rust cannot extend HTMLElement, so this module registers the element, makes it form-associated, and
// forwards lifecycle, attributes and properties to Rust. Everything else happens in Rust. Nothing is
// sent anywhere: the only requests are this module's own files and, when the host asks for it, the
// `rules` file and the rules compiler, all while loading.
//
// The widget bundle carries the default ruleset already checked, and no compiler. A `rules` file is
// compiled by the rules-core bundle (pkg/core/), fetched only when a page uses `rules`.
import init, { WidgetCore } from "../pkg/regiewijzer_wasm.js";

const wasmReady = init();
let compilerReady;
function compiler() {
  compilerReady ??= import("../pkg/core/regiewijzer_wasm.js").then(async (core) => {
    await core.default();
    return core;
  });
  return compilerReady;
}
/** Compiles rules (a file's bytes, or a text) for the widget: `{model}` or `{diagnostics}`. A compiler
 * that cannot be loaded or fails (a wasm instance of its own) is an error of these rules' loading, not of
 * the widgets: `{problem}`. */
async function compileRules(source) {
  try {
    const core = await compiler();
    return core.compileForWidget(source);
  } catch {
    return { problem: { kind: "compiler" } };
  }
}

/** Fetches a rules file: `{bytes}` or `{problem: {kind, url, status}}`, where kind says what went wrong:
 * `http` (an HTTP status), `csp` (refused by the page's Content-Security-Policy) or `network` (no
 * connection, or refused by CORS: the browser tells a page no more than that). */
async function fetchRules(url) {
  let refused = false;
  const origin = new URL(url).origin;
  const onViolation = (e) => {
    if (e.effectiveDirective === "connect-src" && (e.blockedURI === url || e.blockedURI === origin)) refused = true;
  };
  document.addEventListener("securitypolicyviolation", onViolation);
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return { problem: { kind: "http", url, status: response.status } };
    // The bytes, not response.text(): the compiler decodes them as the command line does (a byte order
    // mark dropped, anything not UTF-8 refused with E112), so a file `check` refuses is refused here too.
    return { bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch {
    // A CSP refusal rejects the fetch like a lost connection; the violation event says which, a task later.
    await new Promise((ok) => setTimeout(ok));
    return { problem: { kind: refused ? "csp" : "network", url } };
  } finally {
    document.removeEventListener("securitypolicyviolation", onViolation);
  }
}
let sheet;
function styles() {
  sheet ??= fetch(new URL("./regiewijzer.css", import.meta.url))
    .then((r) => r.text())
    .then((text) => {
      const s = new CSSStyleSheet();
      s.replaceSync(text);
      return s;
    });
  return sheet;
}

function localToday() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const MESSAGES = {
  nl: {
    required: "Bevestig het advies of wijk af met een reden.",
    broken: "Er ging iets mis in de beslisondersteuning. Het advies wordt niet meer bijgewerkt.",
    kept: "De antwoorden tot nu toe zijn bewaard in het formulier en staan hieronder. Laad de pagina opnieuw om verder te gaan.",
    answers: "Antwoorden tot nu toe",
    none: "(nog geen antwoorden)",
    start: "De widget kon niet starten:",
    wasm: "De widget kon niet starten: de browser weigerde de WebAssembly-code uit te voeren. Het beveiligingsbeleid van deze pagina (Content-Security-Policy) moet 'wasm-unsafe-eval' toestaan.",
  },
  en: {
    required: "Confirm the advice or decide otherwise with a reason.",
    broken: "Something went wrong in the decision support. The advice is no longer updated.",
    kept: "The answers so far are kept in the form and listed below. Reload the page to go on.",
    answers: "Answers so far",
    none: "(no answers yet)",
    start: "The widget could not start:",
    wasm: "The widget could not start: the browser refused to run the WebAssembly code. This page's security policy (Content-Security-Policy) must allow 'wasm-unsafe-eval'.",
  },
};

// Panic safety. A Rust panic in the widget's wasm ends in a trap (WebAssembly.RuntimeError) and leaves the
// one instance that every widget on the page shares unusable. The shim notices it where it calls into wasm
// and, for events the browser hands straight to Rust, through the page's error event; from then on it never
// calls into wasm again, and every widget shows an error state while keeping its last value (answers and
// decision) in the form. The host page is not affected.
let broken = null;
const live = new Set();

// Only this widget bundle's traps break the widgets (not the rules compiler's, nor another wasm's on the page).
const OURS = [new URL("../pkg/regiewijzer_wasm.js", import.meta.url).href, new URL("../pkg/regiewijzer_wasm_bg.wasm", import.meta.url).href];

/** Whether `error` is a trap of this bundle's wasm, recognised by what it is: a WebAssembly.RuntimeError or
 * a stack overflow (RangeError) raised in this bundle's own frames (its wasm or its glue code). An error
 * that the host's code throws while ours is on the stack (a `regiewijzer-change` listener, another wasm)
 * is raised in the host's frames: it is the host's, reported to the page as usual, and breaks nothing. */
function isTrap(error) {
  if (!(error instanceof WebAssembly.RuntimeError || error instanceof RangeError)) return false;
  const top = String(error.stack).split("\n").find((line) => /^\s*at /.test(line)) ?? "";
  return OURS.some((url) => top.includes(url));
}
const stop = (event) => event.stopImmediatePropagation();

// Limits on the host's answers, applied while copying them into plain data before they cross into wasm.
const MAX_RECORDS = 1000; // per timeline (regiewijzer-core's limits.rs); one more is kept so that it is reported
const MAX_DEPTH = 4; // answers → timeline → record → field

/** The host's answers as plain data: own enumerable keys (no `__proto__`), lists cut to one past the record
 * limit, no deeper than answers can be. Read in JS, so that a getter or Proxy that throws, or a sparse list
 * of length 2³²−1, never runs inside the wasm: an entry that cannot be read is left out (and so reported as
 * unanswered); answers whose keys cannot be listed throw to the host. */
function plain(value, depth = 0) {
  if (value === null || typeof value !== "object") {
    return ["boolean", "number", "string"].includes(typeof value) ? value : undefined;
  }
  if (depth >= MAX_DEPTH) return undefined;
  const read = (key) => {
    try {
      return plain(value[key], depth + 1);
    } catch {
      return undefined;
    }
  };
  if (Array.isArray(value)) return Array.from({ length: Math.min(value.length, MAX_RECORDS + 1) }, (_, i) => read(i));
  const out = {};
  for (const key of Object.keys(value)) {
    const v = key === "__proto__" ? undefined : read(key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** An answer as a person reads it. */
function shown(v) {
  if (Array.isArray(v)) return v.map((r) => (r && typeof r === "object" ? Object.values(r).join(" ") : String(r))).join("; ");
  return typeof v === "boolean" ? (v ? "ja / yes" : "nee / no") : String(v);
}

export class RegieWijzer extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ["rules", "lang", "today", "required"];

  #internals;
  #shadow;
  #core = null;
  #starting = null;
  #pendingAnswers = null;
  #pendingRestore = null;
  /** What the form submits: the last value as JSON (`null` before the first). */
  #json = null;
  #source = null;
  #generation = 0;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#shadow = this.attachShadow({ mode: "open" });
  }

  static {
    addEventListener("error", (event) => {
      if (isTrap(event.error)) RegieWijzer.#breakAll(event.error);
    });
  }

  /** The last value, as the form submits it (a copy). */
  #last() {
    return this.#json == null ? null : JSON.parse(this.#json);
  }

  /** Replaces what the shadow root shows by an error box with `texts`, one paragraph each. */
  #errorBox(texts, attrs) {
    const box = document.createElement("div");
    box.setAttribute("part", "error");
    box.setAttribute("role", "alert");
    for (const [name, value] of Object.entries(attrs)) box.setAttribute(name, value);
    for (const text of texts) {
      const p = document.createElement("p");
      p.textContent = text;
      box.append(p);
    }
    this.#shadow.replaceChildren(box);
    return box;
  }

  static #breakAll(error) {
    if (broken) return;
    broken = error;
    for (const el of live) el.#broke();
  }

  /** Calls into the wasm core; a trap there puts every widget into the error state (and gives `fallback`). */
  #call(f, fallback) {
    if (broken || !this.#core) return fallback;
    try {
      return f(this.#core);
    } catch (e) {
      // Only our wasm runs here (the host's listeners' errors never propagate out of dispatchEvent).
      if (!(e instanceof WebAssembly.RuntimeError || isTrap(e))) throw e;
      RegieWijzer.#breakAll(e);
      return fallback;
    }
  }

  /** The error state: never call into wasm again; keep the last value in the form and show its answers. */
  #broke() {
    this.#core = null;
    // The failed core's own listeners stay on the shadow root: stop every event before it reaches them.
    for (const kind of ["input", "change", "click"]) this.#shadow.addEventListener(kind, stop, { capture: true });
    const m = MESSAGES[this.#lang()];
    const answers = this.#last()?.answers ?? this.#pendingAnswers ?? {};
    const box = this.#errorBox([m.broken, m.kept], { "data-fatal": "" });
    const details = document.createElement("details");
    details.open = true;
    const summary = document.createElement("summary");
    summary.textContent = m.answers;
    const list = document.createElement("ul");
    list.setAttribute("part", "kept-answers");
    for (const [id, v] of Object.entries(answers)) {
      const li = document.createElement("li");
      li.textContent = `${id}: ${shown(v)}`;
      list.append(li);
    }
    if (!list.childElementCount) {
      const li = document.createElement("li");
      li.textContent = m.none;
      list.append(li);
    }
    details.append(summary, list);
    box.append(details);
    this.#sync();
    this.dispatchEvent(new CustomEvent("regiewijzer-error", {
      bubbles: true,
      composed: true,
      detail: {
        message: { nl: MESSAGES.nl.broken + " " + MESSAGES.nl.kept, en: MESSAGES.en.broken + " " + MESSAGES.en.kept },
        diagnostics: [],
        fatal: true,
        answers: { ...answers },
      },
    }));
  }

  connectedCallback() {
    live.add(this);
    this.#sync();
    if (broken && !this.#shadow.querySelector("[data-fatal]")) {
      this.#broke();
      return;
    }
    this.#starting ??= this.#start().catch((e) => this.#fail(e));
  }

  disconnectedCallback() {
    live.delete(this);
  }

  async #start(reload = false) {
    await wasmReady;
    this.#shadow.adoptedStyleSheets = [await styles()];
    const generation = ++this.#generation;
    const { model, diagnostics, problem, url } = await this.#rules();
    // A newer start (the rules changed again meanwhile) wins.
    if (generation !== this.#generation || broken) return;
    // New rules for the same element: the new core takes over the answers (also to questions the new rules
    // do not have: kept and reported), the decision with its reason, and an override being typed.
    const old = reload ? this.#core : null;
    this.#core = new WidgetCore(this.#shadow, this.#lang(), this.#today(), localToday(),
      (kind, detail) => this.#notify(kind, detail));
    this.#call((core) => {
      if (old) core.takeOver(old);
      old?.free();
      if (problem) core.loadFailed(problem);
      else if (model || !diagnostics) core.load(model ?? undefined);
      else core.showDiagnostics(diagnostics, url);
      if (this.#pendingAnswers) {
        core.setAnswers(this.#pendingAnswers);
        this.#pendingAnswers = null;
      }
      if (this.#pendingRestore) {
        core.restore(this.#pendingRestore);
        this.#pendingRestore = null;
      }
    });
    this.#sync();
  }

  /** The rules to load: `{}` for the shipped default, `{model}`, `{diagnostics, url}` or `{problem}`. An
   * empty `rules` attribute is a host's mistake, said in words; no attribute means the shipped example. */
  async #rules() {
    if (this.#source != null) return compileRules(this.#source);
    const attr = this.getAttribute("rules");
    if (attr == null) return {};
    if (!attr.trim()) return { problem: { kind: "empty" } };
    let url;
    try {
      url = new URL(attr, document.baseURI).href;
    } catch {
      return { problem: { kind: "url", url: attr } };
    }
    const fetched = await fetchRules(url);
    if (fetched.problem) return fetched;
    const compiled = await compileRules(fetched.bytes);
    return { ...compiled, url, problem: compiled.problem && { ...compiled.problem, url } };
  }

  /** The widget could not start (its own wasm did not load or compile): say so in the widget and to the host. */
  #fail(error) {
    if (isTrap(error)) {
      RegieWijzer.#breakAll(error);
      return;
    }
    const kind = error instanceof WebAssembly.CompileError || error instanceof EvalError ? "wasm" : "start";
    const text = (m) => (kind === "wasm" ? m.wasm : `${m.start} ${error}`);
    this.#errorBox([text(MESSAGES[this.#lang()])], { "data-kind": kind });
    this.dispatchEvent(new CustomEvent("regiewijzer-error", {
      bubbles: true,
      composed: true,
      detail: { message: { nl: text(MESSAGES.nl), en: text(MESSAGES.en) }, diagnostics: [], kind, url: null, status: null },
    }));
  }

  #lang() {
    const own = this.getAttribute("lang");
    const near = own ?? this.parentElement?.closest("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "nl";
    return near.toLowerCase().startsWith("en") ? "en" : "nl";
  }

  /** The host's `today` as given (validated in Rust, which says so and uses `localToday()` when it is not a date). */
  #today() {
    return this.getAttribute("today") ?? undefined;
  }

  #notify(kind, detail) {
    if (kind === "copy") {
      const area = this.#shadow.querySelector("[part=summary]");
      const fallback = () => { area?.focus(); area?.select(); };
      if (navigator.clipboard?.writeText) navigator.clipboard.writeText(detail).catch(fallback);
      else fallback();
      return;
    }
    if (kind === "error") {
      // Rules that cannot be used do not take the work away: the form keeps the last value (answers,
      // decision and the ruleset that gave them) until usable rules come back.
      this.#sync();
      this.dispatchEvent(new CustomEvent("regiewijzer-error", { bubbles: true, composed: true, detail }));
      return;
    }
    this.#json = detail == null ? null : JSON.stringify(detail);
    this.#sync();
    const name = kind === "confirm" ? "regiewijzer-confirm" : "regiewijzer-change";
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  /** Form value and validity from the current value and decision. */
  #sync() {
    this.#internals.setFormValue(this.#json, this.#json);
    const decided = broken ? this.#last()?.decided === true : this.#call((core) => core.isDecided(), false);
    if (this.hasAttribute("required") && !decided) {
      const anchor = this.#shadow.querySelector("[data-action=confirm]") ?? undefined;
      this.#internals.setValidity({ valueMissing: true }, MESSAGES[this.#lang()].required, anchor);
    } else {
      this.#internals.setValidity({});
    }
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#core || oldValue === newValue) return;
    if (name === "lang") this.#call((core) => core.setLang(this.#lang()));
    else if (name === "today") this.#call((core) => core.setToday(this.#today(), localToday()));
    else if (name === "rules") this.#starting = this.#start(true).catch((e) => this.#fail(e));
    else this.#sync();
  }

  formResetCallback() {
    this.#call((core) => core.reset());
  }

  formStateRestoreCallback(state) {
    if (typeof state !== "string") return;
    try {
      const value = JSON.parse(state);
      if (this.#core) this.#call((core) => core.restore(value));
      else if (!broken) this.#pendingRestore = value;
    } catch {
      // A state we cannot read is not restored.
    }
  }

  /** Rules source text to use instead of the `rules` file (for an editor or playground that has the text
   * itself); `null` or `''` for none (then the `rules` attribute counts). Setting it reloads the rules and
   * keeps the answers to questions that remain. */
  get rulesSource() {
    return this.#source;
  }

  set rulesSource(text) {
    this.#source = text == null || text === "" ? null : String(text);
    if (this.#core) this.#starting = this.#start(true).catch((e) => this.#fail(e));
  }

  /** The answers: question id → value. */
  get answers() {
    if (broken) return { ...(this.#last()?.answers ?? this.#pendingAnswers ?? {}) };
    return this.#core ? this.#call((core) => core.answers(), {}) : { ...(this.#pendingAnswers ?? {}) };
  }

  set answers(value) {
    if (value != null && (typeof value !== "object" || Array.isArray(value))) {
      throw new TypeError("regie-wijzer: antwoorden moeten een object zijn (vraag-id → waarde) / answers must be an object (question id → value)");
    }
    // Read here, in JS: what the host's object throws is thrown to the host, never inside the wasm.
    const answers = plain(value ?? {});
    if (broken) return;
    if (this.#core) this.#call((core) => core.setAnswers(answers));
    else this.#pendingAnswers = answers;
  }

  /** What the form submits: answers, outcomes, decision, ruleset id/version/hash (or null before the
   * first rules load). While new rules fail to load, that is still the last value. */
  get value() {
    return this.#last();
  }

  /** The ruleset's identity. */
  get ruleset() {
    return this.value?.ruleset ?? null;
  }

  /** The plain-text summary for a dossier. */
  get summary() {
    return this.#call((core) => core.summaryText(), "");
  }

  /** Resolves when the rules are loaded and the widget is drawn. */
  get ready() {
    return this.#starting ?? Promise.resolve();
  }

  get form() { return this.#internals.form; }
  get name() { return this.getAttribute("name"); }
  get type() { return this.localName; }
  get validity() { return this.#internals.validity; }
  get validationMessage() { return this.#internals.validationMessage; }
  get willValidate() { return this.#internals.willValidate; }
  checkValidity() { return this.#internals.checkValidity(); }
  reportValidity() { return this.#internals.reportValidity(); }
}

if (!customElements.get("regie-wijzer")) customElements.define("regie-wijzer", RegieWijzer);

// On paper every reason is shown: open all "Waarom?" sections before printing.
addEventListener("beforeprint", () => {
  for (const el of document.querySelectorAll("regie-wijzer")) {
    for (const d of el.shadowRoot?.querySelectorAll("details[part=reasons]") ?? []) d.open = true;
  }
});
