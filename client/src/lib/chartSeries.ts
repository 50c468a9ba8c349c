import { datesFrom, type IsoDate } from "./dates";
import type { HabitLogsPage, StatsOverview } from "./schemas";

/** One day of a habit's history: 1 when it was done that day, else 0. */
export interface DayPoint {
  date: IsoDate;
  logged: 0 | 1;
}

/** Every day from `start` to `end` (inclusive), marking the done ones. */
export function seriesFromLogs(page: HabitLogsPage): DayPoint[] {
  const doneDates = new Set(page.items.filter((log) => log.status === "done").map((log) => log.date));
  return datesFrom(page.start, page.end).map((date) => ({ date, logged: doneDates.has(date) ? 1 : 0 }));
}

/**
 * The last days of one habit from a /stats/overview answer, on `days` (the
 * dates the card shows, ending on the account's today). A habit the overview
 * does not know yet (created after it loaded) simply has no done days.
 */
export function seriesFromOverview(overview: StatsOverview | null, habitId: string, days: IsoDate[]): DayPoint[] {
  const dataset = overview?.datasets.find((candidate) => candidate.habitId === habitId);
  const done = new Set(overview?.labels.filter((_, index) => (dataset?.data[index] ?? 0) > 0));
  return days.map((date) => ({ date, logged: done.has(date) ? 1 : 0 }));
}
