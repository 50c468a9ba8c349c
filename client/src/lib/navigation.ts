import { navigate } from "astro:transitions/client";

/** Client-side navigation through Astro's router (keeps view transitions). */
export function goTo(path: string, { replace = false } = {}): void {
  void navigate(path, { history: replace ? "replace" : "auto" });
}

export const ROUTES = {
  login: "/login",
  dashboard: "/dashboard",
  settings: "/settings",
  habit: (id: string) => `/habit/${encodeURIComponent(id)}`,
} as const;

/** The id in /habit/<id>: one shell page serves every habit (see scripts/habit-deep-links.mjs). */
export function habitIdFromPath(pathname: string): string | null {
  const match = /^\/habit\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}
