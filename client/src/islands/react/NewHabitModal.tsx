import { useId, useRef, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { createHabit } from "../../lib/endpoints";
import type { Frequency, Habit } from "../../lib/schemas";
import { PlusIcon } from "./icons";

interface Props {
  onCreated: (habit: Habit) => void;
}

const WEEKLY_TARGET_DEFAULT = 3;

/**
 * The `New habit` button and its dialog. A native modal <dialog> keeps focus
 * inside and closes on Escape; field errors come from the API's 422 map.
 */
export default function NewHabitModal({ onCreated }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const [frequency, setFrequency] = useState<Frequency>("daily");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  // Toasts sit below a modal dialog (the top layer), so other failures show in it too.
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const clearErrors = () => {
    setFieldErrors({});
    setFormError(null);
  };

  const open = () => {
    clearErrors();
    setFrequency("daily");
    dialogRef.current?.showModal();
    titleRef.current?.focus();
  };
  const close = () => dialogRef.current?.close();

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    clearErrors();
    setSaving(true);
    try {
      const habit = await createHabit({
        title: String(data.get("title") ?? ""),
        frequency,
        ...(frequency === "weekly" ? { target: Number(data.get("target")) } : {}),
      });
      form.reset();
      close();
      onCreated(habit);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setFieldErrors(error.fieldErrors);
      else setFormError(error instanceof Error ? error.message : "Something went wrong.");
    } finally {
      setSaving(false);
    }
  };

  const errorFor = (field: string) => fieldErrors[field]?.join(" ");
  const describedBy = (field: string) => (errorFor(field) ? `${ids}-${field}-error` : undefined);

  return (
    <>
      <button type="button" className="btn-primary" onClick={open}>
        <PlusIcon className="size-4" />
        New habit
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${ids}-heading`}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 backdrop:backdrop-blur-sm dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-6">
          <h2 id={`${ids}-heading`} className="text-lg font-semibold">
            New habit
          </h2>
          <div>
            <label htmlFor={`${ids}-title`} className="field-label">
              Title
            </label>
            <input
              ref={titleRef}
              id={`${ids}-title`}
              name="title"
              required
              maxLength={100}
              placeholder="e.g. Morning run"
              className="field-input"
              aria-invalid={Boolean(errorFor("title"))}
              aria-describedby={describedBy("title")}
            />
            {errorFor("title") && (
              <p id={`${ids}-title-error`} className="field-error">
                {errorFor("title")}
              </p>
            )}
          </div>
          <div>
            <label htmlFor={`${ids}-frequency`} className="field-label">
              Frequency
            </label>
            <select
              id={`${ids}-frequency`}
              name="frequency"
              value={frequency}
              onChange={(event) => setFrequency(event.target.value as Frequency)}
              className="field-input"
              aria-invalid={Boolean(errorFor("frequency"))}
              aria-describedby={describedBy("frequency")}
            >
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
            </select>
            {errorFor("frequency") && (
              <p id={`${ids}-frequency-error`} className="field-error">
                {errorFor("frequency")}
              </p>
            )}
          </div>
          {frequency === "weekly" && (
            <div>
              <label htmlFor={`${ids}-target`} className="field-label">
                Target
              </label>
              <input
                id={`${ids}-target`}
                name="target"
                type="number"
                inputMode="numeric"
                min={1}
                max={7}
                defaultValue={WEEKLY_TARGET_DEFAULT}
                className="field-input"
                aria-invalid={Boolean(errorFor("target"))}
                aria-describedby={describedBy("target") ?? `${ids}-target-hint`}
              />
              {errorFor("target") ? (
                <p id={`${ids}-target-error`} className="field-error">
                  {errorFor("target")}
                </p>
              ) : (
                <p id={`${ids}-target-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  Days per week, 1 to 7.
                </p>
              )}
            </div>
          )}
          {formError && (
            <p role="alert" className="field-error">
              {formError}
            </p>
          )}
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="btn-primary" disabled={saving}>
              Create
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
