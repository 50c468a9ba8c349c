import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import DeleteAccountSection from "../src/islands/react/DeleteAccountSection";
import { goTo } from "../src/lib/navigation";
import { sessionStore } from "../src/lib/session";
import { demoUser, fakeApi, problemResponse, signIn, visibleToasts } from "./helpers";

vi.mock(import("../src/lib/navigation"), async (importOriginal) => ({ ...(await importOriginal()), goTo: vi.fn() }));

beforeEach(() => signIn());

async function confirmWith(password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Confirm password"), password);
  await user.click(screen.getByRole("button", { name: "Delete my account" }));
}

describe("Delete account", () => {
  it("deletes the account with its password, signs out and opens the sign-in page", async () => {
    const api = fakeApi({ "DELETE /auth/me": () => new Response(null, { status: 204 }) });
    render(<DeleteAccountSection user={demoUser} />);

    await confirmWith("Demo123!");

    await vi.waitFor(() => expect(goTo).toHaveBeenCalledWith("/login"));
    expect(sessionStore.getState()).toMatchObject({ token: null, user: null });
    expect(JSON.parse(String(api.mock.calls[0][1]?.body))).toEqual({ password: "Demo123!" });
    expect(visibleToasts()).toEqual([expect.objectContaining({ kind: "success", title: "Account deleted" })]);
  });

  it("keeps the account and the session on a wrong password, and says so at the field", async () => {
    fakeApi({ "DELETE /auth/me": () => problemResponse(403, "Forbidden", "The password is wrong.") });
    render(<DeleteAccountSection user={demoUser} />);

    await confirmWith("not-it");

    expect(await screen.findByText("The password is wrong.")).toBeInTheDocument();
    expect(screen.getByLabelText("Confirm password")).toHaveAttribute("aria-invalid", "true");
    expect(sessionStore.getState().token).not.toBeNull();
    expect(goTo).not.toHaveBeenCalled();
  });

  it("asks for the password before asking the server", async () => {
    const api = fakeApi({});
    render(<DeleteAccountSection user={demoUser} />);

    await userEvent.click(screen.getByRole("button", { name: "Delete my account" }));

    expect(screen.getByText("Enter your password to confirm.")).toBeInTheDocument();
    expect(api).not.toHaveBeenCalled();
  });
});
