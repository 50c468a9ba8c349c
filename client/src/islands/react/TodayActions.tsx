import { useRef, useState } from "react";
import { getHabit, logDay, unlogDay } from "../../lib/endpoints";
import { withTodayStatus } from "../../lib/habits";
import type { Habit, LogStatus } from "../../lib/schemas";
import { useAccountToday } from "./hooks";

interface Props {
  habit: Habit;
  onHabitChange: (habit: Habit) => void;
  className?: string;
}

/**
 * `Log today` and `Skip today`, or `Undo today` once today holds either. The
 * card flips at once; the streaks and the strength then follow the server,
 * and a failure flips it back (the toast says why). The first button stays
 * the same focused element throughout: it is never disabled (a disabled
 * button drops the focus), a press while saving is ignored, and `Skip today`
 * hands the focus to it as it goes.
 */
export default function TodayActions({ habit, onHabitChange, className = "" }: Props) {
  const [saving, setSaving] = useState(false);
  const today = useAccountToday();
  const primaryRef = useRef<HTMLButtonElement>(null);
  const status = habit.todayStatus;

  const write = async (next: LogStatus | null) => {
    if (saving) return;
    setSaving(true);
    onHabitChange(withTodayStatus(habit, next));
    try {
      if (next === null) await unlogDay(habit.id, today);
      else await logDay(habit.id, today, next);
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

  const skip = () => {
    primaryRef.current?.focus();
    void write("skipped");
  };

  return (
    <div className={`flex flex-wrap gap-2 ${className}`}>
      <button
        ref={primaryRef}
        type="button"
        className={`${status ? "btn-secondary" : "btn-primary"} flex-1 sm:flex-none`}
        aria-disabled={saving || undefined}
        aria-busy={saving || undefined}
        onClick={() => void write(status ? null : "done")}
      >
        {status ? "Undo today" : "Log today"}
      </button>
      {!status && (
        <button type="button" className="btn-secondary flex-1 sm:flex-none" aria-disabled={saving || undefined} onClick={skip}>
          Skip today
        </button>
      )}
    </div>
  );
}
