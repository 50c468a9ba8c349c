import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { splitFieldErrors } from "../../lib/fieldErrors";
import { characterCount, TITLE_MAX_LENGTH, WEEKLY_TARGET_DEFAULT } from "../../lib/habits";
import type { Frequency, NewHabit } from "../../lib/schemas";
import Field from "./Field";

const FIELDS = ["title", "frequency", "target"] as const;

interface Props {
  initial?: NewHabit;
  submitLabel: string;
  onSubmit: (habit: NewHabit) => Promise<void>;
  onCancel: () => void;
}

/**
 * Title, Frequency and Target, for a new habit and for editing one. Mount it
 * afresh (a new `key`) to start clean: the dialog does so each time it opens.
 */
export default function HabitForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const ids = useId();
  const [title, setTitle] = useState(String(initial?.title ?? ""));
  const [frequency, setFrequency] = useState<Frequency>(initial?.frequency ?? "daily");
  const [target, setTarget] = useState(String(initial?.frequency === "weekly" ? initial.target : WEEKLY_TARGET_DEFAULT));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<(typeof FIELDS)[number], string[]>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const count = characterCount(title);
  const titleRef = useRef<HTMLInputElement>(null);

  // Arriving in a dialog that is already open (the form loads on first use): take the focus.
  useEffect(() => {
    if (titleRef.current?.closest("dialog")?.open) titleRef.current.focus();
  }, []);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setFieldErrors({});
    setFormErrors([]);
    setSaving(true);
    try {
      await onSubmit(
        frequency === "weekly" ? { title, frequency, target: Number(target) } : { title, frequency: "daily", target: 1 },
      );
    } catch (error) {
      // Other failures have shown their toast (on top of this dialog).
      if (error instanceof ApiError && error.status === 422) {
        const { byField, other } = splitFieldErrors(error.fieldErrors, FIELDS);
        setFieldErrors(byField);
        setFormErrors(other);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field
        id={`${ids}-title`}
        label="Title"
        errors={fieldErrors.title}
        hint={
          <span className={count > TITLE_MAX_LENGTH ? "font-semibold text-rose-700 dark:text-rose-300" : undefined}>
            {count} of {TITLE_MAX_LENGTH} characters
          </span>
        }
      >
        {(describedBy, invalid) => (
          <input
            ref={titleRef}
            id={`${ids}-title`}
            name="title"
            required
            data-autofocus
            autoComplete="off"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="e.g. Morning run"
            className="field-input"
            aria-invalid={invalid || count > TITLE_MAX_LENGTH}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field id={`${ids}-frequency`} label="Frequency" errors={fieldErrors.frequency}>
        {(describedBy, invalid) => (
          <select
            id={`${ids}-frequency`}
            name="frequency"
            value={frequency}
            onChange={(event) => setFrequency(event.target.value as Frequency)}
            className="field-input"
            aria-invalid={invalid}
            aria-describedby={describedBy}
          >
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
          </select>
        )}
      </Field>
      {frequency === "weekly" && (
        <Field id={`${ids}-target`} label="Target" errors={fieldErrors.target} hint="Days per week, 1 to 7.">
          {(describedBy, invalid) => (
            <input
              id={`${ids}-target`}
              name="target"
              type="number"
              inputMode="numeric"
              min={1}
              max={7}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      )}
      {formErrors.length > 0 && (
        <p role="alert" className="field-error">
          {formErrors.join(" ")}
        </p>
      )}
      <div className="mt-2 flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn-primary" aria-disabled={saving || undefined}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
