// The habit page: its title everywhere, Edit, Delete, the 12-month calendar
// (backfilling a missed day, by mouse and by keyboard), the chart.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accountToday, addDays, createHabit, getHabit, logDay, loggedDates, newAccount } from "./api.mjs";
import { focusedName, launchBrowser, openPage, PHONE, screenshot, toasts } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A user with a daily habit done yesterday and three days ago: a streak of 1 with a hole in it. */
async function habitWithAHole(title = "Meditate") {
  const session = await newAccount({ timezone: "UTC" });
  const today = accountToday("UTC", 0);
  const habit = await createHabit(session, { title, frequency: "daily" });
  await logDay(session, habit.id, addDays(today, -1));
  await logDay(session, habit.id, addDays(today, -3));
  return { session, habit, today };
}

const streakOnPage = async (page) => Number(/\d+/.exec(await page.getByRole("definition").first().innerText())?.[0]);

test("backfilling a missed day on the calendar mends the streak; the title is the page's", async () => {
  const { session, habit, today } = await habitWithAHole();
  const { page, finish } = await openPage(browser, { session });
  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("heading", { level: 1, name: "Meditate" }).waitFor();
  assert.equal(await page.title(), "Meditate · Habit Tracker");
  assert.equal(await streakOnPage(page), 1);

  const missed = addDays(today, -2);
  await page.getByRole("button", { name: `${addDays(today, -3)}: done` }).waitFor();
  await page.getByRole("button", { name: `${today}: not logged` }).waitFor();
  assert.equal(await page.getByRole("button", { name: `${addDays(today, 1)}: not logged` }).count(), 0, "no future day");
  const dayButtons = await page.getByRole("button", { name: /^\d{4}-\d{2}-\d{2}: (done|skipped|not logged)$/ }).count();
  assert.ok(dayButtons >= 365 && dayButtons <= 371, `${dayButtons} days on the calendar`);

  await page.getByRole("button", { name: `${missed}: not logged` }).click();
  await page.getByRole("button", { name: `${missed}: done` }).waitFor();
  await page.waitForFunction(() => /^3\b/.test(document.querySelector("dd")?.textContent?.trim() ?? ""));
  assert.equal(await streakOnPage(page), 3);
  assert.deepEqual(await loggedDates(session, habit.id, addDays(today, -3), today), [
    addDays(today, -3),
    missed,
    addDays(today, -1),
  ]);
  await screenshot(page, "habit-calendar-light");

  // Pressed again, the day is skipped: it bridges the run without counting.
  await page.getByRole("button", { name: `${missed}: done` }).click();
  await page.getByRole("button", { name: `${missed}: skipped` }).and(page.locator(":not([aria-busy])")).waitFor();
  await page.waitForFunction(() => /^2\b/.test(document.querySelector("dd")?.textContent?.trim() ?? ""));
  assert.equal((await getHabit(session, habit.id)).currentStreak, 2);

  // And once more, it is cleared: the streak breaks again.
  await page.getByRole("button", { name: `${missed}: skipped` }).click();
  await page.getByRole("button", { name: `${missed}: not logged` }).waitFor();
  await page.waitForFunction(() => /^1\b/.test(document.querySelector("dd")?.textContent?.trim() ?? ""));
  assert.equal((await getHabit(session, habit.id)).currentStreak, 1);
  await finish();
});

test("the calendar works by keyboard: one Tab stop, arrows move by day and week, Space logs, focus stays", async () => {
  const { session, habit, today } = await habitWithAHole("Journal");
  const { page, finish } = await openPage(browser, { session });
  await page.goto(`/habit/${habit.id}`);
  const todayButton = page.getByRole("button", { name: `${today}: not logged` });
  await todayButton.waitFor();
  assert.equal(await todayButton.getAttribute("tabindex"), "0", "today is the grid's Tab stop");

  await todayButton.focus();
  await page.keyboard.press("ArrowUp"); // yesterday
  assert.equal(await focusedName(page), `${addDays(today, -1)}: done`);
  await page.keyboard.press("ArrowUp");
  assert.equal(await focusedName(page), `${addDays(today, -2)}: not logged`);
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: `${addDays(today, -2)}: done` }).waitFor();
  assert.equal(await focusedName(page), `${addDays(today, -2)}: done`, "focus stays on the day");
  await page.keyboard.press("ArrowLeft"); // a week earlier
  assert.equal(await focusedName(page), `${addDays(today, -9)}: not logged`);
  await page.keyboard.press("Enter");
  // Saved: the day shows "done" at once, and stops being busy once the server has answered.
  await page.getByRole("button", { name: `${addDays(today, -9)}: done` }).and(page.locator(":not([aria-busy])")).waitFor();
  assert.deepEqual(await loggedDates(session, habit.id, addDays(today, -9), addDays(today, -9)), [addDays(today, -9)]);

  // Today from the calendar and the log button agree.
  await page.keyboard.press("End");
  assert.equal(await focusedName(page), `${today}: not logged`);
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Undo today" }).waitFor();
  await page.getByRole("button", { name: `${today}: done` }).waitFor();
  await finish();
});

test("older history is one press away", async () => {
  const { session, habit, today } = await habitWithAHole("Read");
  const oldDay = addDays(today, -500);
  await logDay(session, habit.id, oldDay);
  const { page, finish } = await openPage(browser, { session });
  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("heading", { name: "Last 12 months" }).waitFor();
  await page.getByRole("button", { name: "Earlier" }).click();
  await page.getByRole("button", { name: `${oldDay}: done` }).waitFor();
  await page.getByRole("button", { name: "Later" }).click();
  await page.getByRole("heading", { name: "Last 12 months" }).waitFor();
  await finish();
});

test("Edit changes title, frequency and target; the heading and the document title follow", async () => {
  const { session, habit } = await habitWithAHole("Walk");
  const { page, finish } = await openPage(browser, { session, viewport: PHONE });
  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("heading", { level: 1, name: "Walk" }).waitFor();

  await page.getByRole("button", { name: "Edit" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Edit habit" });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel("Title").inputValue(), "Walk");
  await dialog.getByLabel("Title").fill("Walk the dog");
  await dialog.getByLabel("Frequency").selectOption("weekly");
  await dialog.getByLabel("Target").fill("4");
  await screenshot(page, "habit-edit-mobile");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByRole("heading", { level: 1, name: "Walk the dog" }).waitFor();
  assert.equal(await page.title(), "Walk the dog · Habit Tracker");
  await page.getByText("Weekly · 4× a week").waitFor();
  assert.deepEqual(
    (({ title, frequency, target }) => ({ title, frequency, target }))(await getHabit(session, habit.id)),
    { title: "Walk the dog", frequency: "weekly", target: 4 },
  );
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Walk the dog" }).waitFor();
  await finish();
});

test("Delete asks first; Delete habit removes it and returns to the dashboard", async () => {
  const { session, habit } = await habitWithAHole("Floss");
  const { page, finish } = await openPage(browser, { session, allowConsole: [/status of 404/] });
  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this habit?" });
  await dialog.waitFor();
  assert.equal(await focusedName(page), "Cancel", "the safe choice has the focus");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal((await getHabit(session, habit.id)).title, "Floss", "cancelled: still there");

  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete habit" }).click();
  await page.waitForURL("**/dashboard");
  await page.getByRole("heading", { name: "No habits yet" }).waitFor();
  await toasts(page).filter({ hasText: "Habit deleted" }).waitFor();

  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("heading", { name: "Habit not found" }).waitFor();
  assert.equal(await page.title(), "Habit not found · Habit Tracker");
  await finish();
});

test("the chart shows the week, then the month; the deep link survives a reload", async () => {
  const { session, habit, today } = await habitWithAHole("Run");
  await logDay(session, habit.id, addDays(today, -10));
  const { page, finish } = await openPage(browser, { session });
  await page.goto(`/habit/${habit.id}`);
  await page.getByRole("img", { name: "Done on 2 of the last 7 days" }).locator(".recharts-surface").waitFor();
  await page.getByRole("button", { name: "Month" }).click();
  await page.getByRole("img", { name: "Done on 3 of the last 30 days" }).locator(".recharts-surface").waitFor();
  assert.equal(await page.getByRole("button", { name: "Month" }).getAttribute("aria-pressed"), "true");
  await screenshot(page, "habit-light");
  const url = page.url();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Run" }).waitFor();
  assert.equal(page.url(), url);
  assert.equal(await toasts(page).count(), 0);
  await finish();
});
