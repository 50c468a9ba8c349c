import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from "react";
import {
  calendarWeeks,
  calendarWindow,
  earlierWindow,
  laterWindow,
  monthLabels,
  type CalendarWindow,
} from "../../lib/calendar";
import { addDays, longDate, weekdayShort, type IsoDate } from "../../lib/dates";
import { getHabit, getHabitLogsBetween, logDay, unlogDay, updateDay } from "../../lib/endpoints";
import { DAY_CYCLE, DAY_STATE_LABEL, withTodayStatus, type DayState } from "../../lib/habits";
import type { Habit, HabitLogsPage } from "../../lib/schemas";
import type { Day } from "./DayPanel";
import { useResource } from "./hooks";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";
import PartFailed from "./PartFailed";

interface Props {
  habit: Habit;
  today: IsoDate;
  onHabitChange: (habit: Habit) => void;
}

/** The logged days of the window: status and note by date (a day not in it is not logged). */
type LoggedDays = Map<IsoDate, Day>;

// The note editor follows the grid (the page's JS budget): the grid is what people come for.
const DayPanel = lazy(() => import("./DayPanel"));

function loggedDays(page: HabitLogsPage): LoggedDays {
  return new Map(page.items.map((log) => [log.date, { state: log.status, note: log.note }]));
}

const CELL_LOOK: Record<DayState, string> = {
  done: "bg-emerald-600 border-emerald-700 dark:bg-emerald-500 dark:border-emerald-400",
  skipped: "bg-sky-200 border-sky-600 dark:bg-sky-900 dark:border-sky-400",
  none: "bg-slate-100 border-slate-300 dark:bg-slate-800 dark:border-slate-600",
};

/** A small dot in the corner of a day that has a note. */
const NOTE_MARK =
  "after:absolute after:-top-0.5 after:-right-0.5 after:size-2 after:rounded-full after:border after:border-white after:bg-amber-500 dark:after:border-slate-900";

/** Keys that move the focus through the grid, in days: columns are weeks, rows weekdays. */
const MOVES: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 };

/**
 * The last 12 months as a GitHub-style year grid: a button per day, named
 * `YYYY-MM-DD: done`, `…: skipped` or `…: not logged`. Activating one cycles
 * it not logged → done → skipped → not logged (a missed day is fixed here);
 * the arrow keys move between days, and the whole grid is one stop for the
 * Tab key. `Earlier` reaches older years. The day last pressed or focused
 * shows below the grid with its note, to read and change.
 */
export default function HabitCalendar({ habit, today, onHabitChange }: Props) {
  const [view, setView] = useState<CalendarWindow>(() => calendarWindow(today));
  const logs = useResource(
    async ({ quiet }) => loggedDays(await getHabitLogsBetween(habit.id, view.from, view.to, { quiet })),
    `${habit.id}|${view.from}|${view.to}`,
  );
  const [pending, setPending] = useState<Set<IsoDate>>(new Set());
  const [focusDate, setFocusDate] = useState<IsoDate>(today);
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);

  // The account's day moved on (midnight, or another time zone): follow it when showing the latest year.
  const [shownToday, setShownToday] = useState(today);
  if (shownToday !== today) {
    setShownToday(today);
    if (view.to === shownToday) setView(calendarWindow(today));
  }

  const logged = logs.state.status === "ready" ? logs.state.data : null;
  const setDay = (date: IsoDate, day: Day | null) =>
    logs.update((map) => {
      const next = new Map(map);
      if (day) next.set(date, day);
      else next.delete(date);
      return next;
    });

  // The newest weeks are at the right end: show them first on a narrow screen.
  const ready = logged !== null;
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller && ready) scroller.scrollLeft = scroller.scrollWidth;
  }, [ready, view.from]);

  const dayOf = (date: IsoDate): Day | null => {
    // Today follows the buttons above (Log today, Skip today), whatever this grid loaded.
    if (date === today) return habit.todayStatus ? { state: habit.todayStatus, note: logged?.get(date)?.note ?? null } : null;
    return logged?.get(date) ?? null;
  };

  const toggle = async (date: IsoDate) => {
    if (!logged || pending.has(date)) return;
    const before = dayOf(date);
    const after = DAY_CYCLE[before?.state ?? "none"];
    const afterDay = after === "none" ? null : { state: after, note: before?.note ?? null };
    // Today's cell and the buttons above show the same thing: both change at once.
    const flipHabit = (day: Day | null) => date === today && onHabitChange(withTodayStatus(habit, day?.state ?? null));
    setPending((set) => new Set(set).add(date));
    setFocusDate(date);
    setDay(date, afterDay);
    flipHabit(afterDay);
    try {
      if (after === "done") await logDay(habit.id, date);
      else if (after === "skipped") await updateDay(habit.id, date, { status: "skipped" });
      else await unlogDay(habit.id, date);
      // The streaks and totals, as the server now counts them.
      const saved = await getHabit(habit.id, { quiet: true }).catch(() => null);
      if (saved) onHabitChange(saved);
    } catch {
      // Not saved (the toast says why): the day shows what it was.
      setDay(date, before);
      flipHabit(before);
    } finally {
      setPending((set) => {
        const next = new Set(set);
        next.delete(date);
        return next;
      });
    }
  };

  const weeks = calendarWeeks(view);
  const labels = monthLabels(weeks);
  const inWindow = (date: IsoDate) => date >= view.from && date <= view.to;
  const tabStop = inWindow(focusDate) ? focusDate : view.to;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[event.key];
    const target =
      move !== undefined ? addDays(tabStop, move) : event.key === "Home" ? view.from : event.key === "End" ? view.to : null;
    if (!target) return;
    event.preventDefault();
    if (!inWindow(target)) return;
    setFocusDate(target);
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-date="${target}"]`)?.focus();
  };

  const earlier = earlierWindow(view);
  const later = laterWindow(view, today);
  const heading = view.to === today ? "Last 12 months" : `12 months to ${longDate(view.to)}`;

  return (
    <section aria-labelledby="calendar-heading" className="card flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="calendar-heading" className="text-lg font-semibold">
          {heading}
        </h2>
        <div className="flex gap-2">
          <button type="button" className="btn-secondary px-3 py-1.5" disabled={!earlier} onClick={() => earlier && setView(earlier)}>
            <ChevronLeftIcon className="size-4" />
            Earlier
          </button>
          <button type="button" className="btn-secondary px-3 py-1.5" disabled={!later} onClick={() => later && setView(later)}>
            Later
            <ChevronRightIcon className="size-4" />
          </button>
        </div>
      </div>
      {logs.state.status === "failed" && <PartFailed message="We could not load the calendar." onRetry={logs.retry} />}
      {logs.state.status === "loading" && (
        <div role="status" aria-label="Loading the calendar" className="h-[12.5rem] animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800" />
      )}
      {logged && (
        <div ref={scrollerRef} className="flex overflow-x-auto pb-2">
          {/* The weekday names stay in view while the weeks scroll under them. */}
          <div className="sticky left-0 z-10 grid shrink-0 grid-flow-col grid-rows-[1rem_repeat(7,1.125rem)] gap-1.5 bg-white pr-1 dark:bg-slate-900">
            <span aria-hidden="true" className="h-4" />
            {[0, 1, 2, 3, 4, 5, 6].map((weekday) => (
              <span key={weekday} aria-hidden="true" className="pr-1 text-right text-[11px] leading-[1.125rem] text-slate-600 dark:text-slate-400">
                {weekday % 2 === 0 ? weekdayShort(addDays(weeks[0].monday, weekday)) : ""}
              </span>
            ))}
          </div>
          <div
            ref={gridRef}
            role="group"
            aria-label={heading}
            onKeyDown={onKeyDown}
            className="grid shrink-0 grid-flow-col grid-rows-[1rem_repeat(7,1.125rem)] gap-1.5"
          >
            {weeks.map(({ monday, days }, week) => [
              <span key={`${monday}-month`} aria-hidden="true" className="h-4 w-[1.125rem] overflow-visible text-[11px] leading-4 whitespace-nowrap text-slate-600 dark:text-slate-400">
                {labels.find((label) => label.week === week)?.label ?? ""}
              </span>,
              ...days.map((date, weekday) => {
                if (!date) return <span key={`${monday}-${weekday}`} aria-hidden="true" className="size-[1.125rem]" />;
                const day = dayOf(date);
                const state = day?.state ?? "none";
                const name = `${date}: ${DAY_STATE_LABEL[state]}`;
                return (
                  <button
                    key={date}
                    type="button"
                    data-date={date}
                    aria-label={name}
                    title={`${longDate(date)}: ${DAY_STATE_LABEL[state]}${day?.note ? ` — ${day.note}` : ""}`}
                    tabIndex={date === tabStop ? 0 : -1}
                    aria-busy={pending.has(date) || undefined}
                    onFocus={() => setFocusDate(date)}
                    onClick={() => void toggle(date)}
                    className={`relative size-[1.125rem] rounded border ${CELL_LOOK[state]} ${date === today ? "ring-2 ring-slate-900 ring-offset-1 dark:ring-white dark:ring-offset-slate-900" : ""} ${day?.note ? NOTE_MARK : ""} hover:brightness-90`}
                  />
                );
              }),
            ])}
          </div>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-4 text-xs text-slate-700 dark:text-slate-300" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className={`size-3 rounded-sm border ${CELL_LOOK.done}`} /> Done
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className={`size-3 rounded-sm border ${CELL_LOOK.skipped}`} /> Skipped
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className={`size-3 rounded-sm border ${CELL_LOOK.none}`} /> Not logged
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className={`relative size-3 rounded-sm border ${CELL_LOOK.none} ${NOTE_MARK}`} /> Has a note
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="size-3 rounded-sm border border-slate-400 ring-2 ring-slate-900 dark:ring-white" /> Today
        </span>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Press a day to mark it done, press again to mark it skipped (a break that keeps your streak), and once more to clear it.
      </p>
      {logged && (
        <Suspense fallback={<div className="h-40 rounded-xl border border-slate-200 dark:border-slate-700" aria-hidden="true" />}>
          <DayPanel
          habitId={habit.id}
          date={tabStop}
          day={dayOf(tabStop)}
          window={view}
          onSelect={setFocusDate}
          onNoteSaved={(date, note) => {
            const day = dayOf(date);
              if (day) setDay(date, { ...day, note });
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
