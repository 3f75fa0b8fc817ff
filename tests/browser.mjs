// Launches the system Chromium (Debian's, installed by scripts/setup.sh) through playwright-core.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** The browser; `args` are added to its command line (e.g. `--js-flags=--expose-gc`). */
export async function launch({ args = [] } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/setup.sh (make setup)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium floods the closed network (shared/toolchain.md).
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", ...args],
  });
}

/** A page that records console errors and every request that leaves the test server. */
export async function watchedPage(browser, origin) {
  // A context per page (axe needs one), so that tests do not share state.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith(origin)) foreign.push(r.url()); });
  return { page, errors, foreign };
}
