import { addDays, daysBetween, EARLIEST_DAY, monthShort, startOfIsoWeek, type IsoDate } from "./dates";

/** The calendar shows whole ISO weeks, like a year on GitHub: 53 columns, this week last. */
export const CALENDAR_WEEKS = 53;

export interface CalendarWindow {
  from: IsoDate;
  to: IsoDate;
}

/** The weeks ending with the one that holds `end` (371 days at most: within the API's 400). */
export function calendarWindow(end: IsoDate): CalendarWindow {
  const from = addDays(startOfIsoWeek(end), -7 * (CALENDAR_WEEKS - 1));
  return { from: from < EARLIEST_DAY ? EARLIEST_DAY : from, to: end };
}

/** The window just before `window` (older history), or null at the beginning of time. */
export function earlierWindow(window: CalendarWindow): CalendarWindow | null {
  return window.from <= EARLIEST_DAY ? null : calendarWindow(addDays(window.from, -1));
}

/** The window after `window`, up to `today`; null when `window` already ends today. */
export function laterWindow(window: CalendarWindow, today: IsoDate): CalendarWindow | null {
  if (window.to >= today) return null;
  const end = addDays(window.to, 7 * CALENDAR_WEEKS);
  return calendarWindow(end > today ? today : end);
}

/** A column: Monday to Sunday, null where a day is outside the window (in the future, say). */
export interface CalendarWeek {
  monday: IsoDate;
  days: (IsoDate | null)[];
}

export function calendarWeeks({ from, to }: CalendarWindow): CalendarWeek[] {
  const first = startOfIsoWeek(from);
  const count = Math.floor(daysBetween(first, to) / 7) + 1;
  return Array.from({ length: count }, (_, week) => {
    const monday = addDays(first, week * 7);
    const days = Array.from({ length: 7 }, (_, weekday) => {
      const date = addDays(monday, weekday);
      return date < from || date > to ? null : date;
    });
    return { monday, days };
  });
}

/** The month names over the columns: at the week in which each month begins. */
export function monthLabels(weeks: CalendarWeek[]): { week: number; label: string }[] {
  const starts = weeks.flatMap(({ days }, week) => {
    const first = days.find((date) => date !== null && date.endsWith("-01"));
    return first ? [{ week, label: monthShort(first) }] : [];
  });
  // The month already under way at the left edge, when the next one leaves room for its name.
  const opening = weeks[0]?.days.find((date) => date !== null);
  if (opening && !opening.endsWith("-01") && (starts[0]?.week ?? Infinity) >= 3) {
    starts.unshift({ week: 0, label: monthShort(opening) });
  }
  return starts;
}
