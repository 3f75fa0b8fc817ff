// The `.regels` language for CodeMirror 6: highlighting (a small stream tokenizer), completion of the
// names a ruleset defines (facts, outcomes, values, options, parameters, parties, phases) and keywords
// (also `override reason CODE`, the reasons for deciding otherwise).
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import { KEYWORD_TABLE } from "./keywords.gen.mjs";

// The keywords come from the core's keyword table (crates/regiewijzer-core/src/keywords.rs): the module
// keywords.gen.mjs is written from it by scripts/build-playground.mjs, so this list cannot drift.
const having = (role) => KEYWORD_TABLE.filter((k) => k.roles.includes(role)).map((k) => k.word);
const ATOMS = new Set(having("literal"));
const LANGS = new Set(having("language"));
/** Words with a meaning in the rules language (besides the literals and languages above). */
export const KEYWORDS = KEYWORD_TABLE.map((k) => k.word).filter((w) => !ATOMS.has(w) && !LANGS.has(w));
const KEYWORD_SET = new Set(KEYWORDS);
/** After these words comes the name being defined. */
const DEFINERS = new Set(KEYWORD_TABLE.filter((k) => k.declares).map((k) => k.word));

/** `{name}` inside a text: a parameter shown as its value (`{{` is a literal brace). */
const PLACEHOLDER = /^\{[A-Za-z_][A-Za-z0-9_]*\}/;

/** One piece of a quoted text: a parameter placeholder (`string-2`), or plain text up to the next one. */
function stringPart(stream, state) {
  if (state.inString && stream.match(PLACEHOLDER)) return "string-2";
  if (!state.inString) {
    stream.next();
    state.inString = true;
  }
  let escaped = false;
  while (!stream.eol()) {
    if (!escaped && stream.match("{{", false)) {
      stream.next();
      stream.next();
      continue;
    }
    if (!escaped && stream.match(PLACEHOLDER, false)) return "string";
    const c = stream.next();
    if (c === '"' && !escaped) break;
    escaped = c === "\\" && !escaped;
  }
  state.inString = false;
  state.defining = false;
  return "string";
}

const regels = StreamLanguage.define({
  name: "regels",
  startState: () => ({ defining: false, inString: false }),
  token(stream, state) {
    if (state.inString) return stringPart(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.peek() === '"') return stringPart(stream, state);
    if (stream.peek() === "#") {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^\d{4}-\d{2}-\d{2}/)) return "number";
    if (stream.match(/^-?\d+/)) return "number";
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (word) {
      const w = word[0];
      if (state.defining) {
        state.defining = false;
        return "def";
      }
      if (DEFINERS.has(w)) state.defining = true;
      if (ATOMS.has(w)) return "atom";
      if (LANGS.has(w)) return "meta";
      if (KEYWORD_SET.has(w)) return "keyword";
      return "variableName";
    }
    stream.next();
    state.defining = false;
    return "operator";
  },
  languageData: { commentTokens: { line: "#" } },
});

// Colours with at least 4.5:1 contrast on white (WCAG AA).
const style = HighlightStyle.define([
  { tag: t.keyword, color: "#6b2185", fontWeight: "bold" },
  { tag: t.comment, color: "#545454", fontStyle: "italic" },
  { tag: t.string, color: "#0b6130" },
  { tag: t.special(t.string), color: "#0b6130", fontWeight: "bold", textDecoration: "underline dotted" },
  { tag: t.number, color: "#8a4000" },
  { tag: t.atom, color: "#04509e" },
  { tag: t.meta, color: "#545454" },
  { tag: t.definition(t.variableName), color: "#04509e", fontWeight: "bold" },
  { tag: t.operator, color: "#333333" },
]);

/** The names the text defines, by kind, read from the text itself (so completion works while it has errors). */
export function definedNames(text) {
  const names = new Map();
  const re = /^[ \t]*(fact|outcome|parameter|party|phase|handover|rule|table|value|option|field)[ \t]+([A-Za-z_][A-Za-z0-9_]*)/gm;
  for (const m of text.matchAll(re)) {
    if (!names.has(m[2])) names.set(m[2], m[1]);
  }
  return names;
}

const KIND_LABEL = {
  fact: "vraag / fact", outcome: "uitkomst / outcome", parameter: "parameter", party: "partij / party",
  phase: "fase / phase", handover: "overdracht / handover", rule: "regel / rule", table: "tabel / table",
  value: "waarde / value", option: "optie / option", field: "veld / field",
};

/** Completion of defined names and keywords. */
function complete(context) {
  const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const options = [];
  for (const [name, kind] of definedNames(context.state.doc.toString())) {
    if (kind === "rule" || kind === "table") continue;
    options.push({ label: name, type: kind === "fact" ? "variable" : kind === "parameter" ? "constant" : "enum", detail: KIND_LABEL[kind] });
  }
  for (const k of KEYWORDS) options.push({ label: k, type: "keyword" });
  return { from: word.from, options, validFor: /^[A-Za-z0-9_]*$/ };
}

/** Highlighting plus the completion source, to add to an editor. */
export function regelsSupport() {
  return [regels, syntaxHighlighting(style), regels.data.of({ autocomplete: complete })];
}
