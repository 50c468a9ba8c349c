import { useId, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import type { CalendarWindow } from "../../lib/calendar";
import { longDate, type IsoDate } from "../../lib/dates";
import { updateDay } from "../../lib/endpoints";
import { characterCount, NOTE_MAX_LENGTH } from "../../lib/habits";
import type { LogStatus } from "../../lib/schemas";
import Field from "./Field";

/** A logged day: its status and its note. */
export interface Day {
  state: LogStatus;
  note: string | null;
}

interface Props {
  habitId: string;
  date: IsoDate;
  /** null: the day is not logged. */
  day: Day | null;
  window: CalendarWindow;
  onSelect: (date: IsoDate) => void;
  onNoteSaved: (date: IsoDate, note: string | null) => void;
}

const STATE_TEXT = { done: "Done", skipped: "Skipped", none: "Not logged" } as const;

/** The note of a logged day: read, written, changed or cleared (PATCH …/logs/{date}). */
function NoteForm({ habitId, date, note, onNoteSaved }: { habitId: string; date: IsoDate; note: string | null; onNoteSaved: Props["onNoteSaved"] }) {
  const ids = useId();
  const [text, setText] = useState(note ?? "");
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const count = characterCount(text);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    if (count > NOTE_MAX_LENGTH) {
      setErrors([`At most ${NOTE_MAX_LENGTH} characters.`]);
      return;
    }
    setErrors([]);
    setSaved(false);
    setSaving(true);
    // An empty note is no note; a note is kept as written.
    const next = text.trim() ? text : null;
    try {
      const log = await updateDay(habitId, date, { note: next });
      onNoteSaved(date, log.note);
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) setErrors(Object.values(error.fieldErrors).flat());
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <Field
        id={`${ids}-note`}
        label="Note"
        errors={errors}
        hint={
          <span className={count > NOTE_MAX_LENGTH ? "font-semibold text-rose-700 dark:text-rose-300" : undefined}>
            {count} of {NOTE_MAX_LENGTH} characters
          </span>
        }
      >
        {(describedBy, invalid) => (
          <textarea
            id={`${ids}-note`}
            name="note"
            rows={2}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setSaved(false);
            }}
            placeholder="How did it go?"
            className="field-input resize-y"
            aria-invalid={invalid || count > NOTE_MAX_LENGTH}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-secondary" aria-disabled={saving || undefined}>
          Keep note
        </button>
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {saved && (text.trim() ? "Note kept." : "Note cleared.")}
        </p>
      </div>
    </form>
  );
}

/**
 * The day last pressed or focused on the calendar, or picked here: its state
 * and its note. A mouse press on the grid also changes the day's state, so
 * `Day` picks a day without touching it.
 */
export default function DayPanel({ habitId, date, day, window, onSelect, onNoteSaved }: Props) {
  const ids = useId();
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 p-4 dark:border-slate-700">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="font-semibold">
          {longDate(date)} · <span className="font-normal">{STATE_TEXT[day?.state ?? "none"]}</span>
        </p>
        <div className="flex items-center gap-2">
          <label htmlFor={`${ids}-day`} className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Day
          </label>
          <input
            id={`${ids}-day`}
            type="date"
            min={window.from}
            max={window.to}
            value={date}
            onChange={(event) => event.target.value && onSelect(event.target.value)}
            className="field-input w-auto py-1"
          />
        </div>
      </div>
      {day ? (
        <NoteForm key={date} habitId={habitId} date={date} note={day.note} onNoteSaved={onNoteSaved} />
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">Log or skip this day to give it a note.</p>
      )}
    </div>
  );
}
