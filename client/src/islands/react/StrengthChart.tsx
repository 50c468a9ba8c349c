import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { dayAndMonth, longDate } from "../../lib/dates";
import { strengthPercent } from "../../lib/habits";
import type { DayScore } from "../../lib/schemas";
import { strengthSummary } from "../../lib/strength";

const CHART_HEIGHT = 200;
const TICK_COUNT = 5;

/**
 * A few dates spread evenly, first and last included. Chosen here, not by
 * Recharts' gap rule, which measures every label in the page's layout (slow
 * on a phone for 90 days).
 */
function evenTicks(days: DayScore[]): string[] {
  if (days.length <= TICK_COUNT) return days.map((day) => day.date);
  const step = (days.length - 1) / (TICK_COUNT - 1);
  return Array.from({ length: TICK_COUNT }, (_, index) => days[Math.round(index * step)].date);
}

function ScoreTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const point = active ? (payload?.[0]?.payload as DayScore | undefined) : undefined;
  if (!point) return null;
  return (
    <div className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-md dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100">
      <p className="font-semibold">{longDate(point.date)}</p>
      <p>Strength {strengthPercent(point.score)}</p>
    </div>
  );
}

/** The habit's strength day by day, 0–100 % (Recharts, loaded with the page's other chart). */
export default function StrengthChart({ days, width }: { days: DayScore[]; width?: number }) {
  const summary = strengthSummary(days);
  return (
    <figure className="flex flex-col gap-2">
      <div role="img" aria-label={summary} className="text-sky-700 dark:text-sky-400">
        <ResponsiveContainer width={width ?? "100%"} height={CHART_HEIGHT}>
          <AreaChart data={days} margin={{ top: 8, right: 20, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeOpacity={0.15} />
            <XAxis
              dataKey="date"
              ticks={evenTicks(days)}
              interval={0}
              tickFormatter={dayAndMonth}
              tickLine={false}
              tick={{ fontSize: 11 }}
              className="fill-slate-600 dark:fill-slate-400"
            />
            <YAxis
              domain={[0, 1]}
              ticks={[0, 0.5, 1]}
              tickFormatter={(value: number) => strengthPercent(value)}
              width={40}
              tickLine={false}
              axisLine={false}
              tick={{ fontSize: 11 }}
            />
            <Tooltip cursor={{ strokeOpacity: 0.3 }} content={<ScoreTooltip />} />
            <Area type="monotone" dataKey="score" stroke="currentColor" fill="currentColor" fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      {/* The figures are in the chart's name; the caption says what it shows (no second "66%" on the page). */}
      <figcaption className="text-sm text-slate-700 dark:text-slate-300">Day by day, over the last {days.length} days</figcaption>
    </figure>
  );
}
