import dayjs from "dayjs";
import type { HabitLogsPage, StatsOverview } from "./schemas";

/** One day of a habit's history: 1 when it was logged that day, else 0. */
export interface DayPoint {
  date: string;
  logged: 0 | 1;
}

/** Every day from `start` to `end` (inclusive), marking the logged ones. */
export function seriesFromLogs(page: HabitLogsPage): DayPoint[] {
  const loggedDates = new Set(page.items.map((log) => log.date));
  const points: DayPoint[] = [];
  for (let day = dayjs(page.start); !day.isAfter(dayjs(page.end), "day"); day = day.add(1, "day")) {
    const date = day.format("YYYY-MM-DD");
    points.push({ date, logged: loggedDates.has(date) ? 1 : 0 });
  }
  return points;
}

/** The days of one habit's dataset in a /stats/overview answer; empty when absent. */
export function seriesFromOverview(overview: StatsOverview, habitId: string): DayPoint[] {
  const dataset = overview.datasets.find((candidate) => candidate.habitId === habitId);
  if (!dataset) return [];
  return overview.labels.map((date, index) => ({ date, logged: (dataset.data[index] ?? 0) > 0 ? 1 : 0 }));
}
