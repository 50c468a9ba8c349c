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

  it("shows each habit's strength as a percentage, and says when today is skipped", async () => {
    fakeApi({
      "GET /habits": () => jsonResponse(200, [dailyHabit, { ...weeklyHabit, todayStatus: "skipped" }]),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, []),
    });
    render(<Dashboard />);

    const daily = await screen.findByRole("article", { name: dailyHabit.title });
    expect(within(daily).getByText("66%")).toBeInTheDocument();
    expect(within(daily).getByRole("button", { name: "Skip today" })).toBeInTheDocument();
    const skipped = screen.getByRole("article", { name: weeklyHabit.title });
    expect(within(skipped).getByText("Skipped today")).toBeInTheDocument();
    expect(within(skipped).getByRole("button", { name: "Undo today" })).toBeInTheDocument();
    expect(within(skipped).queryByRole("button", { name: "Skip today" })).not.toBeInTheDocument();
    expect(screen.getByText("0 of 2 done today, 1 skipped · best current streak 3")).toBeInTheDocument();
  });

  it("moves a card down at once and sends the whole order, archived habits in their places", async () => {
    const archived = { ...weeklyHabit, id: "a1b2c3d4-3333-4c2d-9e0f-123456789abc", title: "Old", archived: true, position: 1 };
    const third = { ...dailyHabit, id: "e5f6a7b8-4444-4c2d-9e0f-123456789abc", title: "Read", position: 3 };
    const active = [dailyHabit, { ...weeklyHabit, position: 2 }, third];
    const api = fakeApi({
      "GET /habits": ({ url }) => jsonResponse(200, url.searchParams.get("archived") === "true" ? [archived] : active),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, []),
      "PUT /habits/order": ({ body }) => {
        const byId = new Map([...active, archived].map((habit) => [habit.id, habit]));
        return jsonResponse(200, (body as { ids: string[] }).ids.map((id, position) => ({ ...byId.get(id), position })));
      },
    });
    render(<Dashboard />);
    const user = userEvent.setup();
    const cardTitles = () => screen.getAllByRole("article").map((card) => card.querySelector("h2")?.textContent);
    await screen.findByRole("article", { name: "Read" });
    expect(within(screen.getByRole("article", { name: dailyHabit.title })).getByRole("button", { name: "Move up" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );

    await user.click(within(screen.getByRole("article", { name: dailyHabit.title })).getByRole("button", { name: "Move down" }));

    expect(cardTitles()).toEqual([weeklyHabit.title, dailyHabit.title, "Read"]);
    await vi.waitFor(() => expect(api.mock.calls.some(([, init]) => init?.method === "PUT")).toBe(true));
    const put = api.mock.calls.find(([, init]) => init?.method === "PUT");
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({ ids: [weeklyHabit.id, archived.id, dailyHabit.id, third.id] });
    await vi.waitFor(() => expect(cardTitles()).toEqual([weeklyHabit.title, dailyHabit.title, "Read"]));
  });

  it("puts the order back when the server refuses it", async () => {
    fakeApi({
      "GET /habits": ({ url }) => jsonResponse(200, url.searchParams.get("archived") === "true" ? [] : [dailyHabit, weeklyHabit]),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, []),
      "PUT /habits/order": () => problemResponse(422, "Unprocessable Content", "The order must name every habit once."),
    });
    render(<Dashboard />);
    const card = await screen.findByRole("article", { name: weeklyHabit.title });

    await userEvent.click(within(card).getByRole("button", { name: "Move up" }));

    await vi.waitFor(() =>
      expect(visibleToasts()).toEqual([expect.objectContaining({ title: "Could not move the habit", detail: "The order must name every habit once." })]),
    );
    expect(screen.getAllByRole("article").map((item) => item.querySelector("h2")?.textContent)).toEqual([dailyHabit.title, weeklyHabit.title]);
  });

  it("pauses the habits from a dialog (From, To, Pause), then shows today's skips", async () => {
    let paused = false;
    const api = fakeApi({
      "GET /habits": () => jsonResponse(200, paused ? [{ ...dailyHabit, todayStatus: "skipped" }] : [dailyHabit]),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, []),
      "POST /habits/skip": () => {
        paused = true;
        return jsonResponse(201, { created: 3 });
      },
    });
    render(<Dashboard />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Pause habits" }));
    const dialog = await screen.findByRole("dialog", { name: "Pause habits" });
    expect(await within(dialog).findByLabelText("From")).toHaveValue(TODAY);

    await user.clear(within(dialog).getByLabelText("To"));
    await user.type(within(dialog).getByLabelText("To"), "2026-03-12");
    await user.click(within(dialog).getByRole("button", { name: "Pause" }));

    expect(await screen.findByText("Skipped today")).toBeInTheDocument();
    const posted = api.mock.calls.find(([, init]) => init?.method === "POST");
    expect(JSON.parse(String(posted?.[1]?.body))).toEqual({ from: TODAY, to: "2026-03-12" });
    expect(visibleToasts()).toEqual([expect.objectContaining({ title: "Habits paused", detail: "3 days marked as skipped." })]);
  });

  it("lists the archived habits when asked, and Unarchive puts one back in its place", async () => {
    const old = { ...weeklyHabit, title: "Old", archived: true, position: 0 };
    fakeApi({
      "GET /habits": ({ url }) => jsonResponse(200, url.searchParams.get("archived") === "true" ? [old] : [{ ...dailyHabit, position: 1 }]),
      "GET /stats/overview": () => jsonResponse(200, overview),
      "GET /badges": () => jsonResponse(200, []),
      [`PATCH /habits/${old.id}`]: ({ body }) => jsonResponse(200, { ...old, ...(body as object) }),
    });
    render(<Dashboard />);
    const user = userEvent.setup();
    const toggle = await screen.findByRole("button", { name: "Archived habits" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");

    await user.click(toggle);
    await user.click(await screen.findByRole("button", { name: "Unarchive" }));

    expect(await screen.findByRole("article", { name: "Old" })).toBeInTheDocument();
    expect(screen.getAllByRole("article").map((item) => item.querySelector("h2")?.textContent)).toEqual(["Old", dailyHabit.title]);
    expect(await screen.findByText(/No archived habits/)).toBeInTheDocument();
  });
});
