// A decision written once as rows of cells, and its translation into each peer engine: a json-logic-js
// rule, a GoRules Zen decision table (JDM), and Cedar policies.
//
// A spec is what a rule author would write in a decision-table tool:
//   facts:  { id: { type: "bool" | "choice" | "int", askWhen?: [row, ...] } }
//   rows:   [{ rule, value, cells: { fact: cell } }, ...] in priority order: the first row that holds decides;
//           "conflict" as a value marks answers where our engine reports two rules of equal priority with
//           different values (a first-hit table has no other way to say so).
// A cell is "yes", "no", "=option", "!=option", "<n", ">=n", "unknown", or alternatives joined by "|"
// ("unknown|no"). A row holds when every cell holds; a cell on a question that is not asked (its askWhen
// holds for no row) sees no answer. No answer satisfies only "unknown": that is our three-valued logic
// for rules, which fire only when their condition is definitely true, reduced to what complete checklists
// need (every asked question answered).

const altCells = (cell) => cell.split("|");

// ---------------------------------------------------------------- json-logic-js

function jlEffective(spec, fact) {
  const v = { var: fact };
  const ask = spec.facts[fact]?.askWhen;
  return ask ? { if: [jlRows(spec, ask), v, null] } : v;
}

function jlCell(spec, fact, cell) {
  const alts = altCells(cell).map((c) => {
    const v = jlEffective(spec, fact);
    if (c === "yes") return { "===": [v, true] };
    if (c === "no") return { "===": [v, false] };
    if (c === "unknown") return { "===": [v, null] };
    if (c.startsWith("!=")) return { and: [{ "!==": [v, null] }, { "!==": [v, c.slice(2)] }] };
    if (c.startsWith("=")) return { "===": [v, c.slice(1)] };
    if (c.startsWith(">=")) return { and: [{ "!==": [v, null] }, { ">=": [v, Number(c.slice(2))] }] };
    if (c.startsWith("<")) return { and: [{ "!==": [v, null] }, { "<": [v, Number(c.slice(1))] }] };
    throw new Error(`spec: unknown cell ${c}`);
  });
  return alts.length === 1 ? alts[0] : { or: alts };
}

function jlRow(spec, cells) {
  const tests = Object.entries(cells).map(([f, c]) => jlCell(spec, f, c));
  return tests.length === 1 ? tests[0] : { and: tests };
}

function jlRows(spec, rows) {
  return rows.length === 1 ? jlRow(spec, rows[0]) : { or: rows.map((r) => jlRow(spec, r)) };
}

/** One json-logic rule: an `if` chain over the rows in order, "undecided" when none holds. */
export function toJsonLogic(spec) {
  const args = [];
  for (const row of spec.rows) args.push(jlRow(spec, row.cells), row.value);
  args.push("undecided");
  return { if: args };
}

// ---------------------------------------------------------------- Zen (JDM decision table)

function zenCondition(spec, rows) {
  return rows
    .map((cells) => `(${Object.entries(cells).map(([f, c]) => `(${zenTest(spec, f, c, zenEffective(spec, f))})`).join(" and ")})`)
    .join(" or ");
}

function zenEffective(spec, fact) {
  const ask = spec.facts[fact]?.askWhen;
  return ask ? `((${zenCondition(spec, ask)}) ? ${fact} : null)` : fact;
}

// Zen's unary cell parser (`$ …`) rejects parentheses ("Incomplete parser output", and the table then
// matches nothing), so the alternatives are written without them: `and` binds tighter than `or`.
function zenTest(spec, fact, cell, v) {
  return altCells(cell)
    .map((c) => {
      if (c === "yes") return `${v} == true`;
      if (c === "no") return `${v} == false`;
      if (c === "unknown") return `${v} == null`;
      if (c.startsWith("!=")) return `${v} != null and ${v} != "${c.slice(2)}"`;
      if (c.startsWith("=")) return `${v} == "${c.slice(1)}"`;
      if (c.startsWith(">=")) return `${v} != null and ${v} >= ${Number(c.slice(2))}`;
      if (c.startsWith("<")) return `${v} != null and ${v} < ${Number(c.slice(1))}`;
      throw new Error(`spec: unknown cell ${c}`);
    })
    .join(" or ");
}

/** A JDM graph: input → one decision table (hit policy "first", a column per question, the question's
 *  ask-when folded into the column's expression) → output `{route}`. */
export function toZen(spec, output = "route") {
  const facts = [...new Set(spec.rows.flatMap((r) => Object.keys(r.cells)))];
  const inputs = facts.map((f) => ({ id: `in_${f}`, name: f, field: zenEffective(spec, f) }));
  const rules = spec.rows.map((row, i) => {
    const r = { _id: `r${i + 1}`, out: JSON.stringify(row.value) };
    for (const f of facts) r[`in_${f}`] = row.cells[f] ? zenTest(spec, f, row.cells[f], "$") : "";
    return r;
  });
  return {
    nodes: [
      { id: "in", type: "inputNode", name: "antwoorden", position: { x: 0, y: 0 } },
      {
        id: "table", type: "decisionTableNode", name: output, position: { x: 300, y: 0 },
        content: {
          hitPolicy: "first", passThrough: false, inputField: null, outputPath: null, executionMode: "single",
          inputs, outputs: [{ id: "out", name: output, field: output }], rules,
        },
      },
      { id: "out", type: "outputNode", name: "uitkomst", position: { x: 600, y: 0 } },
    ],
    edges: [
      { id: "e1", sourceId: "in", targetId: "table", type: "edge" },
      { id: "e2", sourceId: "table", targetId: "out", type: "edge" },
    ],
  };
}

// ---------------------------------------------------------------- Cedar

function cedarAnswered(spec, fact) {
  const ask = spec.facts[fact]?.askWhen;
  const has = `context has ${fact}`;
  return ask ? `((${cedarRows(spec, ask)}) && ${has})` : has;
}

function cedarCell(spec, fact, cell) {
  const known = cedarAnswered(spec, fact);
  const v = `context.${fact}`;
  return altCells(cell)
    .map((c) => {
      if (c === "yes") return `(${known} && ${v} == true)`;
      if (c === "no") return `(${known} && ${v} == false)`;
      if (c === "unknown") return `!${known}`;
      if (c.startsWith("!=")) return `(${known} && ${v} != "${c.slice(2)}")`;
      if (c.startsWith("=")) return `(${known} && ${v} == "${c.slice(1)}")`;
      if (c.startsWith(">=")) return `(${known} && ${v} >= ${Number(c.slice(2))})`;
      if (c.startsWith("<")) return `(${known} && ${v} < ${Number(c.slice(1))})`;
      throw new Error(`spec: unknown cell ${c}`);
    })
    .join(" || ");
}

function cedarRows(spec, rows) {
  return rows
    .map((cells) => `(${Object.entries(cells).map(([f, c]) => `(${cedarCell(spec, f, c)})`).join(" && ")})`)
    .join(" || ");
}

/** Cedar policies, one `permit` per row (id: its place in the row order and the rule), each `when` over
 *  the answers in `context`. One authorization call returns every satisfied row as `diagnostics.reason`;
 *  the first in row order decides (the same order as the other engines' first-hit tables). */
export function toCedar(spec) {
  const policies = {};
  spec.rows.forEach((row, i) => {
    const id = `${String(i).padStart(3, "0")}_${row.rule}`;
    policies[id] = `permit (principal, action, resource) when { ${cedarRows(spec, [row.cells])} };`;
  });
  return policies;
}
