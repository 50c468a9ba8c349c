/**
 * The API's shapes under the names the client uses. Every type and validator
 * here comes from the backend's OpenAPI document (src/generated/openapi/,
 * `pnpm api-types`); nothing is written by hand.
 */
import { z } from "zod/mini";
import type {
  BadgeOut,
  BreakCreate,
  ChangePasswordRequest,
  ExportFormat as ApiExportFormat,
  CreateHabitHabitsPostData,
  Frequency as ApiFrequency,
  HabitLogOut,
  HabitLogPage,
  HabitLogPatch,
  HabitOut,
  HabitPatch,
  ImportSummaryOut,
  LogStatus as ApiLogStatus,
  OverviewOut,
  Problem as ApiProblem,
  RegisterRequest,
  ScoresOut,
  TokenCreate,
  TokenOut,
  UpdateMeRequest,
  UserOut,
} from "../generated/openapi";
import { zProblem } from "../generated/openapi/zod.gen";

export {
  zBadgeOut as badgeSchema,
  zBreakOut as breakResultSchema,
  zHabitLogOut as habitLogSchema,
  zHabitLogPage as habitLogsPageSchema,
  zHabitOut as habitSchema,
  zImportSummaryOut as importSummarySchema,
  zNewTokenOut as newTokenSchema,
  zOverviewOut as statsOverviewSchema,
  zScoresOut as scoresSchema,
  zTokenOut as tokenSchema,
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
/** POST /habits: a daily habit (target 1) or a weekly one (target 1–7). */
export type NewHabit = CreateHabitHabitsPostData["body"];
export type HabitChanges = HabitPatch;
/** A logged day's status: done, or skipped (a break that neither breaks nor lengthens a streak). */
export type LogStatus = ApiLogStatus;
/** PATCH /habits/{id}/logs/{date}: a new status, a note, or `note: null` to clear it. */
export type DayChanges = HabitLogPatch;
/** POST /habits/skip: a break over `from`..`to` for some habits (all when left out). */
export type HabitBreak = BreakCreate;
export type DayScore = ScoresOut["items"][number];
/** GET /export's formats: this app's JSON, or a Loop Habit Tracker CSV zip. */
export type ExportFormat = ApiExportFormat;
/** POST /import's answer: what it created, matched and left out. */
export type ImportSummary = ImportSummaryOut;
export type ProfileChanges = UpdateMeRequest;
export type PasswordChange = ChangePasswordRequest;
/** A personal access token as listed (never the token itself). */
export type AccessToken = TokenOut;
export type NewAccessToken = TokenCreate;
export type NewAccount = Pick<RegisterRequest, "email" | "password" | "timezone"> & { name: string };
/** A zone name the API accepts (the document lists them). */
export type TimeZoneName = NonNullable<UpdateMeRequest["timezone"]>;
/** The chart's windows of GET /habits/{id}/logs (`custom` is what from/to answers). */
export type ChartRange = Exclude<HabitLogsPage["range"], "custom">;

/** A problem+json body read leniently: a half-formed error (a proxy's 502) still reads. */
export const problemSchema = z.partial(zProblem);
export type Problem = Partial<ApiProblem>;
