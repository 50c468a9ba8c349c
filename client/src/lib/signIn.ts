import { requestJson } from "./api";
import type { LoadOptions } from "./endpoints";
import { authResponseSchema, type NewAccount } from "./schemas";

/** Signing in and creating an account (the sign-in page, and the settings after a password change). */

export interface Credentials {
  email: string;
  password: string;
}

export const login = (credentials: Credentials, { quiet }: LoadOptions = {}) =>
  requestJson("/auth/login", authResponseSchema, {
    method: "POST",
    body: credentials,
    anonymous: true,
    quiet,
    failureTitle: "Could not sign in",
  });

export const register = (account: NewAccount, { quietStatuses = [] }: { quietStatuses?: number[] } = {}) =>
  requestJson("/auth/register", authResponseSchema, {
    method: "POST",
    body: account,
    anonymous: true,
    failureTitle: "Could not create the account",
    showsFieldErrors: true,
    // Email taken: said at the Email field.
    quietStatuses: [409, ...quietStatuses],
  });
