import type { z } from "zod/mini";
import { zUpdateMeRequest } from "../generated/openapi/zod.gen";
import { browserTimeZone } from "./dates";

type Def = { type?: string; innerType?: z.ZodMiniType; entries?: Record<string, string> };

/** The values of an enum schema, through the optional/nullable/default wrappers around it. */
function enumValues(schema: z.ZodMiniType | undefined): string[] {
  let current = schema;
  for (let depth = 0; current && depth < 5; depth++) {
    const def = current._zod.def as Def;
    if (def.type === "enum" && def.entries) return Object.values(def.entries);
    current = def.innerType;
  }
  return [];
}

let cached: string[] | null = null;

/**
 * The zone names the API accepts, from its OpenAPI document (the `timezone`
 * field's enum); the browser's own list should the document not say.
 */
export function timeZoneNames(): string[] {
  cached ??= (() => {
    const fromApi = enumValues(zUpdateMeRequest.shape.timezone as z.ZodMiniType);
    if (fromApi.length > 0) return fromApi;
    const fromBrowser = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return [...new Set(["UTC", ...fromBrowser])].sort();
  })();
  return cached;
}

/** The browser's zone when the API accepts it (some browsers report names the tz database lacks). */
export function acceptedBrowserTimeZone(): string | undefined {
  const zone = browserTimeZone();
  return timeZoneNames().includes(zone) ? zone : undefined;
}
