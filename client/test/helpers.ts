import { vi } from "vitest";
import type { Habit, HabitLog, LogStatus, User } from "../src/lib/schemas";
import { sessionStore } from "../src/lib/session";
import { toastStore } from "../src/lib/toasts";

/** 2026-03-10 09:30 UTC: a Tuesday. Tests that need "now" freeze the clock here. */
export const NOW = new Date("2026-03-10T09:30:00Z");
export const TODAY = "2026-03-10";

export const demoUser: User = {
  id: "2f1c0c9e-7a0e-4f55-9a51-4f0c2b1f6a11",
  email: "demo@example.com",
  name: "Demo User",
  avatarUrl: null,
  timezone: "UTC",
  dayStartHour: 0,
  today: TODAY,
  createdAt: "2025-01-02T10:00:00Z",
};

export const dailyHabit: Habit = {
  id: "7d5a3b8e-1111-4c2d-9e0f-123456789abc",
  title: "Morning run",
  frequency: "daily",
  target: 1,
  createdAt: "2025-01-02T10:00:00Z",
  archived: false,
  position: 0,
  currentStreak: 3,
  longestStreak: 9,
  totalLogs: 20,
  loggedToday: false,
  todayStatus: null,
  periodCount: 0,
  score: 0.655747,
};

export const weeklyHabit: Habit = {
  ...dailyHabit,
  id: "0b8d6f5e-2222-4c2d-9e0f-123456789abc",
  title: "Swim",
  frequency: "weekly",
  target: 3,
  position: 1,
  score: 0.25,
  currentStreak: 2,
  longestStreak: 4,
  periodCount: 1,
};

let logSerial = 0;
export function habitLog(date: string, habitId = dailyHabit.id, status: LogStatus = "done", note: string | null = null): HabitLog {
  logSerial += 1;
  return {
    id: `5c0e4a1d-${String(logSerial).padStart(4, "0")}-4c2d-9e0f-123456789abc`,
    habitId,
    date,
    status,
    note,
    createdAt: `${date}T08:00:00Z`,
  };
}

/** A JWT-shaped token (unsigned: the client only reads `iat` and `exp`). */
export function fakeToken(iat: number, exp: number): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: demoUser.id, iat, exp })}.signature`;
}

/** Signed in with a token that lives an hour from now (no renewal due). */
export function signIn(user: User = demoUser): void {
  const now = Math.floor(Date.now() / 1000);
  sessionStore.getState().signIn(fakeToken(now, now + 3600), user);
}

export const visibleToasts = () => toastStore.getState().toasts;

export function jsonResponse(status: number, body: unknown, contentType = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

export function problemResponse(status: number, title: string, detail: string, extra: object = {}): Response {
  return jsonResponse(status, { type: "about:blank", title, status, detail, instance: "/x", ...extra }, "application/problem+json");
}

/** Replaces fetch with a stub answering each call with the next response. */
export function stubFetch(...responses: Response[]) {
  const fetchMock = vi.fn<typeof fetch>();
  for (const response of responses) fetchMock.mockResolvedValueOnce(response);
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

type Handler = (request: { url: URL; method: string; body: unknown; headers: Headers }) => Response | Promise<Response>;

/**
 * Replaces fetch with a small fake API: `"GET /habits"` → handler. A request
 * no route answers fails the test loudly (404 with the method and path).
 */
export function fakeApi(routes: Record<string, Handler>) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    const raw = init?.body;
    const body = raw instanceof FormData ? raw : raw ? JSON.parse(String(raw)) : undefined;
    const route = Object.entries(routes).find(([pattern]) => {
      const [routeMethod, routePath] = pattern.split(" ");
      return routeMethod === method && new RegExp(`^${routePath.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(url.pathname);
    });
    if (!route) return problemResponse(404, "Not Found", `no fake route for ${method} ${url.pathname}`);
    return route[1]({ url, method, body, headers: new Headers(init?.headers) });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}
