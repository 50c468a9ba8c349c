import { useState } from "react";
import { setArchived } from "../../lib/endpoints";
import type { Habit } from "../../lib/schemas";
import { showToast } from "../../lib/toasts";

/**
 * `Archive` / `Unarchive`: takes the habit off the dashboard and the stats
 * (its days are kept) or brings it back. The same button throughout, so the
 * focus stays on it.
 */
export default function ArchiveButton({ habit, onHabitChange }: { habit: Habit; onHabitChange: (habit: Habit) => void }) {
  const [saving, setSaving] = useState(false);
  const toggle = async () => {
    if (saving) return;
    setSaving(true);
    try {
      const saved = await setArchived(habit.id, !habit.archived);
      onHabitChange(saved);
      showToast(
        saved.archived
          ? { kind: "success", title: "Habit archived", detail: "It is off your dashboard; its days are kept." }
          : { kind: "success", title: "Habit unarchived", detail: "It is back on your dashboard." },
      );
    } catch {
      // The toast says why.
    } finally {
      setSaving(false);
    }
  };
  return (
    <button type="button" className="btn-secondary" aria-disabled={saving || undefined} onClick={() => void toggle()}>
      {habit.archived ? "Unarchive" : "Archive"}
    </button>
  );
}
