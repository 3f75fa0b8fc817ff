// The shipped JSON Schema of the widget's value (www/value.schema.json, in the package as
// `@regiewijzer/widget/value.schema.json`), checked with Ajv: what a receiving backend would run.
// browser.mjs sends every value a page posts or reads through `checkValue`.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const SCHEMA = JSON.parse(readFileSync(new URL("../www/value.schema.json", import.meta.url), "utf8"));
/** The schema of `<regie-casus>`'s value (www/casus.schema.json); it refers to the widget's for answers and decisions. */
export const CASE_SCHEMA = JSON.parse(readFileSync(new URL("../www/casus.schema.json", import.meta.url), "utf8"));

/**
 * The schema as shipped (open to fields a later widget adds, as a backend needs it), and a closed copy
 * (every object with listed properties takes no others): the element must post no field the schema does
 * not describe.
 */
function compile(schema, uses = []) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const s of uses) ajv.addSchema(s);
  return ajv.compile(schema);
}

/** `schema` with `additionalProperties: false` on every object schema that lists its properties. */
function closed(schema) {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== "object") return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "properties" ? mapValues(v, closed) : closed(v)]));
  if (out.properties && out.type === "object" && !("additionalProperties" in out)) out.additionalProperties = false;
  return out;
}

const mapValues = (o, f) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

export const validate = compile(SCHEMA);
const validateClosed = compile(closed(SCHEMA));
export const validateCase = compile(CASE_SCHEMA, [SCHEMA]);
const validateCaseClosed = compile(closed(CASE_SCHEMA), [closed(SCHEMA)]);

let checked = 0;

/** How many values {@link checkValue} has checked in this test file (so a test can see the hook ran). */
export const valuesChecked = () => checked;

/**
 * What is wrong with `value` against the shipped schema (and the closed copy), in words; `null` when it
 * is a valid value. Counts the check.
 */
export function valueProblems(value) {
  checked++;
  // A case (`kind: "case"`, from <regie-casus>) has its own schema.
  const pair = value?.kind === "case" ? [validateCase, validateCaseClosed] : [validate, validateClosed];
  for (const v of pair) {
    if (!v(value)) return (v === pair[0] ? "" : "(a field the schema does not list) ") + JSON.stringify(v.errors.slice(0, 3));
  }
  return null;
}

/** Throws when `value` does not validate against the shipped schema; returns it. */
export function checkValue(value) {
  const problem = valueProblems(value);
  if (problem) throw new Error(`the value does not validate against www/value.schema.json: ${problem}\n${JSON.stringify(value)}`);
  return value;
}
