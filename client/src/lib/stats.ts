import { z } from "zod/mini";
import { requestJson } from "./api";
import type { LoadOptions } from "./endpoints";
import { badgeSchema, statsOverviewSchema, type ChartRange } from "./schemas";

/** What the dashboard shows beside the habits: the week of each, and the badges. */

export const getStatsOverview = (range: ChartRange, { quiet }: LoadOptions = {}) =>
  requestJson(`/stats/overview?range=${range}`, statsOverviewSchema, { quiet });

export const listBadges = ({ quiet }: LoadOptions = {}) =>
  requestJson("/badges", z.array(badgeSchema), { quiet });
