// Answers as the element keeps them: question id → yes/no, a number, a text (option id, date, or what a
// field held), or the records of a timeline (field id → yes/no, whole number or text). Read from the
// host's objects in JS, so that nothing the host's object does (a getter, a Proxy) runs in the engine.

const MAX_RECORDS = 1000; // per timeline (regiewijzer-core's limits.rs); one more is kept so that it is reported
const MAX_DEPTH = 4; // answers → timeline → record → field

/**
 * The host's answers as plain data: own enumerable keys (no `__proto__`), lists cut to one past the
 * record limit, no deeper than answers can be. An entry that cannot be read is left out (and so
 * reported as unanswered); answers whose keys cannot be listed throw to the host.
 * @param {unknown} value
 * @returns {any}
 */
export function plain(value, depth = 0) {
  if (value === null || typeof value !== "object") {
    return ["boolean", "number", "string"].includes(typeof value) ? value : undefined;
  }
  if (depth >= MAX_DEPTH) return undefined;
  const read = (key) => {
    try {
      return plain(value[key], depth + 1);
    } catch {
      return undefined;
    }
  };
  if (Array.isArray(value)) return Array.from({ length: Math.min(value.length, MAX_RECORDS + 1) }, (_, i) => read(i));
  const out = {};
  for (const key of Object.keys(value)) {
    const v = key === "__proto__" ? undefined : read(key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A record field as kept: yes/no, a whole number or a text (anything else is left out). */
const field = (v) => (typeof v === "boolean" || typeof v === "string" || Number.isSafeInteger(v) ? v : undefined);

/** One record of a timeline (an item that is not a record counts as a record without fields). */
function record(item) {
  const out = {};
  if (item && typeof item === "object" && !Array.isArray(item)) {
    for (const [k, v] of Object.entries(item)) if (field(v) !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Plain answers (from {@link plain}) as the element keeps them, keys sorted: an object where one answer
 * is expected is not an answer; every item of a list counts (so a list is never read as shorter than it
 * is); a number that is not whole is kept, so that its question reports it.
 * @param {Record<string, any>} raw
 * @returns {Record<string, any>}
 */
export function normalise(raw) {
  const out = {};
  for (const key of Object.keys(raw ?? {}).sort()) {
    const v = raw[key];
    if (Array.isArray(v)) out[key] = v.map(record);
    else if (v !== null && typeof v !== "object" && v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * `answers` with `id` set to `value` (`undefined`: unanswered), keys sorted.
 * @param {Record<string, any>} answers
 * @param {string} id
 * @param {any} value
 */
export function withAnswer(answers, id, value) {
  const next = { ...answers };
  if (value === undefined) delete next[id];
  else next[id] = value;
  return normalise(next);
}

/** An answer as a person reads it (in the error state's list of kept answers). */
export function shown(v) {
  if (Array.isArray(v)) return v.map((r) => (r && typeof r === "object" ? Object.values(r).join(" ") : String(r))).join("; ");
  return typeof v === "boolean" ? (v ? "ja / yes" : "nee / no") : String(v);
}
