import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import type { User } from "./schemas";

export const SESSION_STORAGE_KEY = "fht-session";

interface SessionState {
  token: string | null;
  user: User | null;
  signIn: (token: string, user: User) => void;
  updateUser: (user: User) => void;
  signOut: () => void;
}

/** The signed-in user, shared by every island and kept in localStorage. */
export const useSession = create<SessionState>()(
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

export function isSignedIn(): boolean {
  return useSession.getState().token !== null;
}
