// Only what applies (issue 23): a handover is shown once it is proposed, a section only while one of its
// questions is shown, and a host that asks some questions elsewhere (`<regie-casus>`) leaves them out with
// `omit` while their answers still count. Also the read-only `phases` of the loaded rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { browserSuite } from "./browser.mjs";

const web = browserSuite();

/** What the widget `id` shows now: its visible sections and questions, the sections shown with no question
 * shown in them, its handovers, and the questions "Wat nu telt" points to. */
const shown = (page, id) => page.evaluate((id) => {
  const r = (id ? document.getElementById(id) : document.querySelector("regie-wijzer")).shadowRoot;
  const visible = (el) => el.checkVisibility();
  const all = (sel) => [...r.querySelectorAll(sel)];
  const sections = all("[part=section]").filter(visible);
  return {
    sections: sections.map((s) => s.dataset.section),
    empty: sections.filter((s) => ![...s.querySelectorAll("[part=question]")].some(visible)).map((s) => s.dataset.section),
    questions: all("[part=question]").filter(visible).map((q) => q.dataset.fact),
    handovers: all("[part=handover]").map((x) => `${x.dataset.handover}:${x.dataset.status}`),
    next: all("[part=matters-next] [data-fact], [part=matters-next] [data-target]").map((x) => x.dataset.fact ?? x.dataset.target),
  };
}, id);

test("the regie rules with no answers show no handover and no empty section; a proposed handover and its sections appear", async () => {
  const { page, errors } = await web.open("/tests/fixtures/casus.html", { widgets: 2 });
  // Before a phase is chosen no handover is proposed (main showed seven "nog niet rond") and only the
  // section with the phase question is there (main showed three sections with nothing in them).
  let now = await shown(page, "regie");
  assert.deepEqual(now.handovers, []);
  assert.deepEqual(now.empty, []);
  assert.deepEqual(now.sections, ["casus"]);
  assert.ok(now.questions.includes("fase"));
  // Discharge, but who takes over is not said yet: the three discharge handovers are still open, not shown.
  await page.evaluate(() => { document.getElementById("regie").answers = { fase: "ontslag", in_fact_zorg: false }; });
  now = await shown(page, "regie");
  assert.deepEqual(now.handovers, []);
  assert.deepEqual(now.sections, ["casus", "ontslag"]);
  assert.deepEqual(now.empty, []);
  // Proposed: that one handover, blocked until accepted, with what it lacks.
  await page.evaluate(() => {
    document.getElementById("regie").answers = { fase: "ontslag", in_fact_zorg: false, voorgestelde_regiehouder: "wijkteam" };
  });
  now = await shown(page, "regie");
  assert.deepEqual(now.handovers, ["naar_wijkteam:blocked"]);
  // Outreach care: the discharge section goes, the closing section comes.
  await page.evaluate(() => { document.getElementById("regie").answers = { fase: "bemoeizorg" }; });
  now = await shown(page, "regie");
  assert.deepEqual(now.handovers, []);
  assert.deepEqual(now.sections, ["casus", "afsluiten"]);
  assert.deepEqual(now.empty, []);
  assert.deepEqual(errors, []);
});

test("omit hides questions set by the host without an event, keeping focus, answers and value; their answers still count", async () => {
  const { page, errors, foreign } = await web.open("/tests/fixtures/widget.html");
  const before = await page.evaluate(async () => {
    const el = document.querySelector("regie-wijzer");
    globalThis.events = 0;
    for (const kind of ["regiewijzer-change", "regiewijzer-confirm", "regiewijzer-error"]) el.addEventListener(kind, () => globalThis.events++);
    el.shadowRoot.querySelector("[part=question][data-fact=melder] select").focus();
    return JSON.stringify(el.value);
  });
  await page.waitForFunction(() => document.querySelector("regie-wijzer").shadowRoot.querySelector("[part=matters-next] li"));
  const first = await shown(page);
  assert.ok(first.questions.includes("acuut_gevaar"));
  assert.ok(first.next.includes("acuut_gevaar"), "without omit, acuut_gevaar is in Wat nu telt");
  assert.deepEqual(first.empty, []);

  // The whole section "persoon" asked elsewhere, and the first question of "melding".
  const omit = ["acuut_gevaar", "leeftijd", "ongedocumenteerd", "woonsituatie"];
  const after = await page.evaluate(async (ids) => {
    const el = document.querySelector("regie-wijzer");
    el.omit = ids;
    // Let a deferred ranking of "Wat nu telt" run.
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(() => setTimeout(ok, 50))));
    return { attr: el.getAttribute("omit"), omit: el.omit, value: JSON.stringify(el.value), events: globalThis.events,
      focused: el.shadowRoot.activeElement?.id ?? null };
  }, omit);
  assert.equal(after.attr, omit.join(" "));
  assert.deepEqual(after.omit, omit);
  assert.equal(after.value, before, "the value does not change");
  assert.equal(after.events, 0, "no event for what the host sets");
  assert.equal(after.focused, "rw-melder", "the keyboard stays where it was");
  let now = await shown(page);
  for (const id of omit) {
    assert.ok(!now.questions.includes(id), `${id} is not shown`);
    assert.ok(!now.next.includes(id), `${id} is not in Wat nu telt`);
  }
  assert.ok(!now.sections.includes("persoon"), "a section whose questions are all omitted is not shown");
  assert.deepEqual(now.empty, []);
  assert.ok(now.next.length > 0, "Wat nu telt names the questions asked here");

  // Answers to omitted questions come from the host, count in the advice and stay in the value.
  const answered = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    el.answers = { acuut_gevaar: true, leeftijd: 15 };
    return { route: el.value.outcomes.route.values, answers: el.value.answers, events: globalThis.events };
  });
  assert.deepEqual(answered, { route: ["crisisdienst_112"], answers: { acuut_gevaar: true, leeftijd: 15 }, events: 0 });
  now = await shown(page);
  // Under 18: the young people's question is asked here, so its section is back, with only that question.
  assert.ok(now.sections.includes("persoon"));
  assert.deepEqual(now.questions.filter((q) => ["leeftijd", "jongerengroep", "ongedocumenteerd", "woonsituatie"].includes(q)), ["jongerengroep"]);
  assert.ok(now.questions.includes("suicidegevaar"), "a question asked because of an omitted answer is shown");
  assert.ok(!now.questions.includes("acuut_gevaar"));

  // null and [] remove the attribute: every question is there again, still no event.
  for (const none of [[], null]) {
    const back = await page.evaluate((n) => {
      const el = document.querySelector("regie-wijzer");
      el.omit = "acuut_gevaar";
      const set = el.getAttribute("omit");
      el.omit = n;
      return { set, has: el.hasAttribute("omit"), omit: el.omit, events: globalThis.events };
    }, none);
    assert.deepEqual(back, { set: "acuut_gevaar", has: false, omit: [], events: 0 });
  }
  now = await shown(page);
  assert.ok(now.questions.includes("acuut_gevaar") && now.questions.includes("leeftijd"));
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

test("omit as an attribute in the markup and as a property set before the element is defined", async () => {
  const w = await web.open("/tests/fixtures/empty.html", { ready: null });
  const r = await w.page.evaluate(async () => {
    const early = document.createElement("regie-wijzer");
    early.omit = ["acuut_gevaar", "melder"];
    early.setAttribute("today", "2026-03-02");
    const markup = document.createElement("div");
    markup.innerHTML = '<regie-wijzer omit="huiselijk_geweld" today="2026-03-02"></regie-wijzer>';
    document.getElementById("host").append(early, markup);
    await import("/www/regiewijzer.js");
    await customElements.whenDefined("regie-wijzer");
    const late = markup.firstElementChild;
    await Promise.all([early.ready, late.ready]);
    const hidden = (el, id) => el.shadowRoot.querySelector(`[part=question][data-fact=${id}]`).hidden;
    return { attr: early.getAttribute("omit"), own: Object.hasOwn(early, "omit"), early: [hidden(early, "acuut_gevaar"), hidden(early, "melder"), hidden(early, "huiselijk_geweld")],
      late: late.omit, lateHidden: [hidden(late, "huiselijk_geweld"), hidden(late, "acuut_gevaar")] };
  });
  assert.deepEqual(r, { attr: "acuut_gevaar melder", own: false, early: [true, true, false], late: ["huiselijk_geweld"], lateHidden: [true, false] });
  assert.deepEqual(w.errors, []);
});

test("phases: the phases the loaded rules are used in, read-only; null for rules used in every phase", async () => {
  const { page, errors } = await web.open("/tests/fixtures/casus.html", { widgets: 2 });
  const r = await page.evaluate(() => {
    const regie = document.getElementById("regie");
    const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(regie), "phases");
    return { regie: regie.phases, readOnly: typeof d?.get === "function" && d.set === undefined, escalatie: document.getElementById("escalatie").phases };
  });
  // The regie rules declare the phases themselves and have no `phases` line: used in every phase.
  assert.equal(r.regie, null);
  assert.equal(r.readOnly, true);
  // The escalation rules are used in the vangnet and bemoeizorg phases once their `phases` line is there.
  const line = /^\s*phases\s+(.+)$/m.exec(await readFile(new URL("../rulesets/escalatie.regels", import.meta.url), "utf8"));
  assert.deepEqual(r.escalatie, line ? line[1].split(",").map((p) => p.trim()) : null);
  assert.deepEqual(errors, []);
});
