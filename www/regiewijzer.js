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
/** Compiles rules (a file's bytes, or a text) for the widget. A failure inside the compiler is an error of these rules' loading, not of
 * the widgets (the compiler is a wasm instance of its own). */
async function compileRules(source) {
  const core = await compiler();
  try {
    return core.compileForWidget(source);
  } catch (e) {
    throw isTrap(e) ? new Error("the rules compiler failed / de regelcompiler faalde") : e;
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
  },
  en: {
    required: "Confirm the advice or decide otherwise with a reason.",
    broken: "Something went wrong in the decision support. The advice is no longer updated.",
    kept: "The answers so far are kept in the form and listed below. Reload the page to go on.",
    answers: "Answers so far",
    none: "(no answers yet)",
  },
};

// Panic safety. A Rust panic in the widget's wasm ends in a trap (WebAssembly.RuntimeError) and leaves the
// one instance that every widget on the page shares unusable. The shim notices it where it calls into wasm
// and, for events the browser hands straight to Rust, through the page's error event; from then on it never
// calls into wasm again, and every widget shows an error state while keeping its last value (answers and
// decision) in the form. The host page is not affected.
let broken = null;
const live = new Set();

// A trap is a RuntimeError; running out of wasm stack is a RangeError with wasm frames.
function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError || (error instanceof RangeError && /wasm/.test(String(error.stack)));
}
// Only this widget bundle's traps break the widgets (not the rules compiler's, nor another wasm's on the page).
const OURS = [new URL("../pkg/regiewijzer_wasm.js", import.meta.url).href, new URL("../pkg/regiewijzer_wasm_bg.wasm", import.meta.url).href];
const stop = (event) => event.stopImmediatePropagation();

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
  #value = null;
  #source = null;
  #generation = 0;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#shadow = this.attachShadow({ mode: "open" });
  }

  static {
    addEventListener("error", (event) => {
      const stack = String(event.error?.stack);
      if (isTrap(event.error) && OURS.some((url) => stack.includes(url))) RegieWijzer.#breakAll(event.error);
    });
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
      if (!isTrap(e)) throw e;
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
    const answers = this.#value?.answers ?? this.#pendingAnswers ?? {};
    const box = document.createElement("div");
    box.setAttribute("part", "error");
    box.setAttribute("role", "alert");
    box.setAttribute("data-fatal", "");
    for (const text of [m.broken, m.kept]) {
      const p = document.createElement("p");
      p.textContent = text;
      box.append(p);
    }
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
    this.#shadow.replaceChildren(box);
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
    const url = this.getAttribute("rules");
    let model;
    let diagnostics = null;
    let failed = false;
    if (this.#source != null) {
      const compiled = await compileRules(this.#source);
      if (compiled.model) model = compiled.model;
      else diagnostics = compiled.diagnostics;
    } else if (url) {
      try {
        const response = await fetch(new URL(url, document.baseURI), { credentials: "same-origin" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        // The bytes, not response.text(): the compiler decodes them as the command line does (a byte order
        // mark dropped, anything not UTF-8 refused with E112), so a file `check` refuses is refused here too.
        const source = new Uint8Array(await response.arrayBuffer());
        const compiled = await compileRules(source);
        if (compiled.model) model = compiled.model;
        else diagnostics = compiled.diagnostics;
      } catch {
        failed = true;
      }
    }
    // A newer start (the rules changed again meanwhile) wins.
    if (generation !== this.#generation || broken) return;
    // New rules for the same element: the new core takes over the answers (also to questions the new rules
    // do not have: kept and reported), the decision with its reason, and an override being typed.
    const old = reload ? this.#core : null;
    this.#core = new WidgetCore(this.#shadow, this.#lang(), this.#today(),
      (kind, detail) => this.#notify(kind, detail));
    this.#call((core) => {
      if (old) core.takeOver(old);
      old?.free();
      if (failed) core.loadFailed();
      else if (diagnostics) core.showDiagnostics(diagnostics);
      else core.load(model);
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

  #fail(error) {
    if (isTrap(error)) {
      RegieWijzer.#breakAll(error);
      return;
    }
    this.dispatchEvent(new CustomEvent("regiewijzer-error", {
      bubbles: true,
      composed: true,
      detail: { message: { nl: `De widget kon niet starten: ${error}`, en: `The widget could not start: ${error}` }, diagnostics: [] },
    }));
  }

  #lang() {
    const own = this.getAttribute("lang");
    const near = own ?? this.parentElement?.closest("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "nl";
    return near.toLowerCase().startsWith("en") ? "en" : "nl";
  }

  #today() {
    const t = this.getAttribute("today");
    return t && /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : localToday();
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
    this.#value = detail;
    this.#sync();
    const name = kind === "confirm" ? "regiewijzer-confirm" : "regiewijzer-change";
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  /** Form value and validity from the current value and decision. */
  #sync() {
    const json = this.#value ? JSON.stringify(this.#value) : null;
    this.#internals.setFormValue(json, json);
    const decided = broken ? this.#value?.decision != null : this.#call((core) => core.isDecided(), false);
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
    else if (name === "today") this.#call((core) => core.setToday(this.#today()));
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
   * itself); `null` for none. Setting it reloads the rules and keeps the answers to questions that remain. */
  get rulesSource() {
    return this.#source;
  }

  set rulesSource(text) {
    this.#source = text == null ? null : String(text);
    if (this.#core) this.#starting = this.#start(true).catch((e) => this.#fail(e));
  }

  /** The answers: question id → value. */
  get answers() {
    if (broken) return { ...(this.#value?.answers ?? this.#pendingAnswers ?? {}) };
    return this.#core ? this.#call((core) => core.answers(), {}) : { ...(this.#pendingAnswers ?? {}) };
  }

  set answers(value) {
    if (value != null && (typeof value !== "object" || Array.isArray(value))) {
      throw new TypeError("regie-wijzer: antwoorden moeten een object zijn (vraag-id → waarde) / answers must be an object (question id → value)");
    }
    if (broken) return;
    if (this.#core) this.#call((core) => core.setAnswers(value ?? {}));
    else this.#pendingAnswers = value ?? {};
  }

  /** What the form submits: answers, outcomes, decision, ruleset id/version/hash (or null before load). */
  get value() {
    if (broken) return this.#value;
    return this.#core ? this.#call((core) => core.value(), this.#value) : null;
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
