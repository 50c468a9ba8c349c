import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import ProgressChart from "../src/islands/react/ProgressChart";
import { seriesFromLogs, seriesFromOverview } from "../src/lib/chartSeries";
import type { HabitLogsPage, StatsOverview } from "../src/lib/schemas";
import { dailyHabit, habitLog } from "./helpers";

const HABIT_ID = dailyHabit.id;
const WEEK = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"];

const logsPage: HabitLogsPage = {
  range: "week",
  start: "2026-03-01",
  end: "2026-03-07",
  items: ["2026-03-02", "2026-03-03", "2026-03-06"].map((date) => habitLog(date)),
};

const overview: StatsOverview = {
  labels: WEEK,
  datasets: [
    { label: "Stretch", habitId: "0b8d6f5e-2222-4c2d-9e0f-123456789abc", data: [1, 1, 1, 1, 1, 1, 1] },
    { label: "Morning run", habitId: HABIT_ID, data: [0, 1, 1, 0, 0, 1, 0] },
  ],
};

const renderedBars = (container: HTMLElement) => container.querySelectorAll(".recharts-bar-rectangle path");

describe("ProgressChart", () => {
  it("renders a week of bars from the habit logs shape, weekday over day number", () => {
    const { container } = render(<ProgressChart points={seriesFromLogs(logsPage)} range="week" width={600} />);

    expect(screen.getByRole("img", { name: "Done on 3 of the last 7 days" })).toBeInTheDocument();
    expect(renderedBars(container)).toHaveLength(3);
    expect(screen.getByText("Mon")).toBeInTheDocument();
    expect(screen.getByText("2")).toBeInTheDocument();
  });

  it("renders the same days from the /stats/overview shape", () => {
    const { container } = render(<ProgressChart points={seriesFromOverview(overview, HABIT_ID, WEEK)} range="week" width={600} />);

    expect(screen.getByRole("img", { name: "Done on 3 of the last 7 days" })).toBeInTheDocument();
    expect(renderedBars(container)).toHaveLength(3);
  });
});

describe("chart series", () => {
  it("fills every day of the logs range, done or not", () => {
    expect(seriesFromLogs(logsPage).map((point) => point.logged)).toEqual([0, 1, 1, 0, 0, 1, 0]);
  });

  it("agrees with the overview for the same habit", () => {
    expect(seriesFromOverview(overview, HABIT_ID, WEEK)).toEqual(seriesFromLogs(logsPage));
  });

  it("gives a habit the overview does not know yet (just created) its week of empty days", () => {
    expect(seriesFromOverview(overview, "ffffffff-2222-4c2d-9e0f-123456789abc", WEEK)).toEqual(
      WEEK.map((date) => ({ date, logged: 0 })),
    );
    expect(seriesFromOverview(null, HABIT_ID, WEEK)).toHaveLength(7);
  });
});
