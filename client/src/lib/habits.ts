import type { Habit } from "./schemas";

/** "Daily" or "Weekly · 3× a week". */
export function frequencyLabel(habit: Pick<Habit, "frequency" | "target">): string {
  return habit.frequency === "daily" ? "Daily" : `Weekly · ${habit.target}× a week`;
}
