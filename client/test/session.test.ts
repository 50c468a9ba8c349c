import { describe, expect, it, vi } from "vitest";
import { requestJson } from "../src/lib/api";
import { keepSessionFresh, renewalTime, renewIfDue } from "../src/lib/renewal";
import { meResponseSchema } from "../src/lib/schemas";
import { isSignedIn, SESSION_STORAGE_KEY, sessionStore, tokenLifetime } from "../src/lib/session";
import { demoUser, fakeToken, jsonResponse, stubFetch } from "./helpers";

const stored = () => JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? "null");

describe("session store", () => {
  it("persists the token and user to localStorage", () => {
    sessionStore.getState().signIn("token-abc", demoUser);

    expect(stored().state).toEqual({ token: "token-abc", user: demoUser });
    expect(isSignedIn()).toBe(true);
  });

  it("restores a saved session on start", async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ state: { token: "saved", user: demoUser }, version: 0 }));

    await sessionStore.persist.rehydrate();

    expect(sessionStore.getState()).toMatchObject({ token: "saved", user: demoUser });
  });

  it("forgets everything on sign-out", () => {
    sessionStore.getState().signIn("token-abc", demoUser);

    sessionStore.getState().signOut();

    expect(stored().state).toEqual({ token: null, user: null });
    expect(isSignedIn()).toBe(false);
  });
});

describe("token renewal", () => {
  it("reads a JWT's lifetime and renews 5 minutes before an hour-long token expires", () => {
    const token = fakeToken(1_000_000, 1_003_600);

    expect(tokenLifetime(token)).toEqual({ issuedAt: 1_000_000, expiresAt: 1_003_600 });
    expect(renewalTime(token)).toBe(1_003_300);
    expect(tokenLifetime("not.a-jwt")).toBeNull();
  });

  it("renews a one-minute token with a quarter of its life left", () => {
    expect(renewalTime(fakeToken(1_000_000, 1_000_060))).toBe(1_000_045);
  });

  it("before a request, exchanges a token that is due for a new one, once for many callers", async () => {
    const now = Math.floor(Date.now() / 1000);
    sessionStore.getState().signIn(fakeToken(now - 3500, now + 100), demoUser);
    const fresh = fakeToken(now, now + 3600);
    const fetchMock = stubFetch(jsonResponse(200, { accessToken: fresh, tokenType: "bearer", user: { ...demoUser, name: "Renewed" } }));

    await Promise.all([renewIfDue(), renewIfDue(), renewIfDue()]);

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][0]).toMatch(/\/auth\/refresh$/);
    expect(sessionStore.getState()).toMatchObject({ token: fresh, user: { name: "Renewed" } });
  });

  it("renews a due token before a request leaves with it", async () => {
    const now = Math.floor(Date.now() / 1000);
    sessionStore.getState().signIn(fakeToken(now - 3500, now + 100), demoUser);
    const fresh = fakeToken(now, now + 3600);
    const fetchMock = stubFetch(
      jsonResponse(200, { accessToken: fresh, tokenType: "bearer", user: demoUser }),
      jsonResponse(200, { user: demoUser }),
    );
    keepSessionFresh();

    await requestJson("/auth/me", meResponseSchema);

    expect(fetchMock.mock.calls.map(([url]) => String(url).replace(/^.*:\d+/, ""))).toEqual(["/auth/refresh", "/auth/me"]);
    expect(new Headers(fetchMock.mock.calls[1][1]?.headers).get("Authorization")).toBe(`Bearer ${fresh}`);
  });

  it("leaves a token alone while it is far from expiry", async () => {
    const now = Math.floor(Date.now() / 1000);
    sessionStore.getState().signIn(fakeToken(now, now + 3600), demoUser);
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal("fetch", fetchMock);

    await renewIfDue();

    expect(fetchMock).not.toHaveBeenCalled();
  });
});
