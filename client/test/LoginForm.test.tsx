import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LoginForm from "../src/islands/react/LoginForm";
import { API_URL } from "../src/lib/config";
import { goTo } from "../src/lib/navigation";
import { useSession } from "../src/lib/session";
import { useToasts } from "../src/lib/toasts";
import { demoUser, jsonResponse, problemResponse, stubFetch } from "./helpers";

vi.mock(import("../src/lib/navigation"), async (importOriginal) => ({ ...(await importOriginal()), goTo: vi.fn() }));

const authResponse = { accessToken: "jwt-token", tokenType: "bearer", user: demoUser };

async function fillAndSubmit(email: string, password: string, submitName = "Sign in") {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: submitName }));
  return user;
}

beforeEach(() => {
  useSession.getState().signOut();
  useToasts.setState({ toasts: [] });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("LoginForm", () => {
  it("signs in, stores the session and opens the dashboard", async () => {
    const fetchMock = stubFetch(jsonResponse(200, authResponse));
    render(<LoginForm />);

    await fillAndSubmit("demo@example.com", "Demo123!");

    await vi.waitFor(() => expect(goTo).toHaveBeenCalledWith("/dashboard", { replace: true }));
    expect(useSession.getState()).toMatchObject({ token: "jwt-token", user: demoUser });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/auth/login`);
    expect(JSON.parse(String(init?.body))).toEqual({ email: "demo@example.com", password: "Demo123!" });
  });

  it("shows the server's problem and stays on the form when the password is wrong", async () => {
    stubFetch(problemResponse(401, "Invalid credentials", "Email or password is incorrect."));
    render(<LoginForm />);

    await fillAndSubmit("demo@example.com", "wrong-password");

    await vi.waitFor(() =>
      expect(useToasts.getState().toasts).toContainEqual(
        expect.objectContaining({ title: "Invalid credentials", detail: "Email or password is incorrect." }),
      ),
    );
    expect(useSession.getState().token).toBeNull();
    expect(goTo).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  it("creates an account with the browser's time zone and shows field errors", async () => {
    const fetchMock = stubFetch(
      problemResponse(422, "Validation failed", "Invalid body", { errors: { password: ["at least 8 characters"] } }),
    );
    render(<LoginForm />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Create an account" }));
    await user.type(screen.getByLabelText("Name"), "New Person");

    await fillAndSubmit("new@example.com", "short", "Create account");

    expect(await screen.findByText("at least 8 characters")).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
    const body = JSON.parse(String(fetchMock.mock.calls[0][1]?.body));
    expect(body).toEqual({
      email: "new@example.com",
      password: "short",
      name: "New Person",
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });
});
