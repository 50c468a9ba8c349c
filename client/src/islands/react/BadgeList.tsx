import { instantDate } from "../../lib/dates";
import type { Badge } from "../../lib/schemas";
import { MedalIcon } from "./icons";

/** Badges the server has awarded, or a hint at how to earn the first. */
export default function BadgeList({ badges, timeZone }: { badges: Badge[]; timeZone: string }) {
  if (badges.length === 0) {
    return <p className="text-sm text-slate-700 dark:text-slate-300">Log a habit to earn your first badge.</p>;
  }
  return (
    <ul className="flex flex-wrap gap-2">
      {badges.map((badge) => (
        <li
          key={badge.code}
          title={badge.description}
          className="inline-flex items-center gap-1.5 rounded-full border border-amber-300 bg-amber-50 px-3 py-1 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
        >
          <MedalIcon className="size-4 text-amber-700 dark:text-amber-400" />
          {badge.title}
          <span className="text-xs">{instantDate(badge.achievedAt, timeZone)}</span>
        </li>
      ))}
    </ul>
  );
}
