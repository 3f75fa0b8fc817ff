// The rule authors' playground: edit a ruleset, see it checked, previewed in the real <regie-wijzer>,
// tested, covered, analysed and compared, all in this page. Nothing is sent anywhere: the shipped
// rulesets are bundled in, files are opened and saved through the browser, and a share link carries the
// text compressed in its fragment (which browsers never send to a server).
import { EditorState, StateEffect, StateField, RangeSet } from "@codemirror/state";
import {
  EditorView, GutterMarker, gutter, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
  drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { autocompletion, closeBrackets, completionKeymap } from "@codemirror/autocomplete";
import {
  closeSearchPanel, highlightSelectionMatches, openSearchPanel, search, searchKeymap, searchPanelOpen,
} from "@codemirror/search";
import { lintKeymap, setDiagnostics } from "@codemirror/lint";
import { regelsSupport } from "./language.mjs";
import { EDITOR_PHRASES_NL, T, setLang, currentLang, translatePage } from "./i18n.mjs";
import { decodeShared, encodeShared } from "./share.mjs";
import { rulesPart } from "./rules-part.mjs";
import { Cancelled, Job } from "./jobs.mjs";
import { replayView } from "./replay-view.mjs";
import { loadWith, variantBase } from "./variants.mjs";
import { drawTrajectory, patchTrajectory } from "../../casus/picture.js";
import triage from "../../../rulesets/triage.regels";
import triageTests from "../../../rulesets/triage.tests.regels";
import escalatie from "../../../rulesets/escalatie.regels";
import escalatieTests from "../../../rulesets/escalatie.tests.regels";
import regie from "../../../rulesets/regie.regels";
import regieTests from "../../../rulesets/regie.tests.regels";
import drechtsteden from "../../../crates/regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.regels";
import drechtstedenTests from "../../../crates/regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.tests.regels";

// The rules core, compiled once: this page checks and tests with it; the workers (the analysis and the
// comparison) get the same compiled module, so that starting one again needs no request.
const CORE = new URL("../../../pkg/core/", import.meta.url);
const core = await import(new URL("regiewijzer_core.js", CORE).href);
const coreModule = await WebAssembly.compile(await (await fetch(new URL("regiewijzer_core_bg.wasm", CORE))).arrayBuffer());
await core.default({ module_or_path: coreModule });

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else if (k === "onclick") e.addEventListener("click", v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
};
const msg = (text) => (text ? text[currentLang()] ?? text.nl : "");

/** A shipped ruleset as one text: the rules, then their tests as `test` blocks. */
function withTests(rules, tests) {
  const body = tests.replace(/^tests for [A-Za-z_][A-Za-z0-9_]*\s*\n/m, "");
  return `${rules.trimEnd()}\n\n# Tests (uit / from rulesets/*.tests.regels)\n${body}`;
}
export const SHIPPED = {
  triage: { rules: triage, text: withTests(triage, triageTests) },
  escalatie: { rules: escalatie, text: withTests(escalatie, escalatieTests) },
  regie: { rules: regie, text: withTests(regie, regieTests) },
};
/** The shipped rulesets' rules by id: the bases a variant in the editor can have (variants.mjs). */
const BASES = Object.fromEntries(Object.entries(SHIPPED).map(([id, s]) => [id, s.rules]));
/** What "Begin met" can start from: the shipped rulesets, and a region's variant of the triage (the example
 * of docs/language.md, "Variants", with its tests). */
const STARTS = { ...SHIPPED, triage_drechtsteden: { text: withTests(drechtsteden, drechtstedenTests) } };

// The workers get the compiled rules core and the bases of a variant in their first message.
const analysisJob = new Job({ module: coreModule, shipped: BASES });
const compareJob = new Job({ module: coreModule, shipped: BASES });
const replayJob = new Job({ module: coreModule, shipped: BASES });

// ---------- state ----------
let ruleset = null; // the last valid version (with its tests)
let rules = { text: "", hash: "" }; // its rules without the tests: what a rules file holds, and their hash
let lastAnalysis = null;
let lastTests = null;
let lastCoverage = null;
let lastDiff = null;
let lastReplay = null;
let casesFile = null; // { name, bytes }: the cases to replay, only in this page (the file's bytes: the rules
// core reads them as they are, without a copy into a JS string and back)
let lastDiags = [];
let lastTrajectory = null;
let trajectoryFigure = null;
let baselineFile = null; // { name, text }
let baselineChosen = false; // until the author chooses, the baseline is the shipped ruleset the text starts from
let variant = null; // what the text's header says about its base (variants.mjs), null when it is no variant
const today = () => $("today").value || new Date().toISOString().slice(0, 10);

// ---------- gutters: rules no test makes fire, tests that fail ----------
/** A gutter of markers that the page sets as a whole (`set(view, markers)`), kept in place while typing. */
function markerGutter(className, spacer) {
  const effect = StateEffect.define();
  const field = StateField.define({
    create: () => RangeSet.empty,
    update(set, tr) {
      set = set.map(tr.changes);
      for (const e of tr.effects) if (e.is(effect)) set = e.value;
      return set;
    },
  });
  const extension = [field, gutter({ class: className, markers: (v) => v.state.field(field), initialSpacer: () => spacer })];
  /** Markers (GutterMarker) at lines (from 1) of the document, as `[[line, marker], …]`. */
  const set = (view, markers) => {
    const doc = view.state.doc;
    const ranges = markers.filter(([l]) => l >= 1 && l <= doc.lines).sort(([a], [b]) => a - b)
      .map(([l, m]) => m.range(doc.line(l).from));
    view.dispatch({ effects: effect.of(RangeSet.of(ranges)) });
  };
  return { extension, set };
}

/** A marker with a visible sign and, for assistive technology, a name (and the same as a tooltip). */
class NamedMarker extends GutterMarker {
  constructor(sign, className, name) {
    super();
    Object.assign(this, { sign, className: className, name });
  }
  eq(other) {
    return other.sign === this.sign && other.name === this.name;
  }
  toDOM() {
    return el("span", { class: this.className, role: "img", ariaLabel: this.name, title: this.name, textContent: this.sign });
  }
}
const uncoveredMarker = () => new NamedMarker("◌", "pg-uncovered", T("uncoveredTitle"));
const coverageGutter = markerGutter("pg-coverage-gutter", new NamedMarker("◌", "", ""));
const failingGutter = markerGutter("pg-failing-gutter", new NamedMarker("✗", "", ""));

// ---------- editor ----------
// In a shadow root: CodeMirror then styles itself with constructable stylesheets, which the page's strict
// CSP (no inline styles) allows; in the document it would add <style> elements.
const editorRoot = $("editor").attachShadow({ mode: "open" });
const theme = EditorView.theme({
  "&": { height: "70vh", fontSize: "0.9rem", backgroundColor: "#fff", color: "#1a1a1a" },
  "&.cm-focused": { outline: "3px solid #1f4e8c", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace' },
  ".cm-gutters": { backgroundColor: "#f3f3f3", color: "#4a4a4a", borderRight: "1px solid #cfcfcf" },
  ".pg-coverage-gutter .cm-gutterElement": { color: "#8a4000", padding: "0 2px", minWidth: "1ch" },
  ".pg-failing-gutter .cm-gutterElement": { color: "#a3161a", fontWeight: "bold", padding: "0 2px", minWidth: "1ch" },
  ".cm-activeLine": { backgroundColor: "#eef4fb" },
  // The editor's panels (find and replace, go to line): every target at least 24 by 24 px (WCAG 2.5.8).
  ".cm-panel button, .cm-panel .cm-textfield": { minHeight: "24px", minWidth: "24px", boxSizing: "border-box" },
  ".cm-panel input[type=checkbox]": { width: "24px", height: "24px", margin: "0 0.25em 0 0", verticalAlign: "middle" },
  ".cm-panel label": { display: "inline-flex", alignItems: "center", marginRight: "0.5em" },
  ".cm-panel.cm-search [name=close]": { width: "24px", height: "24px", padding: "0", fontSize: "1.1rem", lineHeight: "1" },
  ".cm-activeLineGutter": { backgroundColor: "#dde7f3" },
});
// CodeMirror's own words in the page's language (English is its own): one object, filled for Dutch.
const editorPhrases = { ...EDITOR_PHRASES_NL };
const view = new EditorView({
  root: editorRoot,
  parent: editorRoot,
  state: EditorState.create({
    doc: "",
    extensions: [
      lineNumbers(), failingGutter.extension, coverageGutter.extension, highlightActiveLineGutter(), history(), drawSelection(),
      indentOnInput(), bracketMatching(), closeBrackets(), autocompletion(), highlightActiveLine(),
      highlightSelectionMatches(), search({ top: true }),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...completionKeymap, ...lintKeymap]),
      regelsSupport(), theme, EditorState.phrases.of(editorPhrases),
      EditorView.contentAttributes.of({ "aria-label": "Regels (.regels)", tabindex: "0" }),
      EditorView.updateListener.of((u) => { if (u.docChanged) schedule(); }),
    ],
  }),
});

// "Go to line" (Ctrl-Alt-G): after Enter the cursor is on that line, but inside a shadow root focus fell
// to the page body; a keyboard user must land in the editor.
editorRoot.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && e.target instanceof HTMLInputElement && e.target.name === "line") {
    setTimeout(() => view.focus(), 0);
  }
}, true);

/** Offset in the document of a line:column (both from 1, column in characters). */
function offsetOf(line, column) {
  const doc = view.state.doc;
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

function jumpTo(line, column = 1) {
  const at = offsetOf(line, column);
  view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  view.focus();
}

function setText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

// ---------- the pipeline: check, preview, tests, coverage; analysis a little later ----------
let timer = null;
let analysisTimer = null;
function schedule() {
  document.body.dataset.pending = "true";
  clearTimeout(timer);
  timer = setTimeout(update, 200);
}

function update() {
  try {
    check();
  } finally {
    document.body.dataset.pending = "false";
  }
}

function check() {
  const text = view.state.doc.toString();
  let diags;
  try {
    // A variant of a shipped ruleset is checked as a variant of it; of another ruleset, on its own (E701).
    variant = variantBase(core, text, BASES);
    diags = core.check(text, variant?.rules ?? undefined);
  } catch (e) {
    diags = [{ code: "E000", severity: "error", start: { line: 1, column: 1 }, end: { line: 1, column: 1 },
      message_nl: String(e), message_en: String(e) }];
  }
  showDiagnostics(diags);
  showVariantNote();
  const errors = diags.filter((d) => d.severity === "error").length;
  document.body.dataset.valid = errors === 0 ? "true" : "false";
  if (errors > 0) {
    $("preview-note").textContent = T("previewStale");
    return;
  }
  $("preview-note").textContent = "";
  try {
    ruleset?.free();
    ruleset = loadWith(core, text, variant?.rules);
  } catch {
    return;
  }
  rules = rulesOf(text);
  // The preview's element resolves a variant of a shipped ruleset itself (pkg/core carries them).
  $("preview").rulesSource = rules.text;
  // The header follows the text (also after Ctrl+Z), and so does the baseline until the author chooses one:
  // for a variant, its base, so that Vergelijk shows what the variant changes.
  showHeader();
  const start = ruleset.base?.id ?? ruleset.id;
  if (!baselineChosen && SHIPPED[start]) $("baseline").value = start;
  runTests();
  showTrajectory();
  clearTimeout(analysisTimer);
  // The analysis, and the replay of opened reports, follow the text a moment later (a newer run replaces one
  // still going on).
  analysisTimer = setTimeout(() => {
    runAnalysis();
    if (casesFile) runReplay();
  }, 500);
  // A comparison of an older text is of no use any more.
  compareJob.cancel();
  lastDiff = null;
  renderDiff();
}

/** The rules of `text` without its tests, and their hash (as `regiewijzer check` and the widget give it for
 * the rules file). Should the rules alone not load, the whole text stands in. */
function rulesOf(text) {
  const only = rulesPart(text);
  if (only === text) return { text, hash: ruleset.hash };
  try {
    const r = loadWith(core, only, variant?.rules);
    const hash = r.hash;
    r.free();
    return { text: only, hash };
  } catch {
    return { text, hash: ruleset.hash };
  }
}

/** The header: the rules' id, version and hash (tests apart: the one the portal shows for the rules file);
 * for a variant also its base's id, version and hash, which the identity of its advice names too. */
function showHeader() {
  if (!ruleset) return;
  const base = ruleset.base;
  const own = `${ruleset.id} ${ruleset.version} · ${rules.hash.slice(0, 19)}…`;
  $("ruleset-id").textContent = base ? `${own} · ${T("variantOf", base.id, base.version, `${base.hash.slice(0, 19)}…`)}` : own;
  $("ruleset-id").title = rules.hash;
}

/** Under the diagnostics: a variant of a ruleset the playground does not carry cannot be checked here. */
function showVariantNote() {
  const unknown = variant && variant.rules == null;
  $("variant-note").textContent = unknown ? T("variantUnknownBase", variant.base, variant.version, Object.keys(SHIPPED)) : "";
}

/** A diagnostic's (or a related place's) message in the page's language. */
const said = (d) => (currentLang() === "en" ? d.message_en : d.message_nl);

function showDiagnostics(diags) {
  lastDiags = diags;
  const doc = view.state.doc;
  const cm = diags.map((d) => {
    const from = offsetOf(d.start.line, d.start.column);
    let to = offsetOf(d.end.line, d.end.column);
    if (to <= from) to = Math.min(from + 1, doc.length);
    return {
      from, to, severity: d.severity === "error" ? "error" : "warning", source: d.code,
      message: [`${d.code}: ${said(d)}`, ...(d.related ?? []).map(said)].join(" — "),
    };
  });
  view.dispatch(setDiagnostics(view.state, cm));
  const list = $("diagnostics");
  list.replaceChildren();
  for (const d of diags) {
    const text = `${d.code} ${d.start.line}:${d.start.column} — ${said(d)}`;
    const item = el("li", { "data-code": d.code, "data-severity": d.severity },
      el("button", { type: "button", class: "pg-link", textContent: text, onclick: () => jumpTo(d.start.line, d.start.column) }));
    // A place that belongs to it (where a name was first declared): its own link, under the diagnostic.
    for (const r of d.related ?? []) {
      item.append(el("button", { type: "button", class: "pg-link pg-related", "data-related": "",
        textContent: said(r), onclick: () => jumpTo(r.start.line, r.start.column) }));
    }
    list.append(item);
  }
  const errors = diags.filter((d) => d.severity === "error").length;
  $("summary").textContent = T("summary", errors, diags.length - errors);
}

// ---------- tests and coverage ----------
function runTests() {
  if (!ruleset) return;
  try {
    lastTests = ruleset.runTests();
    lastCoverage = ruleset.coverage();
  } catch (e) {
    lastTests = { tests: [], diagnostics: [] };
    lastCoverage = null;
    $("tests-summary").textContent = String(e);
    return;
  }
  renderTests();
}

/** The gutters: ◌ where a rule or table row no test makes fire starts, ✗ where a failing test starts. */
function markGutters() {
  const lines = new Set((lastCoverage?.rules_not_fired ?? []).map(([, line]) => line));
  coverageGutter.set(view, [...lines].map((l) => [l, uncoveredMarker()]));
  const failing = (lastTests?.tests ?? []).filter((t) => !t.passed);
  failingGutter.set(view, failing.map((t) => [t.line, new NamedMarker("✗", "pg-failing", T("failingTitle", t.name))]));
}

function renderTests() {
  const list = $("tests");
  list.replaceChildren();
  if (!lastTests) return;
  markGutters();
  // Failing tests first (in the order of the text), then the ones that pass.
  const failing = lastTests.tests.filter((t) => !t.passed);
  const passing = lastTests.tests.filter((t) => t.passed);
  $("tests-summary").textContent = T("testsSummary", passing.length, failing.length);
  $("tests-summary").dataset.failed = String(failing.length);
  for (const t of [...failing, ...passing]) {
    const li = el("li", { class: t.passed ? "pg-pass" : "pg-fail", "data-test": t.name, "data-passed": String(t.passed) },
      el("span", { class: "pg-badge", textContent: t.passed ? `✓ ${T("passed")}` : `✗ ${T("failed")}` }),
      " ",
      el("button", { type: "button", class: "pg-link", textContent: t.name, onclick: () => jumpTo(t.line) }),
      " ",
      el("button", { type: "button", class: "pg-small", textContent: T("loadInPreview"), onclick: () => loadAnswers(t.answers, t.today) }));
    if (!t.passed) {
      const ul = el("ul", { class: "pg-failures" });
      for (const f of t.failures) {
        ul.append(el("li", {},
          el("span", { class: "pg-expected", textContent: `${T("expected")}: ${f.expect}` }),
          el("br"),
          el("span", { class: "pg-actual", textContent: `${T("actual")}: ${msg(f.actual)}` })));
      }
      li.append(ul);
    }
    list.append(li);
  }
  const uncovered = $("uncovered");
  uncovered.replaceChildren();
  const notFired = lastCoverage?.rules_not_fired ?? [];
  const notExpected = lastCoverage?.values_not_expected ?? [];
  $("coverage-summary").textContent = T("coverageSummary", notFired.length, notExpected.length);
  for (const [id, line] of notFired) {
    uncovered.append(el("li", {}, el("button", { type: "button", class: "pg-link", textContent: `${T("rule")} ${id} (${T("line")} ${line})`, onclick: () => jumpTo(line) })));
  }
  for (const [outcome, value] of notExpected) {
    uncovered.append(el("li", { textContent: `${T("valueNotExpected")}: ${outcome} = ${value}` }));
  }
}

function loadAnswers(answers, day) {
  const w = $("preview");
  if (day) w.setAttribute("today", day);
  w.answers = answers;
  $("preview-section").scrollIntoView({ block: "start" });
  $("preview-status").textContent = T("loaded");
}

function saveAsTest() {
  if (!ruleset) return;
  const name = $("test-name").value.trim() || `${T("newTest")} ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
  const w = $("preview");
  const block = ruleset.testBlock(name, w.answers ?? {}, w.getAttribute("today") || today());
  const doc = view.state.doc;
  const insert = `${doc.toString().endsWith("\n") ? "" : "\n"}\n${block}`;
  view.dispatch({ changes: { from: doc.length, insert }, selection: { anchor: doc.length + insert.length }, scrollIntoView: true });
  $("test-name").value = "";
  $("save-test-status").textContent = T("testSaved", name);
}

// ---------- work in the workers: analysis and comparison ----------
/**
 * Runs `message` in `job` with its progress in the `name` panel ("analysis", "compare"): a progress bar,
 * the step and the seconds so far, and a Cancel button. Resolves with the result; rejects with Cancelled
 * when the run was cancelled or replaced by a newer one.
 */
async function inWorker(job, name, message) {
  const box = $(`${name}-progress`);
  const started = performance.now();
  let step = "loading";
  const show = () => {
    $(`${name}-step`).textContent = T("step", step, Math.floor((performance.now() - started) / 1000));
  };
  show();
  box.hidden = false;
  document.body.dataset[`${name}Running`] = "true";
  const tick = setInterval(show, 1000);
  try {
    return await job.run(message, (s) => {
      step = s;
      show();
    });
  } finally {
    clearInterval(tick);
    // A run replaced by a newer one leaves the progress to that one.
    if (!job.busy) {
      box.hidden = true;
      document.body.dataset[`${name}Running`] = "false";
    }
  }
}

/** Cancels the `name` panel's run, at the author's request: the worker ends and a new one starts. */
function cancelRun(job, name, summary, key) {
  if (!job.busy) return;
  job.cancel();
  $(summary).textContent = T(key);
  if (name === "analysis") lastAnalysis = null;
  else if (name === "compare") lastDiff = null;
  else lastReplay = null;
  $({ analysis: "findings", compare: "changes", replay: "replay-result" }[name]).replaceChildren();
}

// ---------- analysis ----------
async function runAnalysis() {
  if (!ruleset) return;
  $("analysis-summary").textContent = T("analysing");
  try {
    lastAnalysis = await inWorker(analysisJob, "analysis", { kind: "analyze", rules: rules.text, today: today() });
  } catch (e) {
    if (e instanceof Cancelled) return;
    lastAnalysis = null;
    $("analysis-summary").textContent = e.text ? msg(e.text) : String(e);
    return;
  }
  renderAnalysis();
}

function renderAnalysis() {
  const list = $("findings");
  list.replaceChildren();
  if (!lastAnalysis) return;
  const a = lastAnalysis;
  $("analysis-summary").textContent = T("analysisSummary", a.findings.length, exactness(a), a.evaluations);
  // Each finding as a diagnostic is listed: code, line:column and message, a click away from its place.
  for (const f of a.findings) {
    const text = `${f.code} ${f.start.line}:${f.start.column} — ${msg(f.message)}`;
    const li = el("li", { "data-code": f.code, "data-severity": f.severity, class: `pg-${f.severity}` },
      el("button", { type: "button", class: "pg-link", textContent: text, onclick: () => jumpTo(f.start.line, f.start.column) }));
    if (f.example) {
      li.append(" ", el("button", { type: "button", class: "pg-small", textContent: T("showInPreview"), onclick: () => loadAnswers(f.example.answers, f.example.today) }));
    }
    list.append(li);
  }
  const notes = $("analysis-notes");
  notes.replaceChildren(...(a.notes ?? []).map((n) => el("li", { textContent: msg(n) })));
}

// ---------- trajectory ----------
/** The picture of the flow the rules describe (phases, lead per phase, handovers, ping-pong), drawn from
 * the core's `Ruleset.trajectory()`: the same picture the case element shows, without a case. */
function showTrajectory() {
  try {
    lastTrajectory = ruleset.trajectory();
  } catch (e) {
    lastTrajectory = null;
    $("trajectory").replaceChildren(el("p", { textContent: String(e?.message ?? e) }));
    trajectoryFigure = null;
    return;
  }
  renderTrajectory();
}

function renderTrajectory() {
  if (!lastTrajectory) return;
  if (trajectoryFigure) {
    patchTrajectory(trajectoryFigure, lastTrajectory, null, currentLang());
    return;
  }
  trajectoryFigure = drawTrajectory(document, lastTrajectory, null, currentLang()).figure;
  $("trajectory").replaceChildren(trajectoryFigure);
}

// ---------- compare ----------
function baselineText() {
  const choice = $("baseline").value;
  if (choice === "file") return baselineFile?.text ?? null;
  return SHIPPED[choice]?.rules ?? null;
}

async function runDiff() {
  if (!ruleset) return;
  const text = baselineText();
  if (text == null) {
    $("diff-summary").textContent = T("chooseBaseline");
    return;
  }
  $("diff-summary").textContent = T("comparing");
  const result = await againstBaseline(compareJob, "compare", "diff-summary",
    { kind: "diff", base: text, rules: rules.text, today: today() });
  if (!result) return;
  lastDiff = result;
  renderDiff();
}

/** A run of `message` in `job` that compares with the baseline: its result, or null when it was cancelled
 * or failed (why, in the `summary` element: the baseline's first error, or what went wrong). */
async function againstBaseline(job, name, summary, message) {
  let result;
  try {
    result = await inWorker(job, name, message);
  } catch (e) {
    if (!(e instanceof Cancelled)) $(summary).textContent = e.text ? msg(e.text) : String(e);
    return null;
  }
  if (!result.baselineInvalid) return result;
  $(summary).textContent = `${T("baselineInvalid")}: ${msg(result.baselineInvalid)}`;
  return null;
}

function renderDiff() {
  const list = $("changes");
  list.replaceChildren();
  if (!lastDiff) {
    $("diff-summary").textContent = T("diffNotRun");
    return;
  }
  const d = lastDiff;
  $("diff-summary").textContent = T("diffSummary", d.changes.length, exactness(d), d.evaluations);
  // What was written differently (questions, outcomes, values, parameters, rules), in the core's words; then
  // what that does.
  for (const { kind, text } of d.declared ?? []) {
    list.append(el("li", { "data-declared": kind, textContent: msg(text) }));
  }
  for (const c of d.changes) list.append(changeItem(c));
}

/** One change in the author's words: the headline (labels only), the situations when there are several,
 * each with a button that loads its example into the preview. No raw answer-combination count: it is a
 * size of the symbolic space, not a number of reports (docs/language.md). */
function changeItem(c) {
  const show = (example) => el("button", { type: "button", class: "pg-small", textContent: T("showInPreview"),
    onclick: () => loadAnswers(example.answers, example.today) });
  const situations = c.situations ?? [];
  const item = el("li", { "data-outcome": c.outcome }, el("span", { class: "pg-change", textContent: msg(c.message) }));
  if (situations.length > 1) {
    item.append(el("ul", { class: "pg-situations" }, ...situations.map((s) =>
      el("li", {}, `${s.when.map(msg).join(T("and"))} `, show(s.example)))));
  } else {
    item.append(" ", show(c.example));
  }
  if (c.more) item.append(el("p", { class: "pg-notes", textContent: T("moreSituations") }));
  return item;
}

// ---------- replay ----------
/** The inputs of the replay shown (or running): a change of the text that leaves them as they are (a test
 * edited, an undo back to the same rules) does not run it again, so an opened drill-down stays open. */
let replayed = null;
const sameReplay = (a, b) => a && ["base", "rules", "cases", "today", "lang"].every((k) => a[k] === b[k]);

/** Replays the opened cases under the baseline (the old version) and the rules in the editor, in the worker;
 * only when something it reads changed, unless `again` (the author asked for it). */
async function runReplay({ again = false } = {}) {
  if (!ruleset) return;
  const base = baselineText();
  if (!casesFile || base == null) {
    $("replay-summary").textContent = T(casesFile ? "chooseBaseline" : "replayChooseFile");
    // The summary no longer says what the table shows: the next run with every input draws both again.
    replayed = null;
    return;
  }
  const inputs = { kind: "replay", base, rules: rules.text, cases: casesFile.bytes, today: today(), lang: currentLang() };
  if (!again && sameReplay(replayed, inputs)) return;
  replayed = inputs;
  $("replay-summary").textContent = T("replaying");
  $("replay-export").disabled = true;
  const result = await againstBaseline(replayJob, "replay", "replay-summary", inputs);
  if (!result) {
    if (replayed === inputs) replayed = null;
    return;
  }
  lastReplay = result;
  renderReplay();
}

/** Draws the last replay, keeping the drill-downs the author opened open and the keyboard where it was. */
function renderReplay() {
  if (!lastReplay) return;
  const r = lastReplay;
  const shown = $("replay-result");
  const toggles = [...shown.querySelectorAll("button[data-flip]")];
  const open = new Set(toggles.filter((b) => b.getAttribute("aria-expanded") === "true").map((b) => b.dataset.flip));
  const focused = toggles.find((b) => b === document.activeElement)?.dataset.flip;
  $("replay-summary").textContent = T("replaySummary", r.changed, r.cases, r.bad.length);
  shown.replaceChildren(...replayView(r, { el, T, msg, open }));
  if (focused) [...shown.querySelectorAll("button[data-flip]")].find((b) => b.dataset.flip === focused)?.focus();
  $("replay-export").disabled = !r.csv;
}

/** The flips as a CSV file (written by the core in the language of the run), saved through the browser. */
function exportReplay() {
  if (lastReplay?.csv) download(lastReplay.csv, "text/csv;charset=utf-8", `${T("replayFileName")}.csv`);
}

/** How far a report can be trusted, as the command line says it: exact, approximated (its notes say
 * where), or incomplete (the budget ran out). */
const exactness = (r) => (!r.complete ? "incomplete" : r.notes.length ? "approximated" : "exact");

// ---------- files and sharing ----------
/** The text as it was last opened (a shipped ruleset, a file or a link): what "edited" is measured against. */
let openedText = "";
const edited = () => view.state.doc.toString() !== openedText;

/** Replaces the whole text with `text` (one step that Ctrl+Z undoes) and takes it as the opened text. */
function open(text) {
  openedText = text;
  setText(text);
}

/** Asks in the page (a modal dialog, focus on "keep") whether the edited text may be replaced by `what`;
 * resolves true when it may. Unedited text is replaced without asking. */
function mayReplace(what) {
  if (!edited()) return Promise.resolve(true);
  const dialog = $("confirm-start");
  $("confirm-start-text").textContent = T("confirmReplaceText", what);
  $("confirm-start-replace").textContent = T("replaceWith", what);
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "replace"), { once: true });
  });
}

const setFileStatus = (key, ...args) => {
  delete $("file-status").dataset.i18n;
  $("file-status").classList.remove("pg-warning");
  $("file-status").textContent = T(key, ...args);
};

/** Starts from a shipped ruleset or the example variant (with its tests), after asking when the text was
 * edited. A share link in the address is not dropped: it moves one step back in the browser's history (Back
 * opens it again). */
async function startWith(name) {
  const s = STARTS[name];
  if (!s || !(await mayReplace(name))) return;
  open(s.text);
  if (location.hash.startsWith("#regels=")) {
    window.history.pushState(null, "", `${location.pathname}${location.search}`);
    setFileStatus("linkInHistory", name);
  } else {
    setFileStatus("started", name);
  }
}

/** The rules of the share link in the address (on load, or when the address changes: Back, a pasted link). */
async function openLink() {
  if (!location.hash.startsWith("#regels=")) return;
  let text;
  try {
    text = await decodeShared(location.hash.slice("#regels=".length));
  } catch (e) {
    setFileStatus(e.kind === "too-large" ? "linkTooLarge" : "linkBroken");
    $("file-status").classList.add("pg-warning");
    return;
  }
  if (text === view.state.doc.toString() || !(await mayReplace(T("theLink")))) return;
  open(text);
  setFileStatus("fromLink");
}

// A file is read as the command line reads it: one byte order mark dropped, bytes that are not UTF-8
// refused with the same diagnostic `check` gives (not replaced by other characters, as file.text() would).
async function openFile(input, then) {
  const file = input.files?.[0];
  if (!file) return;
  input.value = "";
  const decoded = core.decodeSource(new Uint8Array(await file.arrayBuffer()));
  if (decoded.diagnostic) {
    const d = decoded.diagnostic;
    delete $("file-status").dataset.i18n;
    $("file-status").classList.add("pg-warning");
    $("file-status").textContent = T("notOpened", file.name,
      `${d.code} ${d.start.line}:${d.start.column} — ${currentLang() === "en" ? d.message_en : d.message_nl}`);
    return;
  }
  then(file.name, decoded.text);
}

function saveFile() {
  const text = view.state.doc.toString();
  const id = /^\s*ruleset\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(text)?.[1] ?? "regels";
  download(text, "text/plain;charset=utf-8", `${id}.regels`);
}

/** Saves `text` as a file called `name` through the browser (nothing is sent anywhere). */
function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function share() {
  const link = `${location.origin}${location.pathname}#regels=${await encodeShared(view.state.doc.toString())}`;
  $("share-link").value = link;
  $("share-link").hidden = false;
  window.history.replaceState(null, "", link);
  try {
    await navigator.clipboard.writeText(link);
    $("share-status").textContent = T("linkCopied");
  } catch {
    $("share-status").textContent = T("linkReady");
  }
  $("share-link").select();
}

// ---------- language ----------
function applyLang(lang) {
  setLang(lang);
  translatePage();
  $("preview").setAttribute("lang", lang);
  // The editor's own words: it looks them up when it draws a panel; an open find panel is drawn anew in
  // them (it selects its field when drawn: the focus stays where it was). Not a new configuration: that
  // lets the editor measure its lines anew and lose its scroll position.
  for (const k of Object.keys(editorPhrases)) delete editorPhrases[k];
  if (lang === "nl") Object.assign(editorPhrases, EDITOR_PHRASES_NL);
  if (searchPanelOpen(view.state)) {
    const focused = document.activeElement;
    closeSearchPanel(view);
    openSearchPanel(view);
    if (document.activeElement !== focused) focused?.focus();
  }
  $("lang-toggle").textContent = lang === "nl" ? "English" : "Nederlands";
  $("lang-toggle").lang = lang === "nl" ? "en" : "nl";
  // Only the texts change: draw what is known again, without checking or testing anew.
  showDiagnostics(lastDiags);
  showVariantNote();
  showHeader();
  renderTests();
  renderAnalysis();
  renderTrajectory();
  renderDiff();
  renderReplay();
}

// ---------- wiring ----------
for (const b of document.querySelectorAll("[data-start]")) b.addEventListener("click", () => startWith(b.dataset.start));
for (const b of $("confirm-start").querySelectorAll("button")) b.addEventListener("click", () => $("confirm-start").close(b.value));
window.addEventListener("hashchange", openLink);
$("open").addEventListener("click", () => $("file").click());
$("file").addEventListener("change", (e) => openFile(e.target, async (name, text) => {
  if (!(await mayReplace(name))) return;
  open(text);
  setFileStatus("opened", name);
}));
$("save").addEventListener("click", saveFile);
$("share").addEventListener("click", share);
$("save-test").addEventListener("click", saveAsTest);
$("analyze").addEventListener("click", runAnalysis);
$("analysis-cancel").addEventListener("click", () => cancelRun(analysisJob, "analysis", "analysis-summary", "analysisCancelled"));
$("replay-cancel").addEventListener("click", () => cancelRun(replayJob, "replay", "replay-summary", "replayCancelled"));
$("replay-open").addEventListener("click", () => $("replay-file").click());
$("replay-file").addEventListener("change", async (e) => {
  const file = e.target.files?.[0];
  if (!file) return;
  e.target.value = "";
  casesFile = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  $("replay-file-name").textContent = file.name;
  runReplay({ again: true });
});
$("replay-run").addEventListener("click", () => runReplay({ again: true }));
$("replay-export").addEventListener("click", exportReplay);
$("compare-cancel").addEventListener("click", () => cancelRun(compareJob, "compare", "diff-summary", "compareCancelled"));
$("compare").addEventListener("click", runDiff);
$("baseline").addEventListener("change", () => {
  baselineChosen = true;
  if ($("baseline").value === "file" && !baselineFile) $("baseline-file").click();
});
$("baseline-file").addEventListener("change", (e) => openFile(e.target, (name, text) => {
  baselineFile = { name, text };
  $("baseline-file-name").textContent = name;
  $("baseline").value = "file";
}));
$("today").addEventListener("change", () => runAnalysis());
$("lang-toggle").addEventListener("click", () => applyLang(currentLang() === "nl" ? "en" : "nl"));

$("today").value = new Date().toISOString().slice(0, 10);
// A share link's rules, or why they cannot be opened (then the shipped triage, and a message that says so).
let linkStatus = null;
const shared = location.hash.startsWith("#regels=")
  ? await decodeShared(location.hash.slice("#regels=".length)).catch((e) => {
    linkStatus = e.kind === "too-large" ? "linkTooLarge" : "linkBroken";
    return null;
  })
  : null;
open(shared ?? SHIPPED.triage.text);
if (shared != null) linkStatus = "fromLink";
// One check of the text it starts with, now rather than after the typing pause setText scheduled.
clearTimeout(timer);
update();
if (linkStatus) {
  // Kept in the page's language, also when that changes.
  $("file-status").dataset.i18n = linkStatus;
  $("file-status").classList.toggle("pg-warning", linkStatus !== "fromLink");
}
applyLang(new URLSearchParams(location.search).get("lang") === "en" ? "en" : "nl");
document.body.dataset.ready = "true";
