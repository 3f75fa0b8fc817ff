// Keyboard-only helpers for the widget tests: move focus with Tab / Shift+Tab until it reaches a control
// (inside the widget's open shadow root too), then answer with Space, arrow keys or typing, as a professional
// without a mouse would. No clicks, no element.focus(), no value setting from script.

/** Whether the deepest focused element (through open shadow roots) matches `selector`. */
async function focusMatches(page, selector) {
  return page.evaluate((sel) => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return Boolean(a && a !== document.body && a.matches(sel));
  }, selector);
}

/** The deepest focused element's value, checked state and, for a select, its option values. */
async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return {
      tag: a?.localName,
      value: a?.value,
      checked: a?.checked,
      options: a?.localName === "select" ? [...a.options].map((o) => o.value) : null,
    };
  });
}

/**
 * Presses Tab until the focused element matches `selector` (a CSS selector that is tested on the deepest
 * focused element, so it may describe elements inside the widget's shadow root); when Tab does not get
 * there, Shift+Tab is tried. Fails after `max` presses each way.
 */
export async function tabTo(page, selector, { max = 150 } = {}) {
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i <= max; i++) {
      if (await focusMatches(page, selector)) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`keyboard focus never reached ${selector}`);
}

/** A question of the widget, by fact id (the contract's DOM hook). */
export const question = (fact) => `[part=question][data-fact="${fact}"]`;

/**
 * Answers a yes/no or scale question: Tab into its radio group, then arrow keys to the wanted value
 * (arrows also check the radio), or Space when focus already sits on the wanted, unchecked radio.
 */
export async function chooseRadio(page, fact, value) {
  await tabTo(page, `${question(fact)} input[type=radio]`);
  const want = String(value);
  for (let i = 0; i < 12; i++) {
    const f = await focused(page);
    if (f.value === want) {
      if (!f.checked) await page.keyboard.press("Space");
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`radio ${want} not reached by arrow keys in ${fact}`);
}

/** Chooses an option of a focused-by-Tab `<select>` with the arrow keys (no popup, no mouse). */
export async function chooseOption(page, selector, value) {
  await tabTo(page, selector);
  for (let i = 0; i < 40; i++) {
    const f = await focused(page);
    if (f.value === value) return;
    const from = f.options.indexOf(f.value);
    const to = f.options.indexOf(value);
    if (to < 0) throw new Error(`no option ${value} in ${selector}`);
    await page.keyboard.press(to > from ? "ArrowDown" : "ArrowUp");
  }
  throw new Error(`option ${value} not reached in ${selector}`);
}

/** Tabs to a text or number field, selects what is there and types `text`. */
export async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(String(text));
}

/**
 * Answers widget questions in the given order, by keyboard: booleans and scales with radios, choices with
 * the select, numbers by typing. `answers` is a list of [fact, value] pairs (order matters: follow-up
 * questions appear only after the answer that asks for them).
 */
export async function answerByKeyboard(page, answers) {
  for (const [fact, value] of answers) {
    const type = await page.locator(`regie-wijzer ${question(fact)}`).getAttribute("data-type");
    if (type === "bool" || type === "scale") await chooseRadio(page, fact, value);
    else if (type === "choice") await chooseOption(page, `${question(fact)} select`, value);
    else if (type === "int" || type === "date") await typeInto(page, `${question(fact)} input`, value);
    else throw new Error(`no keyboard recipe for ${fact} (${type})`);
  }
  // Leave the last field so that a change event fires for typed values too.
  await page.keyboard.press("Tab");
}
