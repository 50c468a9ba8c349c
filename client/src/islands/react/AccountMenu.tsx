import { useEffect } from "react";
import { fetchMe } from "../../lib/endpoints";
import { goTo, ROUTES } from "../../lib/navigation";
import { useSession } from "../../lib/session";
import { SignOutIcon } from "./icons";
import { IslandErrorBoundary } from "./IslandErrorBoundary";

// Once per page load, not once per navigation: the router keeps this module alive.
let profileRefreshed = false;

function refreshProfileOnce(): void {
  if (profileRefreshed) return;
  profileRefreshed = true;
  fetchMe()
    .then(({ user }) => useSession.getState().updateUser(user))
    // api.ts has already shown the error and, on 401, signed the user out.
    .catch(() => undefined);
}

function AccountMenuContent() {
  const token = useSession((state) => state.token);
  const user = useSession((state) => state.user);

  useEffect(() => {
    if (token) refreshProfileOnce();
  }, [token]);

  if (!token) return null;

  const signOut = () => {
    useSession.getState().signOut();
    goTo(ROUTES.login);
  };

  return (
    <div className="flex items-center gap-2">
      {user && (
        <span className="hidden max-w-40 truncate text-sm text-slate-600 sm:inline dark:text-slate-400">{user.name}</span>
      )}
      {/* On a phone only the icon shows; aria-label keeps the name either way. */}
      <button type="button" aria-label="Sign out" className="btn-secondary px-2.5 py-1.5 whitespace-nowrap" onClick={signOut}>
        <SignOutIcon className="size-4" />
        <span className="hidden sm:inline">Sign out</span>
      </button>
    </div>
  );
}

export default function AccountMenu() {
  return (
    <IslandErrorBoundary>
      <AccountMenuContent />
    </IslandErrorBoundary>
  );
}
