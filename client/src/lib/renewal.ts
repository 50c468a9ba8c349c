import { ApiError, onBeforeRequest } from "./api";
import { refreshSession } from "./endpoints";
import { sessionStore, tokenLifetime, type TokenLifetime } from "./session";

/** Renew this long before expiry: 5 minutes, or a quarter of a short token's life. */
function renewalMargin({ issuedAt, expiresAt }: TokenLifetime): number {
  return Math.min(300, (expiresAt - issuedAt) / 4);
}

/** Seconds since the epoch at which `token` should be renewed; null when it cannot be read. */
export function renewalTime(token: string): number | null {
  const lifetime = tokenLifetime(token);
  return lifetime && lifetime.expiresAt - renewalMargin(lifetime);
}

const RETRY_AFTER_FAILURE_MS = 10_000;
let renewing: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Exchanges the token for a new one (POST /auth/refresh); one request however many callers ask. */
export function renewNow(): Promise<void> {
  renewing ??= refreshSession()
    .then(({ accessToken, user }) => sessionStore.getState().signIn(accessToken, user))
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

/** Before a request: renew first when the token is due (a request never leaves with a dying token). */
export async function renewIfDue(): Promise<void> {
  const token = sessionStore.getState().token;
  const due = token && renewalTime(token);
  if (!due || Date.now() / 1000 < due) return;
  try {
    await renewNow();
  } catch {
    // Unreachable server: the request itself will say so. A refused token has ended the session.
  }
}

function schedule(token: string | null): void {
  clearTimeout(timer);
  const due = token && renewalTime(token);
  if (!due) return;
  const delay = Math.max(0, due * 1000 - Date.now());
  timer = setTimeout(() => {
    renewNow().catch((error: unknown) => {
      // Offline for now: try again while the token still lives (401 already ended the session).
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) {
        timer = setTimeout(() => schedule(sessionStore.getState().token), RETRY_AFTER_FAILURE_MS);
      }
    });
  }, delay);
}

let started = false;

/**
 * Keeps the signed-in user signed in: renews the token shortly before its
 * `exp`, again after every new token, and at once when a sleeping tab wakes
 * up past the renewal time (timers do not run in a suspended tab).
 */
export function keepSessionFresh(): void {
  if (started) return;
  started = true;
  onBeforeRequest(renewIfDue);
  schedule(sessionStore.getState().token);
  sessionStore.subscribe((state, previous) => {
    if (state.token !== previous.token) schedule(state.token);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void renewIfDue();
  });
}
