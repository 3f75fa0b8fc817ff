// The <regie-wijzer> widget on the demo portal (www/demo/), in a real browser, through the hooks of
// docs/widget.md: realistic cases filled in by keyboard only, provisional marking, override with a
// mandatory reason, the host form's submit, reset and restore, accessibility (axe, nl and en), no request
// after load, no CSP violation, HTML in a rules file shown as text, and screenshots for a person to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { artifact, axe, axeViolations, browserSuite, violations } from "./browser.mjs";
import { answerByKeyboard, tabTo, typeInto } from "./keyboard.mjs";

const WIDGET = "regie-wijzer";
const HASH = /^sha256:[0-9a-f]{64}$/;

const web = browserSuite();

/**
 * Opens a page with everything the checks need: console errors, requests to other origins, every request,
 * CSP violations (the `securitypolicyviolation` event and console messages about the policy) and dialogs.
 */
async function open(path) {
  const { page, errors, foreign } = await web.page();
  const requests = [];
  const cspConsole = [];
  const dialogs = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspConsole.push(m.text()); });
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(`${web.origin}${path}`);
  await page.locator(`${WIDGET} [part=checklist]`).waitFor();
  const csp = async () => [...(await page.evaluate(() => window.__csp)), ...cspConsole];
  return { page, errors, foreign, requests, dialogs, csp };
}

const outcome = (page, id) => page.locator(`${WIDGET} [part=outcome][data-outcome="${id}"]`);

/** Status, values and provisional flag of an outcome as the widget shows it. */
async function shown(page, id) {
  const o = outcome(page, id);
  return {
    status: await o.getAttribute("data-status"),
    values: await o.locator("[part=outcome-value]").getAttribute("data-values"),
    provisional: (await o.getAttribute("data-provisional")) !== null,
  };
}

/** Waits until the outcome shows `values` (the widget updates on input), then returns what it shows. */
async function waitFor(page, id, values) {
  await page.waitForFunction(([sel, v]) => {
    const host = document.querySelector("regie-wijzer");
    return host?.shadowRoot?.querySelector(sel)?.querySelector("[part=outcome-value]")?.dataset.values === v;
  }, [`[part=outcome][data-outcome="${id}"]`, values], { timeout: 5000 }).catch(() => {});
  return shown(page, id);
}

const value = (page) => page.evaluate(() => document.querySelector("regie-wijzer").value);

// Cases from rulesets/triage.tests.regels, answered in the order a professional meets the questions.
const CASES = [
  {
    name: "acuut gevaar: crisisdienst binnen het uur",
    answers: [["melder", "naaste"], ["acuut_gevaar", true]],
    expect: { route: "crisisdienst_112", urgentie: "binnen_1_uur", regiehouder: "crisisdienst" },
  },
  {
    name: "huiselijk geweld: Veilig Thuis",
    answers: [["melder", "naaste"], ["acuut_gevaar", false], ["huiselijk_geweld", true]],
    expect: { route: "veilig_thuis", urgentie: "binnen_24_uur", regiehouder: "veilig_thuis" },
  },
  {
    name: "Wvggz: vermoede stoornis, ernstig nadeel, hulp geweigerd",
    answers: [["melder", "huisarts"], ["acuut_gevaar", false], ["huiselijk_geweld", false],
      ["vermoeden_psychische_stoornis", true], ["ernstig_nadeel", true], ["hulp_geweigerd", true]],
    expect: { route: "wvggz_melding_gemeente", urgentie: "binnen_24_uur", regiehouder: "gemeente" },
  },
  {
    name: "dakloos en zorgmijdend: bemoeizorg",
    answers: [["melder", "buurt"], ["acuut_gevaar", false], ["huiselijk_geweld", false],
      ["woonsituatie", "dakloos"], ["hulp_geweigerd", true]],
    expect: { route: "bemoeizorg", urgentie: "binnen_5_werkdagen", regiehouder: "bemoeizorgteam" },
  },
  {
    name: "in zorg en in contact: terug naar de zorgaanbieder",
    answers: [["melder", "politie"], ["acuut_gevaar", false], ["huiselijk_geweld", false],
      ["bekend_bij_zorg", true], ["zorgaanbieder_in_contact", true]],
    expect: { route: "terug_naar_zorgaanbieder", urgentie: "regulier", regiehouder: "eigen_zorgaanbieder" },
  },
  {
    name: "jongeren op straat: jongerenwerk",
    answers: [["melder", "buurt"], ["acuut_gevaar", false], ["huiselijk_geweld", false], ["leeftijd", 16],
      ["jongerengroep", true]],
    expect: { route: "jongerenwerk_outreach", urgentie: "regulier", regiehouder: "jongerenwerk" },
  },
];

for (const c of CASES) {
  test(`keyboard only: ${c.name}`, async () => {
    const { page, errors, foreign } = await open("/www/demo/");
    await answerByKeyboard(page, c.answers);
    for (const [id, want] of Object.entries(c.expect)) {
      const got = await waitFor(page, id, want);
      assert.equal(got.values, want, `${id}: ${JSON.stringify(got)}`);
      assert.equal(got.status, "decided", id);
    }
    // The answers typed and chosen by keyboard are the widget's answers.
    const answers = await page.evaluate(() => document.querySelector("regie-wijzer").answers);
    assert.deepEqual(answers, Object.fromEntries(c.answers));
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await page.context().close();
  });
}

test("the provisional marking stays while a deciding fact is open and disappears once it is answered", async () => {
  const { page } = await open("/www/demo/");
  // Nothing answered: provisional and undecided.
  assert.deepEqual(await shown(page, "route"), { status: "undecided", values: "", provisional: true });
  assert.equal(await outcome(page, "route").locator("[part=badge]").count(), 1);
  // "tweede melding: nog geen draaideur" without the number of earlier reports: vangnet, but a third report
  // in a year would make it bemoeizorg, so it is provisional and that question matters next.
  await answerByKeyboard(page, [["melder", "buurt"], ["acuut_gevaar", false], ["huiselijk_geweld", false],
    ["leeftijd", 45], ["ongedocumenteerd", false], ["woonsituatie", "eigen_woning"],
    ["vermoeden_psychische_stoornis", false], ["dementie_of_lvb", false], ["hulp_geweigerd", false],
    ["verslaving", false], ["schulden", false], ["overlast", true], ["meerdere_ketens", false],
    ["impact_omgeving", false], ["bekend_bij_zorg", false]]);
  assert.deepEqual(await waitFor(page, "route", "vangnet"), { status: "decided", values: "vangnet", provisional: true });
  assert.notEqual(await page.locator(`${WIDGET} [part=question][data-fact=eerdere_meldingen]`).getAttribute("data-matters"), null);
  await answerByKeyboard(page, [["eerdere_meldingen", 1]]);
  await page.waitForFunction(() => !document.querySelector("regie-wijzer").shadowRoot
    .querySelector("[part=outcome][data-outcome=route]").hasAttribute("data-provisional"), null, { timeout: 5000 }).catch(() => {});
  assert.deepEqual(await shown(page, "route"), { status: "decided", values: "vangnet", provisional: false });
  assert.deepEqual(await shown(page, "urgentie"), { status: "decided", values: "regulier", provisional: false });
  assert.deepEqual(await shown(page, "regiehouder"), { status: "decided", values: "meldpunt_vangnet", provisional: false });
  assert.equal(await outcome(page, "route").locator("[part=badge]").count(), 0);
  await page.context().close();
});

test("overriding the advice requires a reason, and the override with its reason becomes the value", async () => {
  const { page, errors } = await open("/www/demo/");
  await answerByKeyboard(page, [["acuut_gevaar", false], ["huiselijk_geweld", false], ["woonsituatie", "dakloos"],
    ["hulp_geweigerd", true]]);
  await waitFor(page, "route", "bemoeizorg");
  await page.locator(`${WIDGET} [data-action=override][data-outcome=route]`).click();
  await page.locator(`${WIDGET} [data-field=override-value]`).selectOption("vangnet");
  const reason = page.locator(`${WIDGET} textarea[data-field=override-reason]`);
  assert.equal(await reason.inputValue(), "");
  await page.locator(`${WIDGET} [data-action=save-override]`).click();
  const error = page.locator(`${WIDGET} [part=decision-error]`);
  await error.waitFor({ state: "visible", timeout: 5000 });
  assert.equal(await error.getAttribute("role"), "alert");
  assert.notEqual((await error.textContent()).trim(), "");
  assert.deepEqual((await value(page)).decisions, {}, "an override without a reason is not recorded");
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").validity.valueMissing), true);

  await page.locator(`${WIDGET} [data-field=override-code]`).selectOption("al_bekend");
  await reason.fill("Bekend bij het wijkteam, dat vandaag op huisbezoek gaat.");
  await page.locator(`${WIDGET} [data-action=save-override]`).click();
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decisions?.route, null, { timeout: 5000 });
  await page.locator(`${WIDGET} [data-action=confirm]`).click();
  const v = await value(page);
  const { at, decidedAt, ...route } = v.decisions.route;
  assert.equal(decidedAt, at, "the time of the decision, also under its old name");
  assert.deepEqual(route, {
    advice: ["bemoeizorg"], decision: "override", values: ["vangnet"],
    reason: { code: "al_bekend", text: "Bekend bij het wijkteam, dat vandaag op huisbezoek gaat." },
  });
  assert.equal(v.outcomes.route.values[0], "bemoeizorg", "the advice itself stays in the value");
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").validity.valid), true);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("submitting the host form posts the widget's value (JSON with ruleset hash and answers), only after a decision", async () => {
  const { page, errors, foreign, requests } = await open("/www/demo/");
  const loaded = requests.length;
  await typeInto(page, "#melder-naam", "J. de Vries");
  await typeInto(page, "#melder-telefoon", "030 123 45 67");
  await answerByKeyboard(page, [["melder", "naaste"], ["acuut_gevaar", false], ["huiselijk_geweld", true]]);
  await waitFor(page, "route", "veilig_thuis");

  // Required: without a decision the form does not submit.
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#posted").isHidden(), true, "no submit before the advice is confirmed");
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").validity.valueMissing), true);

  await tabTo(page, "[data-action=confirm]");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("regie-wijzer").value?.decided, null, { timeout: 5000 });
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  await page.locator("#posted").waitFor({ state: "visible", timeout: 5000 });

  const body = new URLSearchParams(await page.locator("#posted").getAttribute("data-body"));
  assert.equal(body.get("melder_naam"), "J. de Vries");
  assert.equal(body.get("melder_telefoon"), "030 123 45 67");
  const posted = JSON.parse(body.get("triage"));
  assert.equal(posted.ruleset.id, "triage");
  assert.match(posted.ruleset.hash, HASH);
  assert.deepEqual(posted.answers, { melder: "naaste", acuut_gevaar: false, huiselijk_geweld: true });
  assert.deepEqual(posted.outcomes.route.values, ["veilig_thuis"]);
  assert.equal(posted.decided, true);
  assert.equal(posted.decisions.route.decision, "confirmed");
  assert.match(posted.today, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(posted.lang, "nl");
  assert.equal(posted.format, 1, "the version of the value's shape");
  assert.match(posted.decisions.route.decidedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  // What the page shows is the same as what it would post.
  assert.match(await page.locator("#posted").textContent(), /^triage = \{"format":1,"ruleset":/m);
  // Nothing was requested after the page and its files loaded: not by answering, confirming or submitting.
  assert.deepEqual(requests.slice(loaded), []);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a form reset clears the widget", async () => {
  const { page, errors } = await open("/www/demo/");
  await answerByKeyboard(page, [["acuut_gevaar", true]]);
  await waitFor(page, "route", "crisisdienst_112");
  await page.locator(`${WIDGET} [data-action=confirm]`).click();
  await tabTo(page, "button[type=reset]");
  await page.keyboard.press("Enter");
  await waitFor(page, "route", "");
  assert.deepEqual(await shown(page, "route"), { status: "undecided", values: "", provisional: true });
  const v = await value(page);
  assert.deepEqual(v.answers, {});
  assert.deepEqual(v.decisions, {});
  assert.equal(await page.locator(`${WIDGET} [data-fact=acuut_gevaar] input:checked`).count(), 0);
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").validity.valueMissing), true);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Answers, confirms, leaves the page and comes back with the browser's Back. */
async function leaveAndComeBack() {
  const opened = await open("/www/demo/");
  const { page } = opened;
  await typeInto(page, "#melder-naam", "Buurvrouw");
  await answerByKeyboard(page, [["acuut_gevaar", false], ["huiselijk_geweld", true]]);
  await waitFor(page, "route", "veilig_thuis");
  await page.locator(`${WIDGET} [data-action=confirm]`).click();
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.goto(`${web.origin}/www/demo/en/`);
  await page.locator(`${WIDGET} [part=checklist]`).waitFor();
  await page.goBack();
  await page.locator(`${WIDGET} [part=checklist]`).waitFor();
  await waitFor(page, "route", "veilig_thuis");
  return opened;
}

test("going back to the page restores the answers through the browser's form restore", async () => {
  const { page, errors } = await leaveAndComeBack();
  // A new document (not the back/forward cache), so this is formStateRestoreCallback at work.
  assert.equal(await page.evaluate(() => window.__sameDocument), undefined);
  assert.equal(await page.inputValue("#melder-naam"), "Buurvrouw");
  const v = await value(page);
  assert.deepEqual(v.answers, { acuut_gevaar: false, huiselijk_geweld: true });
  assert.deepEqual(await shown(page, "route"), { status: "decided", values: "veilig_thuis", provisional: false });
  assert.equal(await page.locator(`${WIDGET} [data-fact=huiselijk_geweld] input[value=true]`).isChecked(), true);
  assert.deepEqual(errors, []);
  await page.context().close();
});

// docs/widget.md: formStateRestoreCallback restores answers AND decision.
test("going back also restores the confirmation (docs/widget.md: restores answers and decision)", async () => {
  const { page } = await leaveAndComeBack();
  const v = await value(page);
  assert.equal(v.decided, true);
  assert.equal(v.decisions.route.decision, "confirmed");
  assert.equal(await page.evaluate(() => document.querySelector("regie-wijzer").validity.valid), true);
  await page.context().close();
});

test("the answers property round-trips: set answers from the host, read them back, outcome follows", async () => {
  const { page } = await open("/www/demo/");
  await page.evaluate(() => {
    document.querySelector("regie-wijzer").answers = { acuut_gevaar: false, huiselijk_geweld: false, bekend_bij_zorg: true, zorgaanbieder_in_contact: false };
  });
  assert.deepEqual((await waitFor(page, "route", "bemoeizorg")).values, "bemoeizorg");
  assert.deepEqual(await page.evaluate(() => document.querySelector("regie-wijzer").answers),
    { acuut_gevaar: false, huiselijk_geweld: false, bekend_bij_zorg: true, zorgaanbieder_in_contact: false });
  assert.equal(await page.locator(`${WIDGET} [data-fact=zorgaanbieder_in_contact] input[value=false]`).isChecked(), true);
  await page.context().close();
});

for (const [lang, path] of [["nl", "/www/demo/"], ["en", "/www/demo/en/"]]) {
  test(`axe (WCAG 2.1 A/AA) finds no violations on the ${lang} demo page, fresh and with a decided case`, async () => {
    const { page } = await open(path);
    assert.deepEqual(await axeViolations(page), []);
    await answerByKeyboard(page, [["acuut_gevaar", true], ["wapen_of_dreiging", true]]);
    await waitFor(page, "route", "crisisdienst_112");
    for (const d of await page.locator(`${WIDGET} details[part=reasons] > summary`).all()) await d.click();
    await page.locator(`${WIDGET} [data-action=override][data-outcome=urgentie]`).click();
    const decided = await axe(page);
    assert.deepEqual(violations(decided), []);
    // The widget really was inside what axe checked (it pierces open shadow roots).
    // (axe names an element in a shadow root by a list of selectors: host first, then inside.)
    assert.ok(decided.passes.some((r) => r.nodes.some((n) => Array.isArray(n.target[0]) && n.target[0][0] === WIDGET)),
      "axe looked inside the shadow root");
    await page.context().close();
  });

  test(`the ${lang} demo page runs under its strict CSP, asks nothing after load and logs no error; screenshot`, async () => {
    const { page, errors, foreign, requests, csp } = await open(path);
    await page.evaluate(() => document.querySelector("regie-wijzer").ready);
    const loaded = requests.length;
    // Everything the page loaded came from its own origin.
    assert.deepEqual(requests.filter((u) => !u.startsWith(web.origin)), []);
    await answerByKeyboard(page, [["melder", "huisarts"], ["acuut_gevaar", false], ["huiselijk_geweld", false],
      ["vermoeden_psychische_stoornis", true], ["ernstig_nadeel", true], ["hulp_geweigerd", true]]);
    await waitFor(page, "route", "wvggz_melding_gemeente");
    // Open "Waarom?" for the route by keyboard.
    await tabTo(page, "details[part=reasons][data-outcome=route] > summary");
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(`${WIDGET} details[part=reasons][data-outcome=route]`).getAttribute("open"), "");
    const reasons = await page.locator(`${WIDGET} details[part=reasons][data-outcome=route]`).textContent();
    assert.match(reasons, lang === "nl" ? /Wvggz/ : /Wvggz/);
    // The reasons in plain words, made by the core: the question and its answer, no ids, operators,
    // code words or line numbers.
    assert.match(reasons, lang === "nl" ? /Weigert de persoon vrijwillige hulp, of mijdt de persoon zorg\? Ja\./
      : /\? Yes\./);
    for (const leak of [/\w_\w/, /[=<>\[\]]/, /\b(yes|true|false|regelnummer|line \d|rij \d|row \d)\b/, /Nog nodig \(|Still needed \(/]) {
      assert.doesNotMatch(reasons, leak);
    }
    const summary = await page.locator(`${WIDGET} details[part=reasons][data-outcome=route] > summary`).textContent();
    assert.match(summary, lang === "nl" ? /Waarom\?/ : /Why\?/);
    await page.locator(`${WIDGET} [data-action=copy]`).click();
    // From the top: the theme's skip link is position: fixed above the viewport, which a full-page
    // screenshot of a scrolled page would otherwise show in the middle of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifact(`demo-${lang}.png`), fullPage: true });
    assert.deepEqual(requests.slice(loaded), [], "no request after load");
    assert.deepEqual(foreign, []);
    assert.deepEqual(await csp(), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

for (const [lang, path, badge, note] of [
  ["nl", "/www/demo/", "voorlopig", /geen officiële richtlijn/],
  ["en", "/www/demo/en/", "provisional", /not official guidance/],
]) {
  test(`the ${lang} page's widget follows the contract: language from the page, note, ruleset, events, "wat nu telt"`, async () => {
    const { page, errors } = await open(path);
    await page.evaluate(() => {
      window.__events = [];
      for (const name of ["regiewijzer-change", "regiewijzer-confirm", "regiewijzer-error"]) {
        document.addEventListener(name, (e) => window.__events.push({ name, bubbles: e.bubbles, composed: e.composed, detail: e.detail }));
      }
    });
    assert.equal((await outcome(page, "route").locator("[part=badge]").textContent()).trim(), badge);
    assert.match(await page.locator(`${WIDGET} [part=note]`).textContent(), note);
    const host = await page.evaluate(() => {
      const el = document.querySelector("regie-wijzer");
      return { ruleset: el.ruleset, hash: el.shadowRoot.querySelector("[part=ruleset]").dataset.hash, form: el.form?.id };
    });
    assert.equal(host.ruleset.id, "triage");
    assert.match(host.ruleset.hash, HASH);
    assert.equal(host.hash, host.ruleset.hash);
    assert.equal(host.form, "melding", "form-associated: the element belongs to the host form");
    // "Wat nu telt" buttons move focus to their question (Enter on the first one).
    const first = page.locator(`${WIDGET} [part=matters-next] button`).first();
    const target = await first.getAttribute("data-target");
    await tabTo(page, "[part=matters-next] button");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.closest("[part=question]")?.dataset.fact;
    }), target);
    await answerByKeyboard(page, [["acuut_gevaar", true]]);
    await waitFor(page, "route", "crisisdienst_112");
    await tabTo(page, "[data-action=confirm]");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__events.some((e) => e.name === "regiewijzer-confirm"), null, { timeout: 5000 }).catch(() => {});
    const events = await page.evaluate(() => window.__events);
    assert.ok(events.some((e) => e.name === "regiewijzer-change"), "a change event after answering");
    const confirm = events.find((e) => e.name === "regiewijzer-confirm");
    assert.ok(confirm, "a confirm event after confirming");
    for (const e of events) assert.deepEqual([e.name, e.bubbles, e.composed], [e.name, true, true]);
    assert.equal(confirm.detail.decisions.route.decision, "confirmed");
    assert.equal(confirm.detail.lang, lang);
    assert.deepEqual(confirm.detail, await value(page));
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test("a rules file with HTML in its texts shows it as text and runs nothing", async () => {
  const { page, errors, requests, dialogs, csp } = await open("/tests/fixtures/xss.html");
  const legend = page.locator(`${WIDGET} [part=question][data-fact=gevaar] legend`);
  assert.equal((await legend.textContent()).trim(), "Vraag <img src=x onerror=alert(1)>");
  assert.equal(await legend.isVisible(), true);
  await answerByKeyboard(page, [["gevaar", true]]);
  await waitFor(page, "route", "a");
  const route = outcome(page, "route");
  assert.match(await route.locator("[part=outcome-value]").textContent(), /Waarde <img src=x onerror=alert\(1\)>/);
  await route.locator("details[part=reasons] > summary").click();
  assert.match(await route.locator("details[part=reasons]").textContent(), /Omdat <img src=x onerror=alert\(1\)>/);
  // No element was made from the texts, no request for "x", no dialog.
  const made = await page.evaluate(() => {
    const root = document.querySelector("regie-wijzer").shadowRoot;
    return root.querySelectorAll("img, script, iframe, b, a[href^=javascript]").length;
  });
  assert.equal(made, 0);
  await page.waitForTimeout(200);
  assert.deepEqual(requests.filter((u) => /\/x$/.test(u)), []);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(await csp(), []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: artifact("xss.png"), fullPage: true });
  await page.context().close();
});
