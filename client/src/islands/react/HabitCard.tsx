import { useRef } from "react";
import type { DayPoint } from "../../lib/chartSeries";
import { frequencyLabel, strengthPercent } from "../../lib/habits";
import { ROUTES } from "../../lib/navigation";
import type { Step } from "../../lib/order";
import type { Habit } from "../../lib/schemas";
import { ArrowDownIcon, ArrowUpIcon, CheckIcon, PauseIcon } from "./icons";
import StreakCounter from "./StreakCounter";
import TodayActions from "./TodayActions";
import WeekDots from "./WeekDots";

interface Props {
  habit: Habit;
  /** The days of the week row, ending on the account's today; null while they cannot be shown. */
  lastDays: DayPoint[] | null;
  onHabitChange: (habit: Habit) => void;
  /** Moves the habit one place in the user's order; `canMove` says which ways it can go. */
  onMove: (step: Step) => void;
  canMove: { up: boolean; down: boolean };
}

/** Today's dot follows the log button, whatever the overview said when it loaded. */
function withToday(lastDays: DayPoint[], doneToday: boolean): DayPoint[] {
  if (lastDays.length === 0) return lastDays;
  const today: DayPoint = { ...lastDays[lastDays.length - 1], logged: doneToday ? 1 : 0 };
  return [...lastDays.slice(0, -1), today];
}

const CARD_LOOK = {
  done: "border-emerald-600 bg-emerald-50/60 dark:border-emerald-700 dark:bg-emerald-950/40",
  skipped: "border-sky-600 bg-sky-50/60 dark:border-sky-700 dark:bg-sky-950/40",
} as const;

/**
 * `Move up` / `Move down`: never disabled (a disabled button drops the
 * focus); at an end of the list it says so and does nothing. The card
 * moves under the pointer, so the button takes the focus back once it has.
 */
function MoveButton({ step, label, enabled, titleId, onMove }: { step: Step; label: string; enabled: boolean; titleId: string; onMove: (step: Step) => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  const press = () => {
    if (!enabled) return;
    const hadFocus = document.activeElement === ref.current;
    onMove(step);
    if (hadFocus) requestAnimationFrame(() => ref.current?.focus());
  };
  const Icon = step < 0 ? ArrowUpIcon : ArrowDownIcon;
  return (
    <button
      ref={ref}
      type="button"
      aria-label={label}
      aria-describedby={titleId}
      aria-disabled={!enabled || undefined}
      title={label}
      onClick={press}
      className="inline-flex size-8 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 aria-disabled:cursor-default aria-disabled:text-slate-400 aria-disabled:hover:bg-transparent dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-disabled:text-slate-500"
    >
      <Icon className="size-4" />
    </button>
  );
}

export default function HabitCard({ habit, lastDays, onHabitChange, onMove, canMove }: Props) {
  const titleId = `habit-${habit.id}-title`;
  const status = habit.todayStatus;
  return (
    <article aria-labelledby={titleId} className={`card flex min-h-64 flex-col gap-4 ${status ? CARD_LOOK[status] : ""}`}>
      <header className="flex items-start justify-between gap-2">
        <h2 id={titleId} className="text-lg leading-snug font-semibold break-words">
          <a href={ROUTES.habit(habit.id)} className="hover:text-emerald-800 hover:underline dark:hover:text-emerald-300">
            {habit.title}
          </a>
        </h2>
        <div className="-mt-1 -mr-2 flex shrink-0">
          <MoveButton step={-1} label="Move up" enabled={canMove.up} titleId={titleId} onMove={onMove} />
          <MoveButton step={1} label="Move down" enabled={canMove.down} titleId={titleId} onMove={onMove} />
        </div>
      </header>
      <p className="-mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium dark:bg-slate-800">{frequencyLabel(habit)}</span>
        <span>
          Strength <strong className="font-semibold text-slate-900 dark:text-slate-100">{strengthPercent(habit.score)}</strong>
        </span>
      </p>
      <StreakCounter current={habit.currentStreak} longest={habit.longestStreak} frequency={habit.frequency} />
      {habit.frequency === "weekly" && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {habit.periodCount} of {habit.target} this week
        </p>
      )}
      {lastDays && <WeekDots points={withToday(lastDays, habit.loggedToday)} />}
      <div className="mt-auto flex flex-wrap items-center gap-3">
        <TodayActions habit={habit} onHabitChange={onHabitChange} className="w-full sm:w-auto" />
        {status === "done" && (
          <p className="inline-flex items-center gap-1.5 text-sm font-semibold text-emerald-800 dark:text-emerald-300">
            <CheckIcon className="size-4" />
            Done today
          </p>
        )}
        {status === "skipped" && (
          <p className="inline-flex items-center gap-1.5 text-sm font-semibold text-sky-800 dark:text-sky-300">
            <PauseIcon className="size-4" />
            Skipped today
          </p>
        )}
      </div>
    </article>
  );
}
