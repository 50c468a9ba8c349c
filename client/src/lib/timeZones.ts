import { browserTimeZone } from "./dates";
import type { TimeZoneName } from "./schemas";

let cached: readonly string[] | null = null;

/**
 * The zone names to offer: the browser's tz database, UTC, and the browser's
 * own zone. The API's document lists the names it accepts (598 of them) and
 * the API checks every choice (422 at the field), but that list stays out of
 * the pages' JavaScript: it alone weighs as much as a page's budget has left.
 */
export function timeZoneNames(): readonly string[] {
  cached ??= [
    ...new Set(["UTC", browserTimeZone(), ...(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [])]),
  ].sort();
  return cached;
}

/** Whether `zone` names a zone this browser knows (the API has the last word). */
export function isTimeZoneName(zone: string): zone is TimeZoneName {
  if (zone === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
