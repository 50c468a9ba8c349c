import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import LoginForm from "../src/islands/react/LoginForm";
import { API_URL } from "../src/lib/config";
import { goTo } from "../src/lib/navigation";
import { sessionStore } from "../src/lib/session";
import { demoUser, jsonResponse, problemResponse, stubFetch, visibleToasts } from "./helpers";

vi.mock(import("../src/lib/navigation"), async (importOriginal) => ({ ...(await importOriginal()), goTo: vi.fn() }));

const authResponse = { accessToken: "jwt-token", tokenType: "bearer", user: demoUser };

async function fillAndSubmit(email: string, password: string, submitName = "Sign in") {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: submitName }));
  return user;
}

async function switchToCreateAccount() {
  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Create an account" }));
  await user.type(screen.getByLabelText("Name"), "New Person");
}

describe("LoginForm", () => {
  it("signs in, stores the session and opens the dashboard", async () => {
    const fetchMock = stubFetch(jsonResponse(200, authResponse));
    render(<LoginForm />);

    await fillAndSubmit("demo@example.com", "Demo123!");

    await vi.waitFor(() => expect(goTo).toHaveBeenCalledWith("/dashboard", { replace: true }));
    expect(sessionStore.getState()).toMatchObject({ token: "jwt-token", user: demoUser });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/auth/login`);
    expect(JSON.parse(String(init?.body))).toEqual({ email: "demo@example.com", password: "Demo123!" });
  });

  it("shows the server's problem and stays on the form when the password is wrong", async () => {
    stubFetch(problemResponse(401, "Unauthorized", "Email or password is incorrect."));
    render(<LoginForm />);

    await fillAndSubmit("demo@example.com", "wrong-password");

    await vi.waitFor(() =>
      expect(visibleToasts()).toEqual([expect.objectContaining({ title: "Could not sign in", detail: "Email or password is incorrect." })]),
    );
    expect(sessionStore.getState().token).toBeNull();
    expect(goTo).not.toHaveBeenCalled();
  });

  it("creates an account in the browser's time zone and shows field errors at their fields", async () => {
    const fetchMock = stubFetch(
      problemResponse(422, "Unprocessable Content", "Invalid body", { errors: { password: ["at least 8 characters"] } }),
    );
    render(<LoginForm />);
    await switchToCreateAccount();

    await fillAndSubmit("new@example.com", "short", "Create account");

    expect(await screen.findByText("at least 8 characters")).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
    expect(visibleToasts()).toEqual([]);
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body))).toEqual({
      email: "new@example.com",
      password: "short",
      name: "New Person",
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });

  it("says at the Email field that the address is taken (409)", async () => {
    stubFetch(problemResponse(409, "Conflict", "Email already exists"));
    render(<LoginForm />);
    await switchToCreateAccount();

    await fillAndSubmit("demo@example.com", "a-long-password", "Create account");

    expect(await screen.findByText("Email already exists")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(visibleToasts()).toEqual([]);
  });

  it("starts the account in UTC when the API does not know the browser's zone", async () => {
    const fetchMock = stubFetch(
      problemResponse(422, "Unprocessable Content", "Invalid body", { errors: { timezone: ["not a tz database zone"] } }),
      jsonResponse(201, authResponse),
    );
    render(<LoginForm />);
    await switchToCreateAccount();

    await fillAndSubmit("new@example.com", "a-long-password", "Create account");

    await vi.waitFor(() => expect(sessionStore.getState().token).toBe("jwt-token"));
    expect(JSON.parse(String(fetchMock.mock.calls[1][1]?.body))).not.toHaveProperty("timezone");
  });
});
