// Whose today: the account's, never the browser's (CONTRACT §3). Browsers in
// other zones than their accounts, both ways, around the account's day
// boundary; the settings moving "today"; a token renewed before it expires.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accountToday, api, createHabit, hourIn, loggedDates, newAccount, addDays } from "./api.mjs";
import { currentToken, errorToasts, launchBrowser, openPage, screenshot, toasts } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const shownToday = (page) => page.locator("time[data-account-today]").getAttribute("datetime");

/** Logs today and undoes it from the dashboard; the API must see the account's today both times. */
async function logAndUndoToday(page, session, habit, today) {
  const card = page.getByRole("article", { name: habit.title });
  await card.getByRole("button", { name: "Log today" }).click();
  await card.getByRole("button", { name: "Undo today" }).and(page.locator(":not([aria-busy])")).waitFor();
  assert.deepEqual(await loggedDates(session, habit.id, addDays(today, -2), addDays(today, 2)), [today]);
  await card.getByRole("button", { name: "Undo today" }).click();
  await card.getByRole("button", { name: "Log today" }).and(page.locator(":not([aria-busy])")).waitFor();
  assert.deepEqual(await loggedDates(session, habit.id, addDays(today, -2), addDays(today, 2)), []);
  assert.deepEqual(await errorToasts(page).allInnerTexts(), [], "no error along the way");
}

test("a browser in Pacific/Kiritimati (UTC+14) with an account in UTC logs and undoes the account's today", async () => {
  const session = await newAccount({ timezone: "UTC" });
  const habit = await createHabit(session, { title: "Swim", frequency: "daily" });
  const today = accountToday("UTC", 0);
  const { page, finish } = await openPage(browser, { session, timezoneId: "Pacific/Kiritimati" });
  await page.goto("/dashboard");
  const notice = page.getByText(/Your days are counted in UTC/);
  await notice.waitFor();
  await page.getByRole("button", { name: "Use Pacific/Kiritimati" }).waitFor();
  assert.equal(await shownToday(page), today);
  await logAndUndoToday(page, session, habit, today);
  await screenshot(page, "time-zone-notice");
  await finish();
});

test("a browser in America/Los_Angeles with an account in Asia/Tokyo whose day has not yet begun", async () => {
  // The account's day starts an hour or two from now: on Tokyo's clock it is
  // already the next date, for the account it is still the day before.
  const dayStartHour = (hourIn("Asia/Tokyo") + 2) % 24;
  const session = await newAccount({ timezone: "Asia/Tokyo", dayStartHour });
  const habit = await createHabit(session, { title: "Stretch", frequency: "daily" });
  const today = accountToday("Asia/Tokyo", dayStartHour);
  assert.equal(session.user.today, today, "the API and this test agree on the account's today");
  const { page, finish } = await openPage(browser, { session, timezoneId: "America/Los_Angeles" });
  await page.goto("/dashboard");
  assert.equal(await shownToday(page), today);
  await logAndUndoToday(page, session, habit, today);

  // Adopting the browser's zone moves the account's today with it.
  await page.getByRole("button", { name: "Use America/Los_Angeles" }).click();
  await toasts(page).filter({ hasText: "Time zone changed" }).waitFor();
  await page.getByText(/Your days are counted in/).waitFor({ state: "hidden" });
  const { body } = await api("/auth/me", { token: await currentToken(page) });
  assert.equal(body.user.timezone, "America/Los_Angeles");
  const newToday = accountToday("America/Los_Angeles", dayStartHour);
  await page.waitForFunction((date) => document.querySelector("time[data-account-today]")?.getAttribute("datetime") === date, newToday);
  await logAndUndoToday(page, session, habit, newToday);
  await finish();
});

test("Settings: a new time zone and day start move today", async () => {
  const session = await newAccount({ timezone: "UTC" });
  // Whatever the hour, one of these two zones is on another date than UTC.
  const zone = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
  const { page, finish } = await openPage(browser, { session, timezoneId: "UTC" });
  await page.goto("/dashboard");
  const before = await shownToday(page);
  assert.equal(before, accountToday("UTC", 0));

  await page.getByRole("link", { name: "Settings" }).click();
  await page.waitForURL("**/settings");
  const profile = page.getByRole("region", { name: "Profile" });
  assert.equal(await profile.getByLabel("Name").inputValue(), "E2E Runner");
  await profile.getByLabel("Name").fill("Globetrotter");
  await profile.getByLabel("Time zone").fill(zone);
  const dayStartHour = (hourIn(zone) + 2) % 24;
  await profile.getByLabel("Day starts at").selectOption(String(dayStartHour));
  await screenshot(page, "settings-light");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await toasts(page).filter({ hasText: "Profile saved" }).waitFor();
  const { body } = await api("/auth/me", { token: await currentToken(page) });
  assert.deepEqual(
    { name: body.user.name, timezone: body.user.timezone, dayStartHour: body.user.dayStartHour },
    { name: "Globetrotter", timezone: zone, dayStartHour },
  );

  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  const after = accountToday(zone, dayStartHour);
  await page.waitForFunction((date) => document.querySelector("time[data-account-today]")?.getAttribute("datetime") === date, after);
  assert.equal(after, body.user.today);
  await finish();
});

test("Settings: a zone that does not exist is refused at the field", async () => {
  const session = await newAccount();
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/settings");
  const profile = page.getByRole("region", { name: "Profile" });
  await profile.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await profile.getByText("Choose a time zone from the list").waitFor();
  assert.equal(await profile.getByLabel("Time zone").getAttribute("aria-invalid"), "true");
  await finish();
});

test("an active user outlives the token's lifetime: the client renews it before it expires", async () => {
  // The e2e API issues tokens for one minute (ACCESS_TOKEN_EXPIRE_MINUTES=1).
  const session = await newAccount();
  const { exp } = JSON.parse(Buffer.from(session.token.split(".")[1], "base64url").toString());
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/dashboard");
  await page.getByRole("heading", { name: "No habits yet" }).waitFor();

  // Past the first token's expiry, and then some.
  await page.waitForTimeout(Math.max(0, exp * 1000 - Date.now()) + 3000);
  assert.equal((await api("/auth/me", { token: session.token })).status, 401, "the first token has expired");
  const renewed = await currentToken(page);
  assert.notEqual(renewed, session.token);
  assert.equal((await api("/auth/me", { token: renewed })).status, 200);

  await page.getByRole("button", { name: "New habit" }).click();
  const dialog = page.getByRole("dialog", { name: "New habit" });
  await dialog.getByLabel("Title").fill("Still here");
  await dialog.getByRole("button", { name: "Create" }).click();
  await page.getByRole("article", { name: "Still here" }).waitFor();
  assert.match(page.url(), /\/dashboard$/);
  assert.equal(await toasts(page).count(), 0);
  await finish();
});
