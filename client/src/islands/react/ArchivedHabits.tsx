import { lazy, Suspense, useId, useState } from "react";
import type { Habit } from "../../lib/schemas";
import { ChevronRightIcon } from "./icons";

// Fetched when opened: most visits never look at the archive (the page's JS budget).
const ArchivedList = lazy(() => import("./ArchivedList"));

/**
 * `Archived habits`: a disclosure that lists the habits taken off the
 * dashboard (their days are kept), each with `Unarchive`. Loaded when opened.
 */
export default function ArchivedHabits({ onUnarchived }: { onUnarchived: (habit: Habit) => void }) {
  const panelId = useId();
  const [open, setOpen] = useState(false);

  return (
    <section aria-labelledby={`${panelId}-toggle`} className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">
        <button
          id={`${panelId}-toggle`}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          className="inline-flex items-center gap-1.5 rounded-lg hover:text-emerald-800 dark:hover:text-emerald-300"
        >
          <ChevronRightIcon className={`size-4 transition-transform ${open ? "rotate-90" : ""}`} />
          Archived habits
        </button>
      </h2>
      <div id={panelId} hidden={!open}>
        {open && (
          <Suspense fallback={<p className="text-sm text-slate-600 dark:text-slate-400">Loading archived habits…</p>}>
            <ArchivedList onUnarchived={onUnarchived} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
