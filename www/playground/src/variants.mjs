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
