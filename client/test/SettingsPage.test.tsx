import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import SettingsPage from "../src/islands/react/SettingsPage";
import { sessionStore } from "../src/lib/session";
import { demoUser, fakeApi, jsonResponse, NOW, problemResponse, signIn, visibleToasts } from "./helpers";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  signIn();
});

const profile = () => screen.getByRole("region", { name: "Profile" });

/** The fake API every settings test starts from: the token list the page loads, and `routes`. */
const settingsApi = (routes: Parameters<typeof fakeApi>[0] = {}) =>
  fakeApi({ "GET /auth/tokens": () => jsonResponse(200, []), ...routes });

describe("Settings: Profile", () => {
  it("shows the profile, then the account's sections", async () => {
    settingsApi();
    render(<SettingsPage />);

    expect(within(profile()).getByLabelText("Name")).toHaveValue("Demo User");
    expect(within(profile()).getByLabelText("Time zone")).toHaveValue("UTC");
    expect(within(profile()).getByLabelText("Day starts at")).toHaveValue("0");
    expect(await screen.findByRole("region", { name: "Delete account" })).toBeInTheDocument();
    expect(screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent)).toEqual([
      "Profile",
      "Password",
      "API tokens",
      "Your data",
      "Delete account",
    ]);
    expect(await screen.findByText("No tokens yet.")).toBeInTheDocument();
  });

  it("offers the zones to search, the browser's own first", async () => {
    settingsApi();
    render(<SettingsPage />);
    await screen.findByText("No tokens yet.");
    const list = document.getElementById(within(profile()).getByLabelText("Time zone").getAttribute("list") ?? "");
    const zones = [...(list?.querySelectorAll("option") ?? [])].map((option) => option.value);

    expect(zones[0]).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(zones).toEqual(expect.arrayContaining(["UTC", "Asia/Tokyo", "Europe/Paris"]));
  });

  it("saves name, zone and day start, and today moves with them", async () => {
    const api = settingsApi({
      "PATCH /auth/me": ({ body }) => jsonResponse(200, { user: { ...demoUser, ...(body as object), today: "2026-03-09" } }),
    });
    render(<SettingsPage />);
    const user = userEvent.setup();
    await user.clear(within(profile()).getByLabelText("Name"));
    await user.type(within(profile()).getByLabelText("Name"), "Night Owl");
    await user.clear(within(profile()).getByLabelText("Time zone"));
    await user.type(within(profile()).getByLabelText("Time zone"), "America/New_York");
    await user.selectOptions(within(profile()).getByLabelText("Day starts at"), "6");
    expect(within(profile()).getByText(/today is Monday,? 9 March 2026/)).toBeInTheDocument();

    await user.click(within(profile()).getByRole("button", { name: "Save profile" }));

    await vi.waitFor(() => expect(sessionStore.getState().user).toMatchObject({ name: "Night Owl", timezone: "America/New_York", dayStartHour: 6 }));
    const patch = api.mock.calls.find(([, init]) => init?.method === "PATCH");
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ name: "Night Owl", timezone: "America/New_York", dayStartHour: 6 });
    expect(visibleToasts()).toEqual([expect.objectContaining({ kind: "success", title: "Profile saved" })]);
  });

  it("refuses a zone that does not exist, at the field, without asking the server", async () => {
    const api = settingsApi();
    render(<SettingsPage />);
    const user = userEvent.setup();
    await user.clear(within(profile()).getByLabelText("Time zone"));
    await user.type(within(profile()).getByLabelText("Time zone"), "Mars/Olympus");
    await user.click(within(profile()).getByRole("button", { name: "Save profile" }));

    expect(within(profile()).getByText(/Choose a time zone from the list/)).toBeInTheDocument();
    expect(within(profile()).getByLabelText("Time zone")).toHaveAttribute("aria-invalid", "true");
    expect(api.mock.calls.filter(([, init]) => init?.method === "PATCH")).toEqual([]);
  });

  it("shows the server's messages at their fields", async () => {
    settingsApi({
      "PATCH /auth/me": () => problemResponse(422, "Unprocessable Content", "Invalid body", { errors: { name: ["must contain at least one visible character"] } }),
    });
    render(<SettingsPage />);
    const user = userEvent.setup();
    await user.clear(within(profile()).getByLabelText("Name"));
    await user.type(within(profile()).getByLabelText("Name"), " ");
    await user.click(within(profile()).getByRole("button", { name: "Save profile" }));

    expect(await within(profile()).findByText("must contain at least one visible character")).toBeInTheDocument();
    expect(within(profile()).getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(visibleToasts()).toEqual([]);
  });
});
