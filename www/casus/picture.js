// The trajectory of a case as a picture: the phases the rulesets declare, top to bottom, one node per
// phase, with the date a case entered each, the current phase and its lead, open handovers with what is
// missing and overdue deadlines in words. Drawn from the Trajectory data (pkg/core `caseTrajectory`,
// `Ruleset.trajectory()`), never by hand; the same content as a visible list (the text alternative,
// `ol[part=trajectory-list]`) that the SVG points to with `aria-describedby`. Every text goes in with
// `textContent` (never as markup). Styles: www/casus/picture.css (the host's font, text colour and theme).
import { dateShown, fill } from "../element/words.js";

const SVG = "http://www.w3.org/2000/svg";

/** The picture's own words; the texts about the rules (phases, parties, handovers) come from the rules. */
const WORDS = {
  nl: {
    caption: "Traject van de casus",
    captionRules: "Traject volgens deze regels",
    now: "nu",
    from: "vanaf {dates}",
    and: " en ",
    or: " of ",
    lead: "Regie: {who}",
    leadOpen: "hangt af van de casus",
    leadEither: "{who} (hangt af van de casus)",
    leadUnknown: "nog niet bekend",
    handover: "Overdracht: {from} → {to}",
    handoverTitle: "Overdracht „{title}”: van {from} naar {to}",
    requires: "Voorwaarden: {list}",
    pingPong: "Pingpong: de regie kan heen en terug",
    pingPongSaid: "Pingpong: {message}",
    open: "Overdracht nog niet rond: {title}",
    missing: "Nog nodig:",
    overdue: "{label}: {days} te laat (uiterlijk {date})",
    day: "1 dag",
    days: "{n} dagen",
    title: "Traject van de casus: nu in de fase {phase}, regie bij {lead}.",
    titleNoPhase: "Traject van de casus: nog geen fase gekozen.",
    titleRules: "Traject volgens deze regels: {n} fasen, van {first} tot en met {last}.",
    empty: "Deze regels noemen geen fasen: er is geen traject om te tekenen.",
  },
  en: {
    caption: "Trajectory of the case",
    captionRules: "Trajectory according to these rules",
    now: "now",
    from: "from {dates}",
    and: " and ",
    or: " or ",
    lead: "Lead: {who}",
    leadOpen: "depends on the case",
    leadEither: "{who} (depends on the case)",
    leadUnknown: "not known yet",
    handover: "Handover: {from} → {to}",
    handoverTitle: "Handover “{title}”: from {from} to {to}",
    requires: "Conditions: {list}",
    pingPong: "Ping-pong: the lead can go back and forth",
    pingPongSaid: "Ping-pong: {message}",
    open: "Handover not complete yet: {title}",
    missing: "Still needed:",
    overdue: "{label}: {days} overdue (by {date})",
    day: "1 day",
    days: "{n} days",
    title: "Trajectory of the case: now in the phase {phase}, led by {lead}.",
    titleNoPhase: "Trajectory of the case: no phase chosen yet.",
    titleRules: "Trajectory according to these rules: {n} phases, from {first} to {last}.",
    empty: "These rules declare no phases: there is no trajectory to draw.",
  },
};

const say = (lang) => (lang === "en" ? WORDS.en : WORDS.nl);
/** A text of the rules in `lang` (Dutch when there is no English). */
const textIn = (t, lang) => (t ? (lang === "en" ? t.en : t.nl) || t.nl || "" : "");

// ---------- what the picture and the list say: one model per phase ----------

/**
 * @typedef {{ kind: "handover" | "open" | "overdue", id?: string, text: string, long?: string,
 *   detail: string[], said: string, pingPong?: string }} Item
 *   `text` and `detail` (lines) are drawn in the SVG, `long` (else `text`) and `said` are the list's words.
 * @typedef {{ id: string, label: string, current: boolean, visited: boolean, dates: string, lead: string,
 *   items: Item[] }} Row
 */

/** The rows of the picture: per phase its label, dates, whether it is current, its lead and its items. */
function rowsOf(trajectory, state, lang) {
  const w = say(lang);
  const party = (id) => textIn(trajectory.parties.find((p) => p.id === id)?.label, lang) || id;
  const anchor = state ? anchorOf(trajectory, state) : null;
  return trajectory.phases.map((p) => {
    const current = state?.phase === p.id;
    const entered = (state?.path ?? []).filter((s) => s.phase === p.id).map((s) => dateShown(s.date, lang));
    const lead = state ? (current ? leadNow(state, w, lang) : "") : leadsOf(p, w, lang);
    const items = state
      ? (p.id === anchor ? stateItems(state, w, lang) : [])
      : ruleItems(trajectory, p.id, party, w, lang);
    return {
      id: p.id, label: textIn(p.label, lang), current, visited: entered.length > 0 && !current,
      dates: entered.length ? fill(w.from, { dates: entered.join(w.and) }) : "", lead, items,
    };
  });
}

/** The phase under which the open handovers and overdue deadlines are drawn: the current one, else the
 * last one the case went through, else the first. */
function anchorOf(trajectory, state) {
  const known = (id) => trajectory.phases.some((p) => p.id === id);
  if (known(state.phase)) return state.phase;
  const last = [...(state.path ?? [])].reverse().find((s) => known(s.phase));
  return last?.phase ?? trajectory.phases[0]?.id ?? null;
}

const leadNow = (state, w, lang) => fill(w.lead, { who: state.lead ? textIn(state.lead.label, lang) : w.leadUnknown });

/** The lead of a phase as the rules give it with only the phase known: one party, a few candidates, or
 * "depends on the case" (none, or too many to read in one line). */
function leadsOf(phase, w, lang) {
  const names = phase.leads.map((l) => textIn(l.label, lang));
  if (phase.decided && names.length === 1) return fill(w.lead, { who: names[0] });
  if (names.length === 0 || names.length > 4) return fill(w.lead, { who: w.leadOpen });
  const who = `${names.slice(0, -1).join(", ")}${w.or}${names[names.length - 1]}`;
  return fill(w.lead, { who: fill(w.leadEither, { who }) });
}

/** The handovers that apply in `phase` according to the rules, each with its parties, conditions and
 * ping-pong. */
function ruleItems(trajectory, phase, party, w, lang) {
  return trajectory.handovers.filter((h) => h.phases.includes(phase)).map((h) => {
    const pair = trajectory.pingPong.find((p) => p.handovers.includes(h.id));
    const requires = h.requires.map((r) => textIn(r, lang));
    return {
      kind: "handover", id: h.id,
      text: fill(w.handover, { from: party(h.from), to: party(h.to) }),
      long: fill(w.handoverTitle, { title: textIn(h.title, lang), from: party(h.from), to: party(h.to) }),
      detail: [],
      said: requires.length ? fill(w.requires, { list: requires.join("; ") }) : "",
      pingPong: pair ? textIn(pair.message, lang) : undefined,
    };
  });
}

/** The case's open handovers (with what is missing) and overdue deadlines (in words). */
function stateItems(state, w, lang) {
  const open = (state.openHandovers ?? []).map((h) => ({
    kind: "open", id: h.id, text: fill(w.open, { title: textIn(h.title, lang) }),
    detail: h.missing.length ? [w.missing, ...h.missing.map((m) => `– ${textIn(m, lang)}`)] : [],
    said: h.missing.length ? `${w.missing} ${h.missing.map((m) => textIn(m, lang)).join("; ")}` : "",
  }));
  const overdue = (state.overdue ?? []).map((d) => ({
    kind: "overdue", detail: [], said: "",
    text: fill(w.overdue, {
      label: textIn(d.label, lang), date: dateShown(d.date, lang),
      days: d.days === 1 ? w.day : fill(w.days, { n: String(d.days) }),
    }),
  }));
  return [...open, ...overdue];
}

/** The SVG's title: where the case is and who leads (or, without a case, what the rules declare). */
function titleOf(trajectory, state, lang) {
  const w = say(lang);
  const phases = trajectory.phases;
  if (!state) {
    return fill(w.titleRules, { n: String(phases.length), first: textIn(phases[0]?.label, lang),
      last: textIn(phases[phases.length - 1]?.label, lang) });
  }
  const phase = phases.find((p) => p.id === state.phase);
  if (!phase) return w.titleNoPhase;
  return fill(w.title, { phase: textIn(phase.label, lang),
    lead: state.lead ? textIn(state.lead.label, lang) : w.leadUnknown });
}

// ---------- the SVG ----------

/** The layout, in the SVG's own units, which are CSS px: the picture is laid out again for the width its
 * figure has (`width`, from `MIN_WIDTH` to `MAX_WIDTH`), so its text keeps the size it has, also in a
 * narrow column (below `MIN_WIDTH` it shrinks to fit). */
const MIN_WIDTH = 200;
const MAX_WIDTH = 320;
const G = { width: MAX_WIDTH, rail: 20, text: 42, pad: 8, label: 17, small: 15, gap: 4, nowWidth: 42 };

/** An estimate of a text's width in em (the font is the host's; the test measures the real one). */
function emWidth(text, bold) {
  let em = 0;
  for (const ch of text) {
    if (/[ il.,:;'|!()\[\]\-–]/.test(ch)) em += 0.3;
    else if (/[A-Zmw@%→]/.test(ch)) em += 0.75;
    else em += 0.6;
  }
  return bold ? em * 1.18 : em;
}

/** `text` broken into lines that fit `width` units at `size` (a word too long for a line is cut). */
function wrap(text, width, size, bold = false) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (emWidth(next, bold) * size <= width) line = next;
    else {
      if (line) lines.push(line);
      line = word;
      while (emWidth(line, bold) * size > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && emWidth(line.slice(0, cut), bold) * size > width) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** An SVG element with attributes. */
function svgEl(doc, tag, attrs = {}) {
  const e = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, String(v));
  return e;
}

/**
 * Draws `lines` as one <text> with a <tspan> per line, from baseline `y` on; returns the next baseline.
 * `cls` styles it, `attrs` are added to the <text>.
 */
function lines(doc, parent, texts, x, y, { size = G.small, cls, attrs = {} } = {}) {
  if (!texts.length) return y;
  const t = svgEl(doc, "text", { x, y, class: cls, "font-size": size, fill: "currentColor", ...attrs });
  let at = y;
  texts.forEach((line, i) => {
    const span = svgEl(doc, "tspan", { x, dy: i === 0 ? 0 : size * 1.3 });
    span.textContent = line;
    t.append(span);
    if (i > 0) at += size * 1.3;
  });
  parent.append(t);
  return at + size * 1.3;
}

/** One phase's group contents (in its own coordinates, top at 0); returns its height and node centre. */
function drawRow(doc, L, g, row, lang) {
  g.replaceChildren();
  const w = say(lang);
  const labelWidth = L.width - L.text - L.pad - (row.current ? L.nowWidth + 6 : 0);
  const labels = wrap(row.label, labelWidth, L.label, true);
  const first = L.pad + L.label;
  let y = lines(doc, g, labels, L.text, first, { size: L.label, cls: "rt-label" });
  if (row.current) drawNow(doc, L, g, w.now, first);
  const width = L.width - L.text - L.pad;
  if (row.dates) y = lines(doc, g, wrap(row.dates, width, L.small), L.text, y, { cls: "rt-date" });
  if (row.lead) {
    y = lines(doc, g, wrap(row.lead, width, L.small, row.current), L.text, y, {
      cls: row.current ? "rt-lead rt-lead-now" : "rt-lead", attrs: row.current ? { part: "trajectory-lead" } : {},
    });
  }
  for (const item of row.items) y = drawItem(doc, L, g, item, y, w);
  const height = y - L.small * 0.3 + L.pad;
  const nodeY = first - L.label * 0.35;
  drawNode(doc, L, g, row, nodeY);
  if (row.current) {
    g.prepend(svgEl(doc, "rect", { class: "rt-frame", x: 1.5, y: 1.5, width: L.width - 3, height: height - 3, rx: 6,
      fill: "none", stroke: "currentColor", "stroke-width": 3 }));
  }
  return { height, nodeY };
}

/** The "now" word in a box at the right of the current phase's first line. */
function drawNow(doc, L, g, word, baseline) {
  const x = L.width - L.pad - L.nowWidth;
  g.append(svgEl(doc, "rect", { class: "rt-now-box", x, y: baseline - L.label + 1, width: L.nowWidth,
    height: L.label + 4, rx: 3, fill: "currentColor" }));
  const t = svgEl(doc, "text", { class: "rt-now", x: x + L.nowWidth / 2, y: baseline, "text-anchor": "middle",
    "font-size": L.small, "font-weight": 700 });
  t.textContent = word;
  g.append(t);
}

/** The node of a phase: hollow (not reached), filled (visited) or large with a thick ring (now). */
function drawNode(doc, L, g, row, cy) {
  const r = row.current ? 10 : 7;
  const cls = row.current ? "rt-node rt-node-now" : row.visited ? "rt-node rt-node-visited" : "rt-node";
  g.append(svgEl(doc, "circle", { class: cls, cx: L.rail, cy, r, stroke: "currentColor",
    "stroke-width": row.current ? 5 : 2, fill: row.visited || row.current ? "currentColor" : "none" }));
}

/** A handover or deadline line with its icon and details; returns the next baseline. */
function drawItem(doc, L, g, item, y, w) {
  const part = item.kind === "overdue" ? "trajectory-overdue" : "trajectory-handover";
  const group = svgEl(doc, "g", { part, "data-handover": item.id, class: `rt-item rt-${item.kind}` });
  const x = L.text + 18;
  const width = L.width - x - L.pad;
  const top = y + 2;
  const icon = item.kind === "overdue"
    ? `M${L.text + 6} ${top - 11} l6 11 h-12 z`
    : `M${L.text} ${top - 4} h12 m-4 -4 l4 4 l-4 4`;
  group.append(svgEl(doc, "path", { class: "rt-icon", d: icon, fill: "none", stroke: "currentColor", "stroke-width": 1.5 }));
  const bold = item.kind !== "handover";
  let at = lines(doc, group, wrap(item.text, width, L.small, bold), x, top, { cls: bold ? "rt-item-text" : "rt-item-rule" });
  at = lines(doc, group, item.detail.flatMap((d) => wrap(d, width, L.small)), x, at, { cls: "rt-missing" });
  if (item.pingPong) at = lines(doc, group, wrap(w.pingPong, width, L.small, true), x, at, { cls: "rt-pingpong" });
  g.append(group);
  return at + 2;
}

/** The SVG's contents, laid out `width` units (= CSS px) wide: a group per phase (kept across patches, keyed by
 * phase) and the rail between them. */
function drawSvg(doc, svg, rows, title, lang, width) {
  const L = { ...G, width };
  const byId = new Map([...svg.querySelectorAll("g[data-phase]")].map((g) => [g.dataset.phase, g]));
  const rail = svgEl(doc, "g", { class: "rt-rail", "aria-hidden": "true" });
  const groups = [];
  const centres = [];
  let top = 0;
  for (const row of rows) {
    const g = byId.get(row.id) ?? svgEl(doc, "g", { "data-phase": row.id });
    toggle(g, "data-current", row.current);
    toggle(g, "data-visited", row.visited);
    const { height, nodeY } = drawRow(doc, L, g, row, lang);
    g.setAttribute("transform", `translate(0 ${top})`);
    centres.push({ y: top + nodeY, reached: row.current || row.visited });
    groups.push(g);
    top += height + L.gap;
  }
  centres.slice(1).forEach((c, i) => {
    const prev = centres[i];
    rail.append(svgEl(doc, "line", { x1: L.rail, x2: L.rail, y1: prev.y, y2: c.y, stroke: "currentColor",
      class: prev.reached && c.reached ? "rt-path rt-path-taken" : "rt-path", "stroke-width": 2,
      "stroke-dasharray": prev.reached && c.reached ? null : "4 4" }));
  });
  const height = Math.max(top - L.gap, 1);
  svg.setAttribute("viewBox", `0 0 ${L.width} ${height}`);
  svg.setAttribute("width", L.width);
  svg.setAttribute("height", height);
  const t = svg.querySelector("title") ?? svgEl(doc, "title");
  t.textContent = title;
  svg.replaceChildren(t, rail, ...groups);
}

const toggle = (el, name, on) => (on ? el.setAttribute(name, "") : el.removeAttribute(name));

// ---------- the text alternative ----------

/** The list that says what the picture shows: one item per phase, in the same order. */
function drawList(doc, ol, rows, lang) {
  const w = say(lang);
  const byId = new Map([...ol.children].map((li) => [li.dataset.phase, li]));
  const items = rows.map((row) => {
    const li = byId.get(row.id) ?? doc.createElement("li");
    li.dataset.phase = row.id;
    if (row.current) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
    toggle(li, "data-current", row.current);
    toggle(li, "data-visited", row.visited);
    const head = doc.createElement("strong");
    head.textContent = row.label;
    const parts = [head];
    if (row.current) parts.push(" — ", span(doc, "trajectory-now", w.now));
    if (row.dates) parts.push(" ", span(doc, "trajectory-date", `(${row.dates})`));
    li.replaceChildren(...parts);
    if (row.lead) li.append(span(doc, row.current ? "trajectory-list-lead" : null, row.lead, "div"));
    if (row.items.length) li.append(itemList(doc, row.items, w));
    return li;
  });
  ol.replaceChildren(...items);
}

function span(doc, part, text, tag = "span") {
  const e = doc.createElement(tag);
  if (part) e.setAttribute("part", part);
  e.textContent = text;
  return e;
}

/** The handovers and deadlines of one phase as a nested list, each with what it still needs. */
function itemList(doc, items, w) {
  const ul = doc.createElement("ul");
  for (const item of items) {
    const li = doc.createElement("li");
    li.dataset.kind = item.kind;
    if (item.id) li.dataset.handover = item.id;
    li.textContent = item.long ?? item.text;
    if (item.said) li.append(". ", item.said);
    if (item.pingPong) li.append(span(doc, "trajectory-pingpong", fill(w.pingPongSaid, { message: item.pingPong }), "div"));
    ul.append(li);
  }
  return ul;
}

// ---------- the figure ----------

/** What a figure was drawn from, so that a patch knows whether only the state changed. */
const DRAWN = new WeakMap();
let ids = 0;

/**
 * The trajectory as a picture: a `<figure part="trajectory">` with an `<svg role="img">` (its `<title>`
 * says the phase and the lead) and its text alternative, the visible `ol[part=trajectory-list]`.
 * `state` is the case (null: the rules' own picture, with the lead per phase and every handover).
 * @returns {{figure: HTMLElement}}
 */
export function drawTrajectory(doc, trajectory, state, lang) {
  const figure = doc.createElement("figure");
  figure.setAttribute("part", "trajectory");
  figure.className = "rt-figure";
  build(doc, figure, trajectory, state, lang);
  // Laid out again for the width the host gives it (once it is in the page, and when that changes).
  const view = doc.defaultView;
  if (view?.ResizeObserver) new view.ResizeObserver(() => relayout(figure)).observe(figure);
  return { figure };
}

/**
 * Brings a figure drawn by `drawTrajectory` to a new state. When the trajectory and language are the same,
 * the SVG, its phase groups and the list items stay (only what they say changes); otherwise it is drawn anew
 * in the same figure.
 */
export function patchTrajectory(figure, trajectory, state, lang) {
  const doc = figure.ownerDocument;
  const drawn = DRAWN.get(figure);
  if (!drawn || drawn.key !== JSON.stringify(trajectory) || drawn.lang !== lang) {
    build(doc, figure, trajectory, state, lang);
    return;
  }
  Object.assign(drawn, { trajectory, state });
  fillFigure(doc, figure, drawn);
}

/** The width to lay the picture out for: its figure's, within `MIN_WIDTH`…`MAX_WIDTH` (before the figure
 * is in a page: `MAX_WIDTH`). */
const widthFor = (figure) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.floor(figure.clientWidth || MAX_WIDTH)));

function relayout(figure) {
  const drawn = DRAWN.get(figure);
  if (drawn && drawn.width !== widthFor(figure)) fillFigure(figure.ownerDocument, figure, drawn);
}

function build(doc, figure, trajectory, state, lang) {
  const w = say(lang);
  const drawn = { key: JSON.stringify(trajectory), lang, trajectory, state, width: 0 };
  DRAWN.set(figure, drawn);
  const caption = span(doc, "trajectory-caption", state ? w.caption : w.captionRules, "figcaption");
  if (!trajectory?.phases?.length) {
    figure.replaceChildren(caption, span(doc, "trajectory-empty", w.empty, "p"));
    return;
  }
  ids += 1;
  const listId = `regie-traject-${ids}`;
  const svg = svgEl(doc, "svg", { role: "img", "aria-describedby": listId, class: "rt-svg", focusable: "false" });
  const ol = doc.createElement("ol");
  ol.setAttribute("part", "trajectory-list");
  ol.id = listId;
  ol.className = "rt-list";
  figure.replaceChildren(caption, svg, ol);
  fillFigure(doc, figure, drawn);
}

function fillFigure(doc, figure, drawn) {
  const { trajectory, state, lang } = drawn;
  const svg = figure.querySelector("svg");
  const ol = figure.querySelector("ol[part=trajectory-list]");
  if (!svg || !ol) return;
  const rows = rowsOf(trajectory, state, lang);
  const caption = figure.querySelector("figcaption");
  if (caption) caption.textContent = state ? say(lang).caption : say(lang).captionRules;
  figure.toggleAttribute("data-static", !state);
  drawn.width = widthFor(figure);
  drawSvg(doc, svg, rows, titleOf(trajectory, state, lang), lang, drawn.width);
  drawList(doc, ol, rows, lang);
}
