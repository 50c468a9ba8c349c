import { weekdayLabel } from "../../lib/dates";
import type { DayPoint } from "../../lib/chartSeries";

/** The last days as a row of dots: filled when the habit was logged that day. */
export default function WeekDots({ points }: { points: DayPoint[] }) {
  if (points.length === 0) return null;
  const loggedCount = points.filter((point) => point.logged).length;
  return (
    <ol
      aria-label={`Logged ${loggedCount} of the last ${points.length} days`}
      className="flex justify-between gap-1 sm:justify-start"
    >
      {points.map(({ date, logged }) => (
        <li key={date} className="flex flex-col items-center gap-1" title={date}>
          <span
            className={`size-3.5 rounded-full ${logged ? "bg-emerald-500" : "bg-slate-200 dark:bg-slate-700"}`}
          />
          <span className="text-[10px] text-slate-500 dark:text-slate-400">{weekdayLabel(date)}</span>
        </li>
      ))}
    </ol>
  );
}
