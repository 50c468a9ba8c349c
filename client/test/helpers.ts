import { vi } from "vitest";
import type { Habit, User } from "../src/lib/schemas";

export const demoUser: User = {
  id: "2f1c0c9e-7a0e-4f55-9a51-4f0c2b1f6a11",
  email: "demo@example.com",
  name: "Demo User",
  avatarUrl: null,
  timezone: "Europe/Paris",
  createdAt: "2025-01-02T10:00:00Z",
};

export const dailyHabit: Habit = {
  id: "7d5a3b8e-1111-4c2d-9e0f-123456789abc",
  title: "Morning run",
  frequency: "daily",
  target: 1,
  createdAt: "2025-01-02T10:00:00Z",
  currentStreak: 3,
  longestStreak: 9,
  totalLogs: 20,
  loggedToday: false,
  periodCount: 0,
};

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
