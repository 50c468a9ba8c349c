import type { Habit } from "../../lib/schemas";
import HabitProgress from "./HabitProgress";
import StrengthSection from "./StrengthSection";

interface Props {
  habit: Habit;
  /** Changes whenever the habit's days change (and with the account's day), so the charts reload. */
  version: string;
}

/** The habit page's two charts, below its calendar: progress (Week / Month) and strength. */
export default function HabitCharts({ habit, version }: Props) {
  return (
    <>
      <HabitProgress habitId={habit.id} version={version} />
      <StrengthSection habitId={habit.id} version={version} />
    </>
  );
}
