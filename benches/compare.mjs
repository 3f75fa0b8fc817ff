#!/usr/bin/env node
// Regiewijzer against the engines people would otherwise pick, in one Node process, on the same inputs:
// json-logic-js, json-logic-engine (compiled mode: the rule built into a JS function once), GoRules Zen
// (a decision table through its WASI build) and Cedar (cedar-wasm, preparsed policies). Two decisions: the four-branch triage of engines/vier.regels, and the `route` outcome of the
// shipped triage ruleset (engines/route.mjs says what each translation keeps and loses).
//
// First every engine must give our answer on every input (the run stops at the first disagreement);
// then each engine evaluates all inputs in rounds, and the median round gives µs per evaluation.
// The batch path (issue 24: a year of reports replayed): the inputs as one text, JSON Lines and CSV (a header
// of fact ids; "ja"/"nee", numbers and option ids in the cells); ours evaluates it in one call
// (`Ruleset.evaluateBatch`, deciding only `route`), each peer reads each line (JSON.parse; for CSV a split
// and the cells typed as the facts' types say) and evaluates it in a loop (its own batch path: none of them
// takes many cases per call); µs per case.
// Figures are printed as Markdown tables for docs/performance.md; nothing is asserted.
//
// Usage: node benches/compare.mjs [--inputs N] [--rounds R] [--batch N] [--json FILE]   (after `make wasm`)
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { FOUR, FOUR_CEDAR, FOUR_CEDAR_VALUES, FOUR_JSONLOGIC, FOUR_ZEN } from "./engines/four.mjs";
import { ROUTE, casesCsv, completeInputs } from "./engines/route.mjs";
import { toCedar, toJsonLogic, toZen } from "./engines/spec.mjs";
import { loadCore } from "./lib/ours.mjs";
import { fmt, median, quantile, table } from "./lib/stats.mjs";

const require = createRequire(import.meta.url);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N_INPUTS = Number(arg("--inputs", 1000));
const ROUNDS = Number(arg("--rounds", 9));
const JSON_OUT = arg("--json", null);
const TODAY = "2026-03-20";

// Zen's WASI build warns once per worker that WASI is experimental; that is not our output.
process.removeAllListeners("warning");
process.on("warning", (w) => {
  if (w.name !== "ExperimentalWarning") console.warn(w);
});

function peers() {
  try {
    return {
      jsonLogic: require("json-logic-js"),
      jsonLogicEngine: require("json-logic-engine"),
      zen: require("@gorules/zen-engine-wasm32-wasi"),
      cedar: require("@cedar-policy/cedar-wasm/nodejs"),
      versions: Object.fromEntries(
        ["json-logic-js", "json-logic-engine", "@gorules/zen-engine-wasm32-wasi", "@cedar-policy/cedar-wasm"].map((p) => [
          p,
          JSON.parse(readFileSync(new URL(`./node_modules/${p}/package.json`, import.meta.url), "utf8")).version,
        ]),
      ),
    };
  } catch (e) {
    throw new Error(`the peer engines are missing: run \`make bench\` (it installs benches/node_modules) (${e.message})`);
  }
}

/** What our engine says for one outcome: its value, or "undecided" / "conflict". */
function ourRoute(evaluation, outcome = "route") {
  const o = evaluation.outcomes.find((x) => x.id === outcome);
  if (!o || o.status === "undecided") return "undecided";
  if (o.status === "conflict") return "conflict";
  return o.values[0];
}

/** What a Session says for outcome number `route`: its value, or "undecided" / "conflict". */
function sessionRoute(session, route) {
  const status = session.status(route);
  return status === "undecided" || status === "conflict" ? status : session.value(route);
}

/** The engines under test for one decision: each a name and an `evaluate(input) → route` (sync or async). */
async function engines({ core, source, jsonLogicRule, zenGraph, cedarPolicies, cedarValue, facts }, p) {
  const ruleset = core.Ruleset.load(source);
  const session = new core.Session(source, TODAY);
  const route = session.outcome("route");
  const ids = Object.keys(facts);
  const slot = ids.map((id) => session.fact(id));
  const incremental = new core.Session(source, TODAY);
  const routeInc = incremental.outcome("route");
  const slotInc = ids.map((id) => incremental.fact(id));
  const shown = ids.map(() => undefined);

  const jsonLogicEngineBuilt = new p.jsonLogicEngine.LogicEngine().build(jsonLogicRule);
  const zenEngine = new p.zen.ZenEngine();
  const zenDecision = zenEngine.createDecision(zenGraph);

  const setId = `bench-${Math.random().toString(36).slice(2)}`;
  const prep = p.cedar.preparsePolicySet(setId, { staticPolicies: cedarPolicies });
  if (prep.type !== "success") throw new Error(`cedar: ${JSON.stringify(prep.errors)}`);
  const uid = (type, id) => ({ type, id });
  const cedarCall = (input) => ({
    principal: uid("Melder", "m"),
    action: uid("Action", "triage"),
    resource: uid("Melding", "1"),
    context: input,
    preparsedPolicySetId: setId,
    entities: [],
  });
  const cedarRoute = (answer) => {
    if (answer.type !== "success") throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
    // The first reason by name, found by a loop: `[...reasons].sort()` here has crashed node 20's V8
    // ("unreachable code" in its deoptimizer, in the sort's builtin continuation) in long batch loops.
    let first;
    for (const r of answer.response.diagnostics.reason) if (first === undefined || r < first) first = r;
    return first === undefined ? "undecided" : cedarValue(first);
  };

  return [
    {
      name: "Regiewijzer, Session (answers kept in wasm)",
      short: "ours-session",
      evaluate(input) {
        session.clear();
        for (let i = 0; i < ids.length; i++) {
          const v = input[ids[i]];
          if (v !== undefined) session.set(slot[i], v);
        }
        return sessionRoute(session, route);
      },
    },
    {
      // What a checklist does: only the answers that differ from the previous input are set.
      name: "Regiewijzer, Session, only changed answers set",
      short: "ours-incremental",
      evaluate(input) {
        for (let i = 0; i < ids.length; i++) {
          const v = input[ids[i]];
          if (v !== shown[i]) {
            incremental.set(slotInc[i], v);
            shown[i] = v;
          }
        }
        return sessionRoute(incremental, routeInc);
      },
    },
    {
      name: "Regiewijzer, Ruleset.evaluate (whole evaluation with reasons)",
      short: "ours-evaluate",
      evaluate: (input) => ourRoute(ruleset.evaluate(input, TODAY)),
    },
    { name: "json-logic-js", short: "json-logic", evaluate: (input) => p.jsonLogic.apply(jsonLogicRule, input) },
    { name: "json-logic-engine (compiled)", short: "json-logic-engine", evaluate: jsonLogicEngineBuilt },
    {
      name: "Cedar (cedar-wasm, preparsed policies)",
      short: "cedar",
      evaluate: (input) => cedarRoute(p.cedar.statefulIsAuthorized(cedarCall(input))),
    },
    {
      name: "GoRules Zen (decision table, WASI build)",
      short: "zen",
      async: true,
      evaluate: async (input) => (await zenDecision.evaluate(input)).result?.route ?? "undecided",
    },
  ];
}

/** Every engine gives the reference answer (ours through Ruleset.evaluate) on every input. */
async function agree(list, inputs, title) {
  const reference = list.find((e) => e.short === "ours-evaluate");
  const counts = new Map();
  for (const input of inputs) {
    const want = reference.evaluate(input);
    counts.set(want, (counts.get(want) ?? 0) + 1);
    for (const e of list) {
      const got = e.async ? await e.evaluate(input) : e.evaluate(input);
      if (got !== want) {
        throw new Error(`${title}: ${e.name} says ${got}, ours says ${want}, for ${JSON.stringify(input)}`);
      }
    }
  }
  return counts;
}

/** µs per evaluation: each round evaluates every input (sync engines `reps` times); median and spread of rounds. */
async function time(engine, inputs, rounds) {
  const reps = engine.async ? 1 : Math.max(1, Math.round(20000 / inputs.length));
  let sink = 0;
  const run = async () => {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) {
      for (const input of inputs) {
        const v = engine.async ? await engine.evaluate(input) : engine.evaluate(input);
        sink += v.length;
      }
    }
    return ((performance.now() - t0) * 1000) / (reps * inputs.length);
  };
  await run(); // warm-up: JIT, wasm tiers, caches
  const perRound = [];
  for (let i = 0; i < rounds; i++) perRound.push(await run());
  if (sink < 0) console.log(sink);
  return { median: median(perRound), p10: quantile(perRound, 0.1), p90: quantile(perRound, 0.9), rounds: perRound };
}

async function decision(title, config, p, inputs) {
  const list = await engines(config, p);
  const counts = await agree(list, inputs, title);
  const spread = [...counts].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v} ${n}`).join(", ");
  console.log(`\n### ${title}\n`);
  console.log(`${inputs.length} complete checklists (seeded), all ${list.length} engines agree on every one: ${spread}.\n`);
  const results = [];
  for (const e of list) {
    // Zen takes ~0.1-1 ms per call: fewer inputs keep the run short (same inputs, prefix).
    const subset = e.async ? inputs.slice(0, Math.min(inputs.length, 200)) : inputs;
    results.push({ engine: e, ...(await time(e, subset, e.async ? Math.min(ROUNDS, 5) : ROUNDS)) });
  }
  const ours = results.find((r) => r.engine.short === "ours-session").median;
  console.log(
    table(
      ["engine", "µs / evaluation (median)", "p10–p90 of rounds", "× ours (Session)"],
      results.map((r) => [
        r.engine.name,
        fmt(r.median),
        `${fmt(r.p10)}–${fmt(r.p90)}`,
        fmt(r.median / ours),
      ]),
    ),
  );
  return { title, agree: Object.fromEntries(counts), results: results.map((r) => ({ engine: r.engine.short, ...r, engine_name: r.engine.name })) };
}

/** What our batch says for case `i`: its route, or "undecided" / "conflict". */
function batchRoute(batch, i) {
  const o = batch.outcomes[0];
  const word = batch.statuses[o.status[i]];
  return word === "undecided" || word === "conflict" ? word : o.values[o.valueIndex[o.valueStart[i]]];
}

/** A peer's CSV reading: per line the cells split and typed by the facts' types (what our reader does with
 * the ruleset's types), the answers as the object a peer evaluates. */
function csvReader(text, facts) {
  const [header, ...lines] = text.split("\n");
  const columns = header.split(",").map((id) => [id, facts[id]?.type]);
  const typed = (type, c) => (type === "bool" ? c === "ja" : type === "int" ? Number(c) : c);
  return { lines, answers(line) {
    const cells = line.split(",");
    const out = {};
    for (let i = 0; i < cells.length; i++) {
      const [id, type] = columns[i];
      if (type && cells[i] !== "") out[id] = typed(type, cells[i]);
    }
    return out;
  } };
}

/** The batch path: all inputs as one file (JSON Lines, then CSV); ours in one call, the peers a line at a time.
 * Ours runs twice: from the file's bytes (what a page has from a file input or `fetch`, and what node's
 * `readFile` gives) and from a JS string (which wasm-bindgen copies into wasm a character at a time). The
 * peers read a JS string; the fastest of them runs once more from the file's bytes, decoded first. */
async function batchPath(title, config, p, inputs) {
  const list = await engines(config, p);
  const ruleset = config.core.Ruleset.load(config.source);
  const reference = list.find((e) => e.short === "ours-evaluate");
  const jsonl = inputs.map((answers) => JSON.stringify({ today: TODAY, answers })).join("\n");
  const csv = casesCsv(inputs, config.facts, TODAY);
  const jsonlRead = (text) => ({ lines: text.split("\n"), answers: (line) => JSON.parse(line).answers });
  const formats = [
    ["JSON Lines", jsonl, jsonlRead],
    ["CSV", csv, (text) => csvReader(text, config.facts)],
  ];
  const out = [];
  for (const [format, text, read] of formats) {
    const bytes = new TextEncoder().encode(text);
    const check = ruleset.evaluateBatch(bytes, TODAY, ["route"]);
    const fromText = ruleset.evaluateBatch(text, TODAY, ["route"]);
    const peerRead = read(text);
    // A plain loop: node 20's V8 has crashed ("unreachable code" in the deoptimizer) on a deoptimized
    // `forEach` callback here.
    for (let i = 0; i < inputs.length; i++) {
      const want = reference.evaluate(inputs[i]);
      if (batchRoute(check, i) !== want) throw new Error(`batch ${format}: case ${i} says ${batchRoute(check, i)}, ours says ${want}`);
      if (batchRoute(fromText, i) !== want) throw new Error(`batch ${format} from text: case ${i} says ${batchRoute(fromText, i)}`);
      if (JSON.stringify(peerRead.answers(peerRead.lines[i])) !== JSON.stringify(inputs[i])) throw new Error(`${format}: a peer reads case ${i} otherwise`);
    }
    // Zen (its WASI build is async, ~0.5 ms a case, timed on a prefix) runs on JSON Lines only.
    const peers = list.filter((e) => format !== "CSV" || e.short !== "zen");
    const ours = [
      { name: "Regiewijzer, Ruleset.evaluateBatch, the file's bytes in (one call, route of every case out)", short: "ours-batch", run: () => ruleset.evaluateBatch(bytes, TODAY, ["route"]).cases },
      { name: "Regiewijzer, Ruleset.evaluateBatch, a JS string in", short: "ours-batch-text", run: () => ruleset.evaluateBatch(text, TODAY, ["route"]).cases },
    ];
    const decoder = new TextDecoder();
    const fromBytes = { engine: "json-logic-engine", reader: () => read(decoder.decode(bytes)) };
    out.push(await batchRuns(`${title}, ${format}`, peers, inputs.length, text, () => read(text), ours, fromBytes));
  }
  return out;
}

/** Times ours (`ours`: runs) and each peer on one file of `n` cases; `reader()` gives a peer's lines and their
 * reading from the text, `fromBytes.reader()` from the file's bytes for the peer `fromBytes.engine` (a
 * second row). */
async function batchRuns(title, list, n, text, reader, ours, fromBytes) {
  const peerRun = (e, read) => async (prefix) => {
    const { lines, answers } = read();
    let sink = 0;
    for (const line of prefix ? lines.slice(0, prefix) : lines) {
      const v = e.async ? await e.evaluate(answers(line)) : e.evaluate(answers(line));
      sink += v.length;
    }
    return sink;
  };
  const peers = list
    .filter((e) => !e.short.startsWith("ours"))
    .flatMap((e) => [
      { name: `${e.name}: read per line, then evaluate`, short: e.short, async: e.async, run: peerRun(e, reader) },
      ...(e.short === fromBytes.engine
        ? [{ name: `${e.name}: the file's bytes decoded, read per line, then evaluate`, short: `${e.short}-bytes`, run: peerRun(e, fromBytes.reader) }]
        : []),
    ]);
  const runs = [...ours, ...peers];
  const results = [];
  for (const r of runs) {
    // Zen at ~0.5 ms a case: timed on a prefix of the lines (the same per-case figure).
    const cases = r.async ? Math.min(n, 200) : n;
    const rounds = r.async ? Math.min(ROUNDS, 3) : ROUNDS;
    const once = async () => {
      const t0 = performance.now();
      await r.run(cases < n ? cases : 0);
      return ((performance.now() - t0) * 1000) / cases;
    };
    await once();
    const perRound = [];
    for (let i = 0; i < rounds; i++) perRound.push(await once());
    results.push({ name: r.name, short: r.short, median: median(perRound), p10: quantile(perRound, 0.1), p90: quantile(perRound, 0.9) });
  }
  const oursMedian = results[0].median;
  console.log(`\n### Batch path: ${title}\n`);
  console.log(`${n} cases as one file (${(text.length / 1e6).toFixed(1)} MB); ours agrees with Ruleset.evaluate on every case (from the bytes and from the text), and each peer's reading gives back every case's answers.\n`);
  console.log(
    table(
      ["engine", "µs / case (median)", "p10–p90 of rounds", "× ours (batch)"],
      results.map((r) => [r.name, fmt(r.median), `${fmt(r.p10)}–${fmt(r.p90)}`, fmt(r.median / oursMedian)]),
    ),
  );
  return { title: `batch: ${title}`, results };
}

const core = await loadCore();
const p = peers();
console.log(`## Engines compared (node ${process.version}; ${Object.entries(p.versions).map(([k, v]) => `${k} ${v}`).join(", ")})`);
console.log(`${N_INPUTS} inputs per decision, ${ROUNDS} timed rounds after one warm-up round.`);

const vier = await readFile(new URL("./engines/vier.regels", import.meta.url), "utf8");
const triage = await readFile(new URL("../rulesets/triage.regels", import.meta.url), "utf8");
const out = [];
out.push(
  await decision(
    "Four-branch decision (benches/engines/vier.regels)",
    {
      core,
      source: vier,
      facts: FOUR.facts,
      jsonLogicRule: FOUR_JSONLOGIC,
      zenGraph: FOUR_ZEN,
      cedarPolicies: FOUR_CEDAR,
      cedarValue: (id) => FOUR_CEDAR_VALUES[id],
    },
    p,
    completeInputs(FOUR, N_INPUTS, 7),
  ),
);
/** The `route` decision for every engine: our rules file and its translations for the peers. */
const routeConfig = {
  core,
  source: triage,
  facts: ROUTE.facts,
  jsonLogicRule: toJsonLogic(ROUTE),
  zenGraph: toZen(ROUTE),
  cedarPolicies: toCedar(ROUTE),
  cedarValue: (id) => ROUTE.rows[Number(id.slice(0, 3))].value,
};
out.push(
  await decision(
    `Larger decision: \`route\` of rulesets/triage.regels (${Object.keys(ROUTE.facts).length} questions, ${ROUTE.rows.length} rows)`,
    routeConfig,
    p,
    completeInputs(ROUTE, N_INPUTS, 11),
  ),
);
out.push(
  ...await batchPath(
    `\`route\` of rulesets/triage.regels`,
    routeConfig,
    p,
    completeInputs(ROUTE, Number(arg("--batch", 20000)), 13),
  ),
);
if (JSON_OUT) await writeFile(JSON_OUT, JSON.stringify({ node: process.version, versions: p.versions, decisions: out }, null, 2));
