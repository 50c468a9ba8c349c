import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TokensSection from "../src/islands/react/TokensSection";
import { fakeApi, jsonResponse, NOW, problemResponse, signIn, visibleToasts } from "./helpers";

const listed = {
  id: "9a0b1c2d-3333-4c2d-9e0f-123456789abc",
  name: "Home Assistant",
  createdAt: "2026-02-01T10:00:00Z",
  expiresAt: null,
  lastUsedAt: "2026-03-09T21:15:00Z",
};
const SECRET = `fht_${"a".repeat(43)}`;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  signIn();
});

const tokenList = () => screen.getByRole("list", { name: "Your tokens" });

describe("API tokens", () => {
  it("lists each token with its dates and a Revoke button", async () => {
    fakeApi({ "GET /auth/tokens": () => jsonResponse(200, [listed]) });
    render(<TokensSection timeZone="UTC" />);

    const row = (await screen.findByText("Home Assistant")).closest("li") as HTMLElement;
    expect(row).toHaveTextContent("Created 1 Feb 2026 · Never expires · Last used 9 Mar 2026");
    const revoke = within(row).getByRole("button", { name: "Revoke" });
    expect(revoke).toHaveAccessibleDescription("Home Assistant");
  });

  it("creates a token and shows it once, with Copy", async () => {
    const api = fakeApi({
      "GET /auth/tokens": () => jsonResponse(200, []),
      "POST /auth/tokens": ({ body }) =>
        jsonResponse(201, { ...listed, ...(body as object), expiresAt: "2026-04-09T09:30:00Z", lastUsedAt: null, token: SECRET }),
    });
    render(<TokensSection timeZone="UTC" />);
    const user = userEvent.setup();
    await screen.findByText("No tokens yet.");

    await user.type(screen.getByLabelText("Token name"), "Cron job");
    await user.selectOptions(screen.getByLabelText("Expires"), "30");
    await user.click(screen.getByRole("button", { name: "Create token" }));

    const copy = await screen.findByRole("button", { name: "Copy" });
    expect(copy).toHaveFocus();
    expect(screen.getByLabelText("New token")).toHaveValue(SECRET);
    const posted = api.mock.calls.find(([, init]) => init?.method === "POST");
    expect(JSON.parse(String(posted?.[1]?.body))).toEqual({ name: "Cron job", expiresInDays: 30 });
    expect(within(tokenList()).getByText("Cron job")).toBeInTheDocument();
    expect(tokenList()).not.toHaveTextContent(SECRET);

    await user.click(copy);
    // user-event's clipboard stands in for the browser's.
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(await screen.findByText("Copied to the clipboard.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Token name")).toHaveFocus();
  });

  it("revokes a token: it leaves the list", async () => {
    const api = fakeApi({
      "GET /auth/tokens": () => jsonResponse(200, [listed]),
      "DELETE /auth/tokens/{id}": () => new Response(null, { status: 204 }),
    });
    render(<TokensSection timeZone="UTC" />);

    await userEvent.click(await screen.findByRole("button", { name: "Revoke" }));

    await vi.waitFor(() => expect(screen.queryByText("Home Assistant")).not.toBeInTheDocument());
    expect(screen.getByText("No tokens yet.")).toBeInTheDocument();
    const deleted = api.mock.calls.find(([, init]) => init?.method === "DELETE");
    expect(String(deleted?.[0])).toMatch(new RegExp(`/auth/tokens/${listed.id}$`));
    expect(visibleToasts()).toEqual([expect.objectContaining({ kind: "success", title: "Token revoked" })]);
  });

  it("asks for a name before asking the server", async () => {
    const api = fakeApi({ "GET /auth/tokens": () => jsonResponse(200, []) });
    render(<TokensSection timeZone="UTC" />);
    await screen.findByText("No tokens yet.");

    await userEvent.click(screen.getByRole("button", { name: "Create token" }));

    expect(screen.getByLabelText("Token name")).toHaveAttribute("aria-invalid", "true");
    expect(api.mock.calls.filter(([, init]) => init?.method === "POST")).toEqual([]);
  });

  it("says when the list could not be loaded, and still creates tokens", async () => {
    fakeApi({
      "GET /auth/tokens": () => problemResponse(503, "Service Unavailable", "Database down"),
      "POST /auth/tokens": () => jsonResponse(201, { ...listed, token: SECRET }),
    });
    render(<TokensSection timeZone="UTC" />);

    expect(await screen.findByText("We could not load your tokens.")).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Token name"), "Home Assistant");
    await userEvent.click(screen.getByRole("button", { name: "Create token" }));
    expect(await screen.findByDisplayValue(SECRET)).toBeInTheDocument();
  });
});
