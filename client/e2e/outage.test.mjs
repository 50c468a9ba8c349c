// The API goes away and comes back: one toast, parts that say so with
// `Try again`, and recovery without a reload (the `online` event, and the
// periodic retry when the API simply answers again).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { API_URL, accountToday, createHabit, logDay, newAccount } from "./api.mjs";
import { RETRY_INTERVAL_MS } from "../src/lib/retry.ts";
import { launchBrowser, openPage, toasts } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const UNREACHABLE = [/ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|ERR_FAILED/];

test("an outage shows one toast and a Try again per part, and heals without a reload", async () => {
  const session = await newAccount();
  const habit = await createHabit(session, { title: "Cycle", frequency: "daily" });
  await logDay(session, habit.id, accountToday("UTC", 0));
  const { context, page, finish } = await openPage(browser, { session, allowConsole: UNREACHABLE });
  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("heading", { level: 1, name: "Cycle" }).waitFor();
  await page.evaluate(() => {
    window.__sameDocument = true; // gone after a reload
  });

  const cutOff = (route) => route.abort("connectionrefused");
  await context.route(`${API_URL}/**`, cutOff);
  // No part of the dashboard fails before this, so none retries on its timer before it + RETRY_INTERVAL_MS.
  const cutAt = Date.now();
  await page.getByRole("link", { name: "← All habits" }).click();
  await page.getByText("We could not load your habits.").waitFor();
  await page.getByText("We could not load your badges.").waitFor();
  assert.equal(await page.getByRole("button", { name: "Try again" }).count(), 2);
  await page.waitForTimeout(300);
  assert.equal(await toasts(page).count(), 1, "three failed requests, one toast");
  assert.match(await toasts(page).first().innerText(), /Could not load[\s\S]*cannot be reached/);

  // Back online: the parts load again at once, by themselves. The page has
  // seen itself offline before it goes online, so an `online` event is due.
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
  await context.unroute(`${API_URL}/**`, cutOff);
  await context.setOffline(false);
  await page.getByRole("article", { name: "Cycle" }).getByRole("button", { name: "Undo today" }).waitFor();
  await page.getByRole("region", { name: "Badges" }).getByRole("listitem").first().waitFor();
  // Back before any part's timer could have fired: the `online` event did it.
  assert.ok(Date.now() - cutAt < RETRY_INTERVAL_MS, "the online event brought them back, not the periodic retry");

  // The API goes away again; this time it simply answers again later.
  await context.route(`${API_URL}/**`, cutOff);
  await page.getByRole("article", { name: "Cycle" }).getByRole("link", { name: "Cycle" }).click();
  await page.getByText("We could not load this habit.").waitFor();
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByText("We could not load this habit.").waitFor();
  await context.unroute(`${API_URL}/**`, cutOff);
  // The periodic retry, RETRY_INTERVAL_MS after the last failure (room for a loaded machine).
  await page.getByRole("heading", { level: 1, name: "Cycle" }).waitFor({ timeout: 3 * RETRY_INTERVAL_MS });
  await page.getByRole("button", { name: /: done$/ }).first().waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no reload happened");
  await finish();
});

test("a toast shows above an open dialog, never behind its backdrop", async () => {
  const session = await newAccount();
  const { context, page, finish } = await openPage(browser, { session, allowConsole: UNREACHABLE });
  await page.goto("/dashboard");
  await page.getByRole("heading", { name: "No habits yet" }).waitFor();
  await page.getByRole("button", { name: "New habit" }).click();
  const dialog = page.getByRole("dialog", { name: "New habit" });
  await dialog.getByLabel("Title").fill("Offline habit");
  await context.route(`${API_URL}/**`, (route) => route.abort("connectionrefused"));
  await dialog.getByRole("button", { name: "Create" }).click();
  const toast = dialog.getByRole("alert").filter({ hasText: "Could not create the habit" });
  await toast.waitFor();
  // On top: the toast's own Dismiss button takes the click.
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await toast.waitFor({ state: "hidden" });
  await finish();
});
