import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DayPoint } from "../../lib/chartSeries";
import { shortDayLabel } from "../../lib/dates";
import type { ChartRange } from "../../lib/schemas";

interface Props {
  points: DayPoint[];
  range: ChartRange;
  /** Fixed width in pixels; by default the chart fills its container. */
  width?: number;
}

const CHART_HEIGHT = 220;
// slate-400: readable on the light and the dark card alike.
const AXIS_COLOR = "#94a3b8";

/** A bar per day, full height when the habit was logged that day (Recharts). */
export default function ProgressChart({ points, range, width }: Props) {
  const loggedCount = points.filter((point) => point.logged).length;
  return (
    <figure className="flex flex-col gap-2">
      <div role="img" aria-label={`Logged on ${loggedCount} of the last ${points.length} days`} className="text-emerald-500">
        <ResponsiveContainer width={width ?? "100%"} height={CHART_HEIGHT}>
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -28 }}>
            <CartesianGrid vertical={false} strokeOpacity={0.15} />
            <XAxis
              dataKey="date"
              tickFormatter={(date: string) => shortDayLabel(date, range)}
              tick={{ fontSize: 11, fill: AXIS_COLOR }}
              interval={range === "week" ? 0 : "preserveStartEnd"}
              tickLine={false}
            />
            <YAxis domain={[0, 1]} ticks={[0, 1]} tick={false} axisLine={false} />
            <Tooltip
              cursor={{ fillOpacity: 0.08 }}
              labelFormatter={(date) => shortDayLabel(String(date), "month")}
              formatter={(value) => [Number(value) ? "Logged" : "Not logged", ""]}
            />
            <Bar dataKey="logged" fill="currentColor" radius={[6, 6, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-slate-600 dark:text-slate-400">
        Logged on {loggedCount} of the last {points.length} days
      </figcaption>
    </figure>
  );
}
