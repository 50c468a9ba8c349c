import { requestJson, requestNoContent } from "./api";
import { browserTimeZone } from "./dates";
import {
  authResponseSchema,
  badgeListSchema,
  habitListSchema,
  habitLogSchema,
  habitLogsPageSchema,
  habitSchema,
  meResponseSchema,
  statsOverviewSchema,
  type ChartRange,
  type Frequency,
} from "./schemas";

/** One function per backend endpoint the client uses (CONTRACT.md §2). */

export interface Credentials {
  email: string;
  password: string;
}

export interface NewHabit {
  title: string;
  frequency: Frequency;
  target?: number;
}

export const login = (credentials: Credentials) =>
  requestJson("/auth/login", authResponseSchema, { method: "POST", body: credentials });

export const register = (account: Credentials & { name: string }) =>
  requestJson("/auth/register", authResponseSchema, {
    method: "POST",
    body: { ...account, timezone: browserTimeZone() },
  });

export const fetchMe = () => requestJson("/auth/me", meResponseSchema);

export const listHabits = () => requestJson("/habits", habitListSchema);

export const getHabit = (id: string) =>
  requestJson(`/habits/${encodeURIComponent(id)}`, habitSchema, { quietStatuses: [404, 422] });

export const createHabit = (habit: NewHabit) =>
  requestJson("/habits", habitSchema, { method: "POST", body: habit });

export const logHabit = (id: string, date: string) =>
  requestJson(`/habits/${encodeURIComponent(id)}/log`, habitLogSchema, { method: "POST", body: { date } });

export const undoHabitLog = (id: string, date: string) =>
  requestNoContent(`/habits/${encodeURIComponent(id)}/logs/${date}`, { method: "DELETE" });

export const getHabitLogs = (id: string, range: ChartRange) =>
  requestJson(`/habits/${encodeURIComponent(id)}/logs?range=${range}`, habitLogsPageSchema);

export const getStatsOverview = (range: ChartRange) =>
  requestJson(`/stats/overview?range=${range}`, statsOverviewSchema);

export const listBadges = () => requestJson("/badges", badgeListSchema);
