import { z } from "zod/mini";
import { requestJson } from "./api";
import { habitSchema, type Habit } from "./schemas";

/** One place earlier (-1) or later (+1) in the user's order. */
export type Step = -1 | 1;

/** The dashboard's habits with `id` one place up or down; null when it is already at that end. */
export function movedList(habits: Habit[], id: string, step: Step): Habit[] | null {
  const from = habits.findIndex((habit) => habit.id === id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= habits.length) return null;
  const moved = [...habits];
  [moved[from], moved[to]] = [moved[to], moved[from]];
  return moved;
}

/**
 * The order PUT /habits/order needs, every habit once: `active` as the
 * dashboard now shows it, with the archived habits keeping the places they
 * hold among them (an unarchived habit comes back where it was).
 */
export function fullOrder(active: Habit[], archived: Habit[]): string[] {
  const places = [...active, ...archived].sort((a, b) => a.position - b.position);
  const activeIds = active.map((habit) => habit.id);
  let next = 0;
  return places.map((habit) => (habit.archived ? habit.id : activeIds[next++]));
}

export const reorderHabits = (ids: string[]) =>
  requestJson("/habits/order", z.array(habitSchema), {
    method: "PUT",
    body: { ids },
    failureTitle: "Could not move the habit",
  });
