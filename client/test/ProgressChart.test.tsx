import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import ProgressChart from "../src/islands/react/ProgressChart";
import { seriesFromLogs, seriesFromOverview } from "../src/lib/chartSeries";
import type { HabitLogsPage, StatsOverview } from "../src/lib/schemas";

const HABIT_ID = "7d5a3b8e-1111-4c2d-9e0f-123456789abc";

const logsPage: HabitLogsPage = {
  range: "week",
  start: "2025-03-01",
  end: "2025-03-07",
  items: ["2025-03-02", "2025-03-03", "2025-03-06"].map((date, index) => ({
    id: `log-${index}`,
    habitId: HABIT_ID,
    date,
    createdAt: `${date}T08:00:00Z`,
  })),
};

const overview: StatsOverview = {
  labels: ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"],
  datasets: [
    { label: "Stretch", habitId: "other", data: [1, 1, 1, 1, 1, 1, 1] },
    { label: "Morning run", habitId: HABIT_ID, data: [0, 1, 1, 0, 0, 1, 0] },
  ],
};

const renderedBars = (container: HTMLElement) => container.querySelectorAll(".recharts-bar-rectangle path");

describe("ProgressChart", () => {
  it("renders a week of bars from the habit logs shape", () => {
    const { container } = render(<ProgressChart points={seriesFromLogs(logsPage)} range="week" width={600} />);

    expect(screen.getByRole("img", { name: "Logged on 3 of the last 7 days" })).toBeInTheDocument();
    expect(renderedBars(container)).toHaveLength(3);
    expect(screen.getByText("Sun 2")).toBeInTheDocument();
  });

  it("renders the same days from the /stats/overview shape", () => {
    const { container } = render(
      <ProgressChart points={seriesFromOverview(overview, HABIT_ID)} range="week" width={600} />,
    );

    expect(screen.getByRole("img", { name: "Logged on 3 of the last 7 days" })).toBeInTheDocument();
    expect(renderedBars(container)).toHaveLength(3);
  });
});

describe("chart series", () => {
  it("fills every day of the logs range, logged or not", () => {
    expect(seriesFromLogs(logsPage).map((point) => point.logged)).toEqual([0, 1, 1, 0, 0, 1, 0]);
  });

  it("agrees with the overview for the same habit", () => {
    expect(seriesFromOverview(overview, HABIT_ID)).toEqual(seriesFromLogs(logsPage));
  });

  it("has no points for a habit missing from the overview", () => {
    expect(seriesFromOverview(overview, "unknown")).toEqual([]);
  });
});
