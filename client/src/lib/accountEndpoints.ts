import { z } from "zod/mini";
import { requestJson, requestNoContent, requestResponse } from "./api";
import { attachmentName, type Download } from "./download";
import type { LoadOptions } from "./endpoints";
import { importSummarySchema, newTokenSchema, tokenSchema, type ExportFormat, type NewAccessToken, type PasswordChange } from "./schemas";

/**
 * The account's own endpoints (CONTRACT §2: password, deletion, personal
 * access tokens, export and import), used by the settings page only: kept
 * apart from endpoints.ts so that the other pages do not load them.
 */


/** Changes the password. A wrong current password is a 403 (the session stays), said at its field. */
export const changePassword = (change: PasswordChange) =>
  requestNoContent("/auth/password", {
    method: "POST",
    body: change,
    failureTitle: "Could not change the password",
    showsFieldErrors: true,
    quietStatuses: [403],
  });

/** Deletes the account and everything in it; a wrong password is a 403, said at its field. */
export const deleteAccount = (password: string) =>
  requestNoContent("/auth/me", {
    method: "DELETE",
    body: { password },
    failureTitle: "Could not delete the account",
    showsFieldErrors: true,
    quietStatuses: [403],
  });

export const listTokens = ({ quiet }: LoadOptions = {}) =>
  requestJson("/auth/tokens", z.array(tokenSchema), { quiet });

export const createToken = (token: NewAccessToken) =>
  requestJson("/auth/tokens", newTokenSchema, {
    method: "POST",
    body: token,
    failureTitle: "Could not create the token",
    showsFieldErrors: true,
  });

export const revokeToken = (id: string) =>
  requestNoContent(`/auth/tokens/${encodeURIComponent(id)}`, { method: "DELETE", failureTitle: "Could not revoke the token" });

/** GET /export as a file, with the name its Content-Disposition gives. */
export async function exportData(format: ExportFormat): Promise<Download> {
  const response = await requestResponse(`/export?format=${format}`, { accept: "*/*", failureTitle: "Could not export" });
  return { blob: await response.blob(), filename: attachmentName(response.headers.get("Content-Disposition")) };
}

/** The largest file POST /import takes (10 MiB); a larger one is refused before it is sent. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Uploads an export (ours, a Loop CSV zip or a Loop backup); a file it cannot read is said at the field. */
export const importData = (file: File) => {
  const form = new FormData();
  form.append("file", file);
  return requestJson("/import", importSummarySchema, {
    method: "POST",
    body: form,
    failureTitle: "Could not import",
    quietStatuses: [413, 415, 422],
  });
};
