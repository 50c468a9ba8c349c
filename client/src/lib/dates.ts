/**
 * Calendar dates as the API writes them (`YYYY-MM-DD`), and the account's
 * "today". Arithmetic runs on UTC midnights, so no time zone or daylight
 * saving change can move a date; formatting goes through Intl (no library).
 */
export type IsoDate = string;

/** No log is older (CONTRACT §2). */
export const EARLIEST_DAY: IsoDate = "2000-01-01";

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMidnight(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

const isoFromUtc = (time: number): IsoDate => new Date(time).toISOString().slice(0, 10);

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoFromUtc(utcMidnight(date) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / MS_PER_DAY);
}

/** 0 for Monday … 6 for Sunday (ISO weeks, as the API counts them). */
export function isoWeekday(date: IsoDate): number {
  return (new Date(utcMidnight(date)).getUTCDay() + 6) % 7;
}

/** The Monday of the ISO week holding `date`. */
export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, -isoWeekday(date));
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: IsoDate, to: IsoDate): IsoDate[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, index) => addDays(from, index));
}

interface WallClock {
  date: IsoDate;
  hour: number;
}

/** The date and hour a clock in `timeZone` shows at `instant`. */
function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) % 24 };
}

/**
 * The account's today, as the API defines it: the date in the account's time
 * zone of now minus `dayStartHour` hours, on the wall clock (a day that
 * starts at 04:00 is still Monday at 02:30 on Tuesday). Never the browser's
 * own date: a traveller's browser may be a day ahead of or behind the account.
 */
export function accountToday(timeZone: string, dayStartHour: number, now: Date = new Date()): IsoDate {
  const clock = wallClock(now, timeZone);
  return clock.hour >= dayStartHour ? clock.date : addDays(clock.date, -1);
}

/** The browser's tz database zone name. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Whether two zone names name the same zone (an alias such as Asia/Calcutta is Asia/Kolkata). */
export function sameTimeZone(first: string, second: string): boolean {
  if (first === second) return true;
  try {
    const canonical = (zone: string) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    return canonical(first) === canonical(second);
  } catch {
    return false;
  }
}

function formatter(options: Intl.DateTimeFormatOptions): (date: IsoDate) => string {
  const format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
  return (date) => format.format(utcMidnight(date));
}

/** "Mo" for a row of day markers. */
export const weekdayInitials = (date: IsoDate): string => formatter({ weekday: "short" })(date).slice(0, 2);

/** "Mon" */
export const weekdayShort = formatter({ weekday: "short" });

/** "3" */
export const dayOfMonth = (date: IsoDate): string => String(Number(date.slice(8, 10)));

/** "3 Mar" */
export const dayAndMonth = formatter({ day: "numeric", month: "short" });

/** "Mar", "Sep" */
export const monthShort = (date: IsoDate): string =>
  new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" }).format(utcMidnight(date));

/** "Tuesday, 3 March 2026" */
export const longDate = formatter({ weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** "3 Mar 2026" from an ISO instant (badges' `achievedAt`), in the account's zone. */
export function instantDate(instant: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(new Date(instant));
  } catch {
    return instant.slice(0, 10);
  }
}
