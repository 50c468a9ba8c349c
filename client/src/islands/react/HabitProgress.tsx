import { lazy, Suspense, useState } from "react";
import { seriesFromLogs } from "../../lib/chartSeries";
import { getHabitLogs } from "../../lib/endpoints";
import type { ChartRange } from "../../lib/schemas";
import { useResource } from "./hooks";
import PartFailed from "./PartFailed";

// Recharts is the heaviest dependency: fetch it only when a chart is shown.
const ProgressChart = lazy(() => import("./ProgressChart"));

const RANGES: { value: ChartRange; label: string }[] = [
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
];

interface Props {
  habitId: string;
  /** Changes whenever the habit's days change (and with the account's day), so the chart reloads. */
  version: string;
}

function ChartPlaceholder() {
  return <div className="h-[220px] animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800" aria-hidden="true" />;
}

/** The habit's last week or month, with a Week / Month switch. */
export default function HabitProgress({ habitId, version }: Props) {
  const [range, setRange] = useState<ChartRange>("week");
  const logs = useResource(
    async ({ quiet }) => seriesFromLogs(await getHabitLogs(habitId, range, { quiet })),
    `${habitId}|${range}|${version}`,
  );

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
              className="rounded-lg px-3 py-1 text-sm font-medium text-slate-700 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm dark:text-slate-300 dark:aria-pressed:bg-slate-950 dark:aria-pressed:text-white"
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {logs.state.status === "loading" && <ChartPlaceholder />}
      {logs.state.status === "failed" && <PartFailed message="We could not load the chart." onRetry={logs.retry} />}
      {logs.state.status === "ready" && (
        <Suspense fallback={<ChartPlaceholder />}>
          <ProgressChart points={logs.state.data} range={range} />
        </Suspense>
      )}
    </section>
  );
}
