import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { DayPoint } from "../../lib/chartSeries";
import { dayAndMonth, dayOfMonth, longDate, weekdayShort } from "../../lib/dates";
import type { ChartRange } from "../../lib/schemas";

interface Props {
  points: DayPoint[];
  range: ChartRange;
  /** Fixed width in pixels; by default the chart fills its container. */
  width?: number;
}

const CHART_HEIGHT = 220;

interface TickProps {
  x?: number;
  y?: number;
  payload?: { value: string };
}

/** Two short lines ("Mon" over "3") so seven days fit side by side on a 375 px screen. */
function WeekTick({ x = 0, y = 0, payload }: TickProps) {
  const date = payload?.value ?? "";
  return (
    <text x={x} y={y + 12} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400">
      <tspan x={x}>{weekdayShort(date)}</tspan>
      <tspan x={x} dy={13}>
        {dayOfMonth(date)}
      </tspan>
    </text>
  );
}

function MonthTick({ x = 0, y = 0, payload }: TickProps) {
  return (
    <text x={x} y={y + 12} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400">
      {dayAndMonth(payload?.value ?? "")}
    </text>
  );
}

/** "Tuesday 3 March 2026" over "Done" or "Not done": no stray separator, readable in both themes. */
function DayTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const point = active ? (payload?.[0]?.payload as DayPoint | undefined) : undefined;
  if (!point) return null;
  return (
    <div className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-md dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100">
      <p className="font-semibold">{longDate(point.date)}</p>
      <p>{point.logged ? "Done" : "Not done"}</p>
    </div>
  );
}

/** A bar per day, full height when the habit was done that day (Recharts). */
export default function ProgressChart({ points, range, width }: Props) {
  const doneCount = points.filter((point) => point.logged).length;
  const summary = `Done on ${doneCount} of the last ${points.length} days`;
  return (
    <figure className="flex flex-col gap-2">
      <div role="img" aria-label={summary} className="text-emerald-600 dark:text-emerald-500">
        <ResponsiveContainer width={width ?? "100%"} height={CHART_HEIGHT}>
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid vertical={false} strokeOpacity={0.15} />
            <XAxis
              dataKey="date"
              tick={range === "week" ? <WeekTick /> : <MonthTick />}
              height={range === "week" ? 36 : 24}
              interval={range === "week" ? 0 : "preserveStartEnd"}
              minTickGap={range === "week" ? 0 : 24}
              tickLine={false}
            />
            <YAxis hide domain={[0, 1]} />
            <Tooltip cursor={{ fillOpacity: 0.08 }} content={<DayTooltip />} />
            <Bar dataKey="logged" fill="currentColor" radius={[6, 6, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-slate-700 dark:text-slate-300">{summary}</figcaption>
    </figure>
  );
}
