import type { Habit } from "./schemas";

/** "Daily" or "Weekly · 3× a week". */
export function frequencyLabel(habit: Pick<Habit, "frequency" | "target">): string {
  return habit.frequency === "daily" ? "Daily" : `Weekly · ${habit.target}× a week`;
}

/**
 * What a day of a habit holds. Only "done" can be written today; the API's
 * "skipped" joins the cycle when the client learns to skip (CONTRACT §3).
 */
export type DayState = "done" | "skipped" | "none";

/** The state a day moves to when it is activated on the calendar. */
export const DAY_CYCLE: Record<DayState, DayState> = {
  none: "done",
  done: "none",
  skipped: "none",
};

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
export const WEEKLY_TARGET_DEFAULT = 3;
