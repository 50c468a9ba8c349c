// Talks to the API directly, to set up the accounts and habits a journey
// starts from (the browser then does what a user does).
import assert from "node:assert/strict";

export const API_URL = process.env.API_URL ?? "http://127.0.0.1:8000";
export const SESSION_STORAGE_KEY = "fht-session";
export const THEME_STORAGE_KEY = "fht-theme";
export const DEMO = { email: "demo@example.com", password: "Demo123!" };

export async function api(path, { method = "GET", body, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${API_URL}${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function expectOk(promise) {
  const response = await promise;
  assert.ok(response.status < 300, `API answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

let serial = 0;

/** A new account: `{token, user}`, ready to hand to openPage({session}). */
export async function newAccount({ timezone = "UTC", dayStartHour = 0, name = "E2E Runner" } = {}) {
  serial += 1;
  const email = `e2e-${process.pid}-${Date.now()}-${serial}@example.com`;
  const { accessToken } = await expectOk(
    api("/auth/register", { method: "POST", body: { email, password: "a-long-password", name, timezone } }),
  );
  const { user } = await expectOk(api("/auth/me", { method: "PATCH", body: { dayStartHour }, token: accessToken }));
  return { token: accessToken, user };
}

/** A fresh token for an existing account (tokens live one minute in the journeys). */
export async function signInByApi({ email, password }) {
  const { accessToken, user } = await expectOk(api("/auth/login", { method: "POST", body: { email, password } }));
  return { token: accessToken, user };
}

export const createHabit = (session, habit) => expectOk(api("/habits", { method: "POST", body: habit, token: session.token }));

export const logDay = (session, habitId, date, extra = {}) =>
  expectOk(api(`/habits/${habitId}/log`, { method: "POST", body: { date, ...extra }, token: session.token }));

export const archiveHabit = (session, habitId) =>
  expectOk(api(`/habits/${habitId}`, { method: "PATCH", body: { archived: true }, token: session.token }));

/** The habits in the user's order (`archived`: the archived ones). */
export const listHabits = (session, { archived = false } = {}) =>
  expectOk(api(archived ? "/habits?archived=true" : "/habits", { token: session.token }));

/** The logs of `from`..`to`, as the API answers them (date, status, note). */
export async function logsBetween(session, habitId, from, to) {
  const page = await expectOk(api(`/habits/${habitId}/logs?from=${from}&to=${to}`, { token: session.token }));
  return page.items.map(({ date, status, note }) => ({ date, status, note }));
}

export const getHabit = (session, habitId) => expectOk(api(`/habits/${habitId}`, { token: session.token }));

export async function loggedDates(session, habitId, from, to) {
  const page = await expectOk(api(`/habits/${habitId}/logs?from=${from}&to=${to}`, { token: session.token }));
  return page.items.map((log) => log.date);
}

/**
 * The account's today, worked out here independently of the client: the
 * date on a wall clock in `timeZone`, minus `dayStartHour` hours.
 */
export function accountToday(timeZone, dayStartHour, now = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit" })
      .formatToParts(now)
      .map(({ type, value }) => [type, value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return Number(parts.hour) >= dayStartHour ? date : addDays(date, -1);
}

export function addDays(date, days) {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** The hour (0-23) a wall clock in `timeZone` shows now. */
export function hourIn(timeZone, now = new Date()) {
  return Number(new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "2-digit" }).format(now));
}
