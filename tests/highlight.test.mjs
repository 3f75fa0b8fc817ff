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
