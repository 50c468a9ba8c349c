import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import PauseForm from "../src/islands/react/PauseForm";
import { dailyHabit, fakeApi, jsonResponse, problemResponse, signIn, TODAY, weeklyHabit } from "./helpers";

beforeEach(() => signIn());

const sentBreaks = (api: ReturnType<typeof fakeApi>) =>
  api.mock.calls.filter(([, init]) => init?.method === "POST").map(([, init]) => JSON.parse(String(init?.body)));

describe("PauseForm", () => {
  it("pauses every habit by default, one made after the form included", async () => {
    const api = fakeApi({ "POST /habits/skip": () => jsonResponse(201, { created: 14 }) });
    const onPaused = vi.fn();
    const { rerender } = render(<PauseForm habits={[dailyHabit]} today={TODAY} onPaused={onPaused} onCancel={() => undefined} />);
    rerender(<PauseForm habits={[dailyHabit, weeklyHabit]} today={TODAY} onPaused={onPaused} onCancel={() => undefined} />);

    expect(screen.getByRole("checkbox", { name: weeklyHabit.title })).toBeChecked();
    expect(screen.getByLabelText("To")).toHaveValue("2026-03-16");
    await userEvent.click(screen.getByRole("button", { name: "Pause" }));

    await vi.waitFor(() => expect(onPaused).toHaveBeenCalledWith(14));
    expect(sentBreaks(api)).toEqual([{ from: TODAY, to: "2026-03-16" }]);
  });

  it("sends only the habits left checked, and asks for one when none is", async () => {
    const api = fakeApi({ "POST /habits/skip": () => jsonResponse(201, { created: 7 }) });
    render(<PauseForm habits={[dailyHabit, weeklyHabit]} today={TODAY} onPaused={() => undefined} onCancel={() => undefined} />);
    const user = userEvent.setup();

    await user.click(screen.getByRole("checkbox", { name: dailyHabit.title }));
    await user.click(screen.getByRole("checkbox", { name: weeklyHabit.title }));
    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(screen.getByText("Choose at least one habit.")).toBeInTheDocument();
    expect(sentBreaks(api)).toEqual([]);

    await user.click(screen.getByRole("checkbox", { name: weeklyHabit.title }));
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await vi.waitFor(() => expect(sentBreaks(api)).toEqual([{ from: TODAY, to: "2026-03-16", habitIds: [weeklyHabit.id] }]));
  });

  it("shows the server's objection at the field", async () => {
    fakeApi({
      "POST /habits/skip": () =>
        problemResponse(422, "Unprocessable Content", "Invalid body", { errors: { "body.to": ["at most 90 days after today"] } }),
    });
    render(<PauseForm habits={[dailyHabit]} today={TODAY} onPaused={() => undefined} onCancel={() => undefined} />);

    await userEvent.click(screen.getByRole("button", { name: "Pause" }));

    expect(await screen.findByText("at most 90 days after today")).toBeInTheDocument();
    expect(screen.getByLabelText("To")).toHaveAttribute("aria-invalid", "true");
  });
});
