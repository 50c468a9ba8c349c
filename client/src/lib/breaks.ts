import { requestJson } from "./api";
import { addDays, daysBetween, EARLIEST_DAY, type IsoDate } from "./dates";
import { breakResultSchema, type HabitBreak } from "./schemas";

/** A break's longest span, and how far ahead it may end (CONTRACT §2, POST /habits/skip). */
export const MAX_BREAK_DAYS = 90;

export interface BreakProblems {
  from?: string[];
  to?: string[];
}

/** What is wrong with a break from `from` to `to`, checked as the API checks it. */
export function breakProblems(from: IsoDate, to: IsoDate, today: IsoDate): BreakProblems {
  if (!from) return { from: ["Choose the first day of the break."] };
  if (!to) return { to: ["Choose the last day of the break."] };
  if (from < EARLIEST_DAY) return { from: ["Days before 1 January 2000 cannot be logged."] };
  if (to < from) return { to: ["The last day cannot come before the first."] };
  if (daysBetween(from, to) + 1 > MAX_BREAK_DAYS) return { to: [`A break lasts at most ${MAX_BREAK_DAYS} days.`] };
  if (to > addDays(today, MAX_BREAK_DAYS)) return { to: [`A break can be planned at most ${MAX_BREAK_DAYS} days ahead.`] };
  return {};
}

/** A `skipped` day on every day of the break that has no log yet, for each habit; answers how many. */
export const pauseHabits = (pause: HabitBreak) =>
  requestJson("/habits/skip", breakResultSchema, {
    method: "POST",
    body: pause,
    failureTitle: "Could not pause the habits",
    showsFieldErrors: true,
  });
