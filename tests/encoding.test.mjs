// One text decoding (issue 17): the element decodes a rules file as `regiewijzer check` does, with the
// core's own decoding (regiewijzer_core::source::decode) run in the compiler bundle on the fetched bytes.
// A byte order mark is dropped in both (the same hash); bytes that are not UTF-8 are refused in both with
// the same diagnostic (E112, the same place and text), where the element used to run such a file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { artifact, browserSuite } from "./browser.mjs";

const ROOT = new URL("../", import.meta.url);

const web = browserSuite();

/** The command line on `args` (run from the repository); its standard output and exit code. */
function cli(args, input = "") {
  try {
    return { out: execFileSync("cargo", ["run", "-q", "-p", "regiewijzer-cli", "--", ...args], { cwd: fileURLToPath(ROOT), input, encoding: "utf8" }), code: 0 };
  } catch (e) {
    return { out: String(e.stdout), code: e.status };
  }
}

/** Writes `bytes` as tests/artifacts/encoding/`name`; its path for the command line and for the page. */
async function fixture(name, bytes) {
  const file = artifact(`encoding/${name}`);
  await writeFile(file, bytes);
  return { file, path: `/tests/artifacts/encoding/${name}` };
}

/** Opens the element on `path` and gives its value, or the detail of its regiewijzer-error. */
async function load(path) {
  const w = await web.open("/tests/fixtures/widget.html", { ready: "[part=outcomes] [part=outcome]" });
  const result = await w.page.evaluate((p) => new Promise((resolve) => {
    const el = document.querySelector("regie-wijzer");
    el.addEventListener("regiewijzer-error", (e) => resolve({ error: e.detail }), { once: true });
    el.setAttribute("rules", p);
    el.ready.then(() => setTimeout(() => resolve({ value: el.value }), 50));
  }), path);
  const shown = await w.page.evaluate(() => document.querySelector("regie-wijzer").shadowRoot.querySelector("[part=error]")?.textContent ?? "");
  await w.page.close();
  return { ...result, shown };
}

const triage = await readFile(new URL("rulesets/triage.regels", ROOT));

test("a rules file with a byte order mark: the element and `check` both accept it, with the same hash", async () => {
  const { file, path } = await fixture("bom.regels", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), triage]));
  const { value, error } = await load(path);
  assert.equal(error, undefined, JSON.stringify(error));
  const run = cli(["eval", file, "--answers", "-", "--today", "2026-03-02"], "{}");
  assert.equal(run.code, 0, run.out);
  const hash = JSON.parse(run.out).ruleset.hash;
  assert.equal(value.ruleset.hash, hash);
  // The hash of the text without the mark: the same as the shipped file's.
  const plain = JSON.parse(cli(["eval", fileURLToPath(new URL("rulesets/triage.regels", ROOT)), "--answers", "-", "--today", "2026-03-02"], "{}").out);
  assert.equal(plain.ruleset.hash, hash);
});

test("a rules file that is not UTF-8: the element refuses it with the same E112 as `check`", async () => {
  // A Latin-1 `é` (0xE9) in a label on line 3.
  const text = Buffer.from('ruleset r\n  title nl "T" en "T"\n  version "caf\xe9"\n', "latin1");
  const { file, path } = await fixture("latin1.regels", text);
  const { value, error, shown } = await load(path);
  assert.equal(value, undefined);
  const d = error?.diagnostics?.[0];
  assert.equal(d?.code, "E112", JSON.stringify(error));
  const run = cli(["--lang", "en", "--color", "never", "check", file]);
  assert.equal(run.code, 1, run.out);
  const [, message] = /error\[E112\]: (.*)/.exec(run.out);
  const [, line, column] = /--> .*:(\d+):(\d+)/.exec(run.out);
  assert.equal(d.message_en, message);
  assert.deepEqual([d.start.line, d.start.column], [Number(line), Number(column)]);
  assert.match(d.message_nl, /geen UTF-8-tekst: byte 46 \(0xE9\)/);
  assert.match(shown, new RegExp(`E112 ${line}:${column}`));
});
