import type { ReactNode } from "react";

interface Props {
  id: string;
  label: string;
  /** Messages from the server (a 422's `errors`) or the form's own checks. */
  errors?: string[];
  hint?: ReactNode;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** A label, the control, and its hint or error message, tied together for screen readers. */
export default function Field({ id, label, errors, hint, children }: Props) {
  const message = errors?.length ? errors.join(" ") : null;
  const describedBy = message ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(describedBy, message !== null)}
      {message ? (
        <p id={`${id}-error`} className="field-error">
          {message}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
