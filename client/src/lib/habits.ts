import type { Habit, LogStatus } from "./schemas";

/** "Daily" or "Weekly · 3× a week". */
export function frequencyLabel(habit: Pick<Habit, "frequency" | "target">): string {
  return habit.frequency === "daily" ? "Daily" : `Weekly · ${habit.target}× a week`;
}

/** What a day of a habit holds: a log's status, or nothing. */
export type DayState = LogStatus | "none";

/** The state a day moves to when it is activated on the calendar (CONTRACT §3). */
export const DAY_CYCLE: Record<DayState, DayState> = {
  none: "done",
  done: "skipped",
  skipped: "none",
};

/** The habit as it is once today holds `status` (null: no log), before the server recounts it. */
export function withTodayStatus(habit: Habit, status: LogStatus | null): Habit {
  const wasDone = habit.todayStatus === "done";
  const isDone = status === "done";
  return { ...habit, todayStatus: status, loggedToday: isDone, periodCount: habit.periodCount + Number(isDone) - Number(wasDone) };
}

/** A strength (0–1) as people read it: "66%". */
export function strengthPercent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** How a day is named to a screen reader and a browser test: `2026-03-01: done`. */
export const DAY_STATE_LABEL: Record<DayState, string> = {
  done: "done",
  skipped: "skipped",
  none: "not logged",
};

/** Characters as the server counts them: code points of the trimmed text (an emoji is one). */
export function characterCount(text: string): number {
  return [...text.trim()].length;
}

export const TITLE_MAX_LENGTH = 100;
export const NOTE_MAX_LENGTH = 500;
export const WEEKLY_TARGET_DEFAULT = 3;
