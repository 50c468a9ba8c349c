import { describe, expect, it } from "vitest";
import { breakProblems } from "../src/lib/breaks";
import { DAY_CYCLE, strengthPercent, withTodayStatus } from "../src/lib/habits";
import { fullOrder, movedList } from "../src/lib/order";
import type { Habit } from "../src/lib/schemas";
import { strengthSummary } from "../src/lib/strength";
import { dailyHabit, TODAY } from "./helpers";

const habit = (id: string, position: number, archived = false): Habit => ({ ...dailyHabit, id, title: id, position, archived });

describe("the user's order", () => {
  const [a, b, c] = [habit("a", 0), habit("b", 2), habit("c", 3)];

  it("moves a habit one place up or down, and not past either end", () => {
    expect(movedList([a, b, c], "b", -1)?.map((item) => item.id)).toEqual(["b", "a", "c"]);
    expect(movedList([a, b, c], "b", 1)?.map((item) => item.id)).toEqual(["a", "c", "b"]);
    expect(movedList([a, b, c], "a", -1)).toBeNull();
    expect(movedList([a, b, c], "c", 1)).toBeNull();
    expect(movedList([a, b, c], "x", 1)).toBeNull();
  });

  it("sends every habit once, the archived ones keeping their places among the others", () => {
    const archived = [habit("z", 1, true), habit("y", 5, true)];
    expect(fullOrder([b, a, c], archived)).toEqual(["b", "z", "a", "c", "y"]);
    expect(fullOrder([a, b, c], [])).toEqual(["a", "b", "c"]);
  });
});

describe("a break", () => {
  it("is checked as the API checks it: order, length, how far ahead", () => {
    expect(breakProblems(TODAY, "2026-03-16", TODAY)).toEqual({});
    expect(breakProblems("2026-03-16", TODAY, TODAY).to).toEqual(["The last day cannot come before the first."]);
    expect(breakProblems(TODAY, "2026-06-07", TODAY)).toEqual({});
    expect(breakProblems(TODAY, "2026-06-08", TODAY).to?.[0]).toMatch(/at most 90 days/);
    expect(breakProblems("2026-05-01", "2026-06-09", TODAY).to?.[0]).toMatch(/planned at most 90 days ahead/);
    expect(breakProblems("1999-12-31", "2000-01-02", TODAY).from?.[0]).toMatch(/before 1 January 2000/);
    expect(breakProblems("", TODAY, TODAY).from).toBeDefined();
  });
});

describe("days and strength", () => {
  it("cycles a day not logged → done → skipped → not logged", () => {
    expect([DAY_CYCLE.none, DAY_CYCLE.done, DAY_CYCLE.skipped]).toEqual(["done", "skipped", "none"]);
  });

  it("counts today's done day in the period, never a skipped one", () => {
    const done = withTodayStatus(dailyHabit, "done");
    expect(done).toMatchObject({ todayStatus: "done", loggedToday: true, periodCount: 1 });
    expect(withTodayStatus(done, "skipped")).toMatchObject({ todayStatus: "skipped", loggedToday: false, periodCount: 0 });
    expect(withTodayStatus(done, null)).toMatchObject({ todayStatus: null, loggedToday: false, periodCount: 0 });
  });

  it("reads a strength as a percentage", () => {
    expect(strengthPercent(0.655747)).toBe("66%");
    expect(strengthPercent(0)).toBe("0%");
    expect(strengthPercent(1)).toBe("100%");
    expect(strengthSummary([{ date: "2026-03-09", score: 0.051922 }, { date: TODAY, score: 0.655747 }])).toBe(
      "Strength over the last 2 days: from 5% to 66%",
    );
  });
});
