// Accessibility beyond what axe sees (issue 20): reflow at 320 CSS px and inside a 320 px container,
// answer problems tied to their field and announced, heading levels and landmark names, dark host
// themes, the timeline editor by keyboard. Screenshots go to tests/artifacts/ for a person to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { artifact as shot, axeViolations, browserSuite } from "./browser.mjs";

const web = browserSuite();

/** A page at `width` CSS px, opened at `path`, once every widget on it has drawn its advice. */
const open = (path, { width = 1280, height = 900, setup } = {}) => web.open(path, { viewport: { width, height }, setup });

/** Opens the override form of the first outcome that has one, in every widget on the page. */
async function openOverrides(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("regie-wijzer")) el.shadowRoot.querySelector("[data-action=override]")?.click();
  });
  await page.waitForFunction(() => [...document.querySelectorAll("regie-wijzer")]
    .every((el) => el.shadowRoot.querySelector("[part=override-form]")));
}

/** Every box that is wider than what it is given: the document, and each widget with its parts. */
function overflow(page) {
  return page.evaluate(() => {
    const wide = [];
    const d = document.documentElement;
    if (d.scrollWidth > d.clientWidth) wide.push(`document ${d.scrollWidth} > ${d.clientWidth}`);
    for (const el of document.querySelectorAll("regie-wijzer")) {
      const box = el.parentElement;
      if (box.scrollWidth > box.clientWidth) wide.push(`container of ${el.id || el.getAttribute("name")} ${box.scrollWidth} > ${box.clientWidth}`);
      const right = el.getBoundingClientRect().right;
      for (const part of el.shadowRoot.querySelectorAll("*")) {
        const r = part.getBoundingClientRect();
        if (r.width > 0 && r.right > right + 0.5) wide.push(`${part.tagName.toLowerCase()}[part=${part.getAttribute("part")}] ends at ${Math.round(r.right)} > ${Math.round(right)}`);
      }
    }
    return [...new Set(wide)].slice(0, 12);
  });
}

for (const [name, path] of [["demo", "/www/demo/"], ["demo-en", "/www/demo/en/"], ["casus", "/tests/fixtures/casus.html"]]) {
  test(`${name} reflows at 320 CSS px, with the override form open: nothing scrolls sideways`, async () => {
    const { page, errors } = await open(path, { width: 320, height: 640 });
    await openOverrides(page);
    assert.deepEqual(await overflow(page), []);
    await page.evaluate(() => document.querySelector("regie-wijzer").shadowRoot.querySelector("[part=override-form]").scrollIntoView());
    await page.screenshot({ path: shot(`a11y-${name}-320.png`) });
    assert.deepEqual(errors, []);
  });
}

test("a widget in a 320 px container on a wide page lays out for the container, not the viewport", async () => {
  const { page, errors } = await open("/tests/fixtures/narrow.html", { width: 1280 });
  await openOverrides(page);
  assert.deepEqual(await overflow(page), []);
  // One column: the advice is below the checklist, not beside it.
  const [checklist, advice] = await page.evaluate(() => ["checklist", "outcomes"].map((p) =>
    document.querySelector("regie-wijzer").shadowRoot.querySelector(`[part=${p}]`).getBoundingClientRect().toJSON()));
  assert.ok(advice.top >= checklist.bottom, `advice at ${advice.top}, checklist ends at ${checklist.bottom}`);
  await page.locator("#box").screenshot({ path: shot("a11y-container-320.png") });
  assert.deepEqual(errors, []);
});

test("an answer out of range is marked invalid, described by its problem in words, and announced", async () => {
  const { page, errors } = await open("/tests/fixtures/narrow.html");
  const field = page.locator("regie-wijzer #rw-leeftijd");
  await field.fill("150");
  const seen = await page.evaluate(() => {
    const root = document.querySelector("regie-wijzer").shadowRoot;
    const input = root.querySelector("#rw-leeftijd");
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => root.getElementById(id)?.textContent);
    return { invalid: input.getAttribute("aria-invalid"), described, live: root.querySelector("[part=live][role=status]").textContent };
  });
  assert.equal(seen.invalid, "true");
  assert.ok(seen.described.includes("Dit antwoord wordt niet gebruikt: 150 ligt niet tussen 0 en 120."), seen.described.join(" | "));
  assert.ok(!seen.described.join(" ").includes(".."), "no notation from the rules language");
  assert.match(seen.live, /Dit antwoord wordt niet gebruikt: 150 ligt niet tussen 0 en 120\./);
  // Put right: valid again, and no longer described by the problem.
  await field.fill("40");
  const fixed = await page.evaluate(() => {
    const input = document.querySelector("regie-wijzer").shadowRoot.querySelector("#rw-leeftijd");
    return { invalid: input.getAttribute("aria-invalid"), described: input.getAttribute("aria-describedby") };
  });
  assert.equal(fixed.invalid, null);
  assert.ok(!(fixed.described ?? "").includes("issue"), fixed.described);
  assert.deepEqual(errors, []);
});

test("heading-level sets the widget's heading levels, and two widgets have landmarks with names of their own", async () => {
  const { page, errors } = await open("/tests/fixtures/casus.html");
  const headings = (id) => page.evaluate((i) => [...document.getElementById(i).shadowRoot.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((x) => x.checkVisibility()).map((x) => `${x.tagName.toLowerCase()} ${x.textContent}`), id);
  const before = await headings("escalatie");
  assert.deepEqual(before.filter((t) => t.startsWith("h2")), ["h2 Vragenlijst", "h2 Advies", "h2 Besluit"]);
  assert.ok(before.some((t) => t.startsWith("h3")), before.join(" | "));
  await page.evaluate(() => { document.getElementById("escalatie").headingLevel = 3; });
  assert.equal(await page.locator("#escalatie").getAttribute("heading-level"), "3");
  const after3 = await headings("escalatie");
  assert.deepEqual(after3.filter((t) => t.startsWith("h3")).slice(0, 2), ["h3 Vragenlijst", "h3 Advies"]);
  assert.ok(after3.includes("h3 Besluit"), after3.join(" | "));
  assert.ok(!after3.some((t) => t.startsWith("h2")), after3.join(" | "));
  assert.ok(after3.some((t) => t.startsWith("h4")), after3.join(" | "));
  assert.equal(await page.evaluate(() => document.getElementById("regie").headingLevel), 2);
  // The advice regions of the two widgets, as the accessibility tree names them.
  const snapshot = await page.locator("main").ariaSnapshot();
  const regions = [...snapshot.matchAll(/region "([^"]+)"/g)].map((m) => m[1]);
  assert.equal(regions.length, 2, snapshot.slice(0, 400));
  assert.equal(new Set(regions).size, 2, regions.join(" | "));
  for (const r of regions) assert.match(r, /^Advies: \S/);
  assert.deepEqual(errors, []);
});

// ---------- axe: WCAG 2.2 A/AA and best practice, target size included, light and dark host themes ----------

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** A dark host theme: the page sets only its document colours (NL Design System tokens). Set through the
 * CSSOM, which the pages' CSP allows. */
function darkHost() {
  // On <html>, and on <body> where the demo's theme class sets the light tokens.
  for (const el of [document.documentElement, document.body]) {
    el.style.setProperty("--utrecht-document-color", "#f0f0f0");
    el.style.setProperty("--utrecht-document-background-color", "#1b1b1f");
  }
  // A page without a theme of its own (the playground) takes its colours from the same tokens.
  document.body.style.setProperty("color", "var(--utrecht-document-color)");
  document.body.style.setProperty("background-color", "var(--utrecht-document-background-color)");
}

/** axe's violations on the page (`widgetsOnly`: inside the widgets; with a dark host theme the host's own
 * links and alerts keep the light theme's colours, which is the host theme's business, not ours). */
async function axe(page, name, widgetsOnly = false) {
  // The tags choose the rules; target-size (WCAG 2.5.8) is switched on by name as well.
  const found = await axeViolations(page, { tags: TAGS, rules: { "target-size": { enabled: true } }, include: widgetsOnly ? "regie-wijzer" : undefined });
  return found.map((v) => `${name}: ${v}`);
}

/** What a professional does on a page: answers, opens "Waarom?", a wrong number, a timeline row, an
 * override form, and confirms the advice of one widget. */
async function interact(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("regie-wijzer")) {
      const root = el.shadowRoot;
      for (const q of root.querySelectorAll("[part=question]:not([hidden]) [part=option]:first-child input")) q.click();
      for (const d of root.querySelectorAll("details")) d.open = true;
      root.querySelector("[data-action=add-record]")?.click();
    }
  });
  const number = page.locator("regie-wijzer input[type=number]:visible").first();
  if (await number.count()) await number.fill("99999");
  await openOverrides(page);
}

const PAGES = [["demo", "/www/demo/"], ["demo-en", "/www/demo/en/"], ["casus", "/tests/fixtures/casus.html"], ["playground", "/www/playground/"]];
for (const [name, path] of PAGES) {
  for (const theme of ["light", "dark"]) {
    test(`axe finds nothing on ${name} (${theme} host theme), before and after interaction`, async () => {
      const { page, errors } = await open(path, { setup: theme === "dark" ? darkHost : undefined });
      const found = await axe(page, `${name} before`, theme === "dark");
      await interact(page);
      found.push(...await axe(page, `${name} after`, theme === "dark"));
      if (theme === "dark") await page.screenshot({ path: shot(`a11y-${name}-dark.png`), fullPage: name !== "playground" });
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
    });
  }
}

test("forced colours keep the provisional marking (by its line style), the focus ring and the targets' size", async () => {
  const { page, errors } = await open("/tests/fixtures/casus.html", { width: 1280 });
  await page.emulateMedia({ forcedColors: "active" });
  const button = page.locator("regie-wijzer#escalatie [data-action=add-record]").first();
  await button.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const seen = await page.evaluate(() => {
    const root = document.getElementById("escalatie").shadowRoot;
    const provisional = root.querySelector("[part=outcome][data-provisional]");
    const decided = root.querySelector("[part=outcome]:not([data-provisional])");
    const focused = root.activeElement;
    const f = getComputedStyle(focused);
    const radio = root.querySelector("input[type=radio]").getBoundingClientRect();
    return {
      provisional: provisional && getComputedStyle(provisional).borderLeftStyle,
      decided: decided && getComputedStyle(decided).borderLeftStyle,
      outline: `${f.outlineStyle} ${parseFloat(f.outlineWidth) >= 2}`,
      radio: [radio.width >= 24, radio.height >= 24],
    };
  });
  assert.equal(seen.provisional, "double");
  if (seen.decided) assert.equal(seen.decided, "solid");
  assert.equal(seen.outline, "solid true");
  assert.deepEqual(seen.radio, [true, true]);
  await page.evaluate(() => document.getElementById("escalatie").shadowRoot.querySelector("[part=outcomes]").scrollIntoView());
  await page.screenshot({ path: shot("a11y-casus-forced-colours.png") });
  assert.deepEqual(errors, []);
});

test("timeline by keyboard: after \"Voeg toe\" focus is in the new record, announced; names per timeline; dates as people read them", async () => {
  const { page, errors } = await open("/tests/fixtures/casus.html");
  const add = page.locator("#escalatie [data-fact=contactpogingen] [data-action=add-record]");
  await add.focus();
  await page.keyboard.press("Enter");
  const after1 = await page.evaluate(() => {
    const root = document.getElementById("escalatie").shadowRoot;
    const a = root.activeElement;
    return { inRecord: Boolean(a?.closest("[part=record]")), field: a?.dataset.field, record: a?.closest("[part=record]")?.getAttribute("aria-label"),
      live: root.querySelector("[part=live]").textContent };
  });
  assert.deepEqual([after1.inRecord, after1.field, after1.record], [true, "datum", "Registratie 1"]);
  assert.match(after1.live, /^Registratie 1 toegevoegd\./);
  // Typing goes into the new record's date field (the test browser's locale is en-US: month first).
  await page.keyboard.type("03022026");
  assert.equal(await page.evaluate(() => document.getElementById("escalatie").answers.contactpogingen[0].datum), "2026-03-02");
  await add.focus();
  await page.keyboard.press("Enter");
  assert.match(await page.locator("#escalatie [part=live]").textContent(), /^Registratie 2 toegevoegd\./);
  // Every button in the two widgets has a name of its own.
  const names = await page.evaluate(() => [...document.querySelectorAll("regie-wijzer")].flatMap((el) =>
    [...el.shadowRoot.querySelectorAll("[data-action=add-record], [data-action=remove-record], [data-action=no-records]")]
      .map((b) => b.getAttribute("aria-label") ?? b.textContent)));
  assert.ok(names.length >= 4, names.join(" | "));
  assert.equal(new Set(names).size, names.length, names.join(" | "));
  // A year has four digits.
  assert.equal(await page.locator("#escalatie [part=record] [data-field=datum]").first().getAttribute("max"), "9999-12-31");
  // A deadline in text: 16-03-2026, not the ISO form.
  await page.evaluate(() => {
    document.getElementById("escalatie").answers = { vermoeden_psychische_stoornis: true, ernstig_nadeel: true, onmiddellijk_dreigend: false, hulp_geweigerd: true, datum_melding: "2026-03-02" };
  });
  const deadline = await page.locator("#escalatie [data-outcome=termijn_verkennend_onderzoek] [part=outcome-value]").textContent();
  assert.match(deadline, /16-03-2026/);
  assert.doesNotMatch(deadline, /2026-03-16/);
  assert.deepEqual(errors, []);
});

test("copying the summary is said, and a handover is said in words (van … naar …), not with an arrow", async () => {
  const { page, errors } = await open("/tests/fixtures/casus.html");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: web.origin });
  await page.locator("#regie [data-action=copy]").click();
  await page.waitForFunction(() => document.getElementById("regie").shadowRoot.querySelector("[part=live]").textContent !== "");
  assert.equal(await page.locator("#regie [part=live]").textContent(), "Samenvatting gekopieerd.");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.evaluate(() => document.getElementById("regie").summary));
  await page.evaluate(() => {
    document.getElementById("regie").answers = { fase: "ontslag", in_fact_zorg: false, voorgestelde_regiehouder: "wijkteam" };
  });
  const said = await page.locator("#regie [part=handover] p").first().textContent();
  assert.match(said, /^Van \S.* naar \S/);
  assert.doesNotMatch(said, /→/);
  assert.deepEqual(errors, []);
});

test("print shows the whole summary and each decision beside its outcome; a compact advice line sits by \"Bevestig advies\"", async () => {
  const { page, errors } = await open("/tests/fixtures/narrow.html");
  await page.locator("regie-wijzer #rw-acuut_gevaar-0").check();
  const line = await page.locator("regie-wijzer [part=advice-line]").textContent();
  assert.match(line, /^Advies: Route: .+ · Urgentie: .+/);
  // Decide otherwise on the first outcome, with a reason.
  await page.locator("regie-wijzer [data-action=override]").first().click();
  const form = page.locator("regie-wijzer [part=override-form]");
  await form.locator("[data-field=override-value]").selectOption({ index: 1 });
  const code = form.locator("[data-field=override-code]");
  if (await code.count()) await code.selectOption({ index: 1 });
  await form.locator("[data-field=override-reason]").fill("Melder hoort hem 's nachts schreeuwen.");
  await form.locator("[data-action=save-override]").click();
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => {
    const el = document.querySelector("regie-wijzer");
    const root = el.shadowRoot;
    const pre = root.querySelector("[part=summary-print]");
    const first = root.querySelector("[part=outcome]");
    const beside = first.querySelector("[part=outcome-decision]");
    return { whole: pre.checkVisibility() && pre.textContent === el.summary && pre.scrollHeight <= pre.clientHeight + 1,
      lines: el.summary.split("\n").length, textarea: root.querySelector("[part=summary]").checkVisibility(),
      beside: beside?.checkVisibility() ? beside.textContent : null };
  });
  assert.equal(printed.whole, true);
  assert.ok(printed.lines > 6, `${printed.lines} lines`);
  assert.equal(printed.textarea, false);
  assert.match(printed.beside ?? "", /^Besluit: afgeweken: .+ \(reden: .*Melder hoort hem/);
  await page.screenshot({ path: shot("a11y-print.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("where there is room the advice stays in view while the last questions are answered", async () => {
  const { page, errors } = await open("/www/demo/", { width: 1280, height: 800 });
  const last = page.locator("regie-wijzer [part=question]:not([hidden]) :is(input, select)").last();
  await last.focus();
  await last.scrollIntoViewIfNeeded();
  const r = await page.evaluate(() => document.querySelector("regie-wijzer").shadowRoot.querySelector("[part=outcomes]").getBoundingClientRect().toJSON());
  // Most of it on screen (near the end of the widget the column is pushed up by the widget's own end).
  const shown = Math.min(r.bottom, 800) - Math.max(r.top, 0);
  assert.ok(shown >= Math.min(400, r.height), `advice at ${Math.round(r.top)}..${Math.round(r.bottom)}`);
  assert.deepEqual(errors, []);
});
