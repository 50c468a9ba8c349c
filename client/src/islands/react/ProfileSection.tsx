import { useId, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { accountToday, browserTimeZone, longDate } from "../../lib/dates";
import { updateProfile } from "../../lib/endpoints";
import type { User } from "../../lib/schemas";
import { sessionStore } from "../../lib/session";
import { isTimeZoneName, timeZoneNames } from "../../lib/timeZones";
import { showToast } from "../../lib/toasts";
import Field from "./Field";
import SettingsSection from "./SettingsSection";

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

function hourLabel(hour: number): string {
  const clock = `${String(hour).padStart(2, "0")}:00`;
  return hour === 0 ? `${clock} (midnight)` : clock;
}

const FIELD_OF: Record<string, "name" | "timezone" | "dayStartHour"> = {
  name: "name",
  timezone: "timezone",
  dayStartHour: "dayStartHour",
  day_start_hour: "dayStartHour",
};

/** Profile: Name, Time zone (searchable, the browser's zone suggested), Day starts at, `Save profile`. */
export default function ProfileSection({ user }: { user: User }) {
  const ids = useId();
  const zones = timeZoneNames();
  const browserZone = browserTimeZone();
  const [name, setName] = useState(user.name);
  const [timezone, setTimezone] = useState(user.timezone);
  const [dayStartHour, setDayStartHour] = useState(user.dayStartHour);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);

  const zone = timezone.trim();
  const preview = isTimeZoneName(zone) ? accountToday(zone, dayStartHour) : null;

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    if (!isTimeZoneName(zone)) {
      setErrors({ timezone: ["Choose a time zone from the list, such as Europe/Paris."] });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await updateProfile({ name, timezone: zone, dayStartHour });
      sessionStore.getState().updateUser(saved.user);
      showToast({ kind: "success", title: "Profile saved", detail: `Your today is ${longDate(saved.user.today)}.` });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const byField: Record<string, string[]> = {};
        for (const [path, messages] of Object.entries(error.fieldErrors)) {
          const field = FIELD_OF[path.split(".").at(-1) ?? ""] ?? "name";
          byField[field] = [...(byField[field] ?? []), ...messages];
        }
        setErrors(byField);
      }
    } finally {
      setSaving(false);
    }
  };

  // The browser's zone first: the likely choice for someone who has moved.
  const suggestions = zones.includes(browserZone) ? [browserZone, ...zones.filter((zone) => zone !== browserZone)] : zones;

  return (
    <SettingsSection title="Profile">
      <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4">
        <Field id={`${ids}-name`} label="Name" errors={errors.name}>
          {(describedBy, invalid) => (
            <input
              id={`${ids}-name`}
              name="name"
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field
          id={`${ids}-timezone`}
          label="Time zone"
          errors={errors.timezone}
          hint={
            <>
              Type to search, e.g. “Tokyo”. This browser is in {browserZone}.
              {timezone !== browserZone && zones.includes(browserZone) && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="font-semibold text-emerald-800 underline underline-offset-2 dark:text-emerald-300"
                    onClick={() => setTimezone(browserZone)}
                  >
                    Use this browser's zone
                  </button>
                </>
              )}
            </>
          }
        >
          {(describedBy, invalid) => (
            <>
              <input
                id={`${ids}-timezone`}
                name="timezone"
                list={`${ids}-zones`}
                autoComplete="off"
                spellCheck={false}
                required
                value={timezone}
                onChange={(event) => setTimezone(event.target.value)}
                className="field-input"
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
              <datalist id={`${ids}-zones`}>
                {suggestions.map((zone) => (
                  <option key={zone} value={zone} label={zone === browserZone ? "This browser's zone" : undefined} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field
          id={`${ids}-day-start`}
          label="Day starts at"
          errors={errors.dayStartHour}
          hint={preview ? `A night owl's day can end after midnight. With these settings, today is ${longDate(preview)}.` : undefined}
        >
          {(describedBy, invalid) => (
            <select
              id={`${ids}-day-start`}
              name="dayStartHour"
              value={dayStartHour}
              onChange={(event) => setDayStartHour(Number(event.target.value))}
              className="field-input"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            >
              {HOURS.map((hour) => (
                <option key={hour} value={hour}>
                  {hourLabel(hour)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="btn-primary" aria-disabled={saving || undefined}>
            Save profile
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}
