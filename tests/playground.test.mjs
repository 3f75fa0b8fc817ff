// The rule authors' playground (www/playground/) in a real browser, driven by keyboard and mouse like an
// author: errors underlined with their message, the preview following the last valid rules, tests red
// with expected vs actual, a removed rule found as a gap whose example loads into the preview, a diff
// against the shipped default, share links, "save as test", Dutch and English, axe, and no request
// that leaves the page. Screenshots of useful states go to tests/artifacts/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { artifact, axeViolations, browserSuite, WCAG21AA } from "./browser.mjs";

/** axe with WCAG 2.2 AA and its target-size rule (2.5.8: targets of at least 24 by 24 CSS pixels), which
 * axe leaves off unless asked. */
const WCAG22AA = { tags: [...WCAG21AA, "wcag22a", "wcag22aa"], rules: { "target-size": { enabled: true } } };

const TRIAGE = readFileSync(new URL("../rulesets/triage.regels", import.meta.url), "utf8").split("\n");
const TESTS = readFileSync(new URL("../rulesets/triage.tests.regels", import.meta.url), "utf8").split("\n");
const REGIE = readFileSync(new URL("../rulesets/regie.regels", import.meta.url), "utf8").split("\n");
/** The line (from 1) of the first line of the shipped triage rules that starts with `text`. */
const lineOf = (text) => {
  const i = TRIAGE.findIndex((l) => l.startsWith(text));
  assert.ok(i >= 0, `no line starts with ${text}`);
  return i + 1;
};

const web = browserSuite();

async function openPlayground(url = `${web.origin}/www/playground/`) {
  const watched = await web.page();
  await watched.page.setViewportSize({ width: 1400, height: 1000 });
  await watched.page.goto(url);
  await watched.page.waitForFunction(() => document.body.dataset.ready === "true");
  await waitValid(watched.page);
  return watched;
}

async function waitValid(page) {
  await page.waitForFunction(() => document.body.dataset.valid === "true"
    && document.querySelector("#summary").textContent.startsWith("0 "));
}

/** Puts the cursor at the start of line `n` with the editor's own "go to line" (Ctrl-Alt-G). */
async function gotoLine(page, n) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Alt+g");
  await page.keyboard.type(String(n));
  await page.keyboard.press("Enter");
  // Focus comes back to the editor, on that line.
  await page.waitForFunction(() => document.querySelector("#editor").shadowRoot.activeElement?.classList.contains("cm-content"));
}

/** Replaces the whole of line `n` with `text`, as typed. */
async function replaceLine(page, n, text) {
  await gotoLine(page, n);
  await page.keyboard.press("Shift+End");
  await page.keyboard.insertText(text);
  await settled(page);
}

/** The text of line `n` of the editor (brought into view first: CodeMirror draws only the lines in view). */
async function lineText(page, n) {
  await gotoLine(page, n);
  return page.evaluate(() => document.querySelector("#editor").shadowRoot.querySelector(".cm-content .cm-activeLine").textContent);
}

/** Waits until the playground has checked the latest text (and, when valid, tested it). */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.pending === "false");
}

async function outcomeStatus(page, id) {
  return page.locator(`#preview [data-outcome="${id}"]`).first().getAttribute("data-status");
}

test("an error is underlined with its message; fixed, the preview follows the rules again", async () => {
  const { page, errors, foreign } = await openPlayground();
  // A valid change shows in the preview.
  const melderLabel = lineOf('  label nl "Wie doet de melding?"');
  await replaceLine(page, melderLabel, '  label nl "Wie meldt er?" en "Who reports?"');
  await page.locator("#preview").getByText("Wie meldt er?").first().waitFor();
  // An unknown value: underlined in place, listed with code and line:column, message on hover.
  const acuutThen = lineOf("  then route = crisisdienst_112");
  await replaceLine(page, acuutThen, "  then route = ergens_heen, regiehouder = crisisdienst, acties = bel_112");
  await page.waitForFunction(() => document.body.dataset.valid === "false");
  const underline = page.locator(".cm-lintRange-error").first();
  await underline.waitFor();
  const item = page.locator('#diagnostics li[data-severity="error"]').first();
  const itemText = await item.textContent();
  assert.match(itemText, new RegExp(`^E\\d{3} ${acuutThen}:\\d+ — .*ergens_heen`), itemText);
  assert.match(await page.textContent("#summary"), /^1 fout/);
  await underline.hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await tooltip.waitFor();
  assert.ok((await tooltip.textContent()).includes("ergens_heen"));
  // Clicking the diagnostic puts the cursor there.
  await item.locator("button").click();
  assert.equal(await page.locator(".cm-lineNumbers .cm-activeLineGutter").textContent(), String(acuutThen));
  // The preview keeps the last valid rules, and says so.
  assert.match(await page.textContent("#preview-note"), /laatste geldige versie/);
  await page.locator("#preview").getByText("Wie meldt er?").first().waitFor();
  await page.screenshot({ path: artifact("playground-error.png") });
  // Fixed: valid again, and the preview follows a further change.
  await replaceLine(page, acuutThen, "  then route = crisisdienst_112, regiehouder = crisisdienst, acties = bel_112");
  await waitValid(page);
  assert.equal(await page.textContent("#preview-note"), "");
  await replaceLine(page, melderLabel, '  label nl "Wie meldt?" en "Who reports?"');
  await page.locator("#preview").getByText("Wie meldt?", { exact: true }).first().waitFor();
  // Undo (Ctrl-Z) brings back the previous text.
  await page.keyboard.press("Control+z");
  await settled(page);
  await page.locator("#preview").getByText("Wie meldt er?").first().waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("a name declared twice links to its first declaration, and a misspelt value gets a suggestion", async () => {
  const { page, errors } = await openPlayground();
  const first = lineOf("fact verslaving: bool");
  const second = lineOf("fact schulden: bool");
  await replaceLine(page, second, "fact verslaving: bool");
  await page.waitForFunction(() => document.body.dataset.valid === "false");
  const item = page.locator('#diagnostics li[data-code="E306"]').first();
  await item.waitFor();
  const related = item.locator("[data-related]");
  assert.equal(await related.textContent(), `eerder gedeclareerd op ${first}:6`);
  await related.click();
  assert.equal(await page.locator(".cm-lineNumbers .cm-activeLineGutter").textContent(), String(first));
  await replaceLine(page, second, "fact schulden: bool");
  await waitValid(page);
  const acuutThen = lineOf("  then route = crisisdienst_112");
  await replaceLine(page, acuutThen, "  then route = crisisdienst_11, regiehouder = crisisdienst, acties = bel_112");
  const misspelt = page.locator('#diagnostics li[data-severity="error"]').first();
  await misspelt.waitFor();
  assert.match(await misspelt.textContent(), /crisisdienst_11`; bedoel je `crisisdienst_112`\?/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a broken rule turns its tests red with expected vs actual; a test's answers load into the preview", async () => {
  const { page, errors, foreign } = await openPlayground();
  assert.match(await page.textContent("#tests-summary"), /^\d+ geslaagd, 0 mislukt$/);
  const acuutThen = lineOf("  then route = crisisdienst_112");
  await replaceLine(page, acuutThen, "  then route = vangnet, regiehouder = crisisdienst, acties = bel_112");
  await page.waitForFunction(() => document.querySelector("#tests-summary").dataset.failed !== "0");
  const failing = page.locator('#tests li[data-test="acuut gevaar gaat voor alles"]');
  assert.equal(await failing.getAttribute("data-passed"), "false");
  assert.match(await failing.locator(".pg-badge").textContent(), /mislukt/);
  assert.equal(await failing.locator(".pg-expected").first().textContent(), "verwacht: route = crisisdienst_112");
  assert.match(await failing.locator(".pg-actual").first().textContent(), /^werkelijk: .*vangnet/);
  await failing.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact("playground-failing-test.png") });
  // Its answers, in the preview: the (broken) rule now routes acute danger to the safety net.
  await failing.getByRole("button", { name: "Laad in voorbeeld" }).click();
  await page.waitForFunction(() => document.querySelector("#preview").answers.acuut_gevaar === true);
  const route = page.locator('#preview [data-outcome="route"]');
  await route.getByText("Vangnet").first().waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("after a parameter changes, the failing test is listed first and marked in the gutter on its line", async () => {
  const { page, errors, foreign } = await openPlayground();
  await replaceLine(page, lineOf("parameter draaideur_eerdere_meldingen = 2"), "parameter draaideur_eerdere_meldingen = 3");
  await page.waitForFunction(() => document.querySelector("#tests-summary").dataset.failed !== "0");
  const shown = await page.locator("#tests > li").evaluateAll((lis) => lis.map((li) => [li.dataset.test, li.dataset.passed]));
  const failed = shown.filter(([, passed]) => passed === "false").map(([name]) => name);
  assert.ok(failed.length > 0 && failed.length < shown.length, JSON.stringify(shown));
  // Every failing test comes before every passing one.
  assert.deepEqual(shown.slice(0, failed.length).map(([name]) => name), failed);
  // Its name in the list puts the cursor on its line (CodeMirror draws only the lines in view); the gutter
  // marks that line, with the test's name for assistive technology.
  const first = failed[0];
  await page.locator("#tests > li").first().getByRole("button", { name: first }).click();
  const at = await page.evaluate((name) => {
    const root = document.querySelector("#editor").shadowRoot;
    const mark = [...root.querySelectorAll(".pg-failing-gutter .pg-failing")].find((m) => m.getAttribute("aria-label") === name);
    return {
      role: mark?.getAttribute("role"),
      mark: mark?.closest(".cm-gutterElement").getBoundingClientRect().top,
      cursor: root.querySelector(".cm-lineNumbers .cm-activeLineGutter").getBoundingClientRect().top,
      line: root.querySelector(".cm-content .cm-activeLine").textContent,
    };
  }, `Test „${first}” mislukt`);
  assert.equal(at.role, "img", JSON.stringify(at));
  assert.equal(at.mark, at.cursor);
  assert.ok(at.line.startsWith(`test "${first}"`), at.line);
  await page.screenshot({ path: artifact("playground-failing-first.png") });
  // In English the mark says so in English.
  await page.click("#lang-toggle");
  await page.waitForFunction((n) => [...document.querySelector("#editor").shadowRoot.querySelectorAll(".pg-failing")]
    .some((m) => m.getAttribute("aria-label") === `Test “${n}” fails`), first);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("removing the advice rule shows a gap with an example that loads into the preview", async () => {
  const { page, errors, foreign } = await openPlayground();
  await page.waitForFunction(() => document.querySelector("#analysis-summary").textContent.startsWith("0 bevindingen"));
  const start = lineOf("rule advies_regel");
  const end = TRIAGE.findIndex((l, i) => i >= start && l.trim() === "") + 1; // the blank line after it
  await gotoLine(page, start);
  for (let i = start; i <= end; i++) await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Delete");
  await settled(page);
  await waitValid(page);
  const gap = page.locator('#findings li[data-code="A101"]').first();
  await gap.waitFor();
  assert.match(await gap.textContent(), /Geen regel beslist 'route'/);
  await page.screenshot({ path: artifact("playground-analysis.png"), fullPage: true });
  await gap.getByRole("button", { name: "Toon in voorbeeld" }).click();
  await page.waitForFunction(() => Object.keys(document.querySelector("#preview").answers).length > 3);
  await page.waitForFunction(() => document.querySelector("#preview")
    .shadowRoot.querySelector('[data-outcome="route"]')?.getAttribute("data-status") === "undecided");
  assert.equal(await outcomeStatus(page, "route"), "undecided");
  // The tests that expected advice now fail too.
  assert.notEqual(await page.locator("#tests-summary").getAttribute("data-failed"), "0");
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("the diff against the shipped default lists the outcomes that change", async () => {
  const { page, errors, foreign } = await openPlayground();
  await replaceLine(page, lineOf("parameter draaideur_eerdere_meldingen = 2"), "parameter draaideur_eerdere_meldingen = 3");
  await waitValid(page);
  await page.selectOption("#baseline", "triage");
  await page.click("#compare");
  await page.waitForFunction(() => document.querySelector("#diff-summary").textContent.includes("veranderingen"));
  // Settled within the default budget, acties included though it follows the route (compared value by
  // value, as the evaluation counts each action).
  const summary = await page.textContent("#diff-summary");
  assert.match(summary, /volledig/);
  assert.doesNotMatch(summary, /ONVOLLEDIG/);
  const changed = await page.locator("#changes li[data-outcome]").evaluateAll((lis) => [...new Set(lis.map((l) => l.dataset.outcome))]);
  assert.deepEqual(changed.sort(), ["acties", "regiehouder", "route", "urgentie"]);
  // In the author's words (issue 24): one line per change, labels only, no raw answer combinations.
  const earlier = "'Hoeveel eerdere meldingen waren er in de afgelopen 12 maanden?': 2";
  assert.match(await page.locator('#changes li[data-outcome="acties"]').first().textContent(), /^Acties: verliest .*Bespreek de herhaalde meldingen \(draaideur\) bij /);
  const routes = await page.locator('#changes li[data-outcome="route"] > .pg-change').allTextContents();
  assert.equal(routes.length, new Set(routes.map((t) => t.split(" bij ")[0])).size, routes.join("\n"));
  assert.ok(routes.some((t) => t.startsWith("Route: van Bemoeizorg naar Vangnet (wijk-GGD'er) bij ")), routes.join("\n"));
  const all = await page.textContent("#changes");
  assert.ok(all.includes(earlier), all);
  assert.doesNotMatch(all, /eerdere_meldingen|antwoordcombinaties|\btrue\b|\bfalse\b|<=/);
  const first = page.locator('#changes li[data-outcome="route"]').first();
  await first.getByRole("button", { name: "Toon in voorbeeld" }).first().click();
  await page.waitForFunction(() => document.querySelector("#preview").answers.eerdere_meldingen === 2);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

const DRECHTSTEDEN = readFileSync(new URL("../crates/regiewijzer-core/tests/fixtures/variants/triage_drechtsteden.regels", import.meta.url), "utf8");
const sha256 = (text) => `sha256:${createHash("sha256").update(text).digest("hex")}`;

test("a region's variant of the triage: checked, previewed and tested as a variant, and Vergelijk shows it against its base in words", async () => {
  const { page, errors, foreign } = await openPlayground();
  await page.click('[data-start="triage_drechtsteden"]');
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("triage_drechtsteden "));
  await waitValid(page);
  assert.equal(await page.locator("#diagnostics li[data-severity=error]").count(), 0);
  // The header names the variant (the hash of its own rules file) and its base (the shipped triage's).
  const base = sha256(TRIAGE.join("\n"));
  assert.equal(await page.textContent("#ruleset-id"),
    `triage_drechtsteden 0.1.0 · ${sha256(DRECHTSTEDEN).slice(0, 19)}… · variant van triage 0.1.0 (${base.slice(0, 19)}…)`);
  assert.equal(await page.getAttribute("#ruleset-id", "title"), sha256(DRECHTSTEDEN));
  // Its tests run on the resolved rules, and the preview asks its own question.
  assert.equal(await page.textContent("#tests-summary"), "4 geslaagd, 0 mislukt");
  await page.evaluate(() => { document.querySelector("#preview").answers = { acuut_gevaar: false, schulden: true }; });
  await page.locator("#preview legend").getByText("Is de persoon al bekend bij de schuldhulp?", { exact: true }).waitFor();
  await page.waitForFunction((h) => document.querySelector("#preview").value?.ruleset?.base?.hash === h, base);
  // Vergelijk: the base is the baseline the author did not have to choose.
  assert.equal(await page.inputValue("#baseline"), "triage");
  await page.click("#compare");
  await page.waitForFunction(() => /veranderingen?;/.test(document.querySelector("#diff-summary").textContent));
  const declared = await page.locator("#changes li[data-declared]").allTextContents();
  for (const line of [
    "Eerdere meldingen in 12 maanden vanaf waar het een draaideur is: van 2 naar 3",
    "Route: nieuwe waarde Schuldhulp Drechtsteden",
    "Route: Vangnet (wijk-GGD'er) heet nu Vangnet Drechtsteden (wijk-GGD'er)",
    "Nieuwe vraag: 'Is de persoon al bekend bij de schuldhulp?'",
    "Nieuwe vraag: 'Is de persoon erg eenzaam?'",
  ]) assert.ok(declared.includes(line), `${line}\n---\n${declared.join("\n")}`);
  // What that does: the threshold moves a route, the removed rule takes its referral out of the actions.
  const all = await page.textContent("#changes");
  assert.ok(all.includes("'Hoeveel eerdere meldingen waren er in de afgelopen 12 maanden?': 2"), all);
  const acties = await page.locator('#changes li[data-outcome="acties"] > .pg-change').allTextContents();
  assert.ok(acties.some((t) => t.includes("Verwijs naar schuldhulpverlening")), acties.join("\n"));
  assert.doesNotMatch(all, /draaideur_eerdere_meldingen|schuldhulp_bekend|schuldhulp_drechtsteden|verwijs_schuldhulp|\btrue\b|\bfalse\b/);
  // In English too, without checking anew.
  await page.click("#lang-toggle");
  assert.match(await page.textContent("#ruleset-id"), / · variant of triage 0\.1\.0 \(sha256:/);
  assert.ok((await page.locator("#changes li[data-declared]").allTextContents()).includes("Route: new value Debt counselling Drechtsteden"));
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("a variant of a ruleset the playground does not carry, or of another version of one, says so in words", async () => {
  const text = 'ruleset mijn_regio variant of elders "1.0.0"\n  title nl "Mijn regio" en "My region"\n  version "0.1.0"\n';
  const watched = await web.page();
  const { page, errors, foreign } = watched;
  const openText = async (t, lang = "nl") => {
    await page.goto(`${web.origin}/www/playground/?lang=${lang}#regels=${fragmentOf(Buffer.from(t))}`);
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    await settled(page);
  };
  await openText(text);
  assert.equal(await page.getAttribute("body", "data-valid"), "false");
  assert.deepEqual(await page.locator("#diagnostics li").evaluateAll((lis) => lis.map((l) => l.dataset.code)), ["E701"]);
  assert.equal(await page.textContent("#variant-note"),
    'Deze regels zijn een variant van elders versie "1.0.0". Het speelveld kent als basis alleen de standaardregels triage, escalatie, regie: een variant van elders is hier niet te controleren. Controleer hem samen met zijn basis op je eigen computer (regiewijzer check met --base).');
  await openText(text, "en");
  assert.match(await page.textContent("#variant-note"), /^These rules are a variant of elders version "1\.0\.0"\. The playground only has the default rules triage, escalatie, regie as a base/);
  // Of the triage, but written for another version: the core's own diagnostic, against the shipped triage.
  await openText(DRECHTSTEDEN.replace('variant of triage "0.1.0"', 'variant of triage "0.2.0"'));
  assert.deepEqual(await page.locator("#diagnostics li").evaluateAll((lis) => lis.map((l) => l.dataset.code)), ["E703"]);
  assert.match(await page.textContent("#diagnostics"), /geschreven voor `triage` versie "0\.2\.0", maar de basis heeft versie "0\.1\.0"/);
  assert.equal(await page.textContent("#variant-note"), "");
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("the hash shown is the rules' own (tests apart), the one the portal and the widget give for the rules file; editing a test keeps it", async () => {
  const { page, errors, foreign } = await openPlayground();
  const file = readFileSync(new URL("../rulesets/triage.regels", import.meta.url), "utf8");
  const portal = `sha256:${createHash("sha256").update(file).digest("hex")}`;
  const shown = () => page.getAttribute("#ruleset-id", "title");
  assert.equal(await page.textContent("#ruleset-id"), `triage 0.1.0 · ${portal.slice(0, 19)}…`);
  assert.equal(await shown(), portal);
  // The preview runs those rules: its value names the same hash.
  await page.locator("#preview").getByRole("radio", { name: "Ja" }).first().check();
  await page.waitForFunction((h) => document.querySelector("#preview").value?.ruleset?.hash === h, portal);
  // A test changed (now failing): the rules and their hash are the same.
  // The tests follow the rules, a blank line and a heading, without their `tests for` line and the blank after it.
  const expectLine = TRIAGE.length + TESTS.findIndex((l) => l.startsWith("  expect route = crisisdienst_112"));
  assert.match(await lineText(page, expectLine), /^ {2}expect route = crisisdienst_112/);
  await replaceLine(page, expectLine, "  expect route = vangnet");
  await page.waitForFunction(() => document.querySelector("#tests-summary").dataset.failed !== "0");
  assert.equal(await shown(), portal);
  // A rule changed: another hash.
  await replaceLine(page, lineOf("parameter draaideur_eerdere_meldingen = 2"), "parameter draaideur_eerdere_meldingen = 3");
  await waitValid(page);
  const changed = file.replace("parameter draaideur_eerdere_meldingen = 2", "parameter draaideur_eerdere_meldingen = 3");
  assert.equal(await shown(), `sha256:${createHash("sha256").update(changed).digest("hex")}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("a share link carries the text in its fragment and reopens it in a new page", async () => {
  const { page, errors, foreign } = await openPlayground();
  await replaceLine(page, 1, "# Gedeeld voorbeeld 4711");
  await waitValid(page);
  const hash = await page.textContent("#ruleset-id");
  await page.click("#share");
  await page.locator("#share-link").waitFor();
  const link = await page.inputValue("#share-link");
  assert.ok(link.startsWith(`${web.origin}/www/playground/#regels=`), link);
  await page.close();
  const second = await openPlayground(link);
  assert.equal(await second.page.textContent("#ruleset-id"), hash);
  assert.ok((await second.page.locator(".cm-line").first().textContent()).includes("Gedeeld voorbeeld 4711"));
  assert.match(await second.page.textContent("#file-status"), /uit de link/);
  assert.deepEqual([...errors, ...second.errors], []);
  assert.deepEqual([...foreign, ...second.foreign], []);
  await second.page.close();
});

/** A share-link fragment for `bytes` of text (deflate-raw, base64url, as the playground makes them). */
const fragmentOf = (bytes) => deflateRawSync(bytes).toString("base64url");

test("a share link that inflates past 2 MB is stopped at the limit and says so; the default rules open", async () => {
  // 64 MB of text in a link of about 90 KB.
  const fragment = fragmentOf(Buffer.alloc(64 << 20, "#"));
  const { page, errors, foreign } = await openPlayground(`${web.origin}/www/playground/#regels=${fragment}`);
  assert.match(await page.textContent("#file-status"), /groter dan 2 MB en zijn niet geopend/);
  assert.ok((await page.locator(".cm-content").textContent()).includes("ruleset triage"));
  await page.click("#lang-toggle");
  assert.match(await page.textContent("#file-status"), /larger than 2 MB and were not opened/);
  // The work: count the bytes that come out of the inflater while the link is read.
  const counted = await page.evaluate(async (f) => {
    const Original = globalThis.DecompressionStream;
    let bytes = 0;
    globalThis.DecompressionStream = function (format) {
      const inner = new Original(format);
      const count = new TransformStream({ transform(chunk, c) { bytes += chunk.length; c.enqueue(chunk); } });
      return { writable: inner.writable, readable: inner.readable.pipeThrough(count) };
    };
    try {
      const { decodeShared } = await import("/www/playground/src/share.mjs");
      const kind = await decodeShared(f).then(() => "opened", (e) => e.kind);
      return { kind, bytes };
    } finally {
      globalThis.DecompressionStream = Original;
    }
  }, fragment);
  assert.equal(counted.kind, "too-large");
  assert.ok(counted.bytes <= 3 << 20, `${counted.bytes} bytes inflated for a 2 MB limit`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("a damaged share link says so and opens the default rules", async () => {
  const cut = fragmentOf(Buffer.from(TRIAGE.join("\n"))).slice(0, 200);
  for (const fragment of [cut, "!!niet-base64!!", fragmentOf(Buffer.from([0x72, 0xff, 0xfe]))]) {
    const { page, errors } = await openPlayground(`${web.origin}/www/playground/?lang=en#regels=${fragment}`);
    assert.match(await page.textContent("#file-status"), /This link is damaged/, fragment);
    assert.ok((await page.locator(".cm-content").textContent()).includes("ruleset triage"));
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the preview's answers saved as a test become a test block that passes", async () => {
  const { page, errors, foreign } = await openPlayground();
  const before = Number((await page.textContent("#tests-summary")).split(" ")[0]);
  await page.locator("#preview").getByRole("radio", { name: "Ja" }).first().check();
  await page.waitForFunction(() => document.querySelector("#preview").answers.acuut_gevaar === true);
  await page.fill("#test-name", "acuut uit het voorbeeld");
  await page.click("#save-test");
  const saved = page.locator('#tests li[data-test="acuut uit het voorbeeld"]');
  await saved.waitFor();
  assert.equal(await saved.getAttribute("data-passed"), "true");
  assert.equal(await page.textContent("#tests-summary"), `${before + 1} geslaagd, 0 mislukt`);
  // The block is in the text, at the end.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  const visible = (await page.locator(".cm-line").allTextContents()).join("\n");
  assert.ok(visible.includes('test "acuut uit het voorbeeld"'), visible);
  assert.ok(visible.includes("given acuut_gevaar = yes"), visible);
  assert.ok(visible.includes("expect route = crisisdienst_112"), visible);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("the playground speaks English too, and completes names the rules define", async () => {
  const { page, errors, foreign } = await openPlayground();
  await page.click("#lang-toggle");
  assert.equal(await page.textContent("h1"), "Playground for rule authors");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("#summary"), /^0 errors, 0 warnings$/);
  assert.match(await page.textContent("#tests-summary"), /passed, 0 failed$/);
  assert.equal(await page.locator("#preview").getAttribute("lang"), "en");
  // Completion: the start of a fact's name offers it.
  await gotoLine(page, lineOf("parameter draaideur_eerdere_meldingen = 2"));
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("draaideur_ee");
  const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "draaideur_eerdere_meldingen" });
  await option.first().waitFor();
  await page.keyboard.press("Escape");
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

/** What the editor's find panel says: the fields' names, the buttons' and the options' words. */
const findPanel = (page) => page.evaluate(() => {
  const panel = document.querySelector("#editor").shadowRoot.querySelector(".cm-panel.cm-search");
  return {
    fields: [...panel.querySelectorAll("input.cm-textfield")].map((i) => i.getAttribute("aria-label")),
    buttons: [...panel.querySelectorAll("button")].map((b) => b.getAttribute("aria-label") ?? b.textContent),
    options: [...panel.querySelectorAll("label")].map((l) => l.textContent),
    small: [...panel.querySelectorAll("button, input")].map((e) => e.getBoundingClientRect())
      .filter((r) => r.width < 24 || r.height < 24).length,
  };
});

test("the editor's find panel speaks Dutch and English with targets of 24 px: axe (WCAG 2.2 AA, target-size) finds nothing", async () => {
  const { page, errors, foreign } = await openPlayground();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+f");
  await page.locator(".cm-panel.cm-search").waitFor();
  assert.deepEqual(await findPanel(page), {
    fields: ["Zoek", "Vervang door"],
    buttons: ["volgende", "vorige", "alle", "vervang", "vervang alle", "sluit"],
    options: ["hoofdletters tellen", "reguliere expressie", "hele woorden"],
    small: 0,
  });
  await page.keyboard.type("draaideur");
  await page.keyboard.press("Enter");
  assert.deepEqual(await axeViolations(page, WCAG22AA), []);
  await page.screenshot({ path: artifact("playground-find-panel.png") });
  await page.click("#lang-toggle");
  await page.waitForFunction(() => document.querySelector("#editor").shadowRoot.querySelector(".cm-search input").getAttribute("aria-label") === "Find");
  await page.waitForFunction(() => document.activeElement.id === "lang-toggle");
  assert.deepEqual((await findPanel(page)).buttons, ["next", "previous", "all", "replace", "replace all", "close"]);
  assert.deepEqual(await axeViolations(page, WCAG22AA), []);
  // Go to line, in Dutch again.
  await page.click("#lang-toggle");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Alt+g");
  const gotoLabel = await page.evaluate(() => document.querySelector("#editor").shadowRoot.querySelector(".cm-goto-line label").textContent);
  assert.match(gotoLabel, /^Ga naar regel/);
  assert.deepEqual(await axeViolations(page, WCAG22AA), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("the playground has no accessibility violations (WCAG 2.1 A/AA), with errors, failures and findings shown", async () => {
  const { page } = await openPlayground();
  assert.deepEqual(await axeViolations(page), []);
  await replaceLine(page, lineOf("  then route = crisisdienst_112"), "  then route = ergens_heen");
  await page.locator(".cm-lintRange-error").first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press("Control+z");
  await settled(page);
  await replaceLine(page, lineOf("  then route = crisisdienst_112"), "  then route = vangnet");
  await page.waitForFunction(() => document.querySelector("#tests-summary").dataset.failed !== "0");
  await page.waitForFunction(() => document.querySelector("#analysis-summary").textContent.includes("doorrekeningen"));
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test("Begin met: buttons, not a select; after an edit it asks first in the page; Ctrl+Z brings the text and its header back; a share link stays in the history", async () => {
  const { page, errors, foreign } = await openPlayground();
  const header = () => page.textContent("#ruleset-id");
  // Arrow keys on the buttons change nothing (a select fired on ↓ and replaced the text silently).
  await page.focus('[data-start="triage"]');
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await settled(page);
  assert.match(await header(), /^triage /);
  // Unedited text is replaced at once.
  await page.click('[data-start="regie"]');
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("regie "));
  assert.equal(await page.locator("#confirm-start").getAttribute("open"), null);
  await page.click('[data-start="triage"]');
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("triage "));
  // Edited: it asks, in the page, with the focus on keeping the text; Escape keeps it.
  const param = lineOf("parameter draaideur_eerdere_meldingen = 2");
  await replaceLine(page, param, "parameter draaideur_eerdere_meldingen = 5");
  await page.click('[data-start="escalatie"]');
  const dialog = page.getByRole("dialog", { name: "De tekst vervangen?" });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /gewijzigd.*escalatie/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "confirm-start-cancel");
  assert.deepEqual(await axeViolations(page, WCAG22AA), []);
  await page.screenshot({ path: artifact("playground-confirm-start.png") });
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  await settled(page);
  assert.ok((await page.locator(".cm-content").textContent()).includes("draaideur_eerdere_meldingen = 5"));
  assert.match(await header(), /^triage /);
  // Replaced when the author says so; Ctrl+Z in the editor brings the text back, and the header and the
  // baseline follow the text.
  await page.click('[data-start="escalatie"]');
  await page.getByRole("button", { name: "Vervang door escalatie" }).click();
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("escalatie "));
  assert.equal(await page.inputValue("#baseline"), "escalatie");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+z");
  await settled(page);
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("triage "));
  assert.ok((await page.locator(".cm-content").textContent()).includes("draaideur_eerdere_meldingen = 5"));
  assert.equal(await page.inputValue("#baseline"), "triage");
  // A share link in the address: switching keeps it in the history, and Back opens its rules again.
  await page.click("#share");
  await page.locator("#share-link").waitFor();
  const link = await page.inputValue("#share-link");
  await page.click('[data-start="regie"]');
  await page.getByRole("button", { name: "Vervang door regie" }).click();
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("regie "));
  assert.ok(!page.url().includes("#regels="), page.url());
  assert.match(await page.textContent("#file-status"), /geschiedenis/);
  await page.goBack();
  assert.equal(page.url(), link);
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("triage "));
  assert.ok((await page.locator(".cm-content").textContent()).includes("draaideur_eerdere_meldingen = 5"));
  assert.match(await page.textContent("#file-status"), /uit de link/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

/** A large made-up ruleset (`facts` yes/no questions, `rules` rules over them) whose analysis takes a while:
 * the 100,000 evaluations of its budget for 40 and 400. */
function largeRuleset(facts, rules) {
  const out = ['ruleset groot\n  title nl "Groot" en "Large"\n  version "0.1.0"\n'];
  for (let i = 0; i < facts; i++) out.push(`fact f${i}: bool\n  label nl "Vraag ${i}?" en "Question ${i}?"\n`);
  out.push('outcome uitkomst: priority required\n  label nl "Uitkomst" en "Outcome"\n'
    + '  value a nl "A" en "A"\n  value b nl "B" en "B"\n  value c nl "C" en "C"\n');
  for (let r = 0; r < rules; r++) {
    const [a, b, c] = [(r * 7) % facts, (r * 13 + 5) % facts, (r * 17 + 3) % facts];
    out.push(`rule r${r}\n  when f${a} and not f${b} or f${c} and f${(a + 1) % facts}\n  then uitkomst = ${"abc"[r % 3]}\n`
      + `  priority ${r % 5}\n  because nl "Regel ${r}." en "Rule ${r}."\n`);
  }
  return out.join("\n");
}

test("a large analysis runs in a worker: the page handles a click within 100 ms meanwhile, shows progress, and Cancel stops it (also offline)", async () => {
  const { page, errors, foreign } = await openPlayground();
  // Every click's delay from the event to its handler, and whether the analysis was running then.
  await page.evaluate(() => {
    globalThis.clicks = [];
    document.addEventListener("click", (e) => globalThis.clicks.push({
      latency: performance.now() - e.timeStamp, running: document.body.dataset.analysisRunning,
    }), true);
  });
  await page.setInputFiles("#file", { name: "groot.regels", mimeType: "text/plain", buffer: Buffer.from(largeRuleset(40, 400)) });
  await waitValid(page);
  // Its first analysis (it uses up the budget) is over: the page is quiet.
  await page.waitForFunction(() => document.querySelector("#analysis-summary").textContent.includes("ONVOLLEDIG"), null, { timeout: 120_000 });
  // "Analyseer opnieuw" pressed, and a little later a click elsewhere, as raw mouse input (nothing that waits
  // for the page first): where the analysis holds the page's thread, that click waits for it.
  const heading = await page.locator("#tests-kop").boundingBox();
  await page.evaluate(() => setTimeout(() => document.querySelector("#analyze").click(), 0));
  await new Promise((ok) => setTimeout(ok, 200));
  await page.mouse.click(heading.x + 5, heading.y + 5);
  await page.waitForFunction(() => globalThis.clicks.length >= 2);
  const click = (await page.evaluate(() => globalThis.clicks)).at(-1);
  assert.ok(click.latency < 100, `a click waited ${click.latency} ms for the page`);
  assert.equal(click.running, "true", "the click came while the analysis ran");
  await page.locator("#analysis-progress progress").waitFor();
  assert.match(await page.textContent("#analysis-step"), /^(Starten|Analyseren): \d+ s$/);
  await page.locator("#analysis-section").screenshot({ path: artifact("playground-analysis-progress.png") });
  // Cancel: the worker ends, the page says so; offline, a new worker starts and finishes a run.
  await page.context().setOffline(true);
  const later = [];
  page.on("request", (r) => { if (!r.url().startsWith("blob:")) later.push(r.url()); });
  // Started and cancelled in one go (the analysis may be over before a second click could come).
  await page.evaluate(() => {
    document.querySelector("#analyze").click();
    document.querySelector("#analysis-cancel").click();
  });
  await page.waitForFunction(() => document.body.dataset.analysisRunning === "false");
  assert.match(await page.textContent("#analysis-summary"), /^Analyse geannuleerd/);
  assert.equal(await page.locator("#findings li").count(), 0);
  assert.ok(await page.locator("#analysis-progress").isHidden());
  await page.click("#analyze");
  await page.waitForFunction(() => document.querySelector("#analysis-summary").textContent.includes("doorrekeningen"), null, { timeout: 120_000 });
  assert.deepEqual(later, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

/** Reports as CSV for the triage rules: the "derde melding" test's answers with 0 to 4 earlier reports, a
 * row with a cell too many (line 5) and one with an answer the rules cannot use (line 8). */
function reportsCsv(rows) {
  const lines = ["acuut_gevaar,huiselijk_geweld,eerdere_meldingen"];
  for (let i = 0; i < rows; i++) lines.push(`nee,nee,${i % 5}`);
  lines[4] = "nee,nee,1,te veel";
  lines[7] = "nee,nee,veel";
  return `${lines.join("\n")}\n`;
}

test("replay: a file of reports (nothing leaves the page) against the baseline and the edited rules, the flip table with a drill-down, CSV export", async () => {
  const { page, errors, foreign } = await openPlayground();
  await replaceLine(page, lineOf("parameter draaideur_eerdere_meldingen = 2"), "parameter draaideur_eerdere_meldingen = 3");
  await waitValid(page);
  const rows = 500;
  const csv = reportsCsv(rows);
  // Brute force: only the reports with exactly 2 earlier ones change route (the threshold went from 2 to 3);
  // the bad row and the unusable answer are not among them.
  const expected = csv.split("\n").slice(1).filter((l) => l === "nee,nee,2").length;
  await page.setInputFiles("#replay-file", { name: "meldingen.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForFunction(() => / van de \d+ meldingen/.test(document.querySelector("#replay-summary").textContent));
  assert.match(await page.textContent("#replay-summary"), new RegExp(`^${expected} van de ${rows - 1} meldingen krijgen een ander advies; 1 regel van het bestand niet te lezen\\.$`));
  const route = page.locator('#replay-result tr[data-outcome="route"]');
  assert.equal(await route.count(), 1);
  assert.equal(await route.getAttribute("data-count"), String(expected));
  assert.match(await route.textContent(), /^Route\s*Bemoeizorg/);
  assert.deepEqual(await page.locator("#replay-bad li").evaluateAll((l) => l.map((x) => x.dataset.line)), ["5"]);
  assert.match(await page.locator('[data-unusable] li[data-fact="eerdere_meldingen"]').first().textContent(), /regel 8/);
  // The drill-down: the cases behind the flip, with their reasons under both versions.
  const toggle = route.getByRole("button");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  const detail = page.locator("#replay-result .pg-flip-detail:not([hidden])");
  const firstCase = detail.locator("li[data-line]").first();
  assert.equal(await firstCase.getAttribute("data-line"), "4");
  assert.match(await firstCase.textContent(), /^regel 4Eerst: \S.*Nu: \S/s);
  await page.locator("#replay-section").screenshot({ path: artifact("playground-replay.png") });
  assert.deepEqual(await axeViolations(page, { ...WCAG22AA, include: "#replay-section" }), []);
  // Edited rules replay again (the label of the threshold: the same flips); the drill-down the author opened
  // stays open in the new table.
  await page.evaluate(() => (document.querySelector("#replay-result table").dataset.before = "1"));
  const label = lineOf("  label nl \"Eerdere meldingen in 12 maanden");
  await replaceLine(page, label, '  label nl "Eerdere meldingen in een jaar vanaf waar het een draaideur is" en "Earlier reports in a year from which it is a revolving door"');
  await page.waitForFunction(() => {
    const table = document.querySelector("#replay-result table");
    return table && !table.dataset.before;
  });
  assert.equal(await route.getByRole("button").getAttribute("aria-expanded"), "true");
  assert.equal(await detail.locator("li[data-line]").first().getAttribute("data-line"), "4");
  // Export: a CSV download made in the page.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#replay-export")]);
  assert.equal(download.suggestedFilename(), "naspelen.csv");
  const exported = readFileSync(await download.path(), "utf8");
  assert.equal(exported.trim().split("\n").length - 1 >= expected, true, exported.slice(0, 300));
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("after load the playground makes no request at all: it works offline", async () => {
  const { page, errors, foreign } = await openPlayground();
  const later = [];
  page.on("request", (r) => later.push(r.url()));
  await page.context().setOffline(true);
  await replaceLine(page, lineOf("parameter draaideur_eerdere_meldingen = 2"), "parameter draaideur_eerdere_meldingen = 4");
  await waitValid(page);
  await page.click("#compare");
  await page.waitForFunction(() => document.querySelector("#diff-summary").textContent.includes("veranderingen"));
  await page.click(`[data-start="regie"]`);
  await page.click("#confirm-start-replace");
  await waitValid(page);
  await page.waitForFunction(() => document.querySelector("#ruleset-id").textContent.startsWith("regie"));
  assert.deepEqual(later, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test("opening a file reads it as `check` does: a byte order mark dropped, bytes that are not UTF-8 refused with E112", async () => {
  const { page, errors, foreign } = await openPlayground();
  const before = await page.locator(".cm-content").textContent();
  // "café" in Latin-1: the é is the byte 0xE9, which is not UTF-8.
  await page.setInputFiles("#file", { name: "latin1.regels", mimeType: "text/plain",
    buffer: Buffer.from([...Buffer.from('ruleset x\n  title nl "caf'), 0xe9, ...Buffer.from('"\n')]) });
  await page.waitForFunction(() => /niet geopend/.test(document.querySelector("#file-status").textContent));
  const status = await page.textContent("#file-status");
  assert.match(status, /latin1\.regels is niet geopend: E112 2:/);
  assert.equal(await page.locator(".cm-content").textContent(), before, "the text in the editor stays");
  // With a byte order mark: opened, and the mark is not part of the text.
  await page.setInputFiles("#file", { name: "bom.regels", mimeType: "text/plain",
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TRIAGE.join("\n"))]) });
  await page.waitForFunction(() => /bom\.regels geopend/.test(document.querySelector("#file-status").textContent));
  const first = await page.locator(".cm-line").first().textContent();
  assert.ok(!first.startsWith("\ufeff") && first.startsWith("#"), JSON.stringify(first));
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

/** A small ruleset whose two handovers pass the lead back and forth (the analysis' ping-pong, A402). */
const PING_PONG = `ruleset heen_en_terug
  title nl "Heen en terug" en "Back and forth"
  version "0.1.0"

phase bemoeizorg
  label nl "Bemoeizorg" en "Outreach care"

phase nazorg
  label nl "Nazorg" en "Aftercare"

party ggz
  label nl "GGZ-instelling" en "Mental health care"

party verslavingszorg
  label nl "Verslavingszorg" en "Addiction care"

fact fase: phase
  label nl "In welke fase is de casus?" en "Which phase is the case in?"

fact akkoord: bool
  label nl "Heeft de ontvanger de overdracht aanvaard?" en "Has the receiver accepted the handover?"

outcome regiehouder: priority required
  label nl "Regiehouder nu" en "Lead now"
  values parties

rule bemoeizorg_fase
  when fase = bemoeizorg
  then regiehouder = verslavingszorg
  because nl "In de bemoeizorg voert de verslavingszorg de regie." en "In outreach care addiction care leads."

rule nazorg_fase
  when fase = nazorg
  then regiehouder = ggz
  because nl "In de nazorg voert de GGZ de regie." en "In aftercare mental health care leads."

handover naar_ggz
  title nl "Naar de GGZ" en "To mental health care"
  from verslavingszorg to ggz
  lead regiehouder
  when fase = nazorg
  require akkoord nl "De GGZ heeft aanvaard" en "Mental health care accepted"
  because nl "De GGZ neemt over." en "Mental health care takes over."

handover naar_verslavingszorg
  title nl "Naar de verslavingszorg" en "To addiction care"
  from ggz to verslavingszorg
  lead regiehouder
  when fase = nazorg
  require akkoord nl "De verslavingszorg heeft aanvaard" en "Addiction care accepted"
  because nl "De verslavingszorg neemt over." en "Addiction care takes over."
`;

/** What the trajectory panel's picture and its list say. */
const trajectoryShown = (page) => page.evaluate(() => {
  const fig = document.querySelector("#trajectory figure[part=trajectory]");
  return {
    phases: [...fig.querySelectorAll("svg [data-phase]")].map((g) => g.dataset.phase),
    list: [...fig.querySelectorAll("[part=trajectory-list] > li")].map((li) => li.innerText.replace(/\s+/g, " ").trim()),
    handovers: [...fig.querySelectorAll("svg [part=trajectory-handover]")].map((g) => g.dataset.handover),
    svgText: fig.querySelector("svg").textContent,
  };
});

test("the trajectory panel draws the phases, leads and handovers of the rules being edited, and ping-pong in words", async () => {
  const { page, errors, foreign } = await openPlayground();
  await page.click(`[data-start="regie"]`);
  await waitValid(page);
  await page.waitForFunction(() => document.querySelectorAll("#trajectory svg [data-phase]").length === 8);
  let shown = await trajectoryShown(page);
  assert.deepEqual(shown.phases, ["melding", "vangnet", "bemoeizorg", "crisis", "opname", "ontslag", "nazorg", "afgesloten"]);
  assert.match(shown.list[1], /^Vangnet Regie: Meldpunt \/ GGD-vangnet$/);
  assert.match(shown.list[5], /^Ontslag Regie: Kliniek, FACT-team, Bemoeizorgteam of Wijkteam \(hangt af van de casus\) Overdracht „Ontslag naar het FACT-team”/);
  assert.ok(shown.handovers.includes("afsluiten"));
  assert.doesNotMatch(shown.svgText, /Pingpong/);
  // An edit shows at once: a phase renamed in the rules is renamed in the picture.
  await replaceLine(page, REGIE.findIndex((l) => l === "phase crisis") + 2, '  label nl "Crisisdienst ingeschakeld" en "Crisis service called in"');
  await waitValid(page);
  await page.waitForFunction(() => document.querySelector('#trajectory li[data-phase="crisis"]')?.textContent.startsWith("Crisisdienst ingeschakeld"));
  // Tall enough for the side column (it scrolls by itself) to show the whole panel.
  await page.setViewportSize({ width: 1400, height: 2400 });
  await page.locator("#trajectory-section").screenshot({ path: artifact("playground-trajectory.png") });
  await page.setViewportSize({ width: 1400, height: 1000 });
  assert.deepEqual(await axeViolations(page, { include: "#trajectory-section", tags: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }), []);
  // Rules whose two handovers can pass the lead back and forth: both marked, the analysis' words listed.
  await page.setInputFiles("#file", { name: "heen-en-terug.regels", mimeType: "text/plain", buffer: Buffer.from(PING_PONG) });
  await page.click("#confirm-start-replace"); // the text was edited: opening a file asks first
  await page.waitForFunction(() => document.querySelectorAll("#trajectory svg [data-phase]").length === 2);
  await page.waitForFunction(() => document.querySelector("#trajectory svg").textContent.includes("Pingpong"));
  shown = await trajectoryShown(page);
  assert.deepEqual(shown.phases, ["bemoeizorg", "nazorg"]);
  assert.deepEqual(shown.handovers, ["naar_ggz", "naar_verslavingszorg"]);
  assert.match(shown.list[1], /Pingpong: De regie kan heen en weer gaan tussen Verslavingszorg en GGZ-instelling/);
  // In English too.
  await page.click("#lang-toggle");
  await page.waitForFunction(() => document.querySelector("#trajectory svg").textContent.includes("Ping-pong"));
  assert.match((await trajectoryShown(page)).list[1], /^Aftercare Lead: Mental health care or Addiction care \(depends on the case\) Handover “To mental health care”/);
  // Rules without phases: a sentence, not an empty picture.
  await page.click(`[data-start="triage"]`);
  await waitValid(page);
  await page.waitForFunction(() => document.querySelector("#trajectory [part=trajectory-empty]"));
  assert.equal(await page.locator("#trajectory svg").count(), 0);
  assert.deepEqual(await axeViolations(page, { include: "#trajectory-section" }), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
});
