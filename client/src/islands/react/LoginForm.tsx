import { useEffect, useId, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { login, register, type Credentials } from "../../lib/signIn";
import type { TimeZoneName } from "../../lib/schemas";
import { showToast } from "../../lib/toasts";
import { goTo, ROUTES } from "../../lib/navigation";
import { sessionStore } from "../../lib/session";
import { browserTimeZone } from "../../lib/dates";
import { useSession } from "./hooks";
import { IslandErrorBoundary } from "./IslandErrorBoundary";

type Mode = "signIn" | "register";

const COPY = {
  signIn: { heading: "Welcome back", submit: "Sign in", switchPrompt: "New here?", switchTo: "Create an account" },
  register: {
    heading: "Create your account",
    submit: "Create account",
    switchPrompt: "Already have an account?",
    switchTo: "Use an existing account",
  },
} as const;

interface FieldProps {
  name: string;
  label: string;
  type: string;
  autoComplete: string;
  errors: string[] | undefined;
  minLength?: number;
}

function Field({ name, label, type, autoComplete, errors, minLength }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        minLength={minLength}
        className="field-input"
        aria-invalid={Boolean(errors)}
        aria-describedby={errors ? errorId : undefined}
      />
      {errors && (
        <p id={errorId} className="field-error">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

/**
 * The account's days follow the browser's zone until the user says otherwise.
 * A browser may report a zone the API does not know (`Etc/Unknown`): then the
 * account starts in UTC, and the settings can change it.
 */
async function createAccount(account: Credentials & { name: string }) {
  const timezone = browserTimeZone() as TimeZoneName;
  try {
    return await register({ ...account, timezone }, { quietStatuses: [422] });
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const fields = Object.keys(error.fieldErrors);
      if (fields.length === 1 && fields[0] === "timezone") return register(account);
      // Messages at the fields say the rest; one that belongs to no field is a toast.
      if (fields.length === 0) showToast({ title: "Could not create the account", detail: error.problem.detail });
    }
    throw error;
  }
}

function LoginFormContent() {
  const [mode, setMode] = useState<Mode>("signIn");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [submitting, setSubmitting] = useState(false);
  const copy = COPY[mode];
  const signedIn = useSession((state) => state.token !== null);

  useEffect(() => {
    if (signedIn) goTo(ROUTES.dashboard, { replace: true });
  }, [signedIn]);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const data = new FormData(event.currentTarget);
    const credentials = { email: String(data.get("email")), password: String(data.get("password")) };
    setSubmitting(true);
    setFieldErrors({});
    try {
      const session = mode === "signIn" ? await login(credentials) : await createAccount({ ...credentials, name: String(data.get("name")) });
      // Signing in flips `signedIn`, and the effect above moves on to the dashboard.
      sessionStore.getState().signIn(session.accessToken, session.user);
    } catch (error) {
      // Field messages go next to their fields; anything else has shown its toast.
      if (error instanceof ApiError && error.status === 409) setFieldErrors({ email: [error.problem.detail ?? "Email already exists"] });
      else if (error instanceof ApiError) setFieldErrors(error.fieldErrors);
      setSubmitting(false);
    }
  };

  const switchMode = () => {
    setFieldErrors({});
    setMode(mode === "signIn" ? "register" : "signIn");
  };

  return (
    <div className="card mx-auto min-h-[26rem] w-full max-w-sm">
      <h1 className="text-2xl font-bold tracking-tight">{copy.heading}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">Build habits that stick, one day at a time.</p>
      <form onSubmit={submit} className="mt-6 flex flex-col gap-4">
        {mode === "register" && (
          <Field name="name" label="Name" type="text" autoComplete="name" errors={fieldErrors.name} />
        )}
        <Field name="email" label="Email" type="email" autoComplete="email" errors={fieldErrors.email} />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete={mode === "signIn" ? "current-password" : "new-password"}
          minLength={mode === "register" ? 8 : undefined}
          errors={fieldErrors.password}
        />
        <button type="submit" className="btn-primary mt-2 w-full" aria-disabled={submitting || undefined}>
          {copy.submit}
        </button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-700 dark:text-slate-300">
        {copy.switchPrompt}{" "}
        <button type="button" className="font-semibold text-emerald-800 underline-offset-2 hover:underline dark:text-emerald-300" onClick={switchMode}>
          {copy.switchTo}
        </button>
      </p>
    </div>
  );
}

export default function LoginForm() {
  return (
    <IslandErrorBoundary>
      <LoginFormContent />
    </IslandErrorBoundary>
  );
}
