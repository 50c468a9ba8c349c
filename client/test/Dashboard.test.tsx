import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import Dashboard from "../src/islands/react/Dashboard";
import { RETRY_INTERVAL_MS } from "../src/lib/retry";
import { dailyHabit, fakeApi, jsonResponse, NOW, problemResponse, signIn, TODAY, visibleToasts, weeklyHabit } from "./helpers";

const WEEK = ["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", TODAY];
const overview = {
  labels: WEEK,
  datasets: [{ label: dailyHabit.title, habitId: dailyHabit.id, data: [1, 1, 0, 1, 1, 1, 0] }],
};
const badge = { code: "first_log", title: "First log", description: "Logged a habit for the first time", achievedAt: "2026-03-01T08:00:00Z" };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  signIn();
});

describe("Dashboard", () => {
  it("shows the account's today, a card per habit with its week, and the badges", async () => {
    fakeApi({
      "GET /habits": () => jsonResponse(200, [dailyHabit, { ...weeklyHabit, loggedToday: true, todayStatus: "done" }]),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, [badge]),
    });
    render(<Dashboard />);

    const card = await screen.findByRole("article", { name: dailyHabit.title });
    expect(within(card).getByRole("list", { name: "Done on 5 of the last 7 days" })).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Log today" })).toBeInTheDocument();
    const done = screen.getByRole("article", { name: weeklyHabit.title });
    expect(within(done).getByText("Done today")).toBeInTheDocument();
    expect(within(done).getByRole("button", { name: "Undo today" })).toBeInTheDocument();
    expect(screen.getByText("1 of 2 done today · best current streak 3")).toBeInTheDocument();
    expect(screen.getByText(/Tuesday,? 10 March 2026/).closest("time")).toHaveAttribute("datetime", TODAY);
    expect(await screen.findByText("First log")).toBeInTheDocument();
  });

  it("shows a new habit's week at once, without reloading", async () => {
    fakeApi({
      "GET /habits": () => jsonResponse(200, [dailyHabit]),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, []),
      "POST /habits": ({ body }) => jsonResponse(201, { ...weeklyHabit, ...(body as object), totalLogs: 0, currentStreak: 0 }),
    });
    render(<Dashboard />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New habit" }));
    await user.type(await screen.findByLabelText("Title"), "Swim");
    await user.click(screen.getByRole("button", { name: "Create" }));

    const card = await screen.findByRole("article", { name: "Swim" });
    expect(within(card).getByRole("list", { name: "Done on 0 of the last 7 days" }).children).toHaveLength(7);
  });

  it("keeps the habits when the week and the badges fail, each part with its own Try again", async () => {
    let badgesUp = false;
    fakeApi({
      "GET /habits": () => jsonResponse(200, [dailyHabit]),
      "GET /stats/overview": () => problemResponse(503, "Service Unavailable", "The database is unreachable."),
      "GET /badges": () => (badgesUp ? jsonResponse(200, [badge]) : problemResponse(503, "Service Unavailable", "The database is unreachable.")),
    });
    render(<Dashboard />);

    expect(await screen.findByRole("article", { name: dailyHabit.title })).toBeInTheDocument();
    expect(await screen.findByText("We could not load this week's days.")).toBeInTheDocument();
    expect(await screen.findByText("We could not load your badges.")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Try again" })).toHaveLength(2);
    expect(visibleToasts()).toHaveLength(1);

    badgesUp = true;
    window.dispatchEvent(new Event("online"));
    expect(await screen.findByText("First log")).toBeInTheDocument();
  });

  it("retries a failed part by itself while the API is away, quietly", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    vi.setSystemTime(NOW);
    let habitsUp = false;
    fakeApi({
      "GET /habits": () => (habitsUp ? jsonResponse(200, [dailyHabit]) : problemResponse(502, "Bad Gateway", "")),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, []),
    });
    render(<Dashboard />);
    expect(await screen.findByText("We could not load your habits.")).toBeInTheDocument();

    vi.advanceTimersByTime(RETRY_INTERVAL_MS);
    await vi.waitFor(() => expect(screen.getByText("We could not load your habits.")).toBeInTheDocument());
    habitsUp = true;
    vi.advanceTimersByTime(RETRY_INTERVAL_MS);

    expect(await screen.findByRole("article", { name: dailyHabit.title })).toBeInTheDocument();
    expect(visibleToasts()).toHaveLength(1);
  });
});
