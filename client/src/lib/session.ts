import { createJSONStorage, persist } from "zustand/middleware";
import { createStore } from "zustand/vanilla";
import type { User } from "./schemas";

export const SESSION_STORAGE_KEY = "fht-session";

interface SessionState {
  token: string | null;
  user: User | null;
  signIn: (token: string, user: User) => void;
  updateUser: (user: User) => void;
  signOut: () => void;
}

/**
 * The signed-in user, kept in localStorage. A plain (vanilla) store: the
 * header's script reads it on pages that ship no React; islands use it
 * through `useSession` (islands/react/hooks.ts).
 */
export const sessionStore = createStore<SessionState>()(
  persist(
    (set) => ({
      token: null,
      user: null,
      signIn: (token, user) => set({ token, user }),
      updateUser: (user) => set({ user }),
      signOut: () => set({ token: null, user: null }),
    }),
    {
      name: SESSION_STORAGE_KEY,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ token, user }) => ({ token, user }),
    },
  ),
);

// Another tab signed in, out, or renewed the token: take its session.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === SESSION_STORAGE_KEY) void sessionStore.persist.rehydrate();
  });
}

export function isSignedIn(): boolean {
  return sessionStore.getState().token !== null;
}

export interface TokenLifetime {
  /** Seconds since the epoch, as in the JWT. */
  issuedAt: number;
  expiresAt: number;
}

/** The `iat` and `exp` claims of a JWT; null when the token cannot be read. */
export function tokenLifetime(token: string): TokenLifetime | null {
  try {
    const payload = token.split(".")[1];
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const { iat, exp } = JSON.parse(json) as { iat?: unknown; exp?: unknown };
    if (typeof exp !== "number") return null;
    return { issuedAt: typeof iat === "number" ? iat : exp - 3600, expiresAt: exp };
  } catch {
    return null;
  }
}
