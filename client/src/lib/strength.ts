import { requestJson } from "./api";
import type { LoadOptions } from "./endpoints";
import { strengthPercent } from "./habits";
import { scoresSchema, type DayScore } from "./schemas";

/** The habit's strength on each of the 90 days ending today (GET /habits/{id}/scores). */
export const getScores = (habitId: string, { quiet }: LoadOptions = {}) =>
  requestJson(`/habits/${encodeURIComponent(habitId)}/scores`, scoresSchema, { quiet });

/** What the strength chart says to a screen reader: "Strength over the last 90 days: from 12% to 66%". */
export function strengthSummary(days: DayScore[]): string {
  if (days.length === 0) return "No strength yet";
  const first = days[0].score;
  const last = days[days.length - 1].score;
  return `Strength over the last ${days.length} days: from ${strengthPercent(first)} to ${strengthPercent(last)}`;
}
