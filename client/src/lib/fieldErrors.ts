/**
 * A 422's `errors` (`{"body.title": ["…"]}`) by the form's fields; messages
 * that belong to no field of the form go to `other`, to show under it.
 */
export function splitFieldErrors<F extends string>(errors: Record<string, string[]>, fields: readonly F[]) {
  const byField: Partial<Record<F, string[]>> = {};
  const other: string[] = [];
  for (const [path, messages] of Object.entries(errors)) {
    const field = fields.find((name) => path === name || path.endsWith(`.${name}`));
    if (field) byField[field] = [...(byField[field] ?? []), ...messages];
    else other.push(...messages);
  }
  return { byField, other };
}
