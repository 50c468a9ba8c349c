import type { DayPoint } from "../../lib/chartSeries";
import { weekdayInitials } from "../../lib/dates";

/** The last days as a row of dots: filled when the habit was done that day. */
export default function WeekDots({ points }: { points: DayPoint[] }) {
  if (points.length === 0) return null;
  const doneCount = points.filter((point) => point.logged).length;
  return (
    <ol aria-label={`Done on ${doneCount} of the last ${points.length} days`} className="flex justify-between gap-1 sm:justify-start">
      {points.map(({ date, logged }) => (
        <li key={date} className="flex flex-col items-center gap-1" title={date}>
          <span
            className={`size-3.5 rounded-full ${logged ? "bg-emerald-600 dark:bg-emerald-500" : "border border-slate-300 bg-slate-100 dark:border-slate-600 dark:bg-slate-800"}`}
          />
          <span className="text-[11px] text-slate-600 dark:text-slate-400">{weekdayInitials(date)}</span>
        </li>
      ))}
    </ol>
  );
}
