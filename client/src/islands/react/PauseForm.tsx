import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { breakProblems, MAX_BREAK_DAYS, pauseHabits, type BreakProblems } from "../../lib/breaks";
import { addDays, EARLIEST_DAY, type IsoDate } from "../../lib/dates";
import { splitFieldErrors } from "../../lib/fieldErrors";
import type { Habit } from "../../lib/schemas";
import Field from "./Field";

interface Props {
  habits: Habit[];
  today: IsoDate;
  onPaused: (created: number) => void;
  onCancel: () => void;
}

const FIELDS = ["from", "to", "habitIds"] as const;

/**
 * A break: `From` and `To` (both included), the habits it pauses (all by
 * default), and `Pause`, which writes a skipped day on every day of it that
 * has no log yet (POST /habits/skip). Skipped days keep the streaks alive.
 */
export default function PauseForm({ habits, today, onPaused, onCancel }: Props) {
  const ids = useId();
  const [from, setFrom] = useState<IsoDate>(today);
  const [to, setTo] = useState<IsoDate>(addDays(today, 6));
  // The habits left out (none by default): a habit created after the form was made is paused too.
  const [leftOut, setLeftOut] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<BreakProblems & { habitIds?: string[] }>({});
  const [saving, setSaving] = useState(false);
  const fromRef = useRef<HTMLInputElement>(null);

  // Arriving in a dialog that is already open (the form loads on first use): take the focus.
  useEffect(() => {
    if (fromRef.current?.closest("dialog")?.open) fromRef.current.focus();
  }, []);

  const toggle = (id: string) =>
    setLeftOut((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const chosen = habits.filter((habit) => !leftOut.has(habit.id));

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const found: typeof errors = breakProblems(from, to, today);
    if (chosen.length === 0) found.habitIds = ["Choose at least one habit."];
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      // Every habit: no list, and a habit made meanwhile in another tab is paused too.
      const habitIds = chosen.length === habits.length ? undefined : chosen.map((habit) => habit.id);
      const { created } = await pauseHabits({ from, to, habitIds });
      onPaused(created);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const { byField, other } = splitFieldErrors(error.fieldErrors, FIELDS);
        setErrors({ ...byField, to: [...(byField.to ?? []), ...other] });
      }
    } finally {
      setSaving(false);
    }
  };

  const latest = addDays(today, MAX_BREAK_DAYS);
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Away, ill or resting? Skipped days neither break nor lengthen a streak. Days you have already logged stay as they are.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <Field id={`${ids}-from`} label="From" errors={errors.from}>
          {(describedBy, invalid) => (
            <input
              ref={fromRef}
              id={`${ids}-from`}
              name="from"
              type="date"
              required
              data-autofocus
              min={EARLIEST_DAY}
              max={latest}
              value={from}
              onChange={(event) => setFrom(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id={`${ids}-to`} label="To" errors={errors.to}>
          {(describedBy, invalid) => (
            <input
              id={`${ids}-to`}
              name="to"
              type="date"
              required
              min={from || EARLIEST_DAY}
              max={latest}
              value={to}
              onChange={(event) => setTo(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2" aria-describedby={errors.habitIds ? `${ids}-habits-error` : undefined}>
        <legend className="field-label">Habits to pause</legend>
        {habits.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">No habits yet: create one first.</p>}
        {habits.map((habit) => (
          <label key={habit.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={!leftOut.has(habit.id)}
              onChange={() => toggle(habit.id)}
              className="size-4 accent-emerald-700"
            />
            <span className="break-words">{habit.title}</span>
          </label>
        ))}
        {errors.habitIds && (
          <p id={`${ids}-habits-error`} className="field-error">
            {errors.habitIds.join(" ")}
          </p>
        )}
      </fieldset>
      <div className="mt-2 flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn-primary" aria-disabled={saving || undefined}>
          Pause
        </button>
      </div>
    </form>
  );
}
