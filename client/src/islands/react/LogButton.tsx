import { useState } from "react";
import { getHabit, logDay, unlogDay } from "../../lib/endpoints";
import type { Habit } from "../../lib/schemas";
import { useAccountToday } from "./hooks";

interface Props {
  habit: Habit;
  onHabitChange: (habit: Habit) => void;
  className?: string;
}

function optimisticallyToggled(habit: Habit): Habit {
  const delta = habit.loggedToday ? -1 : 1;
  return { ...habit, loggedToday: !habit.loggedToday, periodCount: habit.periodCount + delta };
}

/**
 * Logs the account's today or undoes it. The button flips at once; the
 * streaks then follow the server, and a failure flips it back (the toast says
 * why). It stays the same focused button throughout: it is never disabled
 * (a disabled button drops the focus), a press while saving is ignored.
 */
export default function LogButton({ habit, onHabitChange, className = "" }: Props) {
  const [saving, setSaving] = useState(false);
  const today = useAccountToday();

  const toggle = async () => {
    if (saving) return;
    setSaving(true);
    onHabitChange(optimisticallyToggled(habit));
    try {
      if (habit.loggedToday) await unlogDay(habit.id, today);
      else await logDay(habit.id, today);
    } catch {
      onHabitChange(habit);
      setSaving(false);
      return;
    }
    try {
      onHabitChange(await getHabit(habit.id, { quiet: true }));
    } catch {
      // Saved; only the new streaks could not be read. They come with the next load.
    } finally {
      setSaving(false);
    }
  };

  const look = habit.loggedToday ? "btn-secondary" : "btn-primary";
  return (
    <button
      type="button"
      className={`${look} ${className}`}
      aria-disabled={saving || undefined}
      aria-busy={saving || undefined}
      onClick={toggle}
    >
      {habit.loggedToday ? "Undo today" : "Log today"}
    </button>
  );
}
