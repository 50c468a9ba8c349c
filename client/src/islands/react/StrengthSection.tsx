import { lazy, Suspense } from "react";
import { getScores } from "../../lib/strength";
import { useResource } from "./hooks";
import PartFailed from "./PartFailed";

// Recharts is the heaviest dependency: fetched only when a chart is shown (shared with the progress chart).
const StrengthChart = lazy(() => import("./StrengthChart"));

interface Props {
  habitId: string;
  /** Changes whenever the habit's days change (and with the account's day), so the chart reloads. */
  version: string;
}

function ChartPlaceholder() {
  return <div className="h-[200px] animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800" aria-hidden="true" />;
}

/**
 * Strength, Loop Habit Tracker's habit score: it grows with each done day and
 * fades slowly with each missed one, so one missed day never sends it to zero.
 */
export default function StrengthSection({ habitId, version }: Props) {
  const scores = useResource(({ quiet }) => getScores(habitId, { quiet }), `${habitId}|${version}`);
  return (
    <section aria-labelledby="strength-heading" className="card flex flex-col gap-4">
      <h2 id="strength-heading" className="text-lg font-semibold">
        Strength over time
      </h2>
      <p className="max-w-prose text-sm text-slate-700 dark:text-slate-300">
        It grows with every done day and fades slowly with a missed one, so one bad day never sends it back to zero. A skipped
        day leaves it as it was.
      </p>
      {scores.state.status === "loading" && <ChartPlaceholder />}
      {scores.state.status === "failed" && <PartFailed message="We could not load the strength chart." onRetry={scores.retry} />}
      {scores.state.status === "ready" && (
        <Suspense fallback={<ChartPlaceholder />}>
          <StrengthChart days={scores.state.data.items} />
        </Suspense>
      )}
    </section>
  );
}
