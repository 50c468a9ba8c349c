// axe-core (its default rules) on every route, light and dark, at 1280 and
// 375 px: 0 violations (CONTRACT §3). Signed in with the browser in another
// zone than the account, so the time zone notice is checked too.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accountToday, addDays, archiveHabit, createHabit, logDay, newAccount, signInByApi } from "./api.mjs";
import { violations } from "./axe.mjs";
import { DESKTOP, launchBrowser, openPage, PHONE } from "./browser.mjs";

let browser;
let account;
let habit;
before(async () => {
  browser = await launchBrowser();
  const session = await newAccount({ timezone: "UTC" });
  account = { email: session.user.email, password: "a-long-password" };
  habit = await createHabit(session, { title: "Practise guitar", frequency: "weekly", target: 3 });
  const today = accountToday("UTC", 0);
  for (const days of [1, 2, 4, 9]) await logDay(session, habit.id, addDays(today, -days));
  await logDay(session, habit.id, addDays(today, -3), { status: "skipped", note: "Sore fingers" });
  // A card skipped today, and a habit in the archive.
  const resting = await createHabit(session, { title: "Stretch", frequency: "daily" });
  await logDay(session, resting.id, today, { status: "skipped" });
  await archiveHabit(session, (await createHabit(session, { title: "Old piano lessons", frequency: "daily" })).id);
});
after(async () => {
  await browser?.close();
});

/** Each route with what shows that it has finished loading. */
const SIGNED_IN = [
  { path: "/dashboard", ready: (page) => page.getByRole("article", { name: "Practise guitar" }).waitFor() },
  {
    path: () => `/habit/${habit.id}`,
    ready: async (page) => {
      await page.getByRole("img", { name: /Done on/ }).waitFor();
      await page.getByRole("img", { name: /Strength over the last/ }).waitFor();
      await page.getByText("Log or skip this day to give it a note.").waitFor();
    },
  },
  {
    path: "/settings",
    ready: async (page) => {
      await page.getByRole("button", { name: "Delete my account" }).waitFor();
      await page.getByText("No tokens yet.").waitFor();
    },
  },
  { path: "/leaderboard", ready: (page) => page.getByRole("heading", { name: "Leaderboard" }).waitFor() },
  { path: "/no-such-page", ready: (page) => page.getByRole("heading", { name: "Page not found" }).waitFor() },
  { path: "/habit/00000000-0000-4000-8000-000000000000", ready: (page) => page.getByRole("heading", { name: "Habit not found" }).waitFor() },
];
const SIGNED_OUT = [
  { path: "/", ready: (page) => page.getByLabel("Email").waitFor() },
  { path: "/login", ready: (page) => page.getByLabel("Email").waitFor() },
  { path: "/leaderboard", ready: (page) => page.getByRole("heading", { name: "Leaderboard" }).waitFor() },
];

for (const viewport of [DESKTOP, PHONE]) {
  for (const theme of ["light", "dark"]) {
    const label = `${viewport.width} px, ${theme}`;

    test(`axe: every signed-in route, ${label}`, async () => {
      const session = await signInByApi(account);
      const { page, finish } = await openPage(browser, {
        session,
        theme,
        viewport,
        timezoneId: "Asia/Tokyo",
        allowConsole: [/status of 404/],
      });
      const found = [];
      for (const route of SIGNED_IN) {
        const path = typeof route.path === "function" ? route.path() : route.path;
        await page.goto(path);
        await route.ready(page);
        await page.getByText(/Your days are counted in UTC/).waitFor();
        found.push(...(await violations(page)).map((line) => `${path}: ${line}`));
      }
      // The dashboard's dialogs open, with their forms, and the archived habits shown.
      await page.goto("/dashboard");
      await page.getByRole("button", { name: "New habit" }).click();
      await page.getByRole("dialog", { name: "New habit" }).getByLabel("Title").waitFor();
      found.push(...(await violations(page)).map((line) => `/dashboard (New habit): ${line}`));
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Pause habits" }).click();
      await page.getByRole("dialog", { name: "Pause habits" }).getByLabel("From").waitFor();
      found.push(...(await violations(page)).map((line) => `/dashboard (Pause habits): ${line}`));
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Archived habits" }).click();
      await page.getByRole("button", { name: "Unarchive" }).waitFor();
      found.push(...(await violations(page)).map((line) => `/dashboard (Archived habits): ${line}`));
      assert.deepEqual(found, []);
      await finish();
    });

    test(`axe: the signed-out routes, ${label}`, async () => {
      const { page, finish } = await openPage(browser, { theme, viewport });
      const found = [];
      for (const route of SIGNED_OUT) {
        await page.goto(route.path);
        await route.ready(page);
        found.push(...(await violations(page)).map((line) => `${route.path}: ${line}`));
      }
      assert.deepEqual(found, []);
      await finish();
    });
  }
}
