import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TodayActions from "../src/islands/react/TodayActions";
import { API_URL } from "../src/lib/config";
import type { Habit } from "../src/lib/schemas";
import { dailyHabit, demoUser, habitLog, jsonResponse, NOW, problemResponse, signIn, stubFetch, TODAY, visibleToasts } from "./helpers";

/** Holds the habit the way a card does, recording every version it is handed. */
function TodayHost({ initial, seen }: { initial: Habit; seen: Habit[] }) {
  const [habit, setHabit] = useState(initial);
  return (
    <>
      <TodayActions
        habit={habit}
        onHabitChange={(next) => {
          seen.push(next);
          setHabit(next);
        }}
      />
      <output aria-label="streak">{habit.currentStreak}</output>
    </>
  );
}

let seen: Habit[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  seen = [];
});

describe("TodayActions", () => {
  it("flips at once, logs the account's today, then shows the server's streak", async () => {
    signIn();
    const fromServer = { ...dailyHabit, loggedToday: true, todayStatus: "done" as const, periodCount: 1, currentStreak: 4, totalLogs: 21 };
    const fetchMock = stubFetch(jsonResponse(201, habitLog(TODAY)), jsonResponse(200, fromServer));
    render(<TodayHost initial={dailyHabit} seen={seen} />);

    await userEvent.click(screen.getByRole("button", { name: "Log today" }));

    expect(await screen.findByRole("status", { name: "streak" })).toHaveTextContent("4");
    expect(screen.getByRole("button", { name: "Undo today" })).not.toHaveAttribute("aria-busy");
    expect(seen[0]).toMatchObject({ loggedToday: true, todayStatus: "done", currentStreak: 3 });
    expect(seen.at(-1)).toEqual(fromServer);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/habits/${dailyHabit.id}/log`);
    expect(JSON.parse(String(init?.body))).toEqual({ date: TODAY });
  });

  it("logs the account's date when the browser is a day ahead (Tokyo account at 23:30 UTC is the next day)", async () => {
    vi.setSystemTime(new Date("2026-03-10T23:30:00Z"));
    signIn({ ...demoUser, timezone: "Asia/Tokyo" });
    const fetchMock = stubFetch(jsonResponse(201, habitLog("2026-03-11")), jsonResponse(200, dailyHabit));
    render(<TodayHost initial={dailyHabit} seen={seen} />);

    await userEvent.click(screen.getByRole("button", { name: "Log today" }));

    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body))).toEqual({ date: "2026-03-11" });
  });

  it("keeps the focus on itself while saving (it is never disabled)", async () => {
    signIn();
    stubFetch(jsonResponse(201, habitLog(TODAY)), jsonResponse(200, { ...dailyHabit, loggedToday: true, todayStatus: "done" }));
    render(<TodayHost initial={dailyHabit} seen={seen} />);
    const button = screen.getByRole("button", { name: "Log today" });
    button.focus();

    await userEvent.keyboard(" ");

    expect(button).toHaveFocus();
    expect(button).not.toBeDisabled();
    expect(await screen.findByRole("button", { name: "Undo today" })).toBe(button);
    expect(button).toHaveFocus();
  });

  it("rolls back and shows the problem when the server refuses (409)", async () => {
    signIn();
    stubFetch(problemResponse(409, "Conflict", "This habit is already logged for that day."));
    render(<TodayHost initial={dailyHabit} seen={seen} />);

    await userEvent.click(screen.getByRole("button", { name: "Log today" }));

    await vi.waitFor(() => expect(seen.map((habit) => habit.loggedToday)).toEqual([true, false]));
    expect(screen.getByRole("button", { name: "Log today" })).toBeInTheDocument();
    expect(visibleToasts()).toEqual([
      expect.objectContaining({ title: "Could not save", detail: "This habit is already logged for that day." }),
    ]);
  });

  it("undoes today's log with a DELETE for the account's date", async () => {
    signIn();
    const logged = { ...dailyHabit, loggedToday: true, todayStatus: "done" as const, periodCount: 1 };
    const fetchMock = stubFetch(new Response(null, { status: 204 }), jsonResponse(200, dailyHabit));
    render(<TodayHost initial={logged} seen={seen} />);

    await userEvent.click(screen.getByRole("button", { name: "Undo today" }));

    expect(await screen.findByRole("button", { name: "Log today" })).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/habits/${dailyHabit.id}/logs/${TODAY}`);
    expect(init?.method).toBe("DELETE");
  });

  it("skips today: the card says so, the focus moves to Undo today, and Undo today removes the skip", async () => {
    signIn();
    const skipped = { ...dailyHabit, todayStatus: "skipped" as const };
    const fetchMock = stubFetch(
      jsonResponse(201, habitLog(TODAY, dailyHabit.id, "skipped")),
      jsonResponse(200, skipped),
      new Response(null, { status: 204 }),
      jsonResponse(200, dailyHabit),
    );
    render(<TodayHost initial={dailyHabit} seen={seen} />);
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "Skip today" }));

    const undo = await screen.findByRole("button", { name: "Undo today" });
    expect(undo).toHaveFocus();
    expect(screen.queryByRole("button", { name: "Skip today" })).not.toBeInTheDocument();
    expect(seen[0]).toMatchObject({ todayStatus: "skipped", loggedToday: false, periodCount: 0 });
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body))).toEqual({ date: TODAY, status: "skipped" });
    await vi.waitFor(() => expect(undo).not.toHaveAttribute("aria-busy"));

    await user.click(undo);

    expect(await screen.findByRole("button", { name: "Skip today" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Log today" })).toBe(undo);
    expect(fetchMock.mock.calls[2][1]?.method).toBe("DELETE");
  });
});
