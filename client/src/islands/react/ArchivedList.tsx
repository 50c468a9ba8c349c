import { useId, useState } from "react";
import { listHabits, setArchived } from "../../lib/endpoints";
import { ROUTES } from "../../lib/navigation";
import type { Habit } from "../../lib/schemas";
import { showToast } from "../../lib/toasts";
import { useResource } from "./hooks";
import PartFailed from "./PartFailed";

function ArchivedRow({ habit, onUnarchived }: { habit: Habit; onUnarchived: (habit: Habit) => void }) {
  const titleId = useId();
  const [saving, setSaving] = useState(false);
  const unarchive = async () => {
    if (saving) return;
    setSaving(true);
    try {
      const back = await setArchived(habit.id, false);
      showToast({ kind: "success", title: "Habit unarchived", detail: `“${habit.title}” is back on your dashboard.` });
      onUnarchived(back);
    } catch {
      // The toast says why; the habit stays archived.
      setSaving(false);
    }
  };
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <a id={titleId} href={ROUTES.habit(habit.id)} className="min-w-0 font-semibold break-words hover:underline">
        {habit.title}
      </a>
      <button type="button" className="btn-secondary" aria-describedby={titleId} aria-disabled={saving || undefined} onClick={() => void unarchive()}>
        Unarchive
      </button>
    </li>
  );
}

/** The archived habits (GET /habits?archived=true), each with `Unarchive`. */
export default function ArchivedList({ onUnarchived }: { onUnarchived: (habit: Habit) => void }) {
  const archived = useResource(({ quiet }) => listHabits({ archived: true, quiet }), "archived");
  switch (archived.state.status) {
    case "loading":
      return <p className="text-sm text-slate-600 dark:text-slate-400">Loading archived habits…</p>;
    case "failed":
      return <PartFailed message="We could not load your archived habits." onRetry={archived.retry} />;
    case "ready":
      if (archived.state.data.length === 0) {
        return (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            No archived habits. Archive a habit from its page once you are done with it; its days are kept.
          </p>
        );
      }
      return (
        <ul className="card divide-y divide-slate-200 py-0 dark:divide-slate-800">
          {archived.state.data.map((habit) => (
            <ArchivedRow
              key={habit.id}
              habit={habit}
              onUnarchived={(back) => {
                archived.update((list) => list.filter((item) => item.id !== habit.id));
                onUnarchived(back);
              }}
            />
          ))}
        </ul>
      );
  }
}
