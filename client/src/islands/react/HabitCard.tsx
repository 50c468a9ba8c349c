import type { DayPoint } from "../../lib/chartSeries";
import { frequencyLabel } from "../../lib/habits";
import { ROUTES } from "../../lib/navigation";
import type { Habit } from "../../lib/schemas";
import LogButton from "./LogButton";
import StreakCounter from "./StreakCounter";
import WeekDots from "./WeekDots";

interface Props {
  habit: Habit;
  lastDays: DayPoint[];
  onHabitChange: (habit: Habit) => void;
}

/** The last day of the overview is today: keep it in step with the log button. */
function withToday(lastDays: DayPoint[], loggedToday: boolean): DayPoint[] {
  if (lastDays.length === 0) return lastDays;
  const today: DayPoint = { ...lastDays[lastDays.length - 1], logged: loggedToday ? 1 : 0 };
  return [...lastDays.slice(0, -1), today];
}

export default function HabitCard({ habit, lastDays, onHabitChange }: Props) {
  const titleId = `habit-${habit.id}-title`;
  return (
    <article aria-labelledby={titleId} className="card flex flex-col gap-4">
      <header className="flex items-start justify-between gap-3">
        <h3 id={titleId} className="text-lg font-semibold leading-snug">
          <a href={ROUTES.habit(habit.id)} className="hover:text-emerald-600 hover:underline dark:hover:text-emerald-400">
            {habit.title}
          </a>
        </h3>
        <span className="shrink-0 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          {frequencyLabel(habit)}
        </span>
      </header>
      <StreakCounter current={habit.currentStreak} longest={habit.longestStreak} frequency={habit.frequency} />
      {habit.frequency === "weekly" && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {habit.periodCount} of {habit.target} this week
        </p>
      )}
      <WeekDots points={withToday(lastDays, habit.loggedToday)} />
      <div className="mt-auto">
        <LogButton habit={habit} onHabitChange={onHabitChange} />
      </div>
    </article>
  );
}
