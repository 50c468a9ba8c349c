// Headless Chromium from the system (Debian's /usr/bin/chromium), driven by
// playwright-core: nothing is downloaded. Every test gets its own context
// (own storage, time zone, viewport) and fails on any uncaught page error or
// console error it did not expect.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { SESSION_STORAGE_KEY, THEME_STORAGE_KEY } from "./api.mjs";

export const WEB_URL = process.env.WEB_URL ?? "http://127.0.0.1:4321";
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? "e2e-artifacts";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 812 };

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page. `session` ({token, user}) signs the page in
 * before its first script runs; `theme` sets the stored theme; `allowConsole`
 * lists console errors the test provokes on purpose (a 404 it asks for, say).
 * Call `finish()` at the end: it closes the context and fails on any other
 * page or console error.
 */
export async function openPage(browser, { viewport = DESKTOP, timezoneId, session, theme, allowConsole = [] } = {}) {
  const context = await browser.newContext({ viewport, baseURL: WEB_URL, timezoneId });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (!allowConsole.some((pattern) => pattern.test(text))) problems.push(`console error: ${text}`);
  });
  await context.addInitScript(
    ({ sessionKey, themeKey, session, theme }) => {
      // Only on the first document: a later sign-out or renewal must stick.
      try {
        if (sessionStorage.getItem("e2e-seeded")) return;
        sessionStorage.setItem("e2e-seeded", "1");
      } catch {
        return; // about:blank has no storage
      }
      if (session) localStorage.setItem(sessionKey, JSON.stringify({ state: session, version: 0 }));
      if (theme) localStorage.setItem(themeKey, theme);
    },
    { sessionKey: SESSION_STORAGE_KEY, themeKey: THEME_STORAGE_KEY, session, theme },
  );
  const finish = async () => {
    await context.close();
    assert.deepEqual(problems, [], "the page logged errors");
  };
  return { context, page, finish, problems };
}

/** Waits until a client-side navigation's view transition has finished painting. */
export function viewTransitionDone(page) {
  return page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => !animation.effect?.pseudoElement?.startsWith("::view-transition") || animation.playState === "finished"),
  );
}

export async function screenshot(page, name) {
  await viewTransitionDone(page);
  // From the top: a page scrolled by the test would draw its sticky header halfway down.
  await page.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The element that has the keyboard focus, as a locator-friendly description. */
export function focusedName(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element ? element.getAttribute("aria-label") || element.textContent?.trim() || element.tagName : null;
  });
}

/** The toasts on screen (role alert or status inside the Notifications landmark, or in an open dialog). */
export function toasts(page) {
  return page.locator("[data-toast-list] > li");
}

/** The error toasts on screen (role alert). */
export function errorToasts(page) {
  return page.locator('[data-toast-list] > li:has(> [role="alert"])');
}

/** The token the page's session holds now (after a renewal or a new sign-in, a new one). */
export function currentToken(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null")?.state?.token ?? null, SESSION_STORAGE_KEY);
}
