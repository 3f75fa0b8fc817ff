// The case in words: the log's lines, open handovers, deadlines passed, the case check's findings and the
// plain-text summary. Labels come from the rules; ids only where the rules no longer know them.
import { dateShown, fill } from "../element/words.js";
import { casusWords } from "./words.js";

/** The label of phase `id` in `lang` (its id when the rules do not know it). */
export const phaseLabel = (loaded, id, lang) => loaded?.trajectory.phases.find((p) => p.id === id)?.label[lang] ?? id ?? "";

/** The label of party `id` in `lang`. */
export const partyLabel = (loaded, id, lang) => loaded?.trajectory.parties.find((p) => p.id === id)?.label[lang] ?? id;

/** The lead in words ("nog niet bepaald" when no single party leads). */
export const leadText = (lead, lang) => lead?.label[lang] ?? casusWords(lang).leadUnknown;

/** The labels of an outcome's values, joined ("geen" for none). */
function valuesText(ruleset, outcome, ids, lang) {
  const o = ruleset?.checklist.outcomes.find((x) => x.id === outcome);
  // A deadline's value is its date: shown as people read it.
  const labels = ids.map((id) => o?.values.find((v) => v.id === id)?.label[lang] ?? (/^\d{4}-\d\d-\d\d$/.test(id) ? dateShown(id, lang) : id));
  return labels.length ? labels.join(", ") : casusWords(lang).none;
}

/** A decision's reason as the professional gave it: the override reason's label and their text. */
function reasonText(ruleset, reason, lang) {
  if (!reason) return "";
  const label = ruleset?.checklist.override_reasons?.find((r) => r.id === reason.code)?.label[lang] ?? reason.code;
  return [label, reason.text].filter(Boolean).join("; ");
}

/** One log entry in words: `{date, text, why: string[]}`. */
export function logLine(loaded, e, lang) {
  const w = casusWords(lang);
  const date = dateShown(e.date ?? "", lang);
  if (e.kind === "phase") {
    const vars = { phase: phaseLabel(loaded, e.phase, lang), from: phaseLabel(loaded, e.from, lang), lead: e.lead ? partyLabel(loaded, e.lead, lang) : w.leadUnknown };
    return { date, text: fill(e.from ? w.logPhase : w.logFirstPhase, vars), why: [] };
  }
  const ruleset = loaded?.rulesets.find((r) => r.id === e.ruleset?.id);
  const outcome = ruleset?.checklist.outcomes.find((o) => o.id === e.outcome)?.label[lang] ?? e.outcome;
  const vars = {
    ruleset: ruleset?.title[lang] ?? e.ruleset?.id ?? "", outcome,
    values: valuesText(ruleset, e.outcome, e.values ?? [], lang), advice: valuesText(ruleset, e.outcome, e.advice ?? [], lang),
  };
  const why = [];
  if (e.because?.[lang]) why.push(fill(w.because, { text: e.because[lang] }));
  const reason = reasonText(ruleset, e.reason, lang);
  if (reason) why.push(fill(w.reason, { text: reason }));
  return { date, text: fill(e.decision === "override" ? w.logOverride : w.logConfirmed, vars), why };
}

/** An open handover in words. */
export function handoverLine(h, lang) {
  const w = casusWords(lang);
  const missing = h.missing.map((m) => m[lang]);
  return missing.length ? fill(w.handoverMissing, { title: h.title[lang], missing: missing.join("; ") }) : fill(w.handoverOpen, { title: h.title[lang] });
}

/** A deadline past today in words. */
export function overdueLine(d, lang) {
  const w = casusWords(lang);
  return fill(d.days === 1 ? w.overdueOne : w.overdueItem, { label: d.label[lang], date: dateShown(d.date, lang), days: String(d.days) });
}

/** A finding of the case check in words, with the ruleset it is in and where: a question named in it by its
 * id is named by its words (as the ruleset asks it), a ruleset by its title. */
export function diagnosticLine(loaded, d, lang) {
  const ruleset = loaded.rulesets[d.ruleset];
  const label = (id) => loaded.rulesets.map((r) => r.checklist.sections.flatMap((x) => x.facts).find((f) => f.id === id)).find(Boolean)?.label[lang];
  let message = (lang === "en" ? d.message_en : d.message_nl).replace(/`([^`]+)`/g, (m, id) => (label(id) ? `“${label(id)}”` : id));
  for (const r of loaded.rulesets) message = message.replace(new RegExp(`\\bin ${r.id.replace(/\W/g, "\\$&")}\\b`, "g"), `in ${r.title[lang]}`);
  return fill(casusWords(lang).inRuleset, { ruleset: ruleset?.title[lang] ?? "", line: String(d.start?.line ?? ""), message });
}

/** The plain-text summary: the course of the case, where it is and who leads, open handovers, deadlines
 * passed and the log with the reasons. */
export function summaryText(loaded, c, state, today, lang) {
  const w = casusWords(lang);
  const lines = [fill(w.summaryTitle, { date: dateShown(today, lang) })];
  const path = state.path.map((p) => `${phaseLabel(loaded, p.phase, lang)} (${dateShown(p.date, lang)})`).join(" → ");
  if (path) lines.push(fill(w.summaryPath, { path }));
  lines.push(fill(w.phaseNow, { phase: phaseLabel(loaded, state.phase, lang) }), fill(w.leadNow, { lead: leadText(state.lead, lang) }));
  lines.push(`${w.openHandovers}:`, ...(state.openHandovers.length ? state.openHandovers.map((h) => `- ${handoverLine(h, lang)}`) : [`- ${w.noOpenHandovers}`]));
  if (state.overdue.length) lines.push(`${w.overdue}:`, ...state.overdue.map((d) => `- ${overdueLine(d, lang)}`));
  lines.push(w.summaryLog);
  if (!c.log.length) lines.push(`- ${w.logEmpty}`);
  for (const e of c.log) {
    const l = logLine(loaded, e, lang);
    lines.push(`- ${l.date}: ${l.text}`, ...l.why.map((t) => `  ${t}`));
  }
  return lines.join("\n");
}
