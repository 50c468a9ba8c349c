// Headless Chromium from the system (Debian's /usr/bin/chromium), driven by
// playwright-core: nothing is downloaded.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

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

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A fresh browser profile (own localStorage) with a generous default timeout. */
export async function newPage(browser, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport, baseURL: WEB_URL });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // Surface the app's own errors next to a failing step.
  page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") console.error(`[browser console] ${message.text()}`);
  });
  return page;
}

/** Waits until a client-side navigation's view transition has finished painting. */
function viewTransitionDone(page) {
  return page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => !animation.effect?.pseudoElement?.startsWith("::view-transition") || animation.playState === "finished"),
  );
}

export async function screenshot(page, name) {
  await viewTransitionDone(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
