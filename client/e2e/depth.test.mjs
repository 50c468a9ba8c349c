// Issue 13 in the browser: skipping today, the user's own order, a break for
// several habits, archiving, the calendar's three states with a note, and
// strength as a percentage and a chart.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accountToday, addDays, archiveHabit, createHabit, getHabit, listHabits, logDay, logsBetween, newAccount } from "./api.mjs";
import { violations } from "./axe.mjs";
import { focusedName, launchBrowser, openPage, PHONE, screenshot, toasts } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const card = (page, title) => page.getByRole("article", { name: title });
const idle = (page) => page.locator(":not([aria-busy])");
const titles = async (session, options) => (await listHabits(session, options)).map((habit) => habit.title);

test("Skip today: the card says so and keeps its streak; Undo today removes the skip", async () => {
  const session = await newAccount({ timezone: "UTC" });
  const today = accountToday("UTC", 0);
  const habit = await createHabit(session, { title: "Stretch", frequency: "daily" });
  await logDay(session, habit.id, addDays(today, -1));
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/dashboard");
  const stretch = card(page, "Stretch");
  await stretch.getByText(/Strength \d+%/).waitFor();

  await stretch.getByRole("button", { name: "Skip today" }).focus();
  await page.keyboard.press("Enter");
  await stretch.getByText("Skipped today").waitFor();
  await stretch.getByRole("button", { name: "Undo today" }).and(idle(page)).waitFor();
  assert.equal(await focusedName(page), "Undo today", "the focus moved to Undo today");
  assert.equal(await stretch.getByRole("button", { name: "Skip today" }).count(), 0);
  const skipped = await getHabit(session, habit.id);
  assert.deepEqual([skipped.todayStatus, skipped.loggedToday, skipped.currentStreak], ["skipped", false, 1]);
  await screenshot(page, "dashboard-skipped-light");
  assert.deepEqual(await violations(page), [], "axe: a skipped card");

  await page.keyboard.press("Enter");
  await stretch.getByRole("button", { name: "Log today" }).and(idle(page)).waitFor();
  assert.equal(await focusedName(page), "Log today");
  await stretch.getByRole("button", { name: "Skip today" }).waitFor();
  assert.equal((await getHabit(session, habit.id)).todayStatus, null);
  await finish();
});

test("Move up and Move down put the habits in the user's order, by keyboard, and the order stays", async () => {
  const session = await newAccount();
  for (const title of ["Alpha", "Bravo", "Charlie"]) await createHabit(session, { title, frequency: "daily" });
  const archived = await createHabit(session, { title: "Delta", frequency: "daily" });
  await archiveHabit(session, archived.id);
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/dashboard");
  const cardTitles = () => page.getByRole("article").evaluateAll((cards) => cards.map((card) => card.querySelector("h2")?.textContent));
  await card(page, "Charlie").waitFor();
  assert.deepEqual(await cardTitles(), ["Alpha", "Bravo", "Charlie"]);
  assert.equal(await card(page, "Alpha").getByRole("button", { name: "Move up" }).getAttribute("aria-disabled"), "true");

  await card(page, "Alpha").getByRole("button", { name: "Move down" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("article h2")?.textContent === "Bravo");
  assert.equal(await focusedName(page), "Move down", "the focus stays on the button, in the moved card");
  assert.equal(await page.evaluate(() => document.activeElement?.closest("article")?.querySelector("h2")?.textContent), "Alpha");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("article h2")[2]?.textContent === "Alpha");
  await card(page, "Alpha").getByRole("button", { name: "Move down" }).and(page.locator('[aria-disabled="true"]')).waitFor();

  await card(page, "Charlie").getByRole("button", { name: "Move up" }).click();
  await page.waitForFunction(() => document.querySelector("article h2")?.textContent === "Charlie");
  await pollUntil(async () => (await titles(session)).join() === "Charlie,Bravo,Alpha");
  assert.deepEqual(await titles(session, { archived: true }), ["Delta"], "the archived habit is still there");

  await page.reload();
  await card(page, "Alpha").waitFor();
  assert.deepEqual(await cardTitles(), ["Charlie", "Bravo", "Alpha"]);
  await finish();
});

test("Pause habits: From, To and Pause write a break for the chosen habits", async () => {
  const session = await newAccount({ timezone: "UTC" });
  const today = accountToday("UTC", 0);
  const run = await createHabit(session, { title: "Run", frequency: "daily" });
  const read = await createHabit(session, { title: "Read", frequency: "weekly", target: 3 });
  await logDay(session, run.id, today); // already done today: the break leaves that day as it is
  const { page, finish } = await openPage(browser, { session, viewport: PHONE });
  await page.goto("/dashboard");
  await card(page, "Read").waitFor();

  await page.getByRole("button", { name: "Pause habits" }).click();
  const dialog = page.getByRole("dialog", { name: "Pause habits" });
  await dialog.getByLabel("From").waitFor();
  assert.equal(await dialog.getByLabel("From").inputValue(), today);
  assert.deepEqual(await violations(page), [], "axe: the Pause habits dialog");
  await screenshot(page, "pause-dialog-mobile");

  // Over 90 days: refused at the field, nothing sent.
  await dialog.getByLabel("To").fill(addDays(today, 120));
  await dialog.getByRole("button", { name: "Pause", exact: true }).click();
  await dialog.locator('input[name="to"][aria-invalid="true"]').waitFor();

  await dialog.getByLabel("From").fill(today);
  await dialog.getByLabel("To").fill(addDays(today, 2));
  await dialog.getByRole("button", { name: "Pause", exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  await toasts(page).filter({ hasText: "Habits paused" }).filter({ hasText: "5 days marked as skipped." }).waitFor();
  await card(page, "Read").getByText("Skipped today").waitFor();
  await card(page, "Run").getByText("Done today").waitFor();
  assert.deepEqual(await logsBetween(session, read.id, today, addDays(today, 2)), [0, 1, 2].map((days) => ({ date: addDays(today, days), status: "skipped", note: null })));
  assert.deepEqual((await logsBetween(session, run.id, today, addDays(today, 2))).map((log) => log.status), ["done", "skipped", "skipped"]);

  // The dialog opens afresh, and a habit can be left out.
  await page.getByRole("button", { name: "Pause habits" }).click();
  await dialog.getByLabel("From").fill(addDays(today, 5));
  await dialog.getByLabel("To").fill(addDays(today, 5));
  await dialog.getByRole("checkbox", { name: "Run" }).uncheck();
  await dialog.getByRole("button", { name: "Pause", exact: true }).click();
  await toasts(page).filter({ hasText: "1 day marked as skipped." }).waitFor();
  assert.deepEqual(await logsBetween(session, run.id, addDays(today, 5), addDays(today, 5)), []);
  await finish();
});

test("Archive on the habit page takes it off the dashboard; Archived habits and Unarchive bring it back", async () => {
  const session = await newAccount();
  const habit = await createHabit(session, { title: "Guitar", frequency: "weekly", target: 2 });
  await createHabit(session, { title: "Piano", frequency: "daily" });
  const { page, finish } = await openPage(browser, { session });
  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("heading", { level: 1, name: "Guitar" }).waitFor();

  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await page.getByText(/Archived: this habit is off your dashboard/).waitFor();
  await page.getByRole("button", { name: "Unarchive" }).waitFor();
  assert.equal((await getHabit(session, habit.id)).archived, true);
  // From the page, and back again.
  await page.getByRole("button", { name: "Unarchive" }).click();
  await page.getByRole("button", { name: "Archive", exact: true }).waitFor();
  assert.equal((await getHabit(session, habit.id)).archived, false);
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await page.getByRole("button", { name: "Unarchive" }).waitFor();

  await page.getByRole("link", { name: "← All habits" }).click();
  await card(page, "Piano").waitFor();
  assert.equal(await card(page, "Guitar").count(), 0, "an archived habit is not on the dashboard");
  const toggle = page.getByRole("button", { name: "Archived habits" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  const unarchive = page.getByRole("button", { name: "Unarchive" });
  await unarchive.waitFor();
  assert.deepEqual(await violations(page), [], "axe: the archived habits shown");
  await screenshot(page, "dashboard-archived-light");

  await unarchive.click();
  await card(page, "Guitar").waitFor();
  await page.getByText(/No archived habits/).waitFor();
  assert.deepEqual(await titles(session), ["Guitar", "Piano"], "it comes back in its place");
  await finish();
});

test("the calendar cycles a day through done, skipped and not logged; its note is read and kept; strength shows", async () => {
  const session = await newAccount({ timezone: "UTC" });
  const today = accountToday("UTC", 0);
  const habit = await createHabit(session, { title: "Meditate", frequency: "daily" });
  for (let days = 1; days <= 10; days += 1) await logDay(session, habit.id, addDays(today, -days));
  const noted = addDays(today, -12);
  await logDay(session, habit.id, noted, { status: "skipped", note: "Flu" });
  const { page, finish } = await openPage(browser, { session });
  await page.goto(`/habit/${habit.id}`);

  // Strength: the percentage, and its chart over time.
  const { score } = await getHabit(session, habit.id);
  await page.getByText(`${Math.round(score * 100)}%`, { exact: true }).waitFor();
  await page
    .getByRole("region", { name: "Strength over time" })
    .getByRole("img", { name: /^Strength over the last 90 days: from \d+% to \d+%$/ })
    .locator(".recharts-surface")
    .waitFor();

  // A note written through the API is there to read.
  await page.getByRole("button", { name: `${noted}: skipped` }).waitFor();
  assert.match(await page.getByRole("button", { name: `${noted}: skipped` }).getAttribute("title"), /Flu/);
  await page.getByLabel("Day", { exact: true }).fill(noted);
  assert.equal(await page.getByLabel("Note", { exact: true }).inputValue(), "Flu");

  const day = addDays(today, -11);
  await page.getByRole("button", { name: `${day}: not logged` }).click();
  await page.getByRole("button", { name: `${day}: done` }).and(idle(page)).waitFor();
  await page.getByLabel("Note", { exact: true }).fill("Twenty minutes, by the sea");
  await page.getByRole("button", { name: "Keep note" }).click();
  await page.getByText("Note kept.").waitFor();
  assert.deepEqual(await logsBetween(session, habit.id, day, day), [{ date: day, status: "done", note: "Twenty minutes, by the sea" }]);
  assert.deepEqual(await violations(page), [], "axe: the habit page with a day's note");
  await screenshot(page, "habit-note-light");

  await page.getByRole("button", { name: `${day}: done` }).click();
  await page.getByRole("button", { name: `${day}: skipped` }).and(idle(page)).waitFor();
  assert.deepEqual(await logsBetween(session, habit.id, day, day), [{ date: day, status: "skipped", note: "Twenty minutes, by the sea" }]);
  assert.equal(await page.getByLabel("Note", { exact: true }).inputValue(), "Twenty minutes, by the sea", "the note stays with the skip");

  // An emptied note is cleared (PATCH note: null).
  await page.getByLabel("Note", { exact: true }).fill("");
  await page.getByRole("button", { name: "Keep note" }).click();
  await page.getByText("Note cleared.").waitFor();
  assert.deepEqual(await logsBetween(session, habit.id, day, day), [{ date: day, status: "skipped", note: null }]);

  await page.getByRole("button", { name: `${day}: skipped` }).click();
  await page.getByRole("button", { name: `${day}: not logged` }).and(idle(page)).waitFor();
  assert.deepEqual(await logsBetween(session, habit.id, day, day), []);

  // Today, through the calendar: Log today above follows.
  await page.getByRole("button", { name: `${today}: not logged` }).click();
  await page.getByRole("button", { name: "Undo today" }).waitFor();
  await page.getByRole("button", { name: `${today}: done` }).and(idle(page)).click();
  await page.getByRole("button", { name: `${today}: skipped` }).and(idle(page)).waitFor();
  assert.equal((await getHabit(session, habit.id)).todayStatus, "skipped");
  await page.getByRole("button", { name: "Undo today" }).click();
  await page.getByRole("button", { name: `${today}: not logged` }).waitFor();
  await page.getByRole("button", { name: "Skip today" }).waitFor();
  await finish();
});

/** Waits until `check` answers true (the API catching up with what the page sent). */
async function pollUntil(check, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
