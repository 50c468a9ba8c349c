// The everyday journey: signing in, the dashboard, logging with the mouse and
// the keyboard, creating a habit, dark mode, signing out.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accountToday, addDays, createHabit, DEMO, logDay, newAccount } from "./api.mjs";
import { focusedName, launchBrowser, openPage, PHONE, screenshot, toasts } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const habitCard = (page, title) => page.getByRole("article", { name: title });

/** The number in a card's "Current streak" entry. */
async function currentStreak(card) {
  const text = await card.getByRole("definition").first().innerText();
  return Number(/\d+/.exec(text)?.[0]);
}

test("the demo user signs in, logs and undoes today, and the streak follows", async () => {
  const { page, finish } = await openPage(browser);
  await page.goto("/");
  await page.waitForURL("**/login");
  await screenshot(page, "login-light");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Your habits" }).waitFor();

  const card = habitCard(page, "Read 20 pages");
  await card.waitFor();
  assert.match(await habitCard(page, "Run 5 km").innerText(), /current streak\s+\d+ weeks?/i);
  const before = await currentStreak(card);
  assert.ok(before >= 1, "the seeded daily habit has a live streak");
  await screenshot(page, "dashboard-light");

  await card.getByRole("button", { name: "Log today" }).click();
  await card.getByText("Done today").waitFor();
  await card.getByRole("button", { name: "Undo today" }).and(page.locator(":not([aria-busy])")).waitFor();
  assert.equal(await currentStreak(card), before + 1);
  await card.getByRole("button", { name: "Undo today" }).click();
  await card.getByRole("button", { name: "Log today" }).and(page.locator(":not([aria-busy])")).waitFor();
  assert.equal(await currentStreak(card), before);
  assert.equal(await toasts(page).count(), 0);
  await finish();
});

test("the log button keeps the focus: Space logs, Space again undoes", async () => {
  const session = await newAccount();
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "New habit" }).click();
  const dialog = page.getByRole("dialog", { name: "New habit" });
  await dialog.getByLabel("Title").fill("Stretch");
  await dialog.getByRole("button", { name: "Create" }).click();
  const card = habitCard(page, "Stretch");

  await card.getByRole("button", { name: "Log today" }).focus();
  await page.keyboard.press("Space");
  await card.getByRole("button", { name: "Undo today" }).and(page.locator(":not([aria-busy])")).waitFor();
  assert.equal(await focusedName(page), "Undo today");
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.press("Space");
  await card.getByRole("button", { name: "Log today" }).and(page.locator(":not([aria-busy])")).waitFor();
  assert.equal(await focusedName(page), "Log today");
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, "Space pressed the button, it did not scroll the page");
  await finish();
});

test("a new user creates a weekly habit with the keyboard: its week shows at once", async () => {
  const { page, finish } = await openPage(browser, { viewport: PHONE, allowConsole: [/status of 422/] });
  await page.goto("/login");
  await page.getByRole("button", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill("E2E Runner");
  await page.getByLabel("Email").fill(`e2e-new-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "No habits yet" }).waitFor();
  await screenshot(page, "new-user-empty-mobile");

  // Keyboard only: open, fill in, submit; Escape closes.
  await page.getByRole("button", { name: "New habit" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New habit" });
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "title");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await focusedName(page), "New habit", "focus went back to the button that opened the dialog");

  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "title");
  await page.keyboard.press("Enter"); // a blank title: the server's message shows at the field
  await dialog.locator('input[name="title"][aria-invalid="true"]').waitFor();
  await screenshot(page, "new-habit-dialog-mobile");
  await page.keyboard.type("Swim");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown"); // Frequency: Weekly
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("2");
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden" });

  const card = habitCard(page, "Swim");
  await card.getByText("0 of 2 this week").waitFor();
  assert.equal(await card.getByRole("list", { name: /Done on 0 of the last 7 days/ }).getByRole("listitem").count(), 7);
  await card.getByRole("button", { name: "Log today" }).click();
  await card.getByText("1 of 2 this week").waitFor();
  await card.getByRole("list", { name: /Done on 1 of the last 7 days/ }).waitFor();
  // The first log ever earns a badge, and the dashboard picks it up.
  await page.getByRole("region", { name: "Badges" }).getByRole("listitem").first().waitFor();
  await screenshot(page, "new-user-habit-mobile");

  // The dialog opens clean again.
  await page.getByRole("button", { name: "New habit" }).click();
  assert.equal(await dialog.getByLabel("Title").inputValue(), "");
  assert.equal(await dialog.getByLabel("Frequency").inputValue(), "daily");
  assert.equal(await dialog.locator('[aria-invalid="true"]').count(), 0);
  await page.keyboard.press("Escape");

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await finish();
});

test("a title counts characters as the server does (emoji are one)", async () => {
  const session = await newAccount();
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "New habit" }).click();
  const dialog = page.getByRole("dialog", { name: "New habit" });
  const title = "🏃".repeat(50) + "x".repeat(50);
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByText("100 of 100 characters").waitFor();
  await dialog.getByRole("button", { name: "Create" }).click();
  await dialog.waitFor({ state: "hidden" });
  await habitCard(page, title).waitFor();
  await finish();
});

test("dark mode survives a reload and client-side navigation; signing out ends the session", async () => {
  const session = await newAccount();
  const habit = await createHabit(session, { title: "Stretch", frequency: "daily" });
  await logDay(session, habit.id, addDays(accountToday("UTC", 0), -1));
  const { page, finish } = await openPage(browser, { session });
  const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
  await page.goto("/leaderboard");
  await page.getByRole("heading", { name: "Leaderboard" }).waitFor();
  assert.match(await page.getByRole("main").innerText(), /on the dashboard\./);
  assert.equal(await isDark(), false);
  await page.getByRole("button", { name: "Toggle dark mode" }).click();
  assert.equal(await isDark(), true);
  await page.reload();
  assert.equal(await isDark(), true);
  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  await page.getByRole("article", { name: "Stretch" }).waitFor();
  assert.equal(await isDark(), true, "dark mode stays on across client-side navigation");
  await screenshot(page, "dashboard-dark");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  await page.goto("/dashboard");
  await page.waitForURL("**/login");
  await finish();
});

test("an invalid token sends the user to sign in, with one toast however many requests failed", async () => {
  const session = await newAccount();
  const { page, finish } = await openPage(browser, {
    session: { ...session, token: "not-a-valid-token" },
    allowConsole: [/status of 401/],
  });
  await page.goto("/dashboard");
  await page.waitForURL("**/login");
  await page.getByLabel("Email").waitFor();
  await toasts(page).filter({ hasText: "Session ended" }).waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(await toasts(page).allInnerTexts(), ["Session ended\n\nPlease sign in again.\n\n×"]);
  await finish();
});
