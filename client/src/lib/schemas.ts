/**
 * The API's shapes under the names the client uses. Every type and validator
 * here comes from the backend's OpenAPI document (src/generated/openapi/,
 * `pnpm api-types`); nothing is written by hand.
 */
import { z } from "zod/mini";
import type {
  BadgeOut,
  Frequency as ApiFrequency,
  HabitLogOut,
  HabitLogPage,
  HabitOut,
  HabitPatch,
  HabitWrite,
  OverviewOut,
  Problem as ApiProblem,
  UpdateMeRequest,
  UserOut,
} from "../generated/openapi";
import { zProblem } from "../generated/openapi/zod.gen";

export {
  zBadgeOut as badgeSchema,
  zHabitLogOut as habitLogSchema,
  zHabitLogPage as habitLogsPageSchema,
  zHabitOut as habitSchema,
  zOverviewOut as statsOverviewSchema,
  zTokenResponse as authResponseSchema,
  zUserEnvelope as meResponseSchema,
  zUserOut as userSchema,
} from "../generated/openapi/zod.gen";

export type User = UserOut;
export type Habit = HabitOut;
export type HabitLog = HabitLogOut;
export type HabitLogsPage = HabitLogPage;
export type StatsOverview = OverviewOut;
export type Badge = BadgeOut;
export type Frequency = ApiFrequency;
export type NewHabit = HabitWrite;
export type HabitChanges = HabitPatch;
export type ProfileChanges = UpdateMeRequest;
/** The chart's windows of GET /habits/{id}/logs (`custom` is what from/to answers). */
export type ChartRange = Exclude<HabitLogsPage["range"], "custom">;

/** A problem+json body read leniently: a half-formed error (a proxy's 502) still reads. */
export const problemSchema = z.partial(zProblem);
export type Problem = Partial<ApiProblem>;
