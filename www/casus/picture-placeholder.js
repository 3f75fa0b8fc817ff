// TEMPORARY placeholder for www/casus/picture.js (helper PICTURE): the same hooks, a plain drawing.
const SVG = "http://www.w3.org/2000/svg";

export function drawTrajectory(doc, trajectory, state, lang) {
  const figure = doc.createElement("figure");
  figure.setAttribute("part", "trajectory");
  patchTrajectory(figure, trajectory, state, lang);
  return { figure };
}

export function patchTrajectory(figure, trajectory, state, lang) {
  const doc = figure.ownerDocument;
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("viewBox", `0 0 ${trajectory.phases.length * 100} 60`);
  svg.setAttribute("aria-label", lang === "en" ? "Course of the case" : "Verloop van de casus");
  const list = doc.createElement("ol");
  list.setAttribute("part", "trajectory-list");
  trajectory.phases.forEach((p, i) => {
    const g = doc.createElementNS(SVG, "g");
    g.setAttribute("data-phase", p.id);
    const t = doc.createElementNS(SVG, "text");
    t.setAttribute("x", String(i * 100 + 5));
    t.setAttribute("y", "20");
    t.textContent = p.label[lang];
    g.append(t);
    const li = doc.createElement("li");
    li.setAttribute("data-phase", p.id);
    const visit = state?.path.find((x) => x.phase === p.id);
    let text = p.label[lang];
    if (visit) { g.setAttribute("data-visited", ""); text += ` (${visit.date})`; }
    if (state?.phase === p.id) {
      g.setAttribute("data-current", "");
      const lead = doc.createElementNS(SVG, "text");
      lead.setAttribute("part", "trajectory-lead");
      lead.setAttribute("x", String(i * 100 + 5));
      lead.setAttribute("y", "45");
      lead.textContent = state.lead?.label[lang] ?? "?";
      g.append(lead);
      text += `, nu; regie: ${state.lead?.label[lang] ?? "?"}`;
      for (const h of state.openHandovers) text += `; ${h.title[lang]}: ${h.missing.map((m) => m[lang]).join(", ")}`;
    }
    li.textContent = text;
    svg.append(g);
    list.append(li);
  });
  figure.replaceChildren(svg, list);
}
