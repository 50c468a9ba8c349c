import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import HabitPage from "../src/islands/react/HabitPage";
import { goTo } from "../src/lib/navigation";
import type { HabitLog } from "../src/lib/schemas";
import { dailyHabit, fakeApi, habitLog, jsonResponse, NOW, problemResponse, signIn, TODAY, visibleToasts } from "./helpers";

vi.mock(import("../src/lib/navigation"), async (importOriginal) => ({ ...(await importOriginal()), goTo: vi.fn() }));

const path = `/habits/${dailyHabit.id}`;

const scores = { items: [{ date: "2026-03-09", score: 0.5 }, { date: TODAY, score: dailyHabit.score }] };

/** The fake API of the habit page: the habit's strength, and `routes`. */
const habitApi = (routes: Parameters<typeof fakeApi>[0]) => fakeApi({ [`GET ${path}/scores`]: () => jsonResponse(200, scores), ...routes });

function logsBetween(dates: string[], logs: HabitLog[] = []) {
  return ({ url }: { url: URL }) => {
    const from = url.searchParams.get("from");
    const to = url.searchParams.get("to");
    if (from && to) {
      const items = [...dates.map((d) => habitLog(d)), ...logs].filter((log) => log.date >= from && log.date <= to);
      return jsonResponse(200, { items: items.sort((a, b) => a.date.localeCompare(b.date)), range: "custom", start: from, end: to });
    }
    return jsonResponse(200, { items: [], range: "week", start: "2026-03-04", end: TODAY });
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  window.history.replaceState(null, "", `/habit/${dailyHabit.id}`);
  signIn();
});

describe("HabitPage", () => {
  it("names the page after the habit and draws the last 12 months, one button per day", async () => {
    habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween(["2026-03-08", "2026-03-09"]),
    });
    render(<HabitPage />);

    expect(await screen.findByRole("heading", { level: 1, name: dailyHabit.title })).toBeInTheDocument();
    await vi.waitFor(() => expect(document.title).toBe(`${dailyHabit.title} · Habit Tracker`));
    expect(await screen.findByRole("button", { name: "2026-03-09: done" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "2026-03-07: not logged" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: `${TODAY}: not logged` })).toHaveAttribute("tabindex", "0");
    expect(screen.queryByRole("button", { name: /^2026-03-11/ })).not.toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /^\d{4}-\d{2}-\d{2}: / })).toHaveLength(366);
  });

  it("logs a missed day from the calendar and shows the streak the server counts", async () => {
    let habit = dailyHabit;
    const api = habitApi({
      [`GET ${path}`]: () => jsonResponse(200, habit),
      [`GET ${path}/logs`]: logsBetween(["2026-03-08"]),
      [`POST ${path}/log`]: ({ body }) => {
        habit = { ...dailyHabit, currentStreak: 2, totalLogs: 21 };
        return jsonResponse(201, habitLog((body as { date: string }).date));
      },
    });
    render(<HabitPage />);
    const missed = await screen.findByRole("button", { name: "2026-03-09: not logged" });

    missed.focus();
    await userEvent.keyboard(" ");

    expect(await screen.findByRole("button", { name: "2026-03-09: done" })).toHaveFocus();
    expect(await screen.findByText("2 days")).toBeInTheDocument();
    const posted = api.mock.calls.find(([, init]) => init?.method === "POST");
    expect(JSON.parse(String(posted?.[1]?.body))).toEqual({ date: "2026-03-09" });
  });

  it("moves through the days with the arrow keys", async () => {
    habitApi({ [`GET ${path}`]: () => jsonResponse(200, dailyHabit), [`GET ${path}/logs`]: logsBetween([]) });
    render(<HabitPage />);
    (await screen.findByRole("button", { name: `${TODAY}: not logged` })).focus();

    await userEvent.keyboard("{ArrowUp}");
    expect(screen.getByRole("button", { name: "2026-03-09: not logged" })).toHaveFocus();
    await userEvent.keyboard("{ArrowLeft}");
    expect(screen.getByRole("button", { name: "2026-03-02: not logged" })).toHaveFocus();
    await userEvent.keyboard("{End}");
    expect(screen.getByRole("button", { name: `${TODAY}: not logged` })).toHaveFocus();
  });

  it("gives a day back when the server refuses it", async () => {
    habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween(["2026-03-08"]),
      [`PATCH ${path}/logs/2026-03-08`]: () => problemResponse(429, "Too Many Requests", "Retry in 30 seconds."),
    });
    render(<HabitPage />);

    await userEvent.click(await screen.findByRole("button", { name: "2026-03-08: done" }));

    expect(await screen.findByRole("button", { name: "2026-03-08: done" })).toBeInTheDocument();
    await vi.waitFor(() => expect(visibleToasts()).toEqual([expect.objectContaining({ title: "Could not save", detail: "Retry in 30 seconds." })]));
  });

  it("edits the habit in a dialog; heading and document title follow", async () => {
    habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween([]),
      [`PATCH ${path}`]: ({ body }) => jsonResponse(200, { ...dailyHabit, ...(body as object) }),
    });
    render(<HabitPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit habit" });
    const title = await within(dialog).findByLabelText("Title");
    expect(title).toHaveValue(dailyHabit.title);

    await user.clear(title);
    await user.type(title, "Evening run");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Evening run" })).toBeInTheDocument();
    expect(document.title).toBe("Evening run · Habit Tracker");
  });

  it("deletes only after the confirmation's Delete habit, then goes to the dashboard", async () => {
    const api = habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween([]),
      [`DELETE ${path}`]: () => new Response(null, { status: 204 }),
    });
    render(<HabitPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog", { name: "Delete this habit?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(api.mock.calls.some(([, init]) => init?.method === "DELETE")).toBe(false);

    await user.click(within(dialog).getByRole("button", { name: "Delete habit" }));

    await vi.waitFor(() => expect(goTo).toHaveBeenCalledWith("/dashboard"));
    expect(visibleToasts()).toEqual([expect.objectContaining({ kind: "success", title: "Habit deleted" })]);
  });

  it("says when the habit does not exist", async () => {
    habitApi({ [`GET ${path}`]: () => problemResponse(404, "Not Found", "Habit not found") });
    render(<HabitPage />);

    expect(await screen.findByRole("heading", { name: "Habit not found" })).toBeInTheDocument();
    expect(document.title).toBe("Habit not found · Habit Tracker");
    expect(visibleToasts()).toEqual([]);
  });

  it("says when the habit could not be loaded, and tries again", async () => {
    let up = false;
    habitApi({
      [`GET ${path}`]: () => (up ? jsonResponse(200, dailyHabit) : problemResponse(503, "Service Unavailable", "Database down")),
      [`GET ${path}/logs`]: logsBetween([]),
    });
    render(<HabitPage />);
    expect(await screen.findByText("We could not load this habit.")).toBeInTheDocument();

    up = true;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));

    expect(await screen.findByRole("heading", { level: 1, name: dailyHabit.title })).toBeInTheDocument();
  });

  it("cycles a done day to skipped (PATCH) and a skipped one to not logged (DELETE)", async () => {
    const api = habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween(["2026-03-08"]),
      [`PATCH ${path}/logs/2026-03-08`]: ({ body }) => jsonResponse(200, { ...habitLog("2026-03-08"), ...(body as object) }),
      [`DELETE ${path}/logs/2026-03-08`]: () => new Response(null, { status: 204 }),
    });
    render(<HabitPage />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "2026-03-08: done" }));
    const skipped = await screen.findByRole("button", { name: "2026-03-08: skipped" });
    await vi.waitFor(() => expect(skipped).not.toHaveAttribute("aria-busy"));
    await user.click(skipped);
    expect(await screen.findByRole("button", { name: "2026-03-08: not logged" })).toBeInTheDocument();

    const writes = api.mock.calls.filter(([, init]) => init?.method === "PATCH" || init?.method === "DELETE");
    expect(writes.map(([, init]) => init?.method)).toEqual(["PATCH", "DELETE"]);
    expect(JSON.parse(String(writes[0][1]?.body))).toEqual({ status: "skipped" });
  });

  it("shows a day's note below the calendar and keeps a new one", async () => {
    const api = habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween([], [habitLog("2026-03-05", dailyHabit.id, "skipped", "Flu")]),
      [`PATCH ${path}/logs/2026-03-05`]: ({ body }) => jsonResponse(200, { ...habitLog("2026-03-05", dailyHabit.id, "skipped"), ...(body as object) }),
    });
    render(<HabitPage />);
    const user = userEvent.setup();
    const day = await screen.findByRole("button", { name: "2026-03-05: skipped" });
    expect(day).toHaveAttribute("title", expect.stringContaining("Flu"));

    day.focus();
    const note = await screen.findByLabelText("Note");
    expect(note).toHaveValue("Flu");
    await user.clear(note);
    await user.type(note, "Flu, resting");
    await user.click(screen.getByRole("button", { name: "Keep note" }));

    expect(await screen.findByText("Note kept.")).toBeInTheDocument();
    const patch = api.mock.calls.find(([, init]) => init?.method === "PATCH");
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ note: "Flu, resting" });
    expect(screen.getByRole("button", { name: "2026-03-05: skipped" })).toHaveAttribute("title", expect.stringContaining("Flu, resting"));
  });

  it("picks a day with the Day field without changing it, and says a day without a log has no note", async () => {
    habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween([], [habitLog("2026-03-02", dailyHabit.id, "done", "Personal best")]),
    });
    render(<HabitPage />);
    expect(await screen.findByText("Log or skip this day to give it a note.")).toBeInTheDocument();

    const picker = await screen.findByLabelText("Day");
    fireEvent.change(picker, { target: { value: "2026-03-02" } });

    expect(await screen.findByLabelText("Note")).toHaveValue("Personal best");
    expect(screen.getByRole("button", { name: "2026-03-02: done" })).toHaveAttribute("tabindex", "0");
  });

  it("archives the habit and brings it back with the same button", async () => {
    habitApi({
      [`GET ${path}`]: () => jsonResponse(200, dailyHabit),
      [`GET ${path}/logs`]: logsBetween([]),
      [`PATCH ${path}`]: ({ body }) => jsonResponse(200, { ...dailyHabit, ...(body as object) }),
    });
    render(<HabitPage />);
    const user = userEvent.setup();
    const archive = await screen.findByRole("button", { name: "Archive" });

    await user.click(archive);

    expect(await screen.findByText(/Archived: this habit is off your dashboard/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Unarchive" })).toBe(archive);
    await user.click(archive);
    expect(await screen.findByRole("button", { name: "Archive" })).toBe(archive);
    expect(screen.queryByText(/Archived: this habit/)).not.toBeInTheDocument();
  });

  it("shows the strength as a percentage and its chart over time", async () => {
    habitApi({ [`GET ${path}`]: () => jsonResponse(200, dailyHabit), [`GET ${path}/logs`]: logsBetween([]) });
    render(<HabitPage />);

    expect(await screen.findByText("66%")).toBeInTheDocument();
    const chart = await screen.findByRole("region", { name: "Strength over time" });
    expect(await within(chart).findByRole("img", { name: "Strength over the last 2 days: from 50% to 66%" })).toBeInTheDocument();
  });
});
