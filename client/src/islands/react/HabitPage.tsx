import { lazy, Suspense, useEffect, useState } from "react";
import { ApiError } from "../../lib/api";
import { getHabit } from "../../lib/endpoints";
import { frequencyLabel, strengthPercent } from "../../lib/habits";
import { habitIdFromPath, ROUTES } from "../../lib/navigation";
import type { Habit } from "../../lib/schemas";
import ArchiveButton from "./ArchiveButton";
import HabitCalendar from "./HabitCalendar";
import { DeleteHabitButton, EditHabitButton } from "./HabitDialogs";
import { useAccountToday, useRequireSession, useResource } from "./hooks";
import { SearchIcon } from "./icons";
import { IslandErrorBoundary } from "./IslandErrorBoundary";
import PartFailed from "./PartFailed";
import StreakCounter from "./StreakCounter";
import TodayActions from "./TodayActions";

const SITE = "Habit Tracker";

// Below the calendar, and the charts' code besides: it follows the page (the JS budget).
const HabitCharts = lazy(() => import("./HabitCharts"));

function ChartsPlaceholder() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <div className="card h-80 animate-pulse" />
      <div className="card h-80 animate-pulse" />
    </div>
  );
}

function NotFound() {
  return (
    <div className="card flex flex-col items-center gap-3 py-12 text-center">
      <SearchIcon className="size-10 text-slate-500" />
      <h1 className="text-xl font-semibold">Habit not found</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">It may have been deleted, or the link is wrong.</p>
      <a href={ROUTES.dashboard} className="btn-primary">
        Back to your habits
      </a>
    </div>
  );
}

interface DetailProps {
  habit: Habit;
  today: string;
  onHabitChange: (habit: Habit) => void;
}

function HabitDetail({ habit, today, onHabitChange }: DetailProps) {
  // Whatever changes the habit's days changes its counts or today's status: the charts reload.
  const version = `${today}|${habit.totalLogs}|${habit.todayStatus}|${habit.score}|${habit.frequency}|${habit.target}`;
  return (
    <div className="flex flex-col gap-6">
      <a href={ROUTES.dashboard} className="self-start text-sm text-slate-700 hover:underline dark:text-slate-300">
        ← All habits
      </a>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-3xl font-bold tracking-tight break-words">{habit.title}</h1>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            {frequencyLabel(habit)} · {habit.totalLogs} done in total
            {habit.frequency === "weekly" && ` · ${habit.periodCount} of ${habit.target} this week`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <TodayActions habit={habit} onHabitChange={onHabitChange} />
          <EditHabitButton habit={habit} onHabitChange={onHabitChange} />
          <ArchiveButton habit={habit} onHabitChange={onHabitChange} />
          <DeleteHabitButton habit={habit} />
        </div>
      </div>
      {habit.archived && (
        <p className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50">
          Archived: this habit is off your dashboard and your stats. Its days are kept, and you can still log it here.
        </p>
      )}
      <div className="card flex flex-wrap items-end justify-between gap-6">
        <StreakCounter current={habit.currentStreak} longest={habit.longestStreak} frequency={habit.frequency} />
        <dl>
          <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">Strength</dt>
          <dd className="mt-0.5 text-2xl font-bold">{strengthPercent(habit.score)}</dd>
        </dl>
      </div>
      <HabitCalendar habit={habit} today={today} onHabitChange={onHabitChange} />
      <Suspense fallback={<ChartsPlaceholder />}>
        <HabitCharts habit={habit} version={version} />
      </Suspense>
    </div>
  );
}

/** `/habit/<id>`: one shell page for every habit, reading the id from the address. */
function HabitPageContent() {
  const token = useRequireSession();
  // client:only island: the address bar is there from the first render.
  const [habitId] = useState(() => habitIdFromPath(window.location.pathname));
  // Loaded again when the account's day changes: `loggedToday` is about today.
  const today = useAccountToday();
  const habit = useResource(({ quiet }) => getHabit(habitId ?? "", { quiet }), token && habitId ? `${habitId}|${today}` : null);
  const missing =
    !habitId ||
    (habit.state.status === "failed" &&
      habit.state.error instanceof ApiError &&
      (habit.state.error.status === 404 || habit.state.error.status === 422));

  const title = missing ? "Habit not found" : habit.state.status === "ready" ? habit.state.data.title : null;
  useEffect(() => {
    if (title) document.title = `${title} · ${SITE}`;
  }, [title]);

  if (missing) return <NotFound />;
  switch (habit.state.status) {
    case "loading":
      return (
        <p role="status" className="min-h-dvh text-slate-600 dark:text-slate-400">
          Loading habit…
        </p>
      );
    case "failed":
      return (
        <>
          <h1 className="sr-only">Habit</h1>
          <PartFailed message="We could not load this habit." onRetry={habit.retry} />
        </>
      );
    case "ready":
      return <HabitDetail habit={habit.state.data} today={today} onHabitChange={(changed) => habit.update(() => changed)} />;
  }
}

export default function HabitPage() {
  return (
    <IslandErrorBoundary>
      <HabitPageContent />
    </IslandErrorBoundary>
  );
}
