// The replay's result in the page: what flips per outcome as a table ("37 van de 2.140 meldingen: vangnet →
// bemoeizorg"), each flip with a button that shows its cases (their lines and their reasons under both
// versions), then the rows that could not be read and the answers a version cannot use. Every text is set
// as text (never as HTML): the file's contents and the rules' words stay data.

/** How many lines of a flip are listed in full. */
const LINES_SHOWN = 50;

/** The result of `replay` (`report`) drawn with `el` (tag, props, ...children), `T` (the page's texts) and
 * `msg` (a `{nl, en}` text in the page's language); the flips whose key (see `flipKey`) is in `open` are
 * shown opened, so that drawing a result again keeps what the author had open. */
export function replayView(report, { el, T, msg, open = new Set() }) {
  const parts = [flipTable(report, { el, T, msg, open })];
  if (report.bad.length) {
    parts.push(el("h3", { textContent: T("replayBad", report.bad.length) }),
      el("ul", { class: "pg-list", id: "replay-bad" },
        ...report.bad.map((b) => el("li", { "data-line": String(b.line), textContent: `${T("line")} ${b.line}: ${msg(b.reason)}` }))));
  }
  for (const [key, list] of [["replayUnusableOld", report.unusable_old], ["replayUnusableNew", report.unusable_new]]) {
    if (!list.length) continue;
    parts.push(el("h3", { textContent: T(key) }),
      el("ul", { class: "pg-list", "data-unusable": key },
        ...list.map((u) => el("li", { "data-fact": u.fact, "data-count": String(u.count),
          textContent: `${u.label ? `${msg(u.label)} (${u.fact})` : u.fact}: ${msg(u.message)} (${T("replayTimes", u.count)}; ${T("line")} ${u.lines.join(", ")})` }))));
  }
  return parts;
}

/** What names one flip across runs: its outcome and both sides' values. */
export function flipKey(outcome, flip) {
  return JSON.stringify([outcome.id, flip.from.status, flip.from.values, flip.to.status, flip.to.values]);
}

function flipTable(report, { el, T, msg, open }) {
  const flips = report.outcomes.flatMap((o) => o.flips.map((f) => ({ o, f })));
  if (!flips.length) return el("p", { textContent: T("replayNoFlips") });
  const head = el("tr", {}, ...["replayOutcome", "replayFrom", "replayTo", "replayCount", "replayCases"]
    .map((k) => el("th", { scope: "col", textContent: T(k) })));
  const body = el("tbody");
  flips.forEach(({ o, f }, i) => {
    const key = flipKey(o, f);
    const detail = el("tr", { id: `replay-flip-${i}`, class: "pg-flip-detail", hidden: !open.has(key) },
      el("td", { colSpan: 5 }, flipCases(f, { el, T, msg })));
    const toggle = el("button", { type: "button", class: "pg-small", textContent: T("replayShow") });
    toggle.dataset.flip = key;
    toggle.setAttribute("aria-expanded", String(open.has(key)));
    toggle.setAttribute("aria-controls", detail.id);
    toggle.setAttribute("aria-label", `${T("replayShow")}: ${msg(f.message)}`);
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      detail.hidden = !open;
    });
    body.append(el("tr", { "data-outcome": o.id, "data-count": String(f.count) },
      el("th", { scope: "row", textContent: msg(o.label) }),
      el("td", { textContent: msg(f.from.words) }),
      el("td", { textContent: msg(f.to.words) }),
      el("td", { class: "pg-num", textContent: String(f.count) }),
      el("td", {}, toggle)), detail);
  });
  return el("table", { class: "pg-replay-table" },
    el("caption", { textContent: T("replayCaption", report.changed, report.cases) }), el("thead", {}, head), body);
}

/** A flip's cases: each with its line and its reasons under both versions, then the lines of all. */
function flipCases(f, { el, T, msg }) {
  const reasons = (label, texts) => el("p", {}, el("strong", { textContent: `${label}: ` }),
    texts.map(msg).join(" ") || "—");
  const cases = el("ol", { class: "pg-list pg-flip-cases" }, ...f.cases.map((c) => el("li", { "data-line": String(c.line) },
    el("strong", { textContent: `${T("line")} ${c.line}` }), reasons(T("replayOld"), c.old), reasons(T("replayNew"), c.new))));
  const more = f.lines.length > LINES_SHOWN ? ` … (${f.lines.length})` : "";
  return el("div", {}, el("p", { textContent: msg(f.message) }), cases,
    el("p", { textContent: `${T("replayAllLines")}: ${f.lines.slice(0, LINES_SHOWN).join(", ")}${more}` }));
}
