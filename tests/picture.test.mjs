// The trajectory picture (www/casus/picture.js) on its own, drawn from tests/fixtures/trajectory-regie.json
// (the Trajectory of rulesets/regie.regels, as pkg/core's `Ruleset.trajectory()` gives it): its visible text list says the same as the SVG (phases,
// current phase, lead, open handovers with what is missing, overdue deadlines in words), a patch keeps the
// picture's nodes, axe (WCAG 2.2 AA) finds nothing, it fits a 320 px wide screen, and forced colours and
// print keep the current phase distinct without colour. Screenshots go to tests/artifacts/picture-*.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { WCAG21AA, artifact, axeViolations, browserSuite } from "./browser.mjs";

const TRAJECTORY = JSON.parse(readFileSync(new URL("./fixtures/trajectory-regie.json", import.meta.url), "utf8"));
const web = browserSuite();

/** A case at discharge: the path from the report on, the clinic leading, the handover to the FACT team
 * open with two things missing, and the contact after discharge three days late. */
const AT_DISCHARGE = {
  phase: "ontslag",
  lead: { party: "kliniek", label: { nl: "Kliniek", en: "Clinic" } },
  path: [
    { phase: "melding", date: "2026-03-02" }, { phase: "vangnet", date: "2026-03-02" },
    { phase: "bemoeizorg", date: "2026-03-20" }, { phase: "crisis", date: "2026-04-10" },
    { phase: "opname", date: "2026-04-11" }, { phase: "ontslag", date: "2026-05-20" },
  ],
  openHandovers: [{
    id: "naar_fact", title: { nl: "Ontslag naar het FACT-team", en: "Discharge to the FACT team" },
    missing: [
      { nl: "Het FACT-team heeft de overdracht aanvaard", en: "The FACT team accepted the handover" },
      { nl: "Er was een warme overdracht", en: "A warm handover took place" },
    ],
  }],
  overdue: [{ label: { nl: "Face-to-face contact na ontslag uiterlijk", en: "Face-to-face contact after discharge by" },
    date: "2026-06-03", days: 3 }],
};

async function open({ viewport = { width: 1000, height: 900 }, state = AT_DISCHARGE, lang = "nl" } = {}) {
  const w = await web.open("/tests/fixtures/picture.html", { viewport, ready: () => document.body.dataset.ready === "true" });
  await w.page.evaluate(([s, l]) => window.draw(s, l), [state, lang]);
  return w;
}

/** What the SVG says and what the list says, each read on its own. */
const readBoth = (page) => page.evaluate(() => {
  const fig = document.querySelector("figure[part=trajectory]");
  const svg = fig.querySelector("svg[role=img]");
  const list = document.getElementById(svg.getAttribute("aria-describedby"));
  // An SVG text line by line (a <tspan> each), a list item as it reads (its blocks on their own lines).
  const text = (e) => (e instanceof SVGElement
    ? [...e.querySelectorAll("tspan")].map((s) => s.textContent).join(" ")
    : e?.innerText)?.replace(/\s+/g, " ").trim() ?? null;
  return {
    svg: {
      title: svg.querySelector(":scope > title").textContent,
      phases: [...svg.querySelectorAll("[data-phase]")].map((g) => g.dataset.phase),
      labels: [...svg.querySelectorAll("[data-phase] .rt-label")].map((t) => [...t.children].map((s) => s.textContent).join(" ")),
      current: [...svg.querySelectorAll("[data-current]")].map((g) => g.dataset.phase),
      visited: [...svg.querySelectorAll("[data-visited]")].map((g) => g.dataset.phase),
      lead: text(svg.querySelector("[part=trajectory-lead]")),
      handovers: [...svg.querySelectorAll("[part=trajectory-handover]")].map((g) => [g.dataset.handover, text(g)]),
      overdue: [...svg.querySelectorAll("[part=trajectory-overdue]")].map(text),
    },
    list: {
      tag: list.tagName, part: list.getAttribute("part"), visible: list.checkVisibility(),
      phases: [...list.children].map((li) => li.dataset.phase),
      items: [...list.children].map(text),
      current: [...list.querySelectorAll(":scope > li[aria-current=step]")].map((li) => li.dataset.phase),
      handovers: [...list.querySelectorAll("[data-handover]")].map((li) => [li.dataset.handover, text(li)]),
    },
  };
});

test("the text list names the same phases, current phase, lead and open handovers as the picture", async () => {
  const { page, errors, foreign } = await open();
  const { svg, list } = await readBoth(page);
  const ids = TRAJECTORY.phases.map((p) => p.id);
  // Drawn from the data: a node per declared phase, in its order, with its label; the list the same.
  assert.deepEqual(svg.phases, ids);
  assert.deepEqual(svg.labels, TRAJECTORY.phases.map((p) => p.label.nl));
  assert.deepEqual([list.tag, list.part, list.visible], ["OL", "trajectory-list", true]);
  assert.deepEqual(list.phases, ids);
  // The current phase and lead, in the picture's title, its nodes, its lead text and the list.
  assert.equal(svg.title, "Traject van de casus: nu in de fase Ontslag, regie bij Kliniek.");
  assert.deepEqual(svg.current, ["ontslag"]);
  assert.deepEqual(list.current, ["ontslag"]);
  assert.deepEqual(svg.visited, ["melding", "vangnet", "bemoeizorg", "crisis", "opname"]);
  assert.equal(svg.lead, "Regie: Kliniek");
  const now = list.items[ids.indexOf("ontslag")];
  assert.match(now, /^Ontslag — nu \(vanaf 20-05-2026\) Regie: Kliniek/);
  assert.match(list.items[ids.indexOf("vangnet")], /^Vangnet \(vanaf 02-03-2026\)$/);
  assert.match(list.items[ids.indexOf("nazorg")], /^Nazorg$/);
  // The open handover with what is missing, in both.
  assert.deepEqual(svg.handovers.map(([id]) => id), ["naar_fact"]);
  assert.deepEqual(list.handovers.map(([id]) => id), ["naar_fact"]);
  for (const said of [svg.handovers[0][1], list.handovers[0][1]]) {
    assert.match(said, /Overdracht nog niet rond: Ontslag naar het FACT-team/);
    assert.match(said, /Het FACT-team heeft de overdracht aanvaard/);
    assert.match(said, /Er was een warme overdracht/);
  }
  // The overdue deadline in words, in both.
  assert.deepEqual(svg.overdue, ["Face-to-face contact na ontslag uiterlijk: 3 dagen te laat (uiterlijk 03-06-2026)"]);
  assert.match(now, /Face-to-face contact na ontslag uiterlijk: 3 dagen te laat \(uiterlijk 03-06-2026\)/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

test("in English the picture and its list say it in English, dates as the element shows them", async () => {
  const { page } = await open({ lang: "en" });
  const { svg, list } = await readBoth(page);
  assert.equal(svg.title, "Trajectory of the case: now in the phase Discharge, led by Clinic.");
  assert.equal(svg.lead, "Lead: Clinic");
  assert.match(list.items[5], /^Discharge — now \(from 2026-05-20\) Lead: Clinic/);
  assert.match(list.items[5], /Face-to-face contact after discharge by: 3 days overdue \(by 2026-06-03\)/);
});

test("a patch to a new state keeps the picture's nodes and moves the current phase", async () => {
  const { page } = await open();
  const same = await page.evaluate((s) => {
    const before = [...document.querySelectorAll("svg, svg [data-phase], [part=trajectory-list] > li")];
    const next = { ...s, phase: "nazorg", lead: { party: "fact_team", label: { nl: "FACT-team", en: "FACT team" } },
      path: [...s.path, { phase: "nazorg", date: "2026-06-05" }], openHandovers: [], overdue: [] };
    window.patch(next, "nl");
    const after = [...document.querySelectorAll("svg, svg [data-phase], [part=trajectory-list] > li")];
    return before.length === after.length && before.every((e, i) => e === after[i]);
  }, AT_DISCHARGE);
  assert.ok(same, "the patch kept the SVG, its phase groups and the list items");
  const { svg, list } = await readBoth(page);
  assert.deepEqual([svg.current, list.current], [["nazorg"], ["nazorg"]]);
  assert.equal(svg.lead, "Regie: FACT-team");
  assert.deepEqual([svg.handovers, svg.overdue, list.handovers], [[], [], []]);
  assert.ok(svg.visited.includes("ontslag"));
});

test("without a case: the lead per phase, the handovers where they apply, ping-pong in words", async () => {
  const { page } = await open({ state: null });
  let { svg, list } = await readBoth(page);
  assert.equal(svg.title, "Traject volgens deze regels: 8 fasen, van Melding tot en met Afgesloten.");
  assert.deepEqual([svg.current, svg.visited, list.current], [[], [], []]);
  const item = (id) => list.items[TRAJECTORY.phases.findIndex((p) => p.id === id)];
  assert.match(item("vangnet"), /Regie: Meldpunt \/ GGD-vangnet/);
  assert.match(item("opname"), /Regie: Kliniek of FACT-team \(hangt af van de casus\)/);
  assert.match(item("bemoeizorg"), /Regie: Bemoeizorgteam of Huisarts \(hangt af van de casus\)/);
  assert.match(item("ontslag"), /Regie: Kliniek, FACT-team, Bemoeizorgteam of Wijkteam \(hangt af van de casus\)/);
  assert.match(item("nazorg"), /Regie: hangt af van de casus/);
  assert.deepEqual(svg.handovers.map(([id]) => id), TRAJECTORY.handovers.map((h) => h.id).sort((a, b) =>
    order(a) - order(b)));
  assert.match(item("ontslag"), /Overdracht „Ontslag naar het FACT-team”: van Kliniek naar FACT-team\. Voorwaarden: .*binnen 14 dagen/);
  assert.match(svg.handovers.find(([id]) => id === "afsluiten")[1], /Overdracht: Bemoeizorgteam → Huisarts/);
  // A ping-pong pair the analysis found: marked at both handovers, its message in the list.
  const pingPong = { ...TRAJECTORY, pingPong: [{ handovers: ["verslaving_naar_ggz", "ggz_naar_verslaving"],
    message: { nl: "Overdrachten gaan heen en terug (pingpong).", en: "Handovers go back and forth (ping-pong)." } }] };
  await page.evaluate((t) => window.draw(null, "nl", t), pingPong);
  ({ svg, list } = await readBoth(page));
  const marked = svg.handovers.filter(([, said]) => said.includes("Pingpong: de regie kan heen en terug")).map(([id]) => id);
  assert.deepEqual(marked, ["verslaving_naar_ggz", "ggz_naar_verslaving"]);
  assert.match(item("nazorg"), /Pingpong: Overdrachten gaan heen en terug \(pingpong\)\./);
  await page.locator("figure[part=trajectory]").screenshot({ path: artifact("picture-rules.png") });
});

/** A handover's place in the picture: its phase's, then its own order in the rules. */
const order = (id) => {
  const h = TRAJECTORY.handovers.find((x) => x.id === id);
  return TRAJECTORY.phases.findIndex((p) => p.id === h.phases[0]) * 100 + TRAJECTORY.handovers.indexOf(h);
};

test("rules without phases give a sentence, not an empty picture", async () => {
  const { page } = await open();
  const said = await page.evaluate((t) => {
    window.draw(null, "nl", { ...t, phaseFact: null, phases: [], handovers: [] });
    const fig = document.querySelector("figure[part=trajectory]");
    return [fig.querySelector("svg"), fig.querySelector("[part=trajectory-empty]")?.textContent];
  }, TRAJECTORY);
  assert.deepEqual(said, [null, "Deze regels noemen geen fasen: er is geen traject om te tekenen."]);
});

test("axe (WCAG 2.2 AA) finds nothing, with and without a case", async () => {
  const { page } = await open();
  const tags = [...WCAG21AA, "wcag22a", "wcag22aa"];
  assert.deepEqual(await axeViolations(page, { tags }), []);
  await page.evaluate(() => window.draw(null, "en"));
  assert.deepEqual(await axeViolations(page, { tags }), []);
});

/** Every text of the SVG inside its own box (the picture's line breaks are estimated; this measures). */
const textOutside = (page) => page.evaluate(() => {
  const svg = document.querySelector("figure[part=trajectory] svg");
  const width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].filter((t) => {
    const b = t.getBBox();
    return b.x < 0 || b.x + b.width > width + 0.5;
  }).map((t) => t.textContent);
});

/** Waits until the picture is laid out for its figure's width: drawn at its own size (one unit one px). */
const laidOut = (page) => page.waitForFunction(() => {
  const svg = document.querySelector("figure[part=trajectory] svg");
  const width = svg.viewBox.baseVal.width;
  return width === Math.min(320, document.querySelector("figure[part=trajectory]").clientWidth)
    && Math.abs(svg.getBoundingClientRect().width - width) < 0.5;
});

test("at 320 px wide nothing scrolls sideways and every text stays inside the picture, at its full size", async () => {
  for (const lang of ["nl", "en"]) {
    const { page } = await open({ viewport: { width: 320, height: 900 }, lang });
    await laidOut(page);
    const sizes = await page.evaluate(() => {
      const fig = document.querySelector("figure[part=trajectory]");
      const svg = fig.querySelector("svg").getBoundingClientRect();
      return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        svgRight: svg.right, figRight: fig.getBoundingClientRect().right };
    });
    assert.ok(sizes.scroll <= sizes.client, `${lang}: the page scrolls sideways: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.svgRight <= sizes.figRight + 0.5, `${lang}: ${JSON.stringify(sizes)}`);
    assert.deepEqual(await textOutside(page), []);
    await page.evaluate(() => window.draw(null, document.documentElement.lang));
    await laidOut(page);
    assert.deepEqual(await textOutside(page), []);
    if (lang === "nl") {
      await page.evaluate((s) => window.draw(s, "nl"), AT_DISCHARGE);
      await laidOut(page);
      await page.screenshot({ path: artifact("picture-320.png"), fullPage: true });
    }
  }
});

test("in a narrow column the picture is laid out for it again: its text keeps its size, nothing sticks out", async () => {
  const { page } = await open();
  await laidOut(page);
  assert.equal(await page.evaluate(() => document.querySelector("figure[part=trajectory] svg").viewBox.baseVal.width), 320);
  const nodes = await page.evaluate(() => {
    window.kept = [...document.querySelectorAll("svg [data-phase]")];
    document.getElementById("here").style.inlineSize = "224px";
    return window.kept.length;
  });
  await laidOut(page);
  assert.equal(await page.evaluate(() => document.querySelector("figure[part=trajectory] svg").viewBox.baseVal.width), 224);
  assert.ok(await page.evaluate(() => [...document.querySelectorAll("svg [data-phase]")].every((g, i) => g === window.kept[i])));
  assert.equal(nodes, 8);
  assert.deepEqual(await textOutside(page), []);
  await page.locator("#here").screenshot({ path: artifact("picture-224.png") });
});

/** The current node's and the other nodes' stroke widths and colours, as drawn. */
const strokes = (page) => page.evaluate(() => {
  const of = (sel) => [...document.querySelectorAll(sel)].map((c) => {
    const s = getComputedStyle(c);
    return `${s.strokeWidth} ${s.stroke}`;
  });
  return { now: of("svg [data-current] .rt-node"), others: [...new Set(of("svg [data-phase]:not([data-current]) .rt-node"))] };
});

test("forced colours: system colours, and the current phase still stands out by its stroke and word", async () => {
  const { page } = await open();
  await page.emulateMedia({ forcedColors: "active" });
  const { now, others } = await strokes(page);
  assert.equal(now.length, 1);
  assert.ok(others.length >= 1);
  const width = (s) => Number.parseFloat(s);
  for (const o of others) assert.ok(width(now[0]) >= 2 * width(o), `current ${now[0]}, other ${o}`);
  const nowWord = await page.evaluate(() => document.querySelector("svg [data-current] .rt-now").textContent);
  assert.equal(nowWord, "nu");
  await page.locator("figure[part=trajectory]").screenshot({ path: artifact("picture-forced-colors.png") });
});

test("print: black on white, the picture whole and the list after it", async () => {
  const { page } = await open();
  await page.emulateMedia({ media: "print" });
  const seen = await page.evaluate(() => {
    const fig = document.querySelector("figure[part=trajectory]");
    const colours = new Set([...fig.querySelectorAll("svg text")].map((t) => getComputedStyle(t).fill));
    const svg = fig.querySelector("svg").getBoundingClientRect();
    return { colours: [...colours], svgRight: svg.right, pageWidth: document.documentElement.clientWidth,
      list: fig.querySelector("[part=trajectory-list]").checkVisibility() };
  });
  // The "now" word is white on its black box; every other text black.
  assert.deepEqual(seen.colours.sort(), ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
  assert.ok(seen.svgRight <= seen.pageWidth);
  assert.ok(seen.list);
  await page.screenshot({ path: artifact("picture-print.png"), fullPage: true });
});

test("texts from the rules stay text: markup in a label is shown, never made", async () => {
  const { page, errors } = await open();
  const HOSTILE = '<img src=x onerror="window.hit=1">';
  const seen = await page.evaluate(([t, bad]) => {
    const phases = t.phases.map((p, i) => (i === 0 ? { ...p, label: { nl: bad, en: bad } } : p));
    window.draw({ phase: "melding", lead: { party: "x", label: { nl: bad, en: bad } }, path: [{ phase: "melding", date: "2026-03-02" }],
      openHandovers: [{ id: "h", title: { nl: bad, en: bad }, missing: [{ nl: bad, en: bad }] }], overdue: [] }, "nl", { ...t, phases });
    const fig = document.querySelector("figure[part=trajectory]");
    return { elements: fig.querySelectorAll("img, foreignObject, script").length, title: fig.querySelector("svg > title").textContent,
      item: fig.querySelector("[part=trajectory-list] > li").textContent };
  }, [TRAJECTORY, HOSTILE]);
  assert.equal(seen.elements, 0);
  assert.ok(seen.title.includes(HOSTILE) && seen.item.startsWith(HOSTILE), JSON.stringify(seen));
  assert.equal(await page.evaluate(() => window.hit), undefined);
  assert.deepEqual(errors, []);
});

test("the fixture is what pkg/core's Ruleset.trajectory() gives for rulesets/regie.regels", async () => {
  const { page } = await open();
  const real = await page.evaluate(async () => {
    const core = await import("/pkg/core/regiewijzer_core.js");
    await core.default();
    const ruleset = core.Ruleset.load(await (await fetch("/rulesets/regie.regels")).text());
    try {
      return ruleset.trajectory();
    } finally {
      ruleset.free();
    }
  });
  assert.deepEqual(real, TRAJECTORY);
});

test("a dark host theme: the picture takes the host's text colour and background, axe finds nothing", async () => {
  const { page } = await open();
  const seen = await page.evaluate(() => {
    const s = document.body.style;
    s.setProperty("--utrecht-document-color", "#f0f0f0");
    s.setProperty("--utrecht-document-background-color", "#121212");
    s.color = "var(--utrecht-document-color)";
    s.background = "var(--utrecht-document-background-color)";
    const svg = document.querySelector("figure[part=trajectory] svg");
    const style = (sel) => getComputedStyle(svg.querySelector(sel));
    return { label: style(".rt-label").fill, node: style("[data-phase]:not([data-visited]):not([data-current]) .rt-node").fill,
      visited: style("[data-visited] .rt-node").fill };
  });
  assert.deepEqual(seen, { label: "rgb(240, 240, 240)", node: "rgb(18, 18, 18)", visited: "rgb(240, 240, 240)" });
  assert.deepEqual(await axeViolations(page, { tags: [...WCAG21AA, "wcag22aa"], include: "figure[part=trajectory]" }), []);
  await page.locator("figure[part=trajectory]").screenshot({ path: artifact("picture-dark.png") });
});
