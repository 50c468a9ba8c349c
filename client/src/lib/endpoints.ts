import { z } from "zod/mini";
import { requestJson, requestNoContent } from "./api";
import type { IsoDate } from "./dates";
import {
  authResponseSchema,
  habitLogSchema,
  habitLogsPageSchema,
  habitSchema,
  meResponseSchema,
  type ChartRange,
  type DayChanges,
  type HabitChanges,
  type LogStatus,
  type NewHabit,
  type ProfileChanges,
} from "./schemas";

/** One function per backend endpoint the client uses (CONTRACT.md §2). */

/**
 * Loads can run again by themselves (a part retrying after a failure): those
 * stay quiet. Every load that fails says "Could not load" with the problem's
 * detail, so an outage that fails all of a page's loads shows one toast.
 */
export interface LoadOptions {
  quiet?: boolean;
}

const habitPath = (id: string) => `/habits/${encodeURIComponent(id)}`;

export const refreshSession = () =>
  requestJson("/auth/refresh", authResponseSchema, { method: "POST", renew: false, quiet: true });

export const fetchMe = ({ quiet }: LoadOptions = {}) => requestJson("/auth/me", meResponseSchema, { quiet });

export const updateProfile = (changes: ProfileChanges) =>
  requestJson("/auth/me", meResponseSchema, {
    method: "PATCH",
    body: changes,
    failureTitle: "Could not save the profile",
    showsFieldErrors: true,
  });

/** The habits in the user's order; with `archived`, the archived ones instead. */
export const listHabits = ({ quiet, archived = false }: LoadOptions & { archived?: boolean } = {}) =>
  requestJson(archived ? "/habits?archived=true" : "/habits", z.array(habitSchema), { quiet });

export const getHabit = (id: string, { quiet }: LoadOptions = {}) =>
  requestJson(habitPath(id), habitSchema, { quiet, quietStatuses: [404, 422] });

export const createHabit = (habit: NewHabit) =>
  requestJson("/habits", habitSchema, {
    method: "POST",
    body: habit,
    failureTitle: "Could not create the habit",
    showsFieldErrors: true,
  });

export const updateHabit = (id: string, changes: HabitChanges) =>
  requestJson(habitPath(id), habitSchema, {
    method: "PATCH",
    body: changes,
    failureTitle: "Could not save the habit",
    showsFieldErrors: true,
  });

export const deleteHabit = (id: string) =>
  requestNoContent(habitPath(id), { method: "DELETE", failureTitle: "Could not delete the habit" });

/** Archives a habit (off the dashboard and the stats, its days kept) or brings it back. */
export const setArchived = (id: string, archived: boolean) =>
  requestJson(habitPath(id), habitSchema, {
    method: "PATCH",
    body: { archived },
    failureTitle: archived ? "Could not archive the habit" : "Could not unarchive the habit",
  });

/** Logs a day as done (the default) or skipped. */
export const logDay = (id: string, date: IsoDate, status: LogStatus = "done") =>
  requestJson(`${habitPath(id)}/log`, habitLogSchema, {
    method: "POST",
    body: status === "done" ? { date } : { date, status },
    failureTitle: "Could not save",
  });

/** Changes a logged day's status or note. */
export const updateDay = (id: string, date: IsoDate, changes: DayChanges) =>
  requestJson(`${habitPath(id)}/logs/${date}`, habitLogSchema, {
    method: "PATCH",
    body: changes,
    failureTitle: "Could not save",
    showsFieldErrors: true,
  });

export const unlogDay = (id: string, date: IsoDate) =>
  requestNoContent(`${habitPath(id)}/logs/${date}`, { method: "DELETE", failureTitle: "Could not save" });

export const getHabitLogs = (id: string, range: ChartRange, { quiet }: LoadOptions = {}) =>
  requestJson(`${habitPath(id)}/logs?range=${range}`, habitLogsPageSchema, { quiet });

/** The logs of `from`..`to`, both included (at most 400 days). */
export const getHabitLogsBetween = (id: string, from: IsoDate, to: IsoDate, { quiet }: LoadOptions = {}) =>
  requestJson(`${habitPath(id)}/logs?from=${from}&to=${to}`, habitLogsPageSchema, { quiet });
