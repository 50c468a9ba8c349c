import { useRef } from "react";
import { seriesFromOverview } from "../../lib/chartSeries";
import { addDays, datesFrom, longDate } from "../../lib/dates";
import { listHabits } from "../../lib/endpoints";
import { getStatsOverview, listBadges } from "../../lib/stats";
import { fullOrder, movedList, reorderHabits, type Step } from "../../lib/order";
import type { Habit } from "../../lib/schemas";
import ArchivedHabits from "./ArchivedHabits";
import BadgeList from "./BadgeList";
import HabitCard from "./HabitCard";
import { useAccountToday, useRequireSession, useResource, useSession } from "./hooks";
import { SproutIcon } from "./icons";
import { IslandErrorBoundary } from "./IslandErrorBoundary";
import LoadingCards from "./LoadingCards";
import NewHabitModal from "./NewHabitModal";
import PartFailed from "./PartFailed";
import PauseHabits from "./PauseHabits";

/** One line, kept even while empty: nothing below moves when it fills in. */
function Summary({ habits }: { habits: Habit[] | null }) {
  const doneToday = habits?.filter((habit) => habit.loggedToday).length ?? 0;
  const skippedToday = habits?.filter((habit) => habit.todayStatus === "skipped").length ?? 0;
  const bestStreak = Math.max(0, ...(habits ?? []).map((habit) => habit.currentStreak));
  return (
    <p className="min-h-5 text-sm text-slate-700 dark:text-slate-300">
      {habits &&
        habits.length > 0 &&
        `${doneToday} of ${habits.length} done today${skippedToday > 0 ? `, ${skippedToday} skipped` : ""} · best current streak ${bestStreak}`}
    </p>
  );
}

function EmptyState() {
  return (
    <div className="card flex flex-col items-center gap-2 py-12 text-center">
      <SproutIcon className="size-10 text-emerald-600" />
      <h2 className="text-lg font-semibold">No habits yet</h2>
      <p className="max-w-sm text-sm text-slate-700 dark:text-slate-300">
        Start small: press <strong>New habit</strong> above, name something you want to do daily or a few times a week,
        then log it here each day.
      </p>
    </div>
  );
}

/**
 * The habits, their week and the badges: three parts that load, fail and
 * recover on their own. They load again when the account's day changes (a new
 * day, or another time zone in the settings).
 */
function DashboardContent() {
  const token = useRequireSession();
  const today = useAccountToday();
  const timeZone = useSession((state) => state.user?.timezone ?? "UTC");
  const dayKey = token ? today : null;
  const habits = useResource(({ quiet }) => listHabits({ quiet }), dayKey);
  const overview = useResource(({ quiet }) => getStatsOverview("week", { quiet }), dayKey);
  const badges = useResource(({ quiet }) => listBadges({ quiet }), token ? "badges" : null);

  const week = datesFrom(addDays(today, -6), today);
  const lastDays = (habitId: string) =>
    overview.state.status === "ready" ? seriesFromOverview(overview.state.data, habitId, week) : null;

  const replaceHabit = (changed: Habit, before: Habit) => {
    habits.update((list) => list.map((item) => (item.id === changed.id ? changed : item)));
    // Only the server's answer raises totalLogs, and a new log can earn a badge.
    if (changed.totalLogs > before.totalLogs) badges.retry();
  };

  // The card moves at once; the server then gets the whole order (archived habits keep their
  // places). Moves are sent one after another, and only the last one's answer is shown.
  const moves = useRef({ queue: Promise.resolve(), latest: 0 });
  const move = (id: string, step: Step) => {
    if (habits.state.status !== "ready") return;
    const before = habits.state.data;
    const moved = movedList(before, id, step);
    if (!moved) return;
    habits.update(() => moved);
    const turn = ++moves.current.latest;
    const isLatest = () => turn === moves.current.latest;
    moves.current.queue = moves.current.queue.then(async () => {
      try {
        const archived = await listHabits({ archived: true });
        const saved = await reorderHabits(fullOrder(moved, archived));
        if (isLatest()) habits.update(() => saved.filter((habit) => !habit.archived));
      } catch {
        // The toast says why; the order the server holds comes back.
        if (isLatest()) habits.update(() => before);
        habits.refresh();
      }
    });
  };

  const unarchived = (habit: Habit) => {
    habits.update((list) => [...list, habit].sort((a, b) => a.position - b.position));
    overview.refresh();
  };

  const paused = () => {
    habits.refresh();
    overview.refresh();
  };

  return (
    <section aria-labelledby="dashboard-heading" className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="dashboard-heading" className="text-2xl font-bold tracking-tight">
            Your habits
          </h1>
          <p className="min-h-5 text-sm text-slate-700 dark:text-slate-300">
            <time dateTime={today} data-account-today>
              {longDate(today)}
            </time>
            <span className="sr-only"> in {timeZone}</span>
          </p>
          <Summary habits={habits.state.status === "ready" ? habits.state.data : null} />
        </div>
        <div className="flex flex-wrap gap-2">
          {/* Drawn from the start (nothing moves when the habits arrive); the dialog lists them once loaded. */}
          <PauseHabits habits={habits.state.status === "ready" ? habits.state.data : []} today={today} onPaused={paused} />
          <NewHabitModal onCreated={(habit) => habits.update((list) => [...list, habit])} />
        </div>
      </div>
      {habits.state.status === "loading" && <LoadingCards />}
      {habits.state.status === "failed" && <PartFailed message="We could not load your habits." onRetry={habits.retry} />}
      {habits.state.status === "ready" && habits.state.data.length === 0 && <EmptyState />}
      {habits.state.status === "ready" && habits.state.data.length > 0 && (
        <>
          {overview.state.status === "failed" && (
            <PartFailed message="We could not load this week's days." onRetry={overview.retry} />
          )}
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {habits.state.data.map((habit, index, list) => (
              <HabitCard
                key={habit.id}
                habit={habit}
                lastDays={lastDays(habit.id)}
                onHabitChange={(changed) => replaceHabit(changed, habit)}
                onMove={(step) => move(habit.id, step)}
                canMove={{ up: index > 0, down: index < list.length - 1 }}
              />
            ))}
          </div>
        </>
      )}
      <ArchivedHabits onUnarchived={unarchived} />
      <section aria-labelledby="badges-heading" className="flex flex-col gap-3">
        <h2 id="badges-heading" className="text-lg font-semibold">
          Badges
        </h2>
        {badges.state.status === "loading" && <p className="min-h-8 text-sm text-slate-600 dark:text-slate-400">Loading badges…</p>}
        {badges.state.status === "failed" && <PartFailed message="We could not load your badges." onRetry={badges.retry} />}
        {badges.state.status === "ready" && <BadgeList badges={badges.state.data} timeZone={timeZone} />}
      </section>
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
