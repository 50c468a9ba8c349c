import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { ApiError } from "../../lib/api";
import { accountToday, type IsoDate } from "../../lib/dates";
import { goTo, ROUTES } from "../../lib/navigation";
import { keepSessionFresh } from "../../lib/renewal";
import { retryWhileFailed } from "../../lib/retry";
import { sessionStore } from "../../lib/session";

type SessionState = ReturnType<typeof sessionStore.getState>;

/** A slice of the session store, re-rendering when it changes. */
export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector);
}

/**
 * The session token, sending visitors without one to the sign-in page. It
 * also starts the token's renewal before the island's first request (the
 * header starts it too, but later: it loads the module when idle).
 */
export function useRequireSession(): string | null {
  const token = useSession((state) => state.token);
  useEffect(() => {
    if (token) keepSessionFresh();
    else goTo(ROUTES.login);
  }, [token]);
  return token;
}

const TICK_MS = 30_000;

/**
 * The account's today (its time zone and day start, never the browser's),
 * moving on by itself when the account's day turns while the page is open.
 */
export function useAccountToday(): IsoDate {
  const timeZone = useSession((state) => state.user?.timezone ?? "UTC");
  const dayStartHour = useSession((state) => state.user?.dayStartHour ?? 0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return accountToday(timeZone, dayStartHour, new Date(now));
}

export type Resource<T> =
  | { status: "loading" }
  | { status: "failed"; error: unknown }
  | { status: "ready"; data: T };

export interface ResourceHandle<T> {
  state: Resource<T>;
  /** Load again now (the `Try again` button): a failure shows its toast again. */
  retry: () => void;
  /** Change the loaded data in place (after a write the server answered). */
  update: (change: (data: T) => T) => void;
  /** Load again quietly, showing the data already there until the new arrives (kept if it fails). */
  refresh: () => void;
}

/** A 4xx other than 408/429 will not heal by itself; anything else (offline, 5xx) may. */
function mayHeal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * One part of a page that loads, fails and recovers on its own: loads when
 * `key` changes, and after a failure tries again by itself — when the browser
 * is back online and every few seconds — quietly, since the part already says
 * it failed.
 */
export function useResource<T>(load: (options: { quiet: boolean }) => Promise<T>, key: string | null): ResourceHandle<T> {
  // The state belongs to the key it was loaded for: a new key starts from "loading".
  const [entry, setEntry] = useState<{ key: string | null; state: Resource<T> }>({ key, state: { status: "loading" } });
  if (entry.key !== key) setEntry({ key, state: { status: "loading" } });
  const state = entry.key === key ? entry.state : { status: "loading" as const };

  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const generation = useRef(0);

  const run = useCallback((forKey: string, quiet: boolean, keepOnFailure = false) => {
    const current = ++generation.current;
    // A transition: drawing what arrived (a year of days, a chart) yields to the browser as it goes.
    const settle = (next: Resource<T>) =>
      current === generation.current && startTransition(() => setEntry({ key: forKey, state: next }));
    loadRef
      .current({ quiet })
      .then((data) => settle({ status: "ready", data }))
      .catch((error: unknown) => {
        if (!keepOnFailure) settle({ status: "failed", error });
      });
  }, []);

  useEffect(() => {
    if (key !== null) run(key, false);
  }, [key, run]);

  const failedAndMayHeal = key !== null && state.status === "failed" && mayHeal(state.error);
  useEffect(() => {
    if (!failedAndMayHeal || key === null) return;
    return retryWhileFailed(() => run(key, true));
  }, [failedAndMayHeal, key, run]);

  const retry = useCallback(() => {
    if (key === null) return;
    setEntry({ key, state: { status: "loading" } });
    run(key, false);
  }, [key, run]);
  const update = useCallback(
    (change: (data: T) => T) =>
      setEntry((current) =>
        current.state.status === "ready" ? { key: current.key, state: { status: "ready", data: change(current.state.data) } } : current,
      ),
    [],
  );
  const refresh = useCallback(() => {
    if (key !== null) run(key, true, true);
  }, [key, run]);
  return { state, retry, update, refresh };
}
