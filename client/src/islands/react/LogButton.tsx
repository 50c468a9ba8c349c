import { useState } from "react";
import { localToday } from "../../lib/dates";
import { getHabit, logHabit, undoHabitLog } from "../../lib/endpoints";
import type { Habit } from "../../lib/schemas";

interface Props {
  habit: Habit;
  onHabitChange: (habit: Habit) => void;
}

function optimisticallyToggled(habit: Habit): Habit {
  const delta = habit.loggedToday ? -1 : 1;
  return { ...habit, loggedToday: !habit.loggedToday, periodCount: habit.periodCount + delta };
}

/**
 * Logs today (the user's local date) or undoes it. The button flips at once;
 * the streaks then follow the server, and a failure rolls the flip back
 * (api.ts shows the toast).
 */
export default function LogButton({ habit, onHabitChange }: Props) {
  const [saving, setSaving] = useState(false);

  const toggle = async () => {
    const today = localToday();
    setSaving(true);
    onHabitChange(optimisticallyToggled(habit));
    try {
      if (habit.loggedToday) await undoHabitLog(habit.id, today);
      else await logHabit(habit.id, today);
      onHabitChange(await getHabit(habit.id));
    } catch {
      onHabitChange(habit);
    } finally {
      setSaving(false);
    }
  };

  const classes = habit.loggedToday ? "btn-secondary" : "btn-primary";
  return (
    <button type="button" className={`${classes} w-full sm:w-auto`} disabled={saving} aria-busy={saving} onClick={toggle}>
      {habit.loggedToday ? "Undo today" : "Log today"}
    </button>
  );
}
