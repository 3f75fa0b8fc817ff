// The rules-core API's Session (answers kept typed inside wasm) in Node, from the built pkg/core/: it
// decides what Ruleset.evaluate decides on the same answers, one answer at a time, and reports what it
// cannot use. (benches/compare.mjs times it; this checks it.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

const CORE = new URL("../pkg/core/", import.meta.url);
const core = await import(new URL("regiewijzer_core.js", CORE));
await core.default({ module_or_path: await readFile(new URL("regiewijzer_core_bg.wasm", CORE)) });
const TODAY = "2026-03-20";
const triage = await readFile(new URL("../rulesets/triage.regels", import.meta.url), "utf8");

/** Small seeded generator: the same answers on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

test("a session decides every outcome as Ruleset.evaluate does, answer by answer", () => {
  const ruleset = core.Ruleset.load(triage);
  const session = new core.Session(triage, TODAY);
  const checklist = ruleset.checklist();
  const facts = checklist.sections.flatMap((s) => s.facts).filter((f) => f.type !== "timeline");
  const outcomes = ruleset.evaluate({}, TODAY).outcomes.map((o) => o.id);
  const rnd = random(3);
  const answers = {};
  for (let step = 0; step < 300; step++) {
    const f = facts[Math.floor(rnd() * facts.length)];
    const kind = f.type;
    let v;
    if (rnd() < 0.15) v = null;
    else if (kind === "bool") v = rnd() < 0.5;
    else if (kind === "choice") v = f.options[Math.floor(rnd() * f.options.length)].id;
    else if (kind === "date") v = `2026-0${1 + Math.floor(rnd() * 3)}-1${Math.floor(rnd() * 9)}`;
    else v = (f.min ?? 0) + Math.floor(rnd() * 30);
    const issue = session.set(session.fact(f.id), v);
    if (issue) {
      // Not usable (out of range, ...): the same issue as in a whole answers object, and the answer is gone.
      const alone = ruleset.evaluate({ [f.id]: v }, TODAY).answer_issues;
      assert.deepEqual(alone, [issue], `${f.id} = ${v}`);
      delete answers[f.id];
    } else if (v === null) delete answers[f.id];
    else answers[f.id] = v;
    const whole = ruleset.evaluate(answers, TODAY);
    for (const id of outcomes) {
      const o = whole.outcomes.find((x) => x.id === id);
      const n = session.outcome(id);
      assert.equal(session.status(n), o.status, `${id} after ${JSON.stringify(answers)}`);
      assert.deepEqual(session.values(n), o.values, id);
      assert.equal(session.provisional(n), o.provisional, id);
    }
  }
});

test("a session reports an answer it cannot use and clears it; unknown names are undefined", () => {
  const session = new core.Session(triage, TODAY);
  const leeftijd = session.fact("leeftijd");
  assert.equal(session.set(leeftijd, 40), undefined);
  const issue = session.set(leeftijd, 4000);
  assert.equal(issue.fact, "leeftijd");
  assert.ok(issue.message.nl && issue.message.en);
  assert.equal(session.set(leeftijd, 40.5)?.fact, "leeftijd");
  assert.equal(session.fact("bestaat_niet"), undefined);
  assert.equal(session.outcome("bestaat_niet"), undefined);
  assert.equal(session.status(999), undefined);
  assert.deepEqual(session.values(999), []);
  const acuut = session.fact("acuut_gevaar");
  session.set(acuut, true);
  assert.equal(session.value(session.outcome("route")), "crisisdienst_112");
  session.clear();
  assert.equal(session.value(session.outcome("route")), undefined);
});
