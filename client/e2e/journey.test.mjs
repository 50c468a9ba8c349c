// The user journey of issue 3, end to end: built client, real API, PostgreSQL
// with the seeded demo data. Started by scripts/test-e2e.sh.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser, newPage, screenshot } from "./browser.mjs";

const DEMO = { email: "demo@example.com", password: "Demo123!" };
const SEEDED_HABITS = ["Read 20 pages", "Run 5 km"];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const habitCard = (page, title) => page.getByRole("article", { name: title });
const isDark = (page) => page.evaluate(() => document.documentElement.classList.contains("dark"));

async function signIn(page, { email, password }) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Your habits" }).waitFor();
}

/** The number in a card's "Current streak" entry. */
async function currentStreak(card) {
  const text = await card.getByRole("definition").first().innerText();
  return Number(/\d+/.exec(text)?.[0]);
}

describe("the demo user", { concurrency: false }, () => {
  let page;
  before(async () => {
    page = await newPage(browser);
  });

  test("is sent to the sign-in page and signs in", async () => {
    await page.goto("/");
    await page.waitForURL("**/login");
    await screenshot(page, "login-light");
    await signIn(page, DEMO);
    assert.match(page.url(), /\/dashboard$/);
  });

  test("sees the seeded habits with their streaks", async () => {
    for (const title of SEEDED_HABITS) {
      const card = habitCard(page, title);
      await card.waitFor();
      assert.match(await card.innerText(), /current streak\s+\d+ (days?|weeks?)/i);
    }
    assert.ok((await currentStreak(habitCard(page, "Read 20 pages"))) >= 1, "the daily habit has a live streak");
    await screenshot(page, "dashboard-light");
  });

  test("logs today, then undoes it, with the streak following the server", async () => {
    const card = habitCard(page, "Read 20 pages");
    const streakBefore = await currentStreak(card);

    await card.getByRole("button", { name: "Log today" }).click();
    await card.getByRole("button", { name: "Undo today" }).waitFor();
    await card.getByRole("button", { name: "Undo today" }).and(page.locator(":enabled")).waitFor();
    assert.equal(await currentStreak(card), streakBefore + 1);

    await card.getByRole("button", { name: "Undo today" }).click();
    await card.getByRole("button", { name: "Log today" }).and(page.locator(":enabled")).waitFor();
    assert.equal(await currentStreak(card), streakBefore);
  });

  test("opens a habit and sees its chart, then the month", async () => {
    await habitCard(page, "Run 5 km").getByRole("link", { name: "Run 5 km" }).click();
    await page.waitForURL(/\/habit\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "Run 5 km" }).waitFor();
    await page.getByText("Current streak").waitFor();
    await page.getByRole("img", { name: /of the last 7 days/ }).locator(".recharts-surface").waitFor();

    await page.getByRole("button", { name: "Month" }).click();
    await page.getByRole("img", { name: /of the last 30 days/ }).locator(".recharts-surface").waitFor();
    assert.equal(await page.getByRole("button", { name: "Month" }).getAttribute("aria-pressed"), "true");
    await screenshot(page, "habit-light");
  });

  test("reloads the habit deep link", async () => {
    const habitUrl = page.url();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Run 5 km" }).waitFor();
    assert.equal(page.url(), habitUrl);
  });

  test("toggles dark mode, which survives a reload", async () => {
    assert.equal(await isDark(page), false);
    await page.getByRole("button", { name: "Toggle dark mode" }).click();
    assert.equal(await isDark(page), true);

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Run 5 km" }).waitFor();
    assert.equal(await isDark(page), true);
    await page.getByRole("img", { name: /of the last 7 days/ }).locator(".recharts-surface").waitFor();
    await screenshot(page, "habit-dark");

    await page.getByRole("link", { name: "Dashboard" }).click();
    await habitCard(page, "Read 20 pages").waitFor();
    assert.equal(await isDark(page), true, "dark mode stays on across client-side navigation");
    await screenshot(page, "dashboard-dark");
  });

  test("signs out and can no longer see the dashboard", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await page.getByLabel("Email").waitFor();

    await page.goto("/dashboard");
    await page.waitForURL("**/login");
  });
});

describe("a new user", { concurrency: false }, () => {
  let page;
  before(async () => {
    // A phone-sized screen: the layout has to work at 375 px.
    page = await newPage(browser, { width: 375, height: 812 });
  });

  test("creates an account and sees how to start", async () => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("E2E Runner");
    await page.getByLabel("Email").fill(`e2e-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("a-long-password");
    await page.getByRole("button", { name: "Create account" }).click();

    await page.getByRole("heading", { name: "No habits yet" }).waitFor();
    await screenshot(page, "new-user-empty-mobile");
  });

  test("closes the new-habit dialog with Escape", async () => {
    await page.getByRole("button", { name: "New habit" }).click();
    const dialog = page.getByRole("dialog", { name: "New habit" });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel("Title").evaluate((input) => input === document.activeElement), true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  test("sees the server's validation message for a blank title", async () => {
    await page.getByRole("button", { name: "New habit" }).click();
    const dialog = page.getByRole("dialog", { name: "New habit" });
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.locator('input[aria-invalid="true"]').waitFor();
    assert.equal(await dialog.getByLabel("Title").getAttribute("aria-invalid"), "true");
    await page.getByRole("alert").first().waitFor();
    await screenshot(page, "new-habit-dialog-mobile");
  });

  test("creates a weekly habit in the dialog and logs it", async () => {
    const dialog = page.getByRole("dialog", { name: "New habit" });
    await dialog.getByLabel("Title").fill("Swim");
    await dialog.getByLabel("Frequency").selectOption("weekly");
    await dialog.getByLabel("Target").fill("2");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "hidden" });

    const card = habitCard(page, "Swim");
    await card.getByText("0 of 2 this week").waitFor();
    await card.getByRole("button", { name: "Log today" }).click();
    await card.getByRole("button", { name: "Undo today" }).and(page.locator(":enabled")).waitFor();
    await card.getByText("1 of 2 this week").waitFor();
    // The first log ever earns a badge, and the dashboard picks it up.
    await page.getByRole("region", { name: "Badges" }).getByRole("listitem").first().waitFor();
    await screenshot(page, "new-user-habit-mobile");
  });

  test("the page fits a 375 px screen", async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  });

  test("sees a friendly page for an unknown habit", async () => {
    await page.goto("/habit/00000000-0000-4000-8000-000000000000");
    await page.getByRole("heading", { name: "Habit not found" }).waitFor();
  });

  test("is sent back to sign in when the token is no longer valid", async () => {
    await page.evaluate(() => {
      const saved = JSON.parse(localStorage.getItem("fht-session"));
      saved.state.token = "not-a-valid-token";
      localStorage.setItem("fht-session", JSON.stringify(saved));
    });
    await page.goto("/dashboard");
    await page.waitForURL("**/login");
    await page.getByLabel("Email").waitFor();
  });
});
