import { useEffect } from "react";
import { goTo, ROUTES } from "../../lib/navigation";
import { useSession } from "../../lib/session";

/** The session token, sending visitors without one to the sign-in page. */
export function useRequireSession(): string | null {
  const token = useSession((state) => state.token);
  useEffect(() => {
    if (!token) goTo(ROUTES.login);
  }, [token]);
  return token;
}
