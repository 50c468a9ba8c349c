import { useId, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { deleteAccount } from "../../lib/accountEndpoints";
import { goTo, ROUTES } from "../../lib/navigation";
import type { User } from "../../lib/schemas";
import { sessionStore } from "../../lib/session";
import { showToast } from "../../lib/toasts";
import Field from "./Field";
import SettingsSection from "./SettingsSection";

/** Delete account: `Confirm password` and `Delete my account` (DELETE /auth/me), then signed out. */
export default function DeleteAccountSection({ user }: { user: User }) {
  const ids = useId();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [deleting, setDeleting] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (deleting) return;
    if (!password) {
      setErrors(["Enter your password to confirm."]);
      return;
    }
    setErrors([]);
    setDeleting(true);
    try {
      await deleteAccount(password);
      sessionStore.getState().signOut();
      showToast({ kind: "success", title: "Account deleted", detail: "Your account and everything in it are gone." });
      goTo(ROUTES.login);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 422)) {
        const messages = Object.values(error.fieldErrors).flat();
        setErrors(messages.length > 0 ? messages : [error.problem.detail || "That password is not right."]);
      }
      setDeleting(false);
    }
  };

  return (
    <SettingsSection
      title="Delete account"
      intro="This deletes your account with every habit, day, badge and token in it, at once and for good. Export your data first if you want to keep it."
    >
      <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4">
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <Field id={`${ids}-password`} label="Confirm password" errors={errors}>
          {(describedBy, invalid) => (
            <input
              id={`${ids}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="btn-danger" aria-disabled={deleting || undefined}>
            Delete my account
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}
