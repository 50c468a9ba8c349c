import { useCallback, useEffect, useState } from "react";
import { seriesFromOverview } from "../../lib/chartSeries";
import { listBadges, listHabits, getStatsOverview } from "../../lib/endpoints";
import type { Badge, Habit, StatsOverview } from "../../lib/schemas";
import BadgeList from "./BadgeList";
import HabitCard from "./HabitCard";
import { SproutIcon } from "./icons";
import { IslandErrorBoundary } from "./IslandErrorBoundary";
import LoadingCards from "./LoadingCards";
import NewHabitModal from "./NewHabitModal";
import { useRequireSession } from "./useRequireSession";

interface DashboardData {
  habits: Habit[];
  overview: StatsOverview;
  badges: Badge[];
}

type LoadState = { status: "loading" } | { status: "failed" } | { status: "ready"; data: DashboardData };

async function loadDashboard(): Promise<DashboardData> {
  const [habits, overview, badges] = await Promise.all([listHabits(), getStatsOverview("week"), listBadges()]);
  return { habits, overview, badges };
}

function Summary({ habits }: { habits: Habit[] }) {
  const doneToday = habits.filter((habit) => habit.loggedToday).length;
  const bestStreak = Math.max(0, ...habits.map((habit) => habit.currentStreak));
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400">
      {doneToday} of {habits.length} logged today · best current streak {bestStreak}
    </p>
  );
}

function EmptyState() {
  return (
    <div className="card flex flex-col items-center gap-2 py-12 text-center">
      <SproutIcon className="size-10 text-emerald-500" />
      <h3 className="text-lg font-semibold">No habits yet</h3>
      <p className="max-w-sm text-sm text-slate-600 dark:text-slate-400">
        Start small: press <strong>New habit</strong> above, name something you want to do daily or a few times a week,
        then log it here each day.
      </p>
    </div>
  );
}

function DashboardContent() {
  const token = useRequireSession();
  const [state, setState] = useState<LoadState>({ status: "loading" });

  const fetchData = useCallback(
    () =>
      loadDashboard()
        .then((data) => setState({ status: "ready", data }))
        .catch(() => setState({ status: "failed" })),
    [],
  );
  const retry = () => {
    setState({ status: "loading" });
    void fetchData();
  };

  useEffect(() => {
    if (token) void fetchData();
  }, [token, fetchData]);

  const updateData = (change: (data: DashboardData) => DashboardData) =>
    setState((current) => (current.status === "ready" ? { status: "ready", data: change(current.data) } : current));

  const replaceHabit = (habit: Habit) =>
    updateData((data) => ({ ...data, habits: data.habits.map((item) => (item.id === habit.id ? habit : item)) }));
  const addHabit = (habit: Habit) => updateData((data) => ({ ...data, habits: [...data.habits, habit] }));
  const refreshBadges = () =>
    listBadges()
      .then((badges) => updateData((data) => ({ ...data, badges })))
      .catch(() => undefined);

  return (
    <section aria-labelledby="dashboard-heading" className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="dashboard-heading" className="text-2xl font-bold tracking-tight">
            Your habits
          </h1>
          {state.status === "ready" && state.data.habits.length > 0 && <Summary habits={state.data.habits} />}
        </div>
        <NewHabitModal onCreated={addHabit} />
      </div>
      {state.status === "loading" && <LoadingCards />}
      {state.status === "failed" && (
        <div className="card text-center">
          <p>We could not load your habits.</p>
          <button type="button" className="btn-secondary mt-3" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {state.status === "ready" && state.data.habits.length === 0 && <EmptyState />}
      {state.status === "ready" && state.data.habits.length > 0 && (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {state.data.habits.map((habit) => (
            <HabitCard
              key={habit.id}
              habit={habit}
              lastDays={seriesFromOverview(state.data.overview, habit.id)}
              onHabitChange={(changed) => {
                // Only the server's answer raises totalLogs, and a new log can earn a badge.
                if (changed.totalLogs > habit.totalLogs) void refreshBadges();
                replaceHabit(changed);
              }}
            />
          ))}
        </div>
      )}
      {state.status === "ready" && <BadgeList badges={state.data.badges} />}
    </section>
  );
}

export default function Dashboard() {
  return (
    <IslandErrorBoundary>
      <DashboardContent />
    </IslandErrorBoundary>
  );
}
