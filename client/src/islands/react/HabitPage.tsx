import { useEffect, useState } from "react";
import { ApiError } from "../../lib/api";
import { getHabit } from "../../lib/endpoints";
import { frequencyLabel } from "../../lib/habits";
import { habitIdFromPath, ROUTES } from "../../lib/navigation";
import type { Habit } from "../../lib/schemas";
import HabitProgress from "./HabitProgress";
import { SearchIcon } from "./icons";
import { IslandErrorBoundary } from "./IslandErrorBoundary";
import LogButton from "./LogButton";
import StreakCounter from "./StreakCounter";
import { useRequireSession } from "./useRequireSession";

type LoadState = { status: "loading" } | { status: "missing" } | { status: "failed" } | { status: "ready"; habit: Habit };

function NotFound() {
  return (
    <div className="card flex flex-col items-center gap-3 py-12 text-center">
      <SearchIcon className="size-10 text-slate-400" />
      <h1 className="text-xl font-semibold">Habit not found</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">It may have been deleted, or the link is wrong.</p>
      <a href={ROUTES.dashboard} className="btn-primary">
        Back to your habits
      </a>
    </div>
  );
}

function HabitDetail({ habit, onHabitChange }: { habit: Habit; onHabitChange: (habit: Habit) => void }) {
  return (
    <div className="flex flex-col gap-6">
      <a href={ROUTES.dashboard} className="text-sm text-slate-600 hover:underline dark:text-slate-400">
        ← All habits
      </a>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{habit.title}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {frequencyLabel(habit)} · {habit.totalLogs} logged in total
            {habit.frequency === "weekly" && ` · ${habit.periodCount} of ${habit.target} this week`}
          </p>
        </div>
        <LogButton habit={habit} onHabitChange={onHabitChange} />
      </div>
      <div className="card">
        <StreakCounter current={habit.currentStreak} longest={habit.longestStreak} frequency={habit.frequency} />
      </div>
      <HabitProgress habitId={habit.id} logsVersion={habit.totalLogs} />
    </div>
  );
}

function HabitPageContent() {
  const token = useRequireSession();
  // client:only island: the address bar is there from the first render.
  const [habitId] = useState(() => habitIdFromPath(window.location.pathname));
  const [state, setState] = useState<LoadState>(habitId ? { status: "loading" } : { status: "missing" });

  useEffect(() => {
    if (!token || !habitId) return;
    getHabit(habitId)
      .then((habit) => setState({ status: "ready", habit }))
      .catch((error: unknown) => {
        const missing = error instanceof ApiError && (error.status === 404 || error.status === 422);
        setState({ status: missing ? "missing" : "failed" });
      });
  }, [token, habitId]);

  switch (state.status) {
    case "loading":
      return <p role="status" className="text-slate-500">Loading habit…</p>;
    case "missing":
      return <NotFound />;
    case "failed":
      return <p className="card text-center">We could not load this habit. Please try again.</p>;
    case "ready":
      return <HabitDetail habit={state.habit} onHabitChange={(habit) => setState({ status: "ready", habit })} />;
  }
}

export default function HabitPage() {
  return (
    <IslandErrorBoundary>
      <HabitPageContent />
    </IslandErrorBoundary>
  );
}
