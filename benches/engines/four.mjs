// The four-branch decision of vier.regels, written by hand in each peer engine the way its documentation
// shows: the smallest form that gives the same route on complete answers. (On open answers these forms
// decide anyway, e.g. json-logic says "advies" when nothing is answered; ours says "no decision yet".)

/** The questions, for the input generator (route.mjs `completeInputs`). */
export const FOUR = {
  facts: {
    acuut_gevaar: { type: "bool" },
    huiselijk_geweld: { type: "bool" },
    bekend_bij_zorg: { type: "bool" },
    leeftijd: { type: "int", min: 0, max: 120 },
  },
};

export const FOUR_JSONLOGIC = {
  if: [
    { var: "acuut_gevaar" }, "crisisdienst",
    { var: "huiselijk_geweld" }, "veilig_thuis",
    { and: [{ var: "bekend_bij_zorg" }, { ">=": [{ var: "leeftijd" }, 18] }] }, "terug_naar_zorg",
    "advies",
  ],
};

export const FOUR_ZEN = {
  nodes: [
    { id: "in", type: "inputNode", name: "antwoorden", position: { x: 0, y: 0 } },
    {
      id: "table", type: "decisionTableNode", name: "route", position: { x: 300, y: 0 },
      content: {
        hitPolicy: "first", passThrough: false, inputField: null, outputPath: null, executionMode: "single",
        inputs: [
          { id: "acuut", name: "Acuut gevaar", field: "acuut_gevaar" },
          { id: "hg", name: "Huiselijk geweld", field: "huiselijk_geweld" },
          { id: "bekend", name: "Bekend bij zorg", field: "bekend_bij_zorg" },
          { id: "leeftijd", name: "Leeftijd", field: "leeftijd" },
        ],
        outputs: [{ id: "route", name: "Route", field: "route" }],
        rules: [
          { _id: "acuut", acuut: "true", hg: "", bekend: "", leeftijd: "", route: '"crisisdienst"' },
          { _id: "hg", acuut: "", hg: "true", bekend: "", leeftijd: "", route: '"veilig_thuis"' },
          { _id: "bekend", acuut: "", hg: "", bekend: "true", leeftijd: ">= 18", route: '"terug_naar_zorg"' },
          { _id: "advies", acuut: "", hg: "", bekend: "", leeftijd: "", route: '"advies"' },
        ],
      },
    },
    { id: "out", type: "outputNode", name: "uitkomst", position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: "e1", sourceId: "in", targetId: "table", type: "edge" },
    { id: "e2", sourceId: "table", targetId: "out", type: "edge" },
  ],
};

// One permit per branch; the satisfied policies come back as `diagnostics.reason`, and the first in this
// order decides (Cedar has permit and forbid, not priorities).
export const FOUR_CEDAR = {
  "0_acuut": "permit (principal, action, resource) when { context.acuut_gevaar };",
  "1_veilig_thuis": "permit (principal, action, resource) when { context.huiselijk_geweld };",
  "2_terug_naar_zorg": "permit (principal, action, resource) when { context.bekend_bij_zorg && context.leeftijd >= 18 };",
  "3_advies": "permit (principal, action, resource);",
};
export const FOUR_CEDAR_VALUES = {
  "0_acuut": "crisisdienst",
  "1_veilig_thuis": "veilig_thuis",
  "2_terug_naar_zorg": "terug_naar_zorg",
  "3_advies": "advies",
};
