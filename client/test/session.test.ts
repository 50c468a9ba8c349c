import { describe, expect, it } from "vitest";
import { isSignedIn, SESSION_STORAGE_KEY, useSession } from "../src/lib/session";
import { demoUser } from "./helpers";

const stored = () => JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? "null");

describe("session store", () => {
  it("persists the token and user to localStorage", () => {
    useSession.getState().signIn("token-abc", demoUser);

    expect(stored().state).toEqual({ token: "token-abc", user: demoUser });
    expect(isSignedIn()).toBe(true);
  });

  it("restores a saved session on start", async () => {
    useSession.setState({ token: null, user: null });
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ state: { token: "saved", user: demoUser }, version: 0 }));

    await useSession.persist.rehydrate();

    expect(useSession.getState()).toMatchObject({ token: "saved", user: demoUser });
  });

  it("forgets everything on sign-out", () => {
    useSession.getState().signIn("token-abc", demoUser);

    useSession.getState().signOut();

    expect(stored().state).toEqual({ token: null, user: null });
    expect(isSignedIn()).toBe(false);
  });
});
