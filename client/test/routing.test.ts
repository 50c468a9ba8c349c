import { describe, expect, it } from "vitest";
import { HABIT_DEEP_LINK } from "../scripts/habit-deep-links.mjs";
import { habitIdFromPath } from "../src/lib/navigation";

describe("habit deep links", () => {
  it.each(["/habit/abc-123", "/habit/abc-123/", "/habit/abc-123?from=mail"])("rewrites %s to the shell page", (url) => {
    expect(HABIT_DEEP_LINK.test(url)).toBe(true);
  });

  it.each(["/habit/", "/habit", "/habits/abc", "/habit/abc/logs"])("leaves %s alone", (url) => {
    expect(HABIT_DEEP_LINK.test(url)).toBe(false);
  });

  it("reads the habit id from the address", () => {
    expect(habitIdFromPath("/habit/7d5a3b8e-1111")).toBe("7d5a3b8e-1111");
    expect(habitIdFromPath("/habit/7d5a3b8e-1111/")).toBe("7d5a3b8e-1111");
    expect(habitIdFromPath("/habit/")).toBeNull();
  });
});
