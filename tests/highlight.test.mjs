// The playground's highlighter marks `{parameter}` inside a text (shown to the professional as the
// parameter's value) and leaves `{{` and a brace without a name as plain text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { StringStream } from "@codemirror/language";
import { regelsSupport } from "../www/playground/src/language.mjs";

function tokens(line) {
  const parser = regelsSupport()[0].streamParser;
  const state = parser.startState(2);
  const stream = new StringStream(line, 2, 2);
  const out = [];
  while (!stream.eol()) {
    stream.start = stream.pos;
    const kind = parser.token(stream, state);
    if (kind) out.push([kind, line.slice(stream.start, stream.pos)]);
  }
  return out;
}

test("a parameter named in a text is marked; escapes and stray braces stay text", () => {
  const got = tokens('  because nl "vanaf {drempel} meldingen {{x}} en {niet af" en "b"');
  assert.deepEqual(got, [
    ["keyword", "because"],
    ["meta", "nl"],
    ["string", '"vanaf '],
    ["string-2", "{drempel}"],
    ["string", ' meldingen {{x}} en {niet af"'],
    ["meta", "en"],
    ["string", '"b"'],
  ]);
});

test("a text without braces is one string token", () => {
  assert.deepEqual(tokens('label nl "Hoe oud?"'), [["keyword", "label"], ["meta", "nl"], ["string", '"Hoe oud?"']]);
});

// The highlighter's words come from the core's keyword table (keywords.gen.mjs, written from
// crates/regiewijzer-core/src/keywords.rs when the playground is built): every keyword of the language is
// marked, none reads as a name.
test("every keyword of the core's table is highlighted as a keyword, literal or language", async () => {
  const { KEYWORD_TABLE } = await import("../www/playground/src/keywords.gen.mjs");
  assert.ok(KEYWORD_TABLE.length >= 80);
  for (const { word } of KEYWORD_TABLE) {
    const [[kind]] = tokens(`  ${word}`);
    assert.ok(["keyword", "atom", "meta"].includes(kind), `${word} is highlighted as ${kind}`);
  }
});

test("the words only a clause gives a meaning are keywords there: from ... to, in the last", () => {
  assert.deepEqual(tokens("  from wijkteam to ggz"), [
    ["keyword", "from"],
    ["variableName", "wijkteam"],
    ["keyword", "to"],
    ["variableName", "ggz"],
  ]);
  assert.deepEqual(tokens("in the last").map(([kind]) => kind), ["keyword", "keyword", "keyword"]);
});
