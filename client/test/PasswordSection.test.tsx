import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import PasswordSection from "../src/islands/react/PasswordSection";
import { requestJson } from "../src/lib/api";
import { goTo } from "../src/lib/navigation";
import { meResponseSchema } from "../src/lib/schemas";
import { sessionStore } from "../src/lib/session";
import { demoUser, fakeApi, fakeToken, jsonResponse, problemResponse, signIn, visibleToasts } from "./helpers";

vi.mock(import("../src/lib/navigation"), async (importOriginal) => ({ ...(await importOriginal()), goTo: vi.fn() }));

beforeEach(() => signIn());

async function change(current: string, next: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Current password"), current);
  await user.type(screen.getByLabelText("New password"), next);
  await user.click(screen.getByRole("button", { name: "Change password" }));
}

const renewedToken = () => {
  const now = Math.floor(Date.now() / 1000);
  return fakeToken(now, now + 7200);
};

describe("Password", () => {
  it("changes the password and signs in again with the new one: the user stays signed in", async () => {
    const newToken = renewedToken();
    const api = fakeApi({
      "POST /auth/password": () => new Response(null, { status: 204 }),
      "POST /auth/login": () => jsonResponse(200, { accessToken: newToken, tokenType: "bearer", user: demoUser }),
    });
    render(<PasswordSection user={demoUser} />);

    await change("Demo123!", "a-new-long-password");

    await vi.waitFor(() => expect(sessionStore.getState().token).toBe(newToken));
    const bodies = api.mock.calls.map(([, init]) => JSON.parse(String(init?.body)));
    expect(bodies).toEqual([
      { currentPassword: "Demo123!", newPassword: "a-new-long-password" },
      { email: demoUser.email, password: "a-new-long-password" },
    ]);
    expect(visibleToasts()).toEqual([expect.objectContaining({ kind: "success", title: "Password changed" })]);
    expect(screen.getByLabelText("Current password")).toHaveValue("");
    expect(goTo).not.toHaveBeenCalled();
  });

  it("keeps the session on a wrong current password (403) and says so at the field", async () => {
    const before = sessionStore.getState().token;
    fakeApi({ "POST /auth/password": () => problemResponse(403, "Forbidden", "The current password is wrong.") });
    render(<PasswordSection user={demoUser} />);

    await change("not-it", "a-new-long-password");

    expect(await screen.findByText("The current password is wrong.")).toBeInTheDocument();
    expect(screen.getByLabelText("Current password")).toHaveAttribute("aria-invalid", "true");
    expect(sessionStore.getState().token).toBe(before);
    expect(visibleToasts()).toEqual([]);
    expect(goTo).not.toHaveBeenCalled();
  });

  it("shows the server's message about the new password at its field", async () => {
    fakeApi({
      "POST /auth/password": () =>
        problemResponse(422, "Unprocessable Content", "Invalid body", { errors: { "body.newPassword": ["at most 128 characters"] } }),
    });
    render(<PasswordSection user={demoUser} />);

    await change("Demo123!", "x".repeat(129));

    expect(await screen.findByText("at most 128 characters")).toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
  });

  it("refuses a short new password without asking the server", async () => {
    const api = fakeApi({});
    render(<PasswordSection user={demoUser} />);

    await change("Demo123!", "short");

    expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
    expect(api).not.toHaveBeenCalled();
  });

  it("sends the user to sign in when the new sign-in fails after the change", async () => {
    fakeApi({
      "POST /auth/password": () => new Response(null, { status: 204 }),
      "POST /auth/login": () => problemResponse(429, "Too Many Requests", "Retry in 60 seconds."),
    });
    render(<PasswordSection user={demoUser} />);

    await change("Demo123!", "a-new-long-password");

    await vi.waitFor(() => expect(goTo).toHaveBeenCalledWith("/login"));
    expect(sessionStore.getState().token).toBeNull();
    expect(visibleToasts()).toEqual([
      expect.objectContaining({ kind: "success", title: "Password changed", detail: "Please sign in with your new password." }),
    ]);
  });

  it("does not sign out a request that meets the old token's end while the new session arrives", async () => {
    const newToken = renewedToken();
    const login: { release?: () => void } = {};
    fakeApi({
      "POST /auth/password": () => new Response(null, { status: 204 }),
      "POST /auth/login": () =>
        new Promise<Response>((resolve) => {
          login.release = () => resolve(jsonResponse(200, { accessToken: newToken, tokenType: "bearer", user: demoUser }));
        }),
      "GET /auth/me": () => problemResponse(401, "Unauthorized", "Token expired"),
    });
    render(<PasswordSection user={demoUser} />);
    await change("Demo123!", "a-new-long-password");

    // Another part of the page asks with the old token while the sign-in is under way.
    const stale = requestJson("/auth/me", meResponseSchema).catch((error: unknown) => error);
    await vi.waitFor(() => expect(login.release).toBeDefined());
    login.release?.();
    await stale;

    await vi.waitFor(() => expect(sessionStore.getState().token).toBe(newToken));
    expect(visibleToasts().map((toast) => toast.title)).toEqual(["Password changed"]);
    expect(goTo).not.toHaveBeenCalled();
  });
});
