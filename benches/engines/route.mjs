// The larger decision: the `route` outcome of the shipped triage ruleset (rulesets/triage.regels),
// translated by hand into rows (see spec.mjs for the row language), from which the json-logic rule, the
// Zen decision table and the Cedar policies are generated. compare.mjs checks on every input that all
// engines give what our engine gives on rulesets/triage.regels itself.
//
// What the translation keeps: the 19 questions `route` reads, the `ask when` of five of them (an answer
// to a question that is not asked is ignored), the rule priorities (rows in priority order; rules of equal
// priority give the same value here, so the shipped rules have no conflict to translate), and
// "undecided" when no rule fires.
// What it cannot keep, in any of the three peers: answers that are still open (three-valued logic,
// *voorlopig*, what matters next: the inputs are complete checklists), the reasons and sources, the
// other three outcomes of the ruleset (urgentie, regiehouder, acties), the type and bounds of each
// answer (a peer takes `leeftijd: -3` or `"veertig"` without a word), and the regional parameter
// `draaideur_eerdere_meldingen`, inlined as the number 2.

import { random } from "../lib/stats.mjs";

const NO_CONTACT = "unknown|no"; // zorgaanbieder_in_contact is unknown or = no
const NOT_FACT = "unknown|!=fact_team"; // zorgaanbieder_soort is unknown or != fact_team
const CONCERNS = [
  { vermoeden_psychische_stoornis: "yes" },
  { verslaving: "yes" },
  { dementie_of_lvb: "yes" },
  { woonsituatie: "=dakloos" },
];

export const ROUTE = {
  facts: {
    acuut_gevaar: { type: "bool" },
    huiselijk_geweld: { type: "bool" },
    leeftijd: { type: "int", min: 0, max: 120 },
    jongerengroep: { type: "bool", askWhen: [{ leeftijd: "<18" }] },
    ongedocumenteerd: { type: "bool" },
    woonsituatie: { type: "choice", options: ["eigen_woning", "bij_anderen", "dakloos", "instelling"] },
    vermoeden_psychische_stoornis: { type: "bool" },
    dementie_of_lvb: { type: "bool" },
    ernstig_nadeel: {
      type: "bool",
      askWhen: [{ vermoeden_psychische_stoornis: "yes" }, { dementie_of_lvb: "yes" }],
    },
    hulp_geweigerd: { type: "bool" },
    verslaving: { type: "bool" },
    schulden: { type: "bool" },
    overlast: { type: "bool" },
    meerdere_ketens: { type: "bool", askWhen: [{ overlast: "yes" }] },
    impact_omgeving: { type: "bool", askWhen: [{ overlast: "yes" }] },
    bekend_bij_zorg: { type: "bool" },
    zorgaanbieder_in_contact: { type: "bool", askWhen: [{ bekend_bij_zorg: "yes" }] },
    zorgaanbieder_soort: {
      type: "choice",
      options: ["fact_team", "ggz", "verslavingszorg", "gehandicaptenzorg_of_ouderenzorg", "huisarts", "wijkteam", "anders"],
      askWhen: [{ bekend_bij_zorg: "yes" }],
    },
    eerdere_meldingen: { type: "int", min: 0, max: 6 },
  },
  rows: [
    { rule: "acuut", value: "crisisdienst_112", cells: { acuut_gevaar: "yes" } },
    { rule: "huiselijk_geweld_regel", value: "veilig_thuis", cells: { huiselijk_geweld: "yes" } },
    {
      rule: "wvggz_en_wzd", value: "wvggz_melding_gemeente",
      cells: { vermoeden_psychische_stoornis: "yes", dementie_of_lvb: "yes", ernstig_nadeel: "yes", hulp_geweigerd: "yes" },
    },
    // Priority 70: wvggz, wvggz_via_zorgaanbieder and wzd. Where two of them disagree, wvggz_en_wzd (72)
    // already holds, so no conflict row is needed here.
    {
      rule: "wvggz", value: "wvggz_melding_gemeente",
      cells: { vermoeden_psychische_stoornis: "yes", ernstig_nadeel: "yes", hulp_geweigerd: "yes", zorgaanbieder_in_contact: NO_CONTACT },
    },
    {
      rule: "wvggz_via_zorgaanbieder", value: "terug_naar_zorgaanbieder",
      cells: {
        vermoeden_psychische_stoornis: "yes", ernstig_nadeel: "yes", hulp_geweigerd: "yes",
        bekend_bij_zorg: "yes", zorgaanbieder_in_contact: "yes",
      },
    },
    { rule: "wzd", value: "wzd_route", cells: { dementie_of_lvb: "yes", ernstig_nadeel: "yes", hulp_geweigerd: "yes" } },
    { rule: "zvh", value: "zorg_en_veiligheidshuis", cells: { overlast: "yes", meerdere_ketens: "yes", impact_omgeving: "yes" } },
    { rule: "terug_naar_zorg", value: "terug_naar_zorgaanbieder", cells: { bekend_bij_zorg: "yes", zorgaanbieder_in_contact: "yes" } },
    // fact_uit_beeld has priority 46, just above jongeren / jeugd (45): a young person whose FACT team lost
    // contact goes back to that team (the analysis once found these two in conflict).
    {
      rule: "fact_uit_beeld", value: "terug_naar_zorgaanbieder",
      cells: { bekend_bij_zorg: "yes", zorgaanbieder_in_contact: "no", zorgaanbieder_soort: "=fact_team" },
    },
    { rule: "jongeren", value: "jongerenwerk_outreach", cells: { leeftijd: "<18", jongerengroep: "yes" } },
    { rule: "jeugd_regel", value: "jeugd", cells: { leeftijd: "<18", jongerengroep: "no" } },
    {
      rule: "contact_verloren", value: "bemoeizorg",
      cells: { bekend_bij_zorg: "yes", zorgaanbieder_in_contact: "no", zorgaanbieder_soort: NOT_FACT },
    },
    ...CONCERNS.map((concern) => ({
      rule: "zorgmijder", value: "bemoeizorg",
      cells: { hulp_geweigerd: "yes", ...concern, zorgaanbieder_in_contact: NO_CONTACT, zorgaanbieder_soort: NOT_FACT },
    })),
    {
      rule: "draaideur", value: "bemoeizorg",
      cells: { eerdere_meldingen: ">=2", zorgaanbieder_in_contact: NO_CONTACT, zorgaanbieder_soort: NOT_FACT },
    },
    { rule: "ongedocumenteerd_regel", value: "ongedocumenteerden_steunpunt", cells: { ongedocumenteerd: "yes" } },
    ...[...CONCERNS, { schulden: "yes" }, { overlast: "yes" }].map((concern) => ({
      rule: "vangnet_regel", value: "vangnet",
      cells: { ...concern, zorgaanbieder_in_contact: NO_CONTACT, zorgaanbieder_soort: NOT_FACT },
    })),
    {
      rule: "advies_regel", value: "advies",
      cells: {
        acuut_gevaar: "no", huiselijk_geweld: "no", vermoeden_psychische_stoornis: "no", verslaving: "no",
        dementie_of_lvb: "no", schulden: "no", overlast: "no", woonsituatie: "!=dakloos", ongedocumenteerd: "no",
      },
    },
  ],
};

/** True when question `fact` is asked for `answers` (complete answers: every ask-when reads answered
 *  questions). Used only to generate inputs, never by an engine under test. */
function asked(spec, fact, answers) {
  const ask = spec.facts[fact].askWhen;
  if (!ask) return true;
  return ask.some((cells) =>
    Object.entries(cells).every(([f, cell]) => {
      const v = answers[f];
      return cell.split("|").some((c) => {
        if (c === "yes") return v === true;
        if (c === "no") return v === false;
        if (c.startsWith("<")) return v != null && v < Number(c.slice(1));
        throw new Error(`inputs: ask-when cell ${c} not supported`);
      });
    }));
}

/**
 * `n` complete checklists for `spec`, the same on every run (seeded): every asked question answered, in an
 * order where a question comes after those its ask-when reads. A question that is not asked is left out,
 * or (one time in three) keeps a stale answer, as a form does when an earlier answer changed: every engine
 * must ignore it. `yes` is rarer than `no`, so that the lower rows (vangnet, advies) are reached too.
 */
export function completeInputs(spec, n, seed = 7) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const value = (def) => {
    if (def.type === "bool") return rnd() < 0.3;
    if (def.type === "choice") return pick(def.options);
    return def.min + Math.floor(rnd() * (def.max - def.min + 1));
  };
  const out = [];
  for (let i = 0; i < n; i++) {
    const answers = {};
    for (const [fact, def] of Object.entries(spec.facts)) {
      const v = value(def);
      if (asked(spec, fact, answers) || rnd() < 1 / 3) answers[fact] = v;
    }
    out.push(answers);
  }
  return out;
}

/** The cases as a CSV text, as a desk's export would give them: a `today` column, then a column per fact of
 * `facts`; yes/no as "ja"/"nee", no answer an empty cell. */
export function casesCsv(inputs, facts, today) {
  const ids = Object.keys(facts);
  const cell = (v) => (v === undefined ? "" : v === true ? "ja" : v === false ? "nee" : String(v));
  return [`today,${ids.join(",")}`, ...inputs.map((a) => `${today},${ids.map((f) => cell(a[f])).join(",")}`)].join("\n");
}

