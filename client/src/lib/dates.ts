import dayjs from "dayjs";

/** Today in the browser's time zone, as the API expects it (YYYY-MM-DD). */
export function localToday(now: Date = new Date()): string {
  return dayjs(now).format("YYYY-MM-DD");
}

/** The browser's IANA time zone, sent on registration so "today" is the user's today. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** "Mo" for a row of day markers. */
export function weekdayLabel(isoDate: string): string {
  return dayjs(isoDate).format("dd");
}

/** "Mon 3" for a week chart, "3 Mar" for a month chart. */
export function shortDayLabel(isoDate: string, range: "week" | "month"): string {
  return dayjs(isoDate).format(range === "week" ? "ddd D" : "D MMM");
}
