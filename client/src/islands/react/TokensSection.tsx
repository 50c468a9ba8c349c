import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { copyText } from "../../lib/clipboard";
import { instantDate } from "../../lib/dates";
import { createToken, listTokens, revokeToken } from "../../lib/accountEndpoints";
import { splitFieldErrors } from "../../lib/fieldErrors";
import type { AccessToken } from "../../lib/schemas";
import { showToast } from "../../lib/toasts";
import Field from "./Field";
import { useResource } from "./hooks";
import PartFailed from "./PartFailed";
import SettingsSection from "./SettingsSection";

const FIELDS = ["name", "expiresInDays"] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string[]>>;

/** Lifetimes to choose from, in days; "" is never. */
const LIFETIMES = [
  { value: "", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

interface NewToken {
  name: string;
  token: string;
}

/** The token just made: shown this once, with `Copy`. */
function NewTokenNotice({ created, onDone }: { created: NewToken; onDone: () => void }) {
  const ids = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => copyRef.current?.focus(), []);

  const copy = async () => setCopyState((await copyText(created.token, fieldRef.current)) ? "copied" : "failed");

  return (
    <div className="flex flex-col gap-3 rounded-xl border border-emerald-600 bg-emerald-50 p-4 dark:border-emerald-700 dark:bg-emerald-950/40">
      <p className="text-sm font-semibold">
        Your new token “{created.name}”: copy it now, it will not be shown again.
      </p>
      <div className="flex flex-wrap gap-2">
        <label htmlFor={`${ids}-token`} className="sr-only">
          New token
        </label>
        <input
          ref={fieldRef}
          id={`${ids}-token`}
          readOnly
          value={created.token}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
          className="field-input min-w-0 flex-1 font-mono"
        />
        <button ref={copyRef} type="button" className="btn-primary" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Done
        </button>
      </div>
      <p role="status" className="min-h-5 text-sm">
        {copyState === "copied" && "Copied to the clipboard."}
        {copyState === "failed" && "Could not copy: select the token and copy it yourself."}
      </p>
    </div>
  );
}

function TokenRow({ token, timeZone, onRevoked }: { token: AccessToken; timeZone: string; onRevoked: () => void }) {
  const nameId = useId();
  const [revoking, setRevoking] = useState(false);
  const day = (instant: string) => instantDate(instant, timeZone);

  const revoke = async () => {
    if (revoking) return;
    setRevoking(true);
    try {
      await revokeToken(token.id);
      showToast({ kind: "success", title: "Token revoked", detail: `“${token.name}” no longer works.` });
      onRevoked();
    } catch (error) {
      // Already revoked elsewhere: it is gone all the same.
      if (error instanceof ApiError && error.status === 404) onRevoked();
      setRevoking(false);
    }
  };

  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-0">
        <p id={nameId} className="font-semibold break-words">
          {token.name}
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Created {day(token.createdAt)} · {token.expiresAt ? `Expires ${day(token.expiresAt)}` : "Never expires"} ·{" "}
          {token.lastUsedAt ? `Last used ${day(token.lastUsedAt)}` : "Never used"}
        </p>
      </div>
      <button
        type="button"
        className="btn-secondary text-rose-800 dark:text-rose-300"
        aria-describedby={nameId}
        aria-disabled={revoking || undefined}
        onClick={() => void revoke()}
      >
        Revoke
      </button>
    </li>
  );
}

/**
 * API tokens: personal access tokens for scripts (Home Assistant, shortcuts,
 * cron). `Token name` and `Create token`; the new token is shown once with
 * `Copy`; each token is listed with `Revoke`.
 */
export default function TokensSection({ timeZone }: { timeZone: string }) {
  const ids = useId();
  const tokens = useResource(({ quiet }) => listTokens({ quiet }), "tokens");
  const [name, setName] = useState("");
  const [lifetime, setLifetime] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<NewToken | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  // The notice goes with its buttons: give the focus to the form, not to the page.
  const dismissNotice = () => {
    setCreated(null);
    nameRef.current?.focus();
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    if (!name.trim()) {
      setErrors({ name: ["Name the token, e.g. after the script that will use it."] });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const { token, ...listed } = await createToken({ name, expiresInDays: lifetime ? Number(lifetime) : null });
      tokens.update((list) => [...list, listed]);
      setCreated({ name: listed.name, token });
      setName("");
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const { byField, other } = splitFieldErrors(error.fieldErrors, FIELDS);
        setErrors({ ...byField, name: [...(byField.name ?? []), ...other] });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <SettingsSection
      title="API tokens"
      intro="A token lets a script or another app use your habits without your password. It cannot change your password, your tokens or delete your account."
    >
      <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4">
        <Field id={`${ids}-name`} label="Token name" errors={errors.name}>
          {(describedBy, invalid) => (
            <input
              ref={nameRef}
              id={`${ids}-name`}
              name="name"
              autoComplete="off"
              required
              maxLength={100}
              placeholder="e.g. Home Assistant"
              value={name}
              onChange={(event) => setName(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id={`${ids}-expires`} label="Expires" errors={errors.expiresInDays}>
          {(describedBy, invalid) => (
            <select
              id={`${ids}-expires`}
              name="expiresInDays"
              value={lifetime}
              onChange={(event) => setLifetime(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            >
              {LIFETIMES.map(({ value, label }) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="btn-primary" aria-disabled={saving || undefined}>
            Create token
          </button>
        </div>
      </form>
      {created && <NewTokenNotice key={created.token} created={created} onDone={dismissNotice} />}
      {tokens.state.status === "loading" && <p className="min-h-8 text-sm text-slate-600 dark:text-slate-400">Loading your tokens…</p>}
      {tokens.state.status === "failed" && <PartFailed message="We could not load your tokens." onRetry={tokens.retry} />}
      {tokens.state.status === "ready" &&
        (tokens.state.data.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">No tokens yet.</p>
        ) : (
          <ul aria-label="Your tokens" className="divide-y divide-slate-200 dark:divide-slate-800">
            {tokens.state.data.map((token) => (
              <TokenRow
                key={token.id}
                token={token}
                timeZone={timeZone}
                onRevoked={() => tokens.update((list) => list.filter((item) => item.id !== token.id))}
              />
            ))}
          </ul>
        ))}
    </SettingsSection>
  );
}
