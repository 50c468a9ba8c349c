import dayjs from "dayjs";
import type { Badge } from "../../lib/schemas";
import { MedalIcon } from "./icons";

/** Badges the server has awarded, or a hint at how to earn the first. */
export default function BadgeList({ badges }: { badges: Badge[] }) {
  return (
    <section aria-labelledby="badges-heading" className="flex flex-col gap-3">
      <h2 id="badges-heading" className="text-lg font-semibold">
        Badges
      </h2>
      {badges.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Log a habit to earn your first badge.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {badges.map((badge) => (
            <li
              key={badge.code}
              title={badge.description}
              className="inline-flex items-center gap-1.5 rounded-full border border-amber-200 bg-amber-50 px-3 py-1 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
            >
              <MedalIcon className="size-4 text-amber-500" />
              {badge.title}
              <span className="text-xs opacity-70">{dayjs(badge.achievedAt).format("D MMM")}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
