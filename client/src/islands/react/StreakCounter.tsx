import type { Frequency } from "../../lib/schemas";
import { FlameIcon } from "./icons";

interface Props {
  current: number;
  longest: number;
  frequency: Frequency;
}

function streakUnit(count: number, frequency: Frequency): string {
  const unit = frequency === "daily" ? "day" : "week";
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/** Current and best streak, counted in days for daily habits and ISO weeks for weekly ones. */
export default function StreakCounter({ current, longest, frequency }: Props) {
  return (
    <dl className="flex items-end gap-6">
      <div>
        <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">Current streak</dt>
        <dd className="mt-0.5 flex items-center gap-1.5 text-2xl font-bold">
          <FlameIcon className={`size-6 ${current > 0 ? "text-orange-600 dark:text-orange-400" : "text-slate-400 dark:text-slate-500"}`} />
          {streakUnit(current, frequency)}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">Longest</dt>
        <dd className="mt-0.5 text-base font-semibold text-slate-600 dark:text-slate-300">
          {streakUnit(longest, frequency)}
        </dd>
      </div>
    </dl>
  );
}
