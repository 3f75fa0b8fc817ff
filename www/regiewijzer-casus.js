// <regie-casus>: one case across several rulesets (issue 23). A form-associated custom element that
// composes one <regie-wijzer> per ruleset in its shadow root (their questions, advice, decisions, failure
// states and accessibility), keeps ONE set of answers for all of them, shows only the rulesets used in the
// current phase, and draws where the case stands: the trajectory picture with its text alternative, who
// leads, open handovers, deadlines passed, a phase control and a dated log of phase changes and decisions.
// Its value (the case with its log) is what the host's form posts; nothing is kept in the browser.
// docs/widget.md ("`<regie-casus>`") is the contract.
import "./regiewijzer.js";
import { loadCase, rulesUrls } from "./casus/core.js";
import {
  caseValue, decisionEntries, emptyCase, sameAnswers, evaluations, mergeAnswers, omitFor, phaseEntry, phaseOf, pick,
  pictureState, restoredCase, settledAnswers, shownRulesets,
} from "./casus/state.js";
import { diagnosticLine, leadText, logLine, phaseLabel, summaryText } from "./casus/text.js";
import { drawTrajectory, patchTrajectory } from "./casus/picture.js";
import { casusWords, EN, NL } from "./casus/words.js";
import { button, h, heading, setAttr, setText } from "./element/dom.js";
import { fill, isDate, localToday } from "./element/words.js";

let sheet;
/* global REGIECASUS_CSS */
/** The casus's stylesheet: in the package its text is in this module (scripts/build-wasm.sh defines
 * `REGIECASUS_CSS`); unbundled it is fetched from beside this module (its own rules and the picture's). */
function styles() {
  sheet ??= (typeof REGIECASUS_CSS === "string" ? Promise.resolve(REGIECASUS_CSS) : fetchedStyles())
    .then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    })
    .catch(() => new CSSStyleSheet());
  return sheet;
}

/** The stylesheets' text, fetched from beside this module (unbundled). */
function fetchedStyles() {
  const files = ["./casus/picture.css", "./regiewijzer-casus.css"];
  return Promise.all(files.map((f) => fetch(new URL(f, import.meta.url)).then((r) => (r.ok ? r.text() : "")))).then((t) => t.join("\n"));
}

/** `today` as the rules use it: the attribute when it is a real date, else the device's local date. */
const todayOf = (attr) => (attr != null && isDate(attr) ? attr : localToday());

/** The words for rules that could not be loaded. */
function problemText(w, p) {
  const rules = p.url ? w.loadRules : w.loadRulesCase;
  const detail = { http: w.loadHttp, network: w.loadNetwork, compiler: w.loadCompiler, rules, url: w.loadUrl, empty: w.loadEmpty }[p.kind];
  return `${w.loadError} ${detail ? fill(detail, { url: p.url ?? "", status: String(p.status ?? "") }) : ""}`.trim();
}

/**
 * One case across several rulesets, as a form field: its value (JSON, the case with its log) is posted
 * with the surrounding form under its `name`. The contract: docs/widget.md in the repository.
 *
 * @summary A case from melding to nazorg: shared answers, the trajectory, who leads, the log.
 * @tagname regie-casus
 *
 * @attr {string} rules - Space-separated URLs of `.regels` files (same origin), in order.
 * @attr {"nl" | "en"} lang - The language: `nl` (default) or `en`; else the nearest `lang` in the page.
 * @attr {string} today - The date the rules use, `YYYY-MM-DD`; default the device's local date.
 * @attr {string} name - The form field's name.
 * @attr {boolean} required - Invalid until the advice shown in the current phase is decided.
 * @attr {boolean} disabled - Disables every control inside.
 * @attr {number} heading-level - The level (1–6, default 2) of the casus's headings; the widgets' one below.
 *
 * @fires {CustomEvent<RegieCasusValue>} regiecasus-change - An answer given or a phase set by the professional; detail: the value.
 * @fires {CustomEvent<RegieCasusValue>} regiecasus-confirm - A decision recorded in one of the rulesets; detail: the value.
 * @fires {CustomEvent<RegieCasusErrorDetail>} regiecasus-error - The rules cannot be used, or an engine failed.
 *
 * @slot fallback - The host's fallback content, shown only when the case cannot give advice.
 */
export class RegieCasus extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ["rules", "lang", "today", "required", "heading-level", "disabled"];

  #internals;
  #shadow;
  #case = emptyCase();
  /** The loaded rules: `{rulesets, diagnostics, trajectory}`, or null. */
  #loaded = null;
  #problem = null;
  #view = null;
  /** The `<regie-wijzer>` per ruleset id (kept over redraws: moving one keeps its state). */
  #widgets = new Map();
  #evals = new Map();
  #state = null;
  #starting = null;
  #generation = 0;
  #json = null;
  #formDisabled = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#shadow = this.attachShadow({ mode: "open" });
    this.#shadow.addEventListener("click", (e) => this.#onClick(e));
    for (const kind of ["regiewijzer-change", "regiewijzer-confirm", "regiewijzer-error"]) {
      this.#shadow.addEventListener(kind, (e) => this.#onWidget(e));
    }
    for (const p of ["value", "name", "today", "rules", "required", "disabled", "lang", "headingLevel"]) {
      if (!Object.hasOwn(this, p)) continue;
      const v = this[p];
      delete this[p];
      this[p] = v;
    }
  }

  connectedCallback() {
    if (!this.#loaded && !this.#problem) this.#starting ??= this.#start();
    this.#sync();
  }

  // ---------- loading ----------

  /** Fetches and compiles the rules of the case, then draws. A newer start (`rules` changed) wins. */
  async #start() {
    const generation = ++this.#generation;
    this.#shadow.adoptedStyleSheets = [await styles()];
    const parsed = rulesUrls(this.getAttribute("rules"), document.baseURI);
    const loaded = parsed.problem ? parsed : await loadCase(parsed.urls);
    if (generation !== this.#generation) {
      for (const r of loaded.rulesets ?? []) r.rules.free();
      return;
    }
    if (loaded.problem) {
      this.#failed(loaded.problem);
      return;
    }
    for (const r of this.#loaded?.rulesets ?? []) r.rules.free();
    this.#loaded = loaded;
    this.#problem = null;
    this.#startPhase();
    this.#draw();
    this.#commit(null);
  }

  /** A case without a phase starts in the first one (the melding). */
  #startPhase() {
    const { phaseFact, phases } = this.#loaded.trajectory;
    if (phaseFact && phases.length && !(phaseFact in this.#case.answers)) this.#case.answers[phaseFact] = phases[0].id;
  }

  /** Rules that cannot be used: said in words, the host's fallback content, the form keeps the case. */
  #failed(problem) {
    this.#problem = problem;
    this.#view = null;
    const lang = this.#lang();
    const box = h("div", { part: "error", role: "alert", "data-kind": problem.kind }, [
      h("p", {}, [problemText(casusWords(lang), problem)]), h("p", {}, [casusWords(lang).unavailable]),
    ]);
    const errors = (problem.diagnostics ?? []).filter((d) => d.severity === "error").slice(0, 20);
    if (errors.length) box.append(h("ul", {}, errors.map((d) => h("li", {}, [`${d.start.line}:${d.start.column} ${lang === "en" ? d.message_en : d.message_nl}`]))));
    this.#shadow.replaceChildren(h("div", { part: "casus", lang }, [box, h("slot", { name: "fallback", part: "fallback" })]));
    this.#commit(null);
    const message = { nl: problemText(NL, problem), en: problemText(EN, problem) };
    this.#error({ message, kind: problem.kind, url: problem.url ?? null, status: problem.status ?? null, diagnostics: problem.diagnostics ?? [] });
  }

  // ---------- drawing ----------

  get #level() {
    return this.headingLevel;
  }

  /** Draws the casus for the loaded rules and language; the widgets are moved in, not made again. */
  #draw() {
    const lang = this.#lang();
    const w = casusWords(lang);
    const level = this.#level;
    this.#evaluate();
    const { figure } = drawTrajectory(document, this.#loaded.trajectory, this.#state, lang);
    const select = h("select", { id: "rc-phase", part: "phase-select" },
      this.#loaded.trajectory.phases.map((p) => h("option", { value: p.id }, [p.label[lang]])));
    const view = {
      lang, figure, select,
      where: h("p", { part: "where" }),
      log: h("ol", { part: "log-list" }),
      earlier: h("ul", { part: "earlier-list" }),
      earlierTitle: h("summary", {}),
      summary: h("pre", { part: "summary" }),
      live: h("p", { part: "live", role: "status", "aria-live": "polite" }),
    };
    // Rules without phases: no phase to set.
    const phaseControl = h("div", { part: "phase-control", hidden: !this.#loaded.trajectory.phaseFact }, [
      h("label", { for: "rc-phase" }, [w.phaseLabel]), select, button("set-phase", w.setPhase, { part: "set-phase" }),
    ]);
    const overview = h("section", { part: "overview", "aria-labelledby": "rc-trajectory" }, [
      Object.assign(heading(level, "heading", w.trajectory), { id: "rc-trajectory" }),
      // Open handovers with what is missing and deadlines passed: in the picture's list, in words.
      view.where, figure, phaseControl,
    ]);
    const questions = h("section", { part: "questions", "aria-labelledby": "rc-questions" }, [
      Object.assign(heading(level, "heading", w.questions), { id: "rc-questions" }),
      h("details", { part: "earlier-answers" }, [view.earlierTitle, h("p", {}, [w.earlierHelp]), view.earlier]),
      ...this.#loaded.rulesets.map((r) => this.#widgetBox(r, lang)),
    ]);
    const log = h("section", { part: "log", "aria-labelledby": "rc-log" }, [Object.assign(heading(level, "heading", w.log), { id: "rc-log" }), view.log]);
    const summary = h("details", { part: "summary-box" }, [h("summary", {}, [w.summary]), view.summary]);
    const frame = h("fieldset", { part: "frame", disabled: this.#formDisabled || this.disabled }, [
      h("div", { part: "casus", lang }, [...this.#checkBoxes(lang), overview, questions, log, summary, view.live]),
    ]);
    this.#view = view;
    this.#shadow.replaceChildren(frame);
    this.#syncWidgets();
    this.#patch();
  }

  /** The case check's errors (said, `role=alert`) and its warnings (listed quietly), with the ruleset. */
  #checkBoxes(lang) {
    const w = casusWords(lang);
    const all = this.#loaded.diagnostics ?? [];
    const line = (d) => h("li", {}, [diagnosticLine(this.#loaded, d, lang)]);
    const errors = all.filter((d) => d.severity === "error");
    const warnings = all.filter((d) => d.severity !== "error");
    return [
      errors.length && h("div", { part: "case-errors", role: "alert" }, [h("p", {}, [w.caseErrors]), h("ul", {}, errors.map(line))]),
      warnings.length && h("details", { part: "case-warnings" }, [h("summary", {}, [w.caseWarnings]), h("ul", {}, warnings.map(line))]),
    ].filter(Boolean);
  }

  /** The box of one ruleset's widget, named by the ruleset's title; the widget made once. */
  #widgetBox(r, lang) {
    let el = this.#widgets.get(r.id);
    if (!el) {
      el = document.createElement("regie-wijzer");
      el.dataset.ruleset = r.id;
      el.rulesSource = r.text;
      el.formStateRestoreCallback(JSON.stringify({ answers: pick(this.#case.answers, r.facts), decisions: this.#case.decisions[r.id] ?? {} }));
      this.#widgets.set(r.id, el);
    }
    el.setAttribute("lang", lang);
    el.setAttribute("today", this.#today());
    el.setAttribute("heading-level", String(Math.min(6, this.#level + 1)));
    const id = `rc-ruleset-${r.id}`;
    return h("section", { part: "ruleset", "data-ruleset": r.id, "aria-labelledby": id }, [h("p", { part: "ruleset-title", id }, [r.title[lang]]), el]);
  }

  /** Each widget gets the case's answers to its questions, what it does not ask, and is shown only in the
   * phases its ruleset is used in. Host-set: the widgets fire no event. */
  #syncWidgets() {
    const loaded = this.#loaded;
    const phase = phaseOf(this.#case, loaded.trajectory);
    const shown = shownRulesets(loaded, phase);
    loaded.rulesets.forEach((r, i) => {
      const el = this.#widgets.get(r.id);
      const want = pick(this.#case.answers, r.facts);
      if (!sameAnswers(el.answers, want)) el.answers = want;
      const omit = omitFor(loaded, this.#case, phase, i);
      if (JSON.stringify(el.omit ?? []) !== JSON.stringify(omit)) el.omit = omit;
      const box = el.parentElement;
      if (box) box.hidden = !shown.has(r.id);
      const v = el.value;
      if (v?.ruleset) this.#case.decisions[r.id] = v.decisions;
    });
  }

  /** Evaluates every ruleset on the case's answers (pkg/core) for the picture and the lead. */
  #evaluate() {
    this.#evals = evaluations(this.#loaded, this.#case, this.#today());
    this.#state = pictureState(this.#loaded, this.#case, this.#evals, this.#today());
  }

  /** Patches where the case stands: the lead in words, the picture (with open handovers and deadlines
   * passed), the log, the summary. */
  #patch() {
    const view = this.#view;
    if (!view) return;
    const lang = view.lang;
    const w = casusWords(lang);
    this.#evaluate();
    const st = this.#state;
    patchTrajectory(view.figure, this.#loaded.trajectory, st, lang);
    setText(view.where, `${fill(w.phaseNow, { phase: phaseLabel(this.#loaded, st.phase, lang) })} ${fill(w.leadNow, { lead: leadText(st.lead, lang) })}`);
    if (st.phase) view.select.value = st.phase;
    this.#patchLog(lang);
    this.#patchEarlier(lang);
    setText(view.summary, summaryText(this.#loaded, this.#case, st, this.#today(), lang));
  }

  #patchLog(lang) {
    const w = casusWords(lang);
    const items = this.#case.log.map((e) => {
      const l = logLine(this.#loaded, e, lang);
      return h("li", { "data-kind": e.kind }, [h("time", { datetime: e.date }, [l.date]), ` ${l.text}`, ...l.why.map((t) => h("p", {}, [t]))]);
    });
    this.#view.log.replaceChildren(...(items.length ? items : [h("li", {}, [w.logEmpty])]));
  }

  /** The answers given in an earlier phase that count now, each with "Wijzig" (asks it again, here): redrawn
   * only when they changed, so that a focused button stays. */
  #patchEarlier(lang) {
    const w = casusWords(lang);
    const phase = phaseOf(this.#case, this.#loaded.trajectory);
    const items = settledAnswers(this.#loaded, this.#case, phase, this.#evals);
    const key = JSON.stringify([lang, items]);
    const box = this.#view.earlier;
    box.parentElement.hidden = items.length === 0;
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    setText(this.#view.earlierTitle, fill(w.earlier, { n: String(items.length) }));
    box.replaceChildren(...items.map(({ id, ruleset, question: q, answer, phase: p }) => {
      const question = q?.[lang] ?? id;
      return h("li", { "data-fact": id, "data-ruleset": ruleset }, [
        h("span", { part: "earlier-question" }, [question]), " ",
        // The core says an answer as it reads in a sentence ("ja"); in a list it starts with a capital.
        h("strong", { part: "earlier-answer" }, [answer[lang].charAt(0).toUpperCase() + answer[lang].slice(1)]), " ",
        h("span", {}, [fill(w.inPhase, { phase: phaseLabel(this.#loaded, p, lang) })]), " ",
        button("reopen", w.change, { "data-fact": id, "data-ruleset": ruleset, "aria-label": fill(w.changeLabel, { question }) }),
      ]);
    }));
  }

  /** "Wijzig" on an earlier answer: the question is asked again in this phase, in the widget of the ruleset
   * that asks it now, with the answer it had; the keyboard goes to it. */
  #reopen(id, ruleset) {
    const phase = phaseOf(this.#case, this.#loaded.trajectory);
    this.#case.answeredIn[id] = phase;
    this.#syncWidgets();
    this.#patch();
    this.#commit("regiecasus-change");
    const el = this.#widgets.get(ruleset);
    const q = el?.shadowRoot?.querySelector(`[part=question][data-fact="${CSS.escape(id)}"]`);
    const field = q?.querySelector("input:checked") ?? q?.querySelector("input, select, button");
    (field ?? this.#view.select).focus();
  }

  #say(text) {
    if (!this.#view) return;
    // The same sentence twice is said twice: empty first.
    setText(this.#view.live, "");
    queueMicrotask(() => setText(this.#view.live, text));
  }

  // ---------- the professional's actions ----------

  #onClick(e) {
    const b = e.target instanceof Element ? e.target.closest("[data-action]") : null;
    if (!b || !this.#loaded || !this.#view) return;
    if (b.dataset.action === "set-phase") this.#setPhase(this.#view.select.value);
    if (b.dataset.action === "reopen") this.#reopen(b.dataset.fact, b.dataset.ruleset);
  }

  /** "Zet fase": a decision, logged with the date; the widgets of the new phase are shown. */
  #setPhase(next) {
    const { trajectory } = this.#loaded;
    const lang = this.#view.lang;
    const w = casusWords(lang);
    const from = phaseOf(this.#case, trajectory);
    if (!trajectory.phaseFact || next === from) {
      this.#say(fill(w.phaseSame, { phase: phaseLabel(this.#loaded, from, lang) }));
      return;
    }
    this.#case.answers[trajectory.phaseFact] = next;
    this.#evaluate();
    this.#case.log.push(phaseEntry(from, next, this.#state.lead, this.#today()));
    this.#syncWidgets();
    this.#patch();
    this.#commit("regiecasus-change");
    const list = this.#view.figure.querySelector("[part=trajectory-list]");
    list?.setAttribute("tabindex", "-1");
    (list ?? this.#view.select).focus();
    this.#say(fill(w.phaseSet, { phase: phaseLabel(this.#loaded, next, lang), lead: leadText(this.#state.lead, lang) }));
  }

  /** An inner widget's event: its answers become the case's, its decisions go into the log. The widgets'
   * own events stay inside; the host hears the casus's. */
  #onWidget(e) {
    e.stopPropagation();
    const el = e.target;
    const ruleset = this.#loaded?.rulesets.find((r) => r.id === el?.dataset?.ruleset);
    if (e.type === "regiewijzer-error") {
      if (e.detail?.fatal) this.#error({ ...e.detail, ruleset: ruleset?.id ?? null });
      return;
    }
    if (!ruleset || !e.detail || e.detail.unavailable) return;
    const phase = phaseOf(this.#case, this.#loaded.trajectory);
    if (e.type === "regiewijzer-change") {
      mergeAnswers(this.#case, ruleset.facts, e.detail.answers ?? {}, phase);
      this.#case.decisions[ruleset.id] = e.detail.decisions;
      this.#syncWidgets();
      this.#patch();
      this.#commit("regiecasus-change");
      return;
    }
    const entries = decisionEntries(ruleset, this.#case.decisions[ruleset.id], e.detail.decisions, this.#evals.get(ruleset.id), this.#today());
    this.#case.decisions[ruleset.id] = e.detail.decisions;
    this.#case.log.push(...entries);
    this.#patch();
    this.#commit("regiecasus-confirm");
  }

  // ---------- value, form and events ----------

  #commit(eventName) {
    const problem = this.#problem && { kind: this.#problem.kind, message: { nl: problemText(NL, this.#problem), en: problemText(EN, this.#problem) } };
    const v = caseValue(this.#loaded, this.#case, { today: this.#today(), lang: this.#lang(), lead: this.#state?.lead, problem });
    this.#json = JSON.stringify(v);
    this.#sync();
    if (eventName) this.dispatchEvent(new CustomEvent(eventName, { bubbles: true, composed: true, detail: this.value }));
  }

  /** Form value and validity; a case that cannot give advice never blocks the form. */
  #sync() {
    this.#internals.setFormValue(this.#json, this.#json);
    const shown = this.#loaded ? shownRulesets(this.#loaded, phaseOf(this.#case, this.#loaded.trajectory)) : new Set();
    const undecided = [...this.#widgets.entries()].some(([id, el]) => shown.has(id) && el.value?.ruleset && !el.value.decided);
    if (!this.#problem && this.required && undecided) {
      this.#internals.setValidity({ valueMissing: true }, casusWords(this.#lang()).required, this.#view?.select);
    } else this.#internals.setValidity({});
  }

  #error(detail) {
    this.dispatchEvent(new CustomEvent("regiecasus-error", { bubbles: true, composed: true, detail }));
  }

  /** The case (a copy): what the form submits. Setting it (an object, or the JSON text the form posted)
   * restores answers, decisions and log into the casus and its widgets; no event.
   * @type {RegieCasusValue | null} */
  get value() {
    return this.#json == null ? null : JSON.parse(this.#json);
  }

  set value(v) {
    const c = v == null ? emptyCase() : restoredCase(v);
    if (!c) throw new TypeError("regie-casus: de waarde is geen casus / the value is not a case");
    this.#case = c;
    if (!this.#loaded) {
      if (this.#json != null || this.#problem) this.#commit(null);
      return;
    }
    this.#startPhase();
    for (const r of this.#loaded.rulesets) {
      this.#widgets.get(r.id)?.formStateRestoreCallback(JSON.stringify({ answers: pick(c.answers, r.facts), decisions: c.decisions[r.id] ?? {} }));
    }
    this.#syncWidgets();
    this.#patch();
    this.#commit(null);
  }

  formStateRestoreCallback(state) {
    try {
      this.value = state;
    } catch {
      // a state that is not a case is not restored
    }
  }

  formResetCallback() {
    this.#case = emptyCase();
    if (!this.#loaded) return;
    this.#startPhase();
    for (const el of this.#widgets.values()) el.formResetCallback();
    this.#syncWidgets();
    this.#patch();
    this.#commit(null);
  }

  formDisabledCallback(disabled) {
    this.#formDisabled = disabled;
    this.#patchDisabled();
  }

  #patchDisabled() {
    const frame = this.#shadow.querySelector("[part=frame]");
    if (frame) setAttr(frame, "disabled", this.#formDisabled || this.disabled);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === "rules") {
      if (this.isConnected) this.#starting = this.#start();
    } else if (name === "required") this.#sync();
    else if (name === "disabled") this.#patchDisabled();
    else if (this.#loaded && this.#view) {
      if (name === "today") for (const el of this.#widgets.values()) el.setAttribute("today", this.#today());
      if (name === "lang" || name === "heading-level") this.#draw();
      else this.#patch();
      this.#commit(null);
    }
  }

  #lang() {
    const near = this.getAttribute("lang") ?? this.parentElement?.closest("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "nl";
    return near.toLowerCase().startsWith("en") ? "en" : "nl";
  }

  #today() {
    return todayOf(this.getAttribute("today"));
  }

  /** The plain-text summary: the course of the case, who leads, open handovers, the log with reasons.
   * @type {string} */
  get summary() {
    if (!this.#loaded || !this.#state) return "";
    return summaryText(this.#loaded, this.#case, this.#state, this.#today(), this.#lang());
  }

  /** The trajectory of the case's rules (pkg/core `caseTrajectory`), or null before they load. */
  get trajectory() {
    return this.#loaded ? structuredClone(this.#loaded.trajectory) : null;
  }

  /** Resolves when the rules are loaded and the casus is drawn (or says why not). @type {Promise<void>} */
  get ready() {
    return this.#starting ?? Promise.resolve();
  }

  /** The inner widgets' readiness too: resolves when every widget has drawn (or said why not). */
  get widgetsReady() {
    return this.ready.then(() => Promise.all([...this.#widgets.values()].map((el) => el.ready)));
  }

  get name() { return this.getAttribute("name"); }
  set name(v) { this.#reflect("name", v); }
  get today() { return this.getAttribute("today"); }
  set today(v) { this.#reflect("today", v); }
  get rules() { return this.getAttribute("rules"); }
  set rules(v) { this.#reflect("rules", v); }
  get required() { return this.hasAttribute("required"); }
  set required(v) { this.toggleAttribute("required", Boolean(v)); }
  get disabled() { return this.hasAttribute("disabled"); }
  set disabled(v) { this.toggleAttribute("disabled", Boolean(v)); }
  get headingLevel() {
    const n = Number(this.getAttribute("heading-level"));
    return Number.isInteger(n) && n >= 1 && n <= 6 ? n : 2;
  }
  set headingLevel(v) { this.#reflect("heading-level", v); }

  #reflect(name, v) {
    if (v == null) this.removeAttribute(name);
    else this.setAttribute(name, String(v));
  }

  get form() { return this.#internals.form; }
  get type() { return this.localName; }
  get validity() { return this.#internals.validity; }
  get validationMessage() { return this.#internals.validationMessage; }
  get willValidate() { return this.#internals.willValidate; }
  checkValidity() { return this.#internals.checkValidity(); }
  reportValidity() { return this.#internals.reportValidity(); }
}

if (!customElements.get("regie-casus")) customElements.define("regie-casus", RegieCasus);

// On paper the summary of the case is shown whole.
addEventListener("beforeprint", () => {
  for (const el of document.querySelectorAll("regie-casus")) {
    const d = el.shadowRoot?.querySelector("details[part=summary-box]");
    if (d) d.open = true;
  }
});
