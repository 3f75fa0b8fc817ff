// A region's variant (`ruleset NAME variant of BASE "VERSION"`, docs/language.md "Variants") in the
// playground: its base is one of the shipped rulesets the page carries, found by the id the header names
// (the rules core reads the header: `variantOf`). The page and its worker compile every text through
// `loadRules`, so that the check, the preview, the tests, the analysis, the comparison and the replay all
// see the same resolved rules. The version is not compared here: the core's check says when it differs
// (`E703`), in the author's words.

/**
 * What the header of `text` says about its base: `null` when it is not a variant; `{base, version, rules}`
 * with the base's rules text when `shipped` (id → rules text) has it; `{base, version, rules: null}` when
 * it names a ruleset the playground does not carry.
 * @param {any} core the rules-core API
 * @param {string} text
 * @param {Record<string, string>} shipped
 */
export function variantBase(core, text, shipped) {
  const v = core.variantOf(text);
  if (!v) return null;
  return { ...v, rules: Object.hasOwn(shipped, v.base) ? shipped[v.base] : null };
}

/**
 * Compiles `text` as `Ruleset.load` does, a variant of a shipped ruleset as a variant of it
 * (`Ruleset.loadVariant`). Throws what they throw (a variant of another ruleset: `E701`).
 * @param {any} core the rules-core API
 * @param {string} text
 * @param {Record<string, string>} shipped
 */
export function loadRules(core, text, shipped) {
  return loadWith(core, text, variantBase(core, text, shipped)?.rules);
}

/**
 * Compiles `text`, as a variant of `base` (its base's rules text) when that is given.
 * @param {any} core the rules-core API
 * @param {string} text
 * @param {string | null | undefined} base
 */
export function loadWith(core, text, base) {
  return base == null ? core.Ruleset.load(text) : core.Ruleset.loadVariant(text, base);
}

/** Whether two texts (`{nl, en}`) are the same in both languages. */
const sameWords = (a, b) => a?.nl === b?.nl && a?.en === b?.en;

/** The entries of a checklist's list (questions, outcomes, values, parameters) by id. */
const byId = (list) => new Map((list ?? []).map((x) => [x.id, x]));

/**
 * What two versions declare differently (their checklists, `Ruleset.checklist()`): the questions and
 * outcomes only one has, the values an outcome gained, lost or gave other words, the parameters with
 * another value. The comparison by meaning (`Ruleset.diff`) says what that does to the advice; this says
 * what was written, as a variant's author wrote it. Each entry is `{kind, words}`: the page's text `kind` (i18n.mjs) of `words`,
 * labels as `{nl, en}` and values as written.
 * @param {any} old the old version's checklist
 * @param {any} neu the new version's checklist
 */
export function declaredChanges(old, neu) {
  const facts = (c) => byId(c.sections.flatMap((s) => s.facts));
  const out = [];
  const say = (kind, ...words) => out.push({ kind, words });
  const onlyIn = (a, b, kind) => {
    for (const [id, x] of a) if (!b.has(id)) say(kind, x.label);
  };
  const [oldFacts, newFacts] = [facts(old), facts(neu)];
  onlyIn(newFacts, oldFacts, "questionAdded");
  onlyIn(oldFacts, newFacts, "questionRemoved");
  const [oldOutcomes, newOutcomes] = [byId(old.outcomes), byId(neu.outcomes)];
  onlyIn(newOutcomes, oldOutcomes, "outcomeAdded");
  onlyIn(oldOutcomes, newOutcomes, "outcomeRemoved");
  for (const [id, o] of newOutcomes) {
    const before = oldOutcomes.get(id);
    if (!before) continue;
    const [a, b] = [byId(before.values), byId(o.values)];
    for (const [vid, v] of b) if (!a.has(vid)) say("valueAdded", o.label, v.label);
    for (const [vid, v] of a) if (!b.has(vid)) say("valueRemoved", o.label, v.label);
    for (const [vid, v] of b) if (a.has(vid) && !sameWords(a.get(vid).label, v.label)) say("valueRenamed", o.label, a.get(vid).label, v.label);
  }
  const oldParameters = byId(old.parameters);
  for (const p of neu.parameters ?? []) {
    const before = oldParameters.get(p.id);
    if (before && before.value !== p.value) say("parameterChanged", p.label, before.value, p.value);
  }
  return out;
}
