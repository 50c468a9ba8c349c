// zod/mini: the tree-shakable build, to keep the dashboard inside its JS budget.
import { z } from "zod/mini";

/** Response shapes from CONTRACT.md §2, checked at the edge so islands can trust them. */

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  avatarUrl: z.nullable(z.string()),
  timezone: z.string(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const authResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  user: userSchema,
});

export const meResponseSchema = z.object({ user: userSchema });

const frequencySchema = z.enum(["daily", "weekly"]);
export type Frequency = z.infer<typeof frequencySchema>;

export const habitSchema = z.object({
  id: z.string(),
  title: z.string(),
  frequency: frequencySchema,
  target: z.int(),
  createdAt: z.string(),
  currentStreak: z.int(),
  longestStreak: z.int(),
  totalLogs: z.int(),
  loggedToday: z.boolean(),
  periodCount: z.int(),
});
export type Habit = z.infer<typeof habitSchema>;

export const habitListSchema = z.array(habitSchema);

export const habitLogSchema = z.object({
  id: z.string(),
  habitId: z.string(),
  date: isoDate,
  createdAt: z.string(),
});

const chartRangeSchema = z.enum(["week", "month"]);
export type ChartRange = z.infer<typeof chartRangeSchema>;

export const habitLogsPageSchema = z.object({
  items: z.array(habitLogSchema),
  range: chartRangeSchema,
  start: isoDate,
  end: isoDate,
});
export type HabitLogsPage = z.infer<typeof habitLogsPageSchema>;

export const statsOverviewSchema = z.object({
  labels: z.array(isoDate),
  datasets: z.array(
    z.object({
      label: z.string(),
      habitId: z.string(),
      data: z.array(z.number()),
    }),
  ),
});
export type StatsOverview = z.infer<typeof statsOverviewSchema>;

const badgeSchema = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  achievedAt: z.string(),
});
export type Badge = z.infer<typeof badgeSchema>;

export const badgeListSchema = z.array(badgeSchema);

/** RFC 7807 body; every field optional so a half-formed error still reads. */
export const problemSchema = z.object({
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: z.optional(z.nullable(z.string())),
  instance: z.optional(z.string()),
  errors: z.optional(z.record(z.string(), z.array(z.string()))),
});
export type Problem = z.infer<typeof problemSchema>;
