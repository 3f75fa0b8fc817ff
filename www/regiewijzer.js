// <regie-wijzer>: a form-associated custom element with a triage checklist and live advice. The element
// is the DOM layer: it keeps the widget's state (element/state.js), draws it once per ruleset and
// language, and then patches only what an answer changed, per question and per outcome. The rules engine
// (wasm) is behind element/engine.js: one call per answer. Nothing is sent anywhere: the only requests
// are this module's own files and, when the host asks for it, the `rules` file and the rules compiler,
// all while loading. docs/widget.md is the contract.
import { call, compile, load, start, StartError, Trap, withCoreRules } from "./element/engine.js";
import {
  allDecided, confirmAll, decisionInputs, evaluate, rank, initial, removedAnswers, restoredDecisions, saveOverride, value,
} from "./element/state.js";
import { normalise, plain, withAnswer } from "./element/answers.js";
import { buildChecklist, patchQuestions, readAnswer, todayNotice, writeAnswer } from "./element/questions.js";
import { buildRecords, changedRecords } from "./element/timeline.js";
import { buildAdvice, patchAdvice, valueText } from "./element/advice.js";
import { buildDecision, keepDraft, patchDecision, patchOutcomeDecisions, showError, typed } from "./element/decision.js";
import {
  brokenBox, fallbackSlot, rulesDetail, rulesError, startError, startMessage, unavailableValue,
} from "./element/failure.js";
import { button, h, same, setAttr, setText } from "./element/dom.js";
import { cut, dateShown, EN, fill, isDate, localToday, NL, words } from "./element/words.js";

let sheet;
/* global REGIEWIJZER_CSS */
/** The element's stylesheet, adopted by every shadow root. In the package its text is in this module
 * (scripts/build-wasm.sh defines `REGIEWIJZER_CSS` when it bundles the element), so a bundler or a dev server
 * has no file to move or to serve as something else; unbundled (www/, the demo) it is www/regiewijzer.css,
 * fetched from beside this module. */
function styles() {
  sheet ??= (typeof REGIEWIJZER_CSS === "string" ? Promise.resolve(REGIEWIJZER_CSS)
    : fetch(new URL("./regiewijzer.css", import.meta.url)).then((r) => r.text()))
    .then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    })
    .catch(() => new CSSStyleSheet());
  return sheet;
}

/** Fetches a rules file: `{bytes}` or `{problem: {kind, url, status}}` (`http`, `csp` or `network`). */
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
    // The bytes: the compiler decodes them as the command line does.
    return { bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch {
    // A CSP refusal rejects the fetch like a lost connection; the violation event says which, a task later.
    await new Promise((ok) => setTimeout(ok));
    return { problem: { kind: refused ? "csp" : "network", url } };
  } finally {
    document.removeEventListener("securitypolicyviolation", onViolation);
  }
}



/** How many changed outcomes the live status names before "and N more". */
const LIVE_NAMED = 2;

// An engine that failed while running (a panic ends in a trap) leaves the one wasm instance that every
// widget on the page shares unusable: from then on no widget calls into it again, and every widget shows
// an error state while keeping its last value (answers and decisions) in the form.
let broken = null;
/** The widgets on the page (connected). */
const live = new Set();

/** Properties a host may set before the element is defined (upgraded in the constructor). */
const UPGRADED = ["answers", "rulesSource", "name", "today", "rules", "required", "disabled", "lang", "headingLevel", "omit"];

const NO_RULES = Symbol("no rules loaded");

// The comment below is what scripts/custom-elements.mjs reads into the package's custom-elements.json
// (tests/bundlers.test.mjs holds the two together, and the tags to what the code has).
/**
 * A triage checklist with live advice and the professional's decision, as a form field: its value (JSON)
 * is posted with the surrounding form under its `name`. The contract: docs/widget.md in the repository.
 *
 * @summary Decision support for bemoeizorg desks: questions, live advice, decision per outcome.
 * @tagname regie-wijzer
 *
 * @attr {string} rules - URL of a `.regels` file (same origin); without it the shipped triage rules. `rules=""` is an error (kind `empty`).
 * @attr {"nl" | "en"} lang - The widget's language: `nl` (default) or `en`; else the nearest `lang` in the page.
 * @attr {string} today - The date the rules use, `YYYY-MM-DD` (years 1000–9999); default the device's local date.
 * @attr {string} name - The form field's name: the form posts the value under it.
 * @attr {boolean} required - Invalid until the professional has decided every outcome.
 * @attr {boolean} disabled - Disables every control inside; the form does not submit the value.
 * @attr {number} heading-level - The level (1–6, default 2) of the widget's headings; the outcomes' one below.
 * @attr {string} omit - Question ids (space-separated) the widget does not show: the host asks them elsewhere; their answers still count.
 *
 * @fires {CustomEvent<RegieWijzerValue>} regiewijzer-change - Once per answer the professional gives (none for what the host sets); detail: the value. Bubbles, composed.
 * @fires {CustomEvent<RegieWijzerValue>} regiewijzer-confirm - Per decision recorded (confirmed, or an override saved); detail: the value. Bubbles, composed.
 * @fires {CustomEvent<RegieWijzerErrorDetail>} regiewijzer-error - The rules cannot be used, the engine cannot start, or (`fatal`) it failed; detail says why. Bubbles, composed.
 *
 * @slot fallback - The host's fallback content (e.g. a link to a paper checklist), shown only when the widget cannot give advice.
 *
 * @csspart frame - The fieldset around everything (draws nothing; carries `disabled`).
 * @csspart widget - The widget's layout: the questions and, beside or below them, the side column.
 * @csspart heading - The headings "Vragenlijst", "Advies" and "Besluit" (at `heading-level`).
 * @csspart outcome-title - The heading of an outcome, a handover and "Wat nu telt" (one level below).
 * @csspart checklist - The questions.
 * @csspart section - A section of questions (a fieldset with a legend).
 * @csspart question - One question (`data-fact`, `data-type`; `data-matters` when it is in "Wat nu telt").
 * @csspart control - A question's input, select or radio group.
 * @csspart option - One option of a radio group.
 * @csspart help - A question's help text.
 * @csspart scale-ends - The labels of a long scale's ends.
 * @csspart answer-issue - Why an answer is not used, under its question.
 * @csspart records - A timeline's list of records.
 * @csspart record - One record of a timeline.
 * @csspart today-error - The notice that `today` is no valid date.
 * @csspart removed-answers - Answers to questions the loaded rules do not have (kept, not used).
 * @csspart kept-answers - The list inside `removed-answers`.
 * @csspart side - The column with the advice, "Wat nu telt" and the decision (sticky when beside the questions).
 * @csspart outcomes - The advice: one `outcome` per outcome of the rules.
 * @csspart outcome - One outcome (`data-outcome`, `data-status`; `data-provisional` while provisional).
 * @csspart outcome-value - An outcome's values in words (`data-values` holds their ids).
 * @csspart badge - The "voorlopig" / "provisional" badge.
 * @csspart reasons - "Waarom?": the rules, conditions and sources behind an outcome.
 * @csspart could-add - What a list outcome could still get ("Kan nog bij komen").
 * @csspart outcome-decision - An outcome's decision in words (shown in print).
 * @csspart handover - A handover of responsibility, from whom to whom.
 * @csspart handover-missing - What a handover still lacks.
 * @csspart matters-next - "Wat nu telt": the open questions ranked by what their answer could change.
 * @csspart next-change - What one open question could change.
 * @csspart more-questions - The other open questions ("Meer vragen").
 * @csspart decision - The decision panel.
 * @csspart decision-status - Where the decision stands (`data-decision`).
 * @csspart decision-outcomes - The decision per outcome (a list).
 * @csspart decision-outcome - One outcome's decision (`data-outcome`, `data-decision`).
 * @csspart advice-line - The advice being confirmed, in one line.
 * @csspart override-form - The form to decide otherwise on one outcome.
 * @csspart override-values - The actions to tick in an override of a list outcome.
 * @csspart decision-error - What an override still needs before it can be saved.
 * @csspart tools - The buttons to copy the summary.
 * @csspart summary - The summary to select and copy when the clipboard refused.
 * @csspart summary-label - The label of that summary.
 * @csspart summary-print - The whole summary, for print only.
 * @csspart ruleset - The footer naming the rules (id, version, `data-hash`).
 * @csspart note - The rules' note (e.g. "voorbeeld, geen officiële richtlijn").
 * @csspart error - Why the widget cannot give advice (`data-kind`; `data-fatal` after the engine failed).
 * @csspart fallback - Where the host's fallback content is shown.
 * @csspart live - The polite live status (visually hidden).
 *
 * @cssprop --regiewijzer-color-text - Text colour (else `--utrecht-document-color`, `--basis-color-default-color-document`, #1a1a1a).
 * @cssprop --regiewijzer-color-background - Background colour (else `--utrecht-document-background-color`, `--basis-color-default-bg-document`, #ffffff).
 * @cssprop --regiewijzer-color-accent - Accent (buttons, focus of choice); default the host's primary button colour mixed with the text colour.
 * @cssprop --regiewijzer-color-accent-text - Text on an accent fill; default the background colour.
 * @cssprop --regiewijzer-color-border - Borders of controls (else `--utrecht-form-control-border-color`, #5c5c5c).
 * @cssprop --regiewijzer-color-muted - Muted fills (#f3f3f3).
 * @cssprop --regiewijzer-color-error - Errors; default `--utrecht-feedback-invalid-color` mixed with the text colour.
 * @cssprop --regiewijzer-color-provisional - The bar beside a provisional outcome.
 * @cssprop --regiewijzer-color-provisional-background - The provisional badge's background (#fff3cd).
 * @cssprop --regiewijzer-color-provisional-text - The provisional badge's text (#5c3d00).
 * @cssprop --regiewijzer-focus-color - The focus ring; default the text colour.
 * @cssprop --regiewijzer-font-family - Font (else `--utrecht-document-font-family`, system-ui).
 */
export class RegieWijzer extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ["rules", "lang", "today", "required", "heading-level", "omit"];

  #internals;
  #shadow;
  #st = initial();
  /** The drawn DOM (null while none is drawn): parts the patches reach. */
  #view = null;
  /** What the form submits: the last value as JSON (`null` before the first). */
  #json = null;
  #source = null;
  #generation = 0;
  #starting = null;
  /** The compiled rules now loaded (`undefined`: the shipped default), kept to reload the engine after a
   * move without fetching again, with the key of where they came from. */
  #rules = { key: NO_RULES, model: undefined };
  #pendingRestore = null;
  /** Why the widget cannot give advice now (start or rules), or null. */
  #failure = null;
  #badToday = null;
  #formDisabled = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#shadow = this.attachShadow({ mode: "open" });
    for (const kind of ["input", "change", "click"]) this.#shadow.addEventListener(kind, (e) => this.#onEvent(e));
    // A property the host set before this element was defined is an own property now: hand it to the setter.
    for (const p of UPGRADED) {
      if (!Object.hasOwn(this, p)) continue;
      const v = this[p];
      delete this[p];
      this[p] = v;
    }
  }

  // ---------- lifecycle ----------

  connectedCallback() {
    live.add(this);
    if (broken) {
      this.#broke();
      return;
    }
    if (!this.#st.engine) this.#starting = this.#start();
    this.#sync();
  }

  disconnectedCallback() {
    live.delete(this);
    // A move (removed and added in the same task) keeps everything; a removal frees the engine.
    queueMicrotask(() => {
      if (!this.isConnected) this.#release();
    });
  }

  /** Frees what the widget holds in wasm; the state (answers, decisions, what is typed) stays for a re-add. */
  #release() {
    this.#generation++;
    if (this.#view) keepDraft(this.#shadow, this.#st);
    if (!broken) this.#st.engine?.free();
    this.#st.engine = null;
    clearTimeout(this.#summaryTimer);
    cancelAnimationFrame(this.#rankFrame);
    clearTimeout(this.#rankTimer);
    this.#summaryTimer = this.#rankFrame = this.#rankTimer = 0;
  }

  /** Loads the engine and the rules, then draws. A newer start (the rules changed again) wins. */
  async #start() {
    const generation = ++this.#generation;
    let glue;
    try {
      glue = await start();
    } catch (e) {
      if (generation === this.#generation) this.#failStart(e instanceof StartError ? e : new StartError("start", String(e)));
      return;
    }
    this.#shadow.adoptedStyleSheets = [await styles()];
    const key = this.#source ?? `rules:${this.getAttribute("rules")}`;
    const rules = key === this.#rules.key ? { model: this.#rules.model } : await this.#fetchRules(glue);
    if (generation !== this.#generation || broken || !this.isConnected) return;
    if (rules.problem || (!rules.model && rules.diagnostics)) {
      this.#rulesFailed(rules.problem ?? { kind: "rules", url: rules.url ?? null }, rules.diagnostics ?? []);
      return;
    }
    this.#guard(() => this.#loaded(glue, rules.model ?? undefined, key));
  }

  /** The rules to load: `{}` for the shipped default, `{model}`, `{diagnostics, url}` or `{problem}`. An
   * empty `rules` attribute is a host's mistake, said in words; no attribute means the shipped example. */
  async #fetchRules(glue) {
    if (this.#source != null) return compile(this.#source, glue);
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
    const compiled = await compile(fetched.bytes, glue);
    return { ...compiled, url, problem: compiled.problem && { ...compiled.problem, url } };
  }

  /** New rules are usable: the new engine takes over the answers (also to questions the new rules do
   * not have: kept and reported), the decisions and an override being typed. */
  #loaded(glue, model, key) {
    let engine;
    try {
      engine = load(glue, model);
    } catch (e) {
      if (e instanceof Trap) throw e;
      this.#rulesFailed({ kind: "rules", url: null }, []);
      return;
    }
    const st = this.#st;
    if (this.#view) keepDraft(this.#shadow, st);
    st.engine?.free();
    st.engine = engine;
    this.#rules = { key, model };
    this.#failure = null;
    st.checklist = call(engine, (e) => e.checklist());
    this.#readAttributes();
    evaluate(st);
    if (this.#pendingRestore) this.#restore(this.#pendingRestore);
    this.#pendingRestore = null;
    this.#draw();
    this.#commit(null);
  }

  #readAttributes() {
    this.#st.lang = this.#lang();
    const given = this.getAttribute("today");
    const valid = given != null && isDate(given);
    this.#st.today = valid ? given : localToday();
    this.#badToday = given == null || valid ? null : given;
  }

  // ---------- drawing ----------

  /** Draws the whole widget for the loaded rules and language (then only patched, until the next). */
  #draw() {
    const st = this.#st;
    const w = words(st.lang);
    const lang = st.lang;
    const focusAgain = this.#focusSelector();
    if (this.#view) keepDraft(this.#shadow, st);
    const level = this.headingLevel;
    const { root: checklist, index } = buildChecklist(st.checklist, w, lang, level);
    const advice = buildAdvice(w, level, st.checklist.ruleset.title[lang]);
    const decision = buildDecision(w, level);
    const summary = h("textarea", { id: "rw-summary", part: "summary", readonly: true, rows: "6" });
    // On paper a textarea shows only its rows: the whole summary is printed from this copy instead.
    const printed = h("pre", { part: "summary-print", "aria-hidden": "true" });
    const liveStatus = h("p", { part: "live", role: "status", "aria-live": "polite" });
    const removed = h("div", { part: "removed-answers", role: "status" });
    const today = h("p", { part: "today-error", role: "alert" });
    const ruleset = st.checklist.ruleset;
    const widget = h("div", { part: "widget", lang }, [
      checklist,
      // The advice, what matters next and the decision: one column that stays in view where there is room.
      h("div", { part: "side" }, [advice.panel, advice.next, decision.panel]),
      h("div", { part: "tools" }, [button("copy", w.copy), h("label", { for: "rw-summary", part: "summary-label" }, [w.summary]), summary, printed]),
      h("p", { part: "ruleset", "data-hash": ruleset.hash },
        [`${w.ruleset} ${ruleset.title[lang]} (${ruleset.id}) ${w.version} ${ruleset.version} · ${ruleset.hash}`]),
      h("p", { part: "note" }, [st.checklist.note ? `${st.checklist.note[lang]} ${w.disclaimer}` : w.disclaimer]),
      liveStatus,
    ]);
    const frame = h("fieldset", { part: "frame", disabled: this.#formDisabled }, [widget]);
    this.#view = { frame, widget, index, advice, decision, summary, printed, live: liveStatus, removed, today, removedKey: null };
    this.#shadow.replaceChildren(frame);
    const ctx = this.#ctx();
    for (const [id, entry] of index) writeAnswer(entry, st.answers[id], ctx);
    this.#patch();
    this.#patchToday();
    this.#refreshSummary();
    if (focusAgain) this.#shadow.querySelector(focusAgain)?.focus();
  }

  /** A selector for the focused control that finds its counterpart after a redraw (by id, or by action
   * and outcome), or null. */
  #focusSelector() {
    const active = this.#shadow.activeElement;
    if (!active) return null;
    if (active.id) return `#${CSS.escape(active.id)}`;
    const { action, outcome } = active.dataset ?? {};
    if (!action) return null;
    return `[data-action="${CSS.escape(action)}"]${outcome ? `[data-outcome="${CSS.escape(outcome)}"]` : ""}`;
  }

  #ctx() {
    const st = this.#st;
    const labels = new Map();
    for (const s of st.checklist?.sections ?? []) for (const f of s.facts) labels.set(f.id, f.label);
    return { w: words(st.lang), lang: st.lang, today: st.today, labels, level: this.headingLevel, omit: new Set(this.omit) };
  }

  /** Patches what the last evaluation changed: questions, advice, decisions, removed answers. Returns the
   * answer problems that are new (for the live status). */
  #patch() {
    const view = this.#view;
    const st = this.#st;
    if (!view || !st.evaluation) return [];
    const ctx = this.#ctx();
    const problems = patchQuestions(view.index, st.evaluation, ctx);
    patchAdvice(view.advice, st.evaluation, ctx);
    patchDecision(view.decision, st, ctx);
    patchOutcomeDecisions(view.advice, st, ctx);
    this.#patchRemoved(ctx);
    if (!st.ranked) this.#scheduleRank();
    return problems;
  }

  #rankFrame = 0;
  #rankTimer = 0;
  /** What matters next (ranked) and the actions that could still be added, a task after the outcome is
   * painted: it costs many times what the outcome does. A newer answer before then is ranked instead. */
  #scheduleRank() {
    if (this.#rankFrame || this.#rankTimer) return;
    // After the next frame: the outcome is painted first, whatever else the page has queued.
    this.#rankFrame = requestAnimationFrame(() => {
      this.#rankFrame = 0;
      this.#rankTimer = setTimeout(() => {
        this.#rankTimer = 0;
        this.#guard(() => {
          rank(this.#st);
          this.#patch();
        });
      });
    });
  }

  /** The answers to questions these rules do not have: kept, shown and listed. */
  #patchRemoved({ w }) {
    const view = this.#view;
    const ids = removedAnswers(this.#st);
    const shown = ids.map((id) => {
      const v = this.#st.answers[id];
      const text = Array.isArray(v) ? `${v.length} × ${w.records}` : typeof v === "boolean" ? (v ? w.yes : w.no) : String(v);
      return `${id}: ${text}`;
    });
    const key = JSON.stringify([w.removedAnswers, shown]);
    if (view.removedKey === key) return;
    view.removedKey = key;
    // Present only while there are any (hosts and tests look for the part itself).
    if (!ids.length) view.removed.remove();
    else if (!view.removed.isConnected) view.widget.querySelector("[part=checklist]").before(view.removed);
    view.removed.replaceChildren(h("p", {}, [w.removedAnswers]), h("ul", {}, shown.map((s) => h("li", {}, [s]))));
  }

  /** The notice that the host's `today` is not a date and the device's date is used. */
  #patchToday() {
    if (this.#view) this.#patchTodayIn(this.#view.today, this.#view.widget);
  }

  #summaryTimer = 0;
  /** The summary is kept current for copying and on paper; after an answer it is refreshed a task later
   * (it is not part of what an answer paints). */
  #scheduleSummary() {
    this.#summaryTimer ||= setTimeout(() => {
      this.#summaryTimer = 0;
      this.#guard(() => this.#refreshSummary());
    });
  }

  #refreshSummary() {
    if (!this.#view) return;
    const text = this.#summaryText();
    this.#view.summary.value = text;
    setText(this.#view.printed, text);
  }

  #summaryText() {
    const st = this.#st;
    if (broken || !st.engine) return "";
    return call(st.engine, (e) => e.summary(st.answers, st.today, decisionInputs(st.decisions), st.lang));
  }

  /** Says in the live status, in one short sentence, which outcomes an answer changed, after a problem
   * with the answer itself when it has one. */
  #announce(before, problems = []) {
    const { w, lang } = this.#ctx();
    const changed = (this.#st.evaluation?.outcomes ?? []).filter((o) => {
      const b = before?.outcomes.find((x) => x.id === o.id);
      return !b || b.status !== o.status || b.provisional !== o.provisional || !same(b.values, o.values);
    });
    if ((!changed.length && !problems.length) || !this.#view) return;
    const named = changed.slice(0, LIVE_NAMED)
      .map((o) => `${o.label[lang]}: ${cut(valueText(o, w, lang), 60)}${o.provisional ? `, ${w.provisional}` : ""}`);
    if (changed.length > LIVE_NAMED) named.push(fill(w.andMore, { n: String(changed.length - LIVE_NAMED) }));
    this.#say([...problems, ...(named.length ? [`${named.join("; ")}.`] : [])].join(" "));
  }

  #say(text) {
    if (this.#view) setText(this.#view.live, text);
  }

  // ---------- the professional's actions ----------

  #onEvent(event) {
    if (broken || !this.#st.engine || !this.#view) return;
    const target = event.target;
    if (!(target instanceof Element) || !target.isConnected) return;
    this.#guard(() => {
      if (event.type === "click") this.#onClick(target);
      else if (!target.closest("[part=decision]")) this.#onInput(target);
    });
  }

  /** An answer typed or chosen: one evaluation and one `regiewijzer-change`, none when nothing changed
   * (the `change` that follows an `input`). */
  #onInput(target) {
    const q = target.closest("[part=question]");
    const entry = q && this.#view.index.get(q.dataset.fact);
    // Only a question drawn now: a field that a redraw removes may still fire its `change` on the way out.
    if (entry?.el === q) this.#answer(entry.fact.id, readAnswer(entry));
  }

  /** `said`: what the action itself did, said before what it changed ("Registratie 3 toegevoegd."). */
  #answer(id, answer, said = "") {
    if (same(this.#st.answers[id], answer)) return;
    this.#st.answers = withAnswer(this.#st.answers, id, answer);
    this.#evaluated(said);
    this.#commit("regiewijzer-change");
  }

  /** Evaluates (one call into the engine) and patches what changed. */
  #evaluated(said = "") {
    const before = this.#st.evaluation;
    evaluate(this.#st);
    const problems = this.#patch();
    this.#announce(before, said ? [said, ...problems] : problems);
    this.#scheduleSummary();
  }

  #onClick(target) {
    const b = target.closest("[data-action]");
    const action = b?.dataset.action;
    if (action === "confirm") this.#confirm();
    else if (action === "override") this.#openOverride(b.dataset.outcome);
    else if (action === "cancel-override") this.#cancelOverride();
    else if (action === "save-override") this.#saveOverride();
    else if (action === "copy") this.#copy();
    else if (action === "focus") this.#shadow.querySelector(`[part=question][data-fact="${CSS.escape(b.dataset.target)}"] :is(input, select)`)?.focus();
    else if (["no-records", "add-record", "remove-record"].includes(action)) this.#records(b, action);
  }

  /** "Bevestig advies": every outcome not decided yet; the keyboard goes to the list of decisions. */
  #confirm() {
    confirmAll(this.#st);
    this.#decided(words(this.#st.lang).confirmed);
    this.#view.decision.list.focus();
  }

  /** After a decision: patch the panel, refresh the summary, say it, submit it, tell the host. */
  #decided(sentence) {
    patchDecision(this.#view.decision, this.#st, this.#ctx());
    patchOutcomeDecisions(this.#view.advice, this.#st, this.#ctx());
    this.#refreshSummary();
    this.#say(sentence);
    this.#commit("regiewijzer-confirm");
  }

  /** "Wijk af": opens that outcome's form (closing another one), the keyboard on its first field. */
  #openOverride(outcome) {
    const st = this.#st;
    if (st.draft?.outcome !== outcome) st.draft = { outcome, values: [], code: "", text: "", touched: false };
    patchDecision(this.#view.decision, st, this.#ctx());
    this.#shadow.querySelector("[part=override-form] [data-field]")?.focus();
  }

  #toggle(outcome) {
    return this.#shadow.querySelector(`[data-action=override][data-outcome="${CSS.escape(outcome)}"]`);
  }

  /** "Annuleer": closes the form without saving; the keyboard back on its "Wijk af". */
  #cancelOverride() {
    const outcome = this.#st.draft?.outcome;
    this.#st.draft = null;
    patchDecision(this.#view.decision, this.#st, this.#ctx());
    this.#say(words(this.#st.lang).liveCancel);
    if (outcome) this.#toggle(outcome)?.focus();
  }

  /** "Leg afwijking vast": records the override when complete, else says what is missing at its field. */
  #saveOverride() {
    const st = this.#st;
    const now = typed(this.#shadow);
    if (!now) return;
    const problem = saveOverride(st, now);
    const w = words(st.lang);
    if (problem) {
      keepDraft(this.#shadow, st);
      showError(this.#shadow, problem.message?.[st.lang] ?? w.chooseOverride, problem.field);
      return;
    }
    const label = st.evaluation.outcomes.find((o) => o.id === now.outcome)?.label[st.lang] ?? now.outcome;
    this.#decided(fill(w.liveOverride, { outcome: label }));
    this.#toggle(now.outcome)?.focus();
  }

  #copy() {
    const text = this.#summaryText();
    const area = this.#view.summary;
    area.value = text;
    const { w } = this.#ctx();
    // Said in the live status either way: copied, or selected for the professional to copy.
    const fallback = () => { area.focus(); area.select(); this.#say(w.copySelected); };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(() => this.#say(w.copied), fallback);
    else fallback();
  }

  /** A timeline row added or removed, or "none" said: the rows are redrawn, the keyboard stays there. */
  #records(b, action) {
    const q = b.closest("[part=question]");
    const entry = q && this.#view.index.get(q.dataset.fact);
    if (!entry) return;
    const id = entry.fact.id;
    const next = action === "no-records" ? []
      : changedRecords(this.#st.answers[id], action, entry.fact, this.#st.today, Number(b.dataset.index));
    const { w } = this.#ctx();
    buildRecords(entry, next, this.#ctx());
    const n = action === "add-record" ? next.length : Number(b.dataset.index) + 1;
    const said = action === "add-record" ? fill(w.recordAdded, { n: String(n) })
      : action === "remove-record" ? fill(w.recordRemoved, { n: String(n) }) : "";
    this.#answer(id, next, said);
    // After "Voeg toe" the keyboard goes into the new record (its first field); else to "Voeg toe".
    const target = action === "add-record" ? [...entry.el.querySelectorAll("[part=record]")].at(-1)?.querySelector("[data-field]") : null;
    (target ?? entry.el.querySelector("[data-action=add-record]"))?.focus();
  }

  // ---------- value, form and events ----------

  /** Stores the value for the form and, for a professional's action, tells the host (`eventName`). */
  #commit(eventName) {
    const v = value(this.#st);
    if (v) this.#json = JSON.stringify(v);
    this.#sync();
    if (eventName && v) this.dispatchEvent(new CustomEvent(eventName, { bubbles: true, composed: true, detail: this.value }));
  }

  /** The last value, as the form submits it (a copy). */
  #last() {
    return this.#json == null ? null : JSON.parse(this.#json);
  }

  /** Form value and validity. While the widget cannot give advice it never blocks the form. */
  #sync() {
    this.#internals.setFormValue(this.#json, this.#json);
    const blocks = !broken && !this.#failure && this.hasAttribute("required") && !allDecided(this.#st);
    if (!blocks) {
      this.#internals.setValidity({});
      return;
    }
    const anchor = this.#view?.decision.confirm.isConnected ? this.#view.decision.confirm : undefined;
    this.#internals.setValidity({ valueMissing: true }, words(this.#lang()).required, anchor);
  }

  #error(detail) {
    this.dispatchEvent(new CustomEvent("regiewijzer-error", { bubbles: true, composed: true, detail }));
  }

  // ---------- failure ----------

  /** Runs `f`; a trap of the engine puts every widget on the page into the error state. */
  #guard(f) {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      RegieWijzer.#breakAll(e);
      return undefined;
    }
  }

  static #breakAll(error) {
    if (broken) return;
    broken = error;
    for (const el of live) el.#broke();
  }

  /** The error state: never call the engine again; keep the last value in the form and show its answers. */
  #broke() {
    if (this.#shadow.querySelector("[data-fatal]")) return;
    this.#generation++;
    this.#st.engine = null;
    this.#view = null;
    const w = words(this.#lang());
    const answers = this.#last()?.answers ?? this.#st.answers;
    this.#shadow.replaceChildren(...brokenBox(w, answers));
    this.#sync();
    const message = (m) => `${m.broken} ${m.kept}`;
    this.#error({ message: { nl: message(NL), en: message(EN) }, diagnostics: [], fatal: true, answers: { ...answers } });
  }

  /** The engine could not start (its wasm is missing, or refused by the page's CSP): words, the host's
   * fallback content, a value that says so, and `regiewijzer-error`. */
  #failStart(error) {
    this.#failure = error;
    this.#view = null;
    this.#shadow.replaceChildren(...startError(words(this.#lang()), error));
    const message = { nl: startMessage(NL, error), en: startMessage(EN, error) };
    this.#json ??= JSON.stringify(unavailableValue(error.kind, message, this.#st.answers));
    this.#sync();
    this.#error({ message, diagnostics: [], kind: error.kind, url: null, status: error.status ?? null });
  }

  /** Rules that cannot be used: their errors in words, the host's fallback content; the form keeps the
   * last value (or, when there never was one, a value that says so) until usable rules come back. */
  #rulesFailed(problem, diagnostics) {
    const st = this.#st;
    if (this.#view) keepDraft(this.#shadow, st);
    st.engine?.free();
    Object.assign(st, { engine: null, checklist: null, evaluation: null });
    this.#rules = { key: NO_RULES, model: undefined };
    this.#failure = problem;
    this.#readAttributes();
    const widget = h("div", { part: "widget", lang: st.lang }, [rulesError(words(st.lang), st.lang, problem, diagnostics), fallbackSlot()]);
    this.#view = null;
    this.#shadow.replaceChildren(widget);
    this.#patchTodayIn(h("p", { part: "today-error", role: "alert" }), widget);
    const detail = rulesDetail(problem, diagnostics);
    this.#json ??= JSON.stringify(unavailableValue(problem.kind, detail.message, st.answers));
    this.#sync();
    this.#error(detail);
  }

  /** Shows (first in `widget`) or removes the notice that the host's `today` is not a date and the
   * device's date is used. */
  #patchTodayIn(notice, widget) {
    const lang = this.#st.lang;
    if (this.#badToday == null) {
      notice.remove();
      return;
    }
    setText(notice, todayNotice(words(lang), cut(this.#badToday, 40), dateShown(this.#st.today, lang)));
    if (!notice.isConnected) widget.prepend(notice);
  }

  // ---------- the host's side ----------

  #lang() {
    const own = this.getAttribute("lang");
    const near = own ?? this.parentElement?.closest("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "nl";
    return near.toLowerCase().startsWith("en") ? "en" : "nl";
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || broken) return;
    if (name === "rules") {
      if (this.isConnected && this.#source == null) this.#starting = this.#start();
      return;
    }
    if (name === "required") {
      this.#sync();
      return;
    }
    if (!this.#st.engine) return;
    this.#guard(() => {
      // Other questions shown: the answers, the evaluation, the value and the focus stay.
      if (name === "omit") return this.#patch();
      this.#readAttributes();
      if (name === "lang" || name === "heading-level") this.#draw();
      else {
        evaluate(this.#st);
        this.#patch();
        this.#patchToday();
        this.#refreshSummary();
      }
      this.#commit(null);
    });
  }

  formDisabledCallback(disabled) {
    this.#formDisabled = disabled;
    if (this.#view) setAttr(this.#view.frame, "disabled", disabled);
  }

  formResetCallback() {
    if (broken) return;
    Object.assign(this.#st, { answers: {}, decisions: {}, draft: null });
    this.#hostChanged();
  }

  formStateRestoreCallback(state) {
    if (typeof state !== "string" || broken) return;
    let v;
    try {
      v = JSON.parse(state);
    } catch {
      return; // a state we cannot read is not restored
    }
    if (!v || typeof v !== "object") return;
    if (!this.#st.engine) {
      this.#pendingRestore = v;
      return;
    }
    this.#guard(() => {
      this.#restore(v);
      this.#hostDrawn();
    });
  }

  /** Answers and decisions from a restored value (after evaluating its answers). */
  #restore(v) {
    const st = this.#st;
    st.answers = normalise(plain(v.answers ?? {}));
    evaluate(st);
    st.decisions = restoredDecisions(st, v);
  }

  /** The host changed the answers (set, reset): evaluate, write the controls, no event. */
  #hostChanged() {
    if (!this.#st.engine) return;
    this.#guard(() => {
      evaluate(this.#st);
      this.#hostDrawn();
    });
  }

  /** Writes the controls from the state (what the host set), patches the rest; no event. */
  #hostDrawn() {
    if (this.#view) {
      const ctx = this.#ctx();
      for (const [id, entry] of this.#view.index) writeAnswer(entry, this.#st.answers[id], ctx);
    }
    this.#patch();
    this.#refreshSummary();
    this.#commit(null);
  }

  /** The answers: question id → value (a copy). Setting them (`null`: none) fires no event.
   * @type {Record<string, Answer>} */
  get answers() {
    if (broken) return { ...(this.#last()?.answers ?? this.#st.answers) };
    return structuredClone(this.#st.answers);
  }

  set answers(v) {
    if (v != null && (typeof v !== "object" || Array.isArray(v))) {
      throw new TypeError("regie-wijzer: antwoorden moeten een object zijn (vraag-id → waarde) / answers must be an object (question id → value)");
    }
    // Read here, in JS: what the host's object throws is thrown to the host, never inside the engine.
    const answers = normalise(plain(v ?? {}));
    if (broken) return;
    this.#st.answers = answers;
    this.#hostChanged();
  }

  /** Rules source text used instead of the `rules` file; `null` or `''` for none (then the `rules`
   * attribute counts). Setting it reloads the rules and keeps the answers.
   * @type {string | null} */
  get rulesSource() {
    return this.#source;
  }

  set rulesSource(text) {
    const next = text == null || text === "" ? null : String(text);
    if (next === this.#source) return;
    this.#source = next;
    if (this.isConnected && !broken) this.#starting = this.#start();
  }

  /** What the form submits (a copy); `null` before the first rules load.
   * @type {RegieWijzerValue | RegieWijzerUnavailableValue | null} */
  get value() {
    return this.#last();
  }

  /**
   * The value (`value`) as a FHIR R4 `QuestionnaireResponse` to the rules' `Questionnaire` (docs/fhir.md),
   * made by the rules-core API, which is loaded on demand. Rejects with `{nl, en}` when there is no value
   * of usable rules.
   */
  async toQuestionnaireResponse() {
    const value = this.value;
    const model = this.#rules.model;
    return withCoreRules(await start(), model, (rules) => rules.questionnaireResponse(value));
  }

  /** The loaded rules' checklist as a FHIR R4 `Questionnaire` (docs/fhir.md); see
   * {@link toQuestionnaireResponse}. */
  async toQuestionnaire() {
    const model = this.#rules.model;
    return withCoreRules(await start(), model, (rules) => rules.questionnaire());
  }

  /** The ruleset's identity.
   * @type {{ id: string; version: string; hash: string } | null} */
  get ruleset() {
    return this.value?.ruleset ?? null;
  }

  /** The plain-text summary for a dossier, in the widget's language.
   * @type {string} */
  get summary() {
    return this.#guard(() => this.#summaryText()) ?? "";
  }

  /** Resolves when the rules are loaded and the widget is drawn (or says why not).
   * @type {Promise<void>} */
  get ready() {
    return this.#starting ?? Promise.resolve();
  }

  /** The `name` attribute: the form field's name (`null` removes it). @type {string | null} */
  get name() { return this.getAttribute("name"); }
  set name(v) { this.#reflect("name", v); }
  /** The `today` attribute: the date the rules use, `YYYY-MM-DD` (`null`: the device's date). @type {string | null} */
  get today() { return this.getAttribute("today"); }
  set today(v) { this.#reflect("today", v); }
  /** The `rules` attribute: the URL of a rules file (`null`: the shipped rules). @type {string | null} */
  get rules() { return this.getAttribute("rules"); }
  set rules(v) { this.#reflect("rules", v); }
  /** The `required` attribute: invalid until every outcome is decided. @type {boolean} */
  get required() { return this.hasAttribute("required"); }
  set required(v) { this.toggleAttribute("required", Boolean(v)); }
  /** The level of the widget's own headings ("Vragenlijst", "Advies", "Besluit"; the outcomes one
   * below): the `heading-level` attribute, a whole number 1–6, default 2 (anything else counts as 2).
   * @type {number} */
  get headingLevel() {
    const n = Number(this.getAttribute("heading-level"));
    return Number.isInteger(n) && n >= 1 && n <= 6 ? n : 2;
  }
  set headingLevel(v) { this.#reflect("heading-level", v); }
  /** The `omit` attribute as a list: the ids of questions the widget does not show (the host asks them
   * elsewhere); their answers still come from `answers`, count and stay in the value. Setting a list or a
   * space-separated text; `null` or `[]` removes the attribute. No event. @type {string[]} */
  get omit() { return this.getAttribute("omit")?.split(/\s+/).filter(Boolean) ?? []; }
  set omit(v) { this.#reflect("omit", [v ?? []].flat().join(" ").trim() || null); }
  /** The phases of a case in which the loaded rules are used (their `phases` line: the checklist's
   * `used_in`); `null`: every phase (no such line), or no rules loaded. @type {string[] | null} */
  get phases() {
    const p = this.#st.checklist?.used_in;
    return p ? [...p] : null;
  }
  /** The `disabled` attribute (a `<fieldset disabled>` around the element disables it too). @type {boolean} */
  get disabled() { return this.hasAttribute("disabled"); }
  set disabled(v) { this.toggleAttribute("disabled", Boolean(v)); }

  /** A text attribute from a property: `null`/`undefined` removes it. */
  #reflect(name, v) {
    if (v == null) this.removeAttribute(name);
    else this.setAttribute(name, String(v));
  }

  /** The form the element belongs to. @type {HTMLFormElement | null} */
  get form() { return this.#internals.form; }
  /** `"regie-wijzer"`, as a native control's `type`. @type {string} */
  get type() { return this.localName; }
  /** @type {ValidityState} */
  get validity() { return this.#internals.validity; }
  /** @type {string} */
  get validationMessage() { return this.#internals.validationMessage; }
  /** @type {boolean} */
  get willValidate() { return this.#internals.willValidate; }
  /** As a native control's: false (and an `invalid` event) while `required` and not every outcome decided.
   * @returns {boolean} */
  checkValidity() { return this.#internals.checkValidity(); }
  /** As `checkValidity`, and the browser shows why. @returns {boolean} */
  reportValidity() { return this.#internals.reportValidity(); }
}

if (!customElements.get("regie-wijzer")) customElements.define("regie-wijzer", RegieWijzer);

// On paper every reason is shown: open all "Waarom?" sections before printing.
addEventListener("beforeprint", () => {
  for (const el of document.querySelectorAll("regie-wijzer")) {
    for (const d of el.shadowRoot?.querySelectorAll("details[part=reasons]") ?? []) d.open = true;
  }
});
