import { lazy, Suspense, useEffect, useState } from "react";
import { seriesFromLogs, type DayPoint } from "../../lib/chartSeries";
import { getHabitLogs } from "../../lib/endpoints";
import type { ChartRange } from "../../lib/schemas";

// Recharts is the heaviest dependency: fetch it only when a chart is shown.
const ProgressChart = lazy(() => import("./ProgressChart"));

const RANGES: { value: ChartRange; label: string }[] = [
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
];

interface Props {
  habitId: string;
  /** Changes whenever the habit's logs change, so the chart reloads. */
  logsVersion: number;
}

function ChartPlaceholder() {
  return <div className="h-[220px] animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800" aria-hidden="true" />;
}

/** The habit's last week or month, with a Week / Month switch. */
export default function HabitProgress({ habitId, logsVersion }: Props) {
  const [range, setRange] = useState<ChartRange>("week");
  // null while loading; "failed" after an error (api.ts has shown the toast).
  const [points, setPoints] = useState<DayPoint[] | "failed" | null>(null);

  useEffect(() => {
    let current = true;
    getHabitLogs(habitId, range)
      .then((page) => current && setPoints(seriesFromLogs(page)))
      .catch(() => current && setPoints("failed"));
    return () => {
      current = false;
    };
  }, [habitId, range, logsVersion]);

  return (
    <section aria-labelledby="progress-heading" className="card flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="progress-heading" className="text-lg font-semibold">
          Progress
        </h2>
        <div role="group" aria-label="Chart range" className="inline-flex rounded-xl bg-slate-100 p-1 dark:bg-slate-800">
          {RANGES.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              aria-pressed={range === value}
              onClick={() => setRange(value)}
              className="rounded-lg px-3 py-1 text-sm font-medium text-slate-600 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm dark:text-slate-300 dark:aria-pressed:bg-slate-950 dark:aria-pressed:text-white"
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {points === null && <ChartPlaceholder />}
      {points === "failed" && <p className="text-sm text-slate-600 dark:text-slate-400">The chart could not be loaded.</p>}
      {Array.isArray(points) && (
        <Suspense fallback={<ChartPlaceholder />}>
          <ProgressChart points={points} range={range} />
        </Suspense>
      )}
    </section>
  );
}
