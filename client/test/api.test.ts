import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, requestJson, requestNoContent } from "../src/lib/api";
import { API_URL } from "../src/lib/config";
import { goTo } from "../src/lib/navigation";
import { habitSchema } from "../src/lib/schemas";
import { useSession } from "../src/lib/session";
import { useToasts } from "../src/lib/toasts";
import { dailyHabit, demoUser, jsonResponse, problemResponse, stubFetch } from "./helpers";

vi.mock(import("../src/lib/navigation"), async (importOriginal) => ({ ...(await importOriginal()), goTo: vi.fn() }));

const latestToast = () => useToasts.getState().toasts.at(-1);

beforeEach(() => {
  useSession.getState().signIn("token-123", demoUser);
  useToasts.setState({ toasts: [] });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("requestJson", () => {
  it("sends the bearer token and returns the validated body", async () => {
    const fetchMock = stubFetch(jsonResponse(200, dailyHabit));

    const habit = await requestJson(`/habits/${dailyHabit.id}`, habitSchema);

    expect(habit).toEqual(dailyHabit);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/habits/${dailyHabit.id}`);
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer token-123");
  });

  it("rejects a body that does not match the schema", async () => {
    stubFetch(jsonResponse(200, { ...dailyHabit, frequency: "hourly" }));

    await expect(requestJson("/habits/x", habitSchema)).rejects.toThrow();
  });

  it("on 401 clears the session and sends the user to /login", async () => {
    stubFetch(problemResponse(401, "Unauthorized", "Token expired"));

    await expect(requestJson("/habits", habitSchema)).rejects.toMatchObject({ status: 401 });

    expect(useSession.getState()).toMatchObject({ token: null, user: null });
    expect(goTo).toHaveBeenCalledWith("/login");
    expect(JSON.parse(localStorage.getItem("fht-session") ?? "{}").state.token).toBeNull();
  });

  it("turns a problem+json answer into an ApiError and a toast with title and detail", async () => {
    stubFetch(problemResponse(409, "Conflict", "Already logged on 2025-03-01"));

    const error = await requestJson("/habits/x/log", habitSchema, { method: "POST", body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, message: "Already logged on 2025-03-01" });
    expect(latestToast()).toMatchObject({ title: "Conflict", detail: "Already logged on 2025-03-01" });
    expect(goTo).not.toHaveBeenCalled();
  });

  it("exposes a 422's field messages", async () => {
    stubFetch(problemResponse(422, "Validation failed", "Check the fields", { errors: { title: ["must not be blank"] } }));

    const error = await requestJson("/habits", habitSchema, { method: "POST", body: {} }).catch((e: unknown) => e);

    expect((error as ApiError).fieldErrors).toEqual({ title: ["must not be blank"] });
  });

  it("reads an error that is not problem+json", async () => {
    stubFetch(new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));

    await expect(requestNoContent("/habits/x/logs/2025-03-01", { method: "DELETE" })).rejects.toMatchObject({
      status: 502,
      problem: { title: "Bad Gateway" },
    });
    expect(latestToast()?.title).toBe("Bad Gateway");
  });

  it("reports a network failure without a status", async () => {
    vi.stubGlobal("fetch", vi.fn<typeof fetch>().mockRejectedValue(new TypeError("Failed to fetch")));

    await expect(requestJson("/habits", habitSchema)).rejects.toMatchObject({ status: 0 });
    expect(latestToast()?.title).toBe("Cannot reach the server");
  });

  it("keeps quiet about statuses the caller handles itself", async () => {
    stubFetch(problemResponse(404, "Not Found", "No such habit"));

    await expect(requestJson("/habits/x", habitSchema, { quietStatuses: [404] })).rejects.toMatchObject({ status: 404 });
    expect(useToasts.getState().toasts).toEqual([]);
  });
});
