import type { DayPoint } from "../../lib/chartSeries";
import { frequencyLabel } from "../../lib/habits";
import { ROUTES } from "../../lib/navigation";
import type { Habit } from "../../lib/schemas";
import { CheckIcon } from "./icons";
import LogButton from "./LogButton";
import StreakCounter from "./StreakCounter";
import WeekDots from "./WeekDots";

interface Props {
  habit: Habit;
  /** The days of the week row, ending on the account's today; null while they cannot be shown. */
  lastDays: DayPoint[] | null;
  onHabitChange: (habit: Habit) => void;
}

/** Today's dot follows the log button, whatever the overview said when it loaded. */
function withToday(lastDays: DayPoint[], doneToday: boolean): DayPoint[] {
  if (lastDays.length === 0) return lastDays;
  const today: DayPoint = { ...lastDays[lastDays.length - 1], logged: doneToday ? 1 : 0 };
  return [...lastDays.slice(0, -1), today];
}

export default function HabitCard({ habit, lastDays, onHabitChange }: Props) {
  const titleId = `habit-${habit.id}-title`;
  const done = habit.loggedToday;
  return (
    <article
      aria-labelledby={titleId}
      className={`card flex min-h-64 flex-col gap-4 ${done ? "border-emerald-600 bg-emerald-50/60 dark:border-emerald-700 dark:bg-emerald-950/40" : ""}`}
    >
      <header className="flex items-start justify-between gap-3">
        <h2 id={titleId} className="text-lg leading-snug font-semibold break-words">
          <a href={ROUTES.habit(habit.id)} className="hover:text-emerald-800 hover:underline dark:hover:text-emerald-300">
            {habit.title}
          </a>
        </h2>
        <span className="shrink-0 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          {frequencyLabel(habit)}
        </span>
      </header>
      <StreakCounter current={habit.currentStreak} longest={habit.longestStreak} frequency={habit.frequency} />
      {habit.frequency === "weekly" && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {habit.periodCount} of {habit.target} this week
        </p>
      )}
      {lastDays && <WeekDots points={withToday(lastDays, done)} />}
      <div className="mt-auto flex flex-wrap items-center gap-3">
        <LogButton habit={habit} onHabitChange={onHabitChange} className="w-full sm:w-auto" />
        {done && (
          <p className="inline-flex items-center gap-1.5 text-sm font-semibold text-emerald-800 dark:text-emerald-300">
            <CheckIcon className="size-4" />
            Done today
          </p>
        )}
      </div>
    </article>
  );
}
