import { describe, expect, it } from "vitest";
import { calendarWeeks, calendarWindow, earlierWindow, laterWindow, monthLabels } from "../src/lib/calendar";
import { accountToday, addDays, daysBetween, isoWeekday, sameTimeZone, startOfIsoWeek } from "../src/lib/dates";

describe("the account's today", () => {
  it("is the date in the account's zone, not the browser's", () => {
    const instant = new Date("2026-03-10T23:30:00Z");
    expect(accountToday("UTC", 0, instant)).toBe("2026-03-10");
    expect(accountToday("Asia/Tokyo", 0, instant)).toBe("2026-03-11");
    expect(accountToday("America/Los_Angeles", 0, instant)).toBe("2026-03-10");
    expect(accountToday("Pacific/Kiritimati", 0, new Date("2026-03-10T10:00:00Z"))).toBe("2026-03-11");
  });

  it("follows the day start: at 02:30 a day that starts at 4 is still yesterday", () => {
    const halfPastTwo = new Date("2026-03-10T02:30:00Z");
    expect(accountToday("UTC", 4, halfPastTwo)).toBe("2026-03-09");
    expect(accountToday("UTC", 2, halfPastTwo)).toBe("2026-03-10");
    expect(accountToday("UTC", 0, new Date("2026-03-01T03:59:00Z"))).toBe("2026-03-01");
  });

  it("counts the day start on the wall clock, as the API does, across a daylight saving change", () => {
    // New York springs forward at 02:00 on 2026-03-08: at 04:30 local (08:30 UTC) four hours
    // of wall clock back is 00:30 the same day, though only three hours have passed.
    expect(accountToday("America/New_York", 4, new Date("2026-03-08T08:30:00Z"))).toBe("2026-03-08");
  });

  it("knows aliases of one zone", () => {
    expect(sameTimeZone("Asia/Calcutta", "Asia/Kolkata")).toBe(true);
    expect(sameTimeZone("UTC", "Asia/Tokyo")).toBe(false);
  });
});

describe("date arithmetic", () => {
  it("moves across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2025-12-25", "2026-01-01")).toBe(7);
    expect(isoWeekday("2026-03-09")).toBe(0);
    expect(startOfIsoWeek("2026-03-15")).toBe("2026-03-09");
  });
});

describe("the calendar's year", () => {
  it("shows 53 whole weeks ending with today's, within the API's 400 days", () => {
    const window = calendarWindow("2026-03-10");
    expect(window).toEqual({ from: "2025-03-10", to: "2026-03-10" });
    const weeks = calendarWeeks(window);
    expect(weeks).toHaveLength(53);
    expect(weeks[0].monday).toBe("2025-03-10");
    expect(weeks.at(-1)?.days).toEqual(["2026-03-09", "2026-03-10", null, null, null, null, null]);
    expect(daysBetween(window.from, window.to)).toBeLessThan(400);
  });

  it("pages back to older years and forward again up to today", () => {
    const latest = calendarWindow("2026-03-10");
    const earlier = earlierWindow(latest);
    expect(earlier?.to).toBe("2025-03-09");
    expect(laterWindow(latest, "2026-03-10")).toBeNull();
    expect(earlier && laterWindow(earlier, "2026-03-10")).toEqual(latest);
    expect(earlierWindow(calendarWindow("2000-06-01"))).toBeNull();
  });

  it("names each month over the week it begins in", () => {
    const labels = monthLabels(calendarWeeks(calendarWindow("2026-03-10")));
    expect(labels[0]).toEqual({ week: 0, label: "Mar" });
    expect(labels.map((label) => label.label)).toContain("Sep");
    expect(labels).toHaveLength(13);
  });
});
