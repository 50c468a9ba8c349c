import { describe, expect, it, vi } from "vitest";
import { ApiError, requestJson, requestNoContent } from "../src/lib/api";
import { API_URL } from "../src/lib/config";
import { goTo } from "../src/lib/navigation";
import { habitSchema } from "../src/lib/schemas";
import { sessionStore } from "../src/lib/session";
import { dailyHabit, demoUser, jsonResponse, problemResponse, signIn, stubFetch, visibleToasts } from "./helpers";

vi.mock(import("../src/lib/navigation"), async (importOriginal) => ({ ...(await importOriginal()), goTo: vi.fn() }));

describe("requestJson", () => {
  it("sends the bearer token and returns the body, validated by the generated schema", async () => {
    signIn();
    const fetchMock = stubFetch(jsonResponse(200, dailyHabit));

    const habit = await requestJson(`/habits/${dailyHabit.id}`, habitSchema);

    expect(habit).toEqual(dailyHabit);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_URL}/habits/${dailyHabit.id}`);
    expect(new Headers(init?.headers).get("Authorization")).toBe(`Bearer ${sessionStore.getState().token}`);
  });

  it("rejects a body that does not match the API's document", async () => {
    signIn();
    stubFetch(jsonResponse(200, { ...dailyHabit, frequency: "hourly" }));

    await expect(requestJson("/habits/x", habitSchema)).rejects.toThrow();
  });

  it("on 401 ends the session once, with one toast, however many requests found out", async () => {
    signIn();
    const fetchMock = vi.fn<typeof fetch>(async () => problemResponse(401, "Unauthorized", "Token expired"));
    vi.stubGlobal("fetch", fetchMock);

    const results = await Promise.allSettled([
      requestJson("/habits", habitSchema),
      requestJson("/badges", habitSchema),
      requestJson("/stats/overview", habitSchema),
    ]);

    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(sessionStore.getState()).toMatchObject({ token: null, user: null });
    expect(goTo).toHaveBeenCalledTimes(1);
    expect(goTo).toHaveBeenCalledWith("/login");
    expect(visibleToasts()).toEqual([expect.objectContaining({ title: "Session ended", detail: "Please sign in again." })]);
  });

  it("shows a human title and the problem's detail", async () => {
    signIn();
    stubFetch(problemResponse(409, "Conflict", "Already logged on 2026-03-01"));

    const error = await requestJson("/habits/x/log", habitSchema, { method: "POST", body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, message: "Already logged on 2026-03-01" });
    expect(visibleToasts()).toEqual([expect.objectContaining({ title: "Could not save", detail: "Already logged on 2026-03-01" })]);
  });

  it("leaves a 422's field messages to the form when it shows them", async () => {
    signIn();
    stubFetch(problemResponse(422, "Unprocessable Content", "Check the fields", { errors: { title: ["must not be blank"] } }));

    const error = await requestJson("/habits", habitSchema, { method: "POST", body: {}, showsFieldErrors: true }).catch(
      (e: unknown) => e,
    );

    expect((error as ApiError).fieldErrors).toEqual({ title: ["must not be blank"] });
    expect(visibleToasts()).toEqual([]);
  });

  it("reads an error that is not problem+json", async () => {
    signIn();
    stubFetch(new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));

    await expect(requestNoContent("/habits/x/logs/2026-03-01", { method: "DELETE" })).rejects.toMatchObject({ status: 502 });
    expect(visibleToasts()).toEqual([
      expect.objectContaining({ title: "Could not delete", detail: "The server had a problem. Please try again in a moment." }),
    ]);
  });

  it("an outage that fails every request of a page shows one toast", async () => {
    signIn();
    vi.stubGlobal("fetch", vi.fn<typeof fetch>().mockRejectedValue(new TypeError("Failed to fetch")));

    await Promise.allSettled([requestJson("/habits", habitSchema), requestJson("/badges", habitSchema)]);

    expect(visibleToasts()).toEqual([expect.objectContaining({ title: "Could not load", detail: expect.stringMatching(/cannot be reached/) })]);
  });

  it("stays quiet for statuses the caller handles and for background retries", async () => {
    signIn();
    stubFetch(problemResponse(404, "Not Found", "No such habit"), problemResponse(503, "Unavailable", "Database down"));

    await expect(requestJson("/habits/x", habitSchema, { quietStatuses: [404] })).rejects.toMatchObject({ status: 404 });
    await expect(requestJson("/habits/x", habitSchema, { quiet: true })).rejects.toMatchObject({ status: 503 });
    expect(visibleToasts()).toEqual([]);
    expect(demoUser.name).toBe("Demo User");
  });
});
