import { useId, useState, type SubmitEvent } from "react";
import { ApiError, whileSessionChanges } from "../../lib/api";
import { changePassword } from "../../lib/accountEndpoints";
import { login } from "../../lib/signIn";
import { splitFieldErrors } from "../../lib/fieldErrors";
import { goTo, ROUTES } from "../../lib/navigation";
import type { PasswordChange, User } from "../../lib/schemas";
import { sessionStore } from "../../lib/session";
import { showToast } from "../../lib/toasts";
import Field from "./Field";
import SettingsSection from "./SettingsSection";

const FIELDS = ["currentPassword", "newPassword"] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string[]>>;

export const PASSWORD_MIN_LENGTH = 8;

/**
 * The change ends every token issued before it, this page's too: sign in
 * again with the new password at once, so the user stays where they are.
 * False when that sign-in failed (the password is changed all the same).
 */
async function changeAndSignInAgain(change: PasswordChange, email: string): Promise<boolean> {
  await changePassword(change);
  try {
    const { accessToken, user } = await login({ email, password: change.newPassword }, { quiet: true });
    sessionStore.getState().signIn(accessToken, user);
    return true;
  } catch {
    return false;
  }
}

/** Password: `Current password`, `New password`, `Change password` (POST /auth/password). */
export default function PasswordSection({ user }: { user: User }) {
  const ids = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const found: Errors = {};
    if (!current) found.currentPassword = ["Enter your current password."];
    if ([...next].length < PASSWORD_MIN_LENGTH) found.newPassword = [`At least ${PASSWORD_MIN_LENGTH} characters.`];
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const signedIn = await whileSessionChanges(
        changeAndSignInAgain({ currentPassword: current, newPassword: next }, user.email),
      );
      setCurrent("");
      setNext("");
      if (signedIn) {
        showToast({ kind: "success", title: "Password changed", detail: "You stay signed in here; other sessions must sign in again." });
      } else {
        sessionStore.getState().signOut();
        showToast({ kind: "success", title: "Password changed", detail: "Please sign in with your new password." });
        goTo(ROUTES.login);
      }
    } catch (error) {
      // A wrong current password (403) keeps the session: say so at its field.
      if (error instanceof ApiError && error.status === 403) {
        setErrors({ currentPassword: [error.problem.detail || "That is not your current password."] });
      } else if (error instanceof ApiError && error.status === 422) {
        const { byField, other } = splitFieldErrors(error.fieldErrors, FIELDS);
        setErrors({ ...byField, newPassword: [...(byField.newPassword ?? []), ...other] });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <SettingsSection title="Password" intro="Changing it signs out every other browser and app that uses your password.">
      <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4">
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <Field id={`${ids}-current`} label="Current password" errors={errors.currentPassword}>
          {(describedBy, invalid) => (
            <input
              id={`${ids}-current`}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(event) => setCurrent(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id={`${ids}-new`} label="New password" errors={errors.newPassword} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}>
          {(describedBy, invalid) => (
            <input
              id={`${ids}-new`}
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              value={next}
              onChange={(event) => setNext(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="btn-primary" aria-disabled={saving || undefined}>
            Change password
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}
