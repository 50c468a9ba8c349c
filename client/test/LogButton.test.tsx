import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LogButton from "../src/islands/react/LogButton";
import { API_URL } from "../src/lib/config";
import { localToday } from "../src/lib/dates";
import type { Habit } from "../src/lib/schemas";
import { useSession } from "../src/lib/session";
import { useToasts } from "../src/lib/toasts";
import { dailyHabit, demoUser, jsonResponse, problemResponse, stubFetch } from "./helpers";

/** Holds the habit the way a card does, recording every version it is handed. */
function LogButtonHost({ initial, seen }: { initial: Habit; seen: Habit[] }) {
  const [habit, setHabit] = useState(initial);
  return (
    <>
      <LogButton
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

let fetchMock: ReturnType<typeof stubFetch>;
let seen: Habit[];

beforeEach(() => {
  useSession.getState().signIn("token-123", demoUser);
  useToasts.setState({ toasts: [] });
  seen = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("LogButton", () => {
  it("flips at once, logs the local date, then shows the server's streak", async () => {
    const fromServer = { ...dailyHabit, loggedToday: true, periodCount: 1, currentStreak: 4, totalLogs: 21 };
    fetchMock = stubFetch(
      jsonResponse(201, { id: "log-1", habitId: dailyHabit.id, date: localToday(), createdAt: "2025-03-01T08:00:00Z" }),
      jsonResponse(200, fromServer),
    );
    render(<LogButtonHost initial={dailyHabit} seen={seen} />);

    await userEvent.click(screen.getByRole("button", { name: "Log today" }));

    expect(await screen.findByRole("button", { name: "Undo today" })).toBeEnabled();
    expect(screen.getByRole("status", { name: "streak" })).toHaveTextContent("4");
    expect(seen[0]).toMatchObject({ loggedToday: true, currentStreak: 3 });
    expect(seen.at(-1)).toEqual(fromServer);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/habits/${dailyHabit.id}/log`);
    expect(JSON.parse(String(init?.body))).toEqual({ date: localToday() });
  });

  it("rolls back and shows the problem when the server refuses (409)", async () => {
    stubFetch(problemResponse(409, "Already logged", "This habit is already logged for that day."));
    render(<LogButtonHost initial={dailyHabit} seen={seen} />);

    await userEvent.click(screen.getByRole("button", { name: "Log today" }));

    expect(await screen.findByRole("button", { name: "Log today" })).toBeEnabled();
    expect(seen.map((habit) => habit.loggedToday)).toEqual([true, false]);
    expect(useToasts.getState().toasts).toContainEqual(
      expect.objectContaining({ title: "Already logged", detail: "This habit is already logged for that day." }),
    );
  });

  it("undoes today's log with a DELETE for the local date", async () => {
    const logged = { ...dailyHabit, loggedToday: true, periodCount: 1 };
    fetchMock = stubFetch(new Response(null, { status: 204 }), jsonResponse(200, dailyHabit));
    render(<LogButtonHost initial={logged} seen={seen} />);

    await userEvent.click(screen.getByRole("button", { name: "Undo today" }));

    expect(await screen.findByRole("button", { name: "Log today" })).toBeEnabled();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/habits/${dailyHabit.id}/logs/${localToday()}`);
    expect(init?.method).toBe("DELETE");
  });
});
