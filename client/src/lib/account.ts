import { browserTimeZone, sameTimeZone } from "./dates";
import { goTo, ROUTES } from "./navigation";
import type { TimeZoneName } from "./schemas";
import { sessionStore } from "./session";
import { showToast } from "./toasts";

/**
 * The header's account part and the time zone notice, in plain DOM so pages
 * without React have them too. What needs the API (renewing the token,
 * refreshing the profile, changing the zone) is imported when it is needed.
 */

const DISMISSED_KEY = "fht-tz-notice-kept";

function keptPair(): string | null {
  try {
    return localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}

function renderNotice(): void {
  const notice = document.querySelector<HTMLElement>("[data-tz-notice]");
  if (!notice) return;
  const user = sessionStore.getState().user;
  const browserZone = browserTimeZone();
  const accountZone = user?.timezone;
  const differs = Boolean(accountZone && !sameTimeZone(accountZone, browserZone));
  notice.hidden = !differs || keptPair() === `${accountZone}|${browserZone}`;
  if (notice.hidden || !accountZone) return;
  notice.querySelectorAll("[data-account-zone]").forEach((element) => (element.textContent = accountZone));
  notice.querySelectorAll("[data-browser-zone]").forEach((element) => (element.textContent = browserZone));
  const [use, keep] = [notice.querySelector("[data-use-browser-zone]"), notice.querySelector("[data-keep-account-zone]")];
  if (use) use.textContent = `Use ${browserZone}`;
  if (keep) keep.textContent = `Keep ${accountZone}`;
}

function render(): void {
  const { token, user } = sessionStore.getState();
  document.documentElement.toggleAttribute("data-signed-in", token !== null);
  document.querySelectorAll("[data-user-name]").forEach((element) => (element.textContent = user?.name ?? ""));
  renderNotice();
}

async function switchToBrowserZone(button: HTMLButtonElement): Promise<void> {
  const { updateProfile } = await import("./endpoints");
  // The API has the last word on the name (a 422 toast says so).
  const timezone = browserTimeZone() as TimeZoneName;
  button.setAttribute("aria-disabled", "true");
  try {
    const { user } = await updateProfile({ timezone });
    sessionStore.getState().updateUser(user);
    showToast({ kind: "success", title: "Time zone changed", detail: `Your days now follow ${timezone}.` });
  } catch {
    // The toast has said why.
  } finally {
    button.removeAttribute("aria-disabled");
  }
}

function keepAccountZone(): void {
  const accountZone = sessionStore.getState().user?.timezone;
  try {
    localStorage.setItem(DISMISSED_KEY, `${accountZone}|${browserTimeZone()}`);
  } catch {
    // Storage blocked: the notice simply comes back next time.
  }
  renderNotice();
}

function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest("[data-sign-out]")) {
    sessionStore.getState().signOut();
    goTo(ROUTES.login);
    return;
  }
  const useButton = target?.closest<HTMLButtonElement>("[data-use-browser-zone]");
  if (useButton && !useButton.hasAttribute("aria-disabled")) void switchToBrowserZone(useButton);
  if (target?.closest("[data-keep-account-zone]")) keepAccountZone();
}

/** Once per page load: keep the token fresh, and the stored profile up to date (another device may have changed it). */
async function startSession(): Promise<void> {
  const [{ keepSessionFresh }, { fetchMe }] = await Promise.all([import("./renewal"), import("./endpoints")]);
  keepSessionFresh();
  const stored = sessionStore.getState().user;
  try {
    const { user } = await fetchMe({ quiet: true });
    // Changed meanwhile (a profile saved, a zone adopted): that answer is newer than this one.
    if (sessionStore.getState().user === stored) sessionStore.getState().updateUser(user);
  } catch {
    // Offline: the stored profile will do; a refused token has ended the session.
  }
}

let mounted = false;

export function mountAccount(): void {
  if (mounted) return;
  mounted = true;
  document.addEventListener("click", onClick);
  document.addEventListener("astro:page-load", render);
  let started = false;
  const startOnce = () => {
    if (started || !sessionStore.getState().token) return;
    started = true;
    void startSession();
  };
  sessionStore.subscribe(() => {
    render();
    startOnce();
  });
  render();
  startOnce();
}
