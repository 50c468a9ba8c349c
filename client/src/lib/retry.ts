/** How often a part that failed to load tries again by itself. */
export const RETRY_INTERVAL_MS = 10_000;

/**
 * Calls `retry` when the browser comes back online, and every
 * RETRY_INTERVAL_MS while the page is visible. Returns the stop function.
 */
export function retryWhileFailed(retry: () => void, intervalMs = RETRY_INTERVAL_MS): () => void {
  const onOnline = () => retry();
  window.addEventListener("online", onOnline);
  const timer = setInterval(() => {
    if (document.visibilityState === "visible") retry();
  }, intervalMs);
  return () => {
    window.removeEventListener("online", onOnline);
    clearInterval(timer);
  };
}
