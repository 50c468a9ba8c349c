import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import NewHabitModal from "../src/islands/react/NewHabitModal";
import type { Habit } from "../src/lib/schemas";
import { fakeApi, jsonResponse, problemResponse, signIn, weeklyHabit } from "./helpers";

async function openDialog() {
  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "New habit" }));
  const dialog = await screen.findByRole("dialog", { name: "New habit" });
  await within(dialog).findByLabelText("Title");
  return { user, dialog };
}

describe("NewHabitModal", () => {
  it("creates a weekly habit with its target", async () => {
    signIn();
    const api = fakeApi({ "POST /habits": ({ body }) => jsonResponse(201, { ...weeklyHabit, ...(body as object) }) });
    const created: Habit[] = [];
    render(<NewHabitModal onCreated={(habit) => created.push(habit)} />);
    const { user, dialog } = await openDialog();

    await user.type(within(dialog).getByLabelText("Title"), "Swim");
    await user.selectOptions(within(dialog).getByLabelText("Frequency"), "weekly");
    await user.clear(within(dialog).getByLabelText("Target"));
    await user.type(within(dialog).getByLabelText("Target"), "2");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));

    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(JSON.parse(String(api.mock.calls[0][1]?.body))).toEqual({ title: "Swim", frequency: "weekly", target: 2 });
    expect(dialog).not.toHaveAttribute("open");
  });

  it("counts characters as the server does: an emoji is one", async () => {
    render(<NewHabitModal onCreated={() => undefined} />);
    const { user, dialog } = await openDialog();

    await user.type(within(dialog).getByLabelText("Title"), "🏃".repeat(3) + "  ");

    expect(within(dialog).getByText("3 of 100 characters")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Title")).not.toHaveAttribute("maxlength");
  });

  it("shows the server's messages at their fields, and starts clean when reopened", async () => {
    signIn();
    fakeApi({
      "POST /habits": () =>
        problemResponse(422, "Unprocessable Content", "Invalid body", { errors: { title: ["must contain at least one visible character"] } }),
    });
    render(<NewHabitModal onCreated={() => undefined} />);
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText("Title"), "\u200b");
    await user.selectOptions(within(dialog).getByLabelText("Frequency"), "weekly");
    await user.click(within(dialog).getByRole("button", { name: "Create" }));

    expect(await within(dialog).findByText("must contain at least one visible character")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await user.click(screen.getByRole("button", { name: "New habit" }));
    expect(within(dialog).getByLabelText("Title")).toHaveValue("");
    expect(within(dialog).getByLabelText("Frequency")).toHaveValue("daily");
    expect(within(dialog).queryByText("must contain at least one visible character")).not.toBeInTheDocument();
  });
});
