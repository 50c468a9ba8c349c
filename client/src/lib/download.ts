/** A file the API answers with, and the name its Content-Disposition gives (null when unreadable). */
export interface Download {
  blob: Blob;
  filename: string | null;
}

/** `attachment; filename="habits-2026-03-10.json"` → the file name (RFC 6266, both forms). */
export function attachmentName(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A broken encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || null;
}

/**
 * Saves `blob` as a file named `filename`, the way a link to a download
 * would: the export comes from a request that carries the session's token,
 * which a plain link cannot send.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Kept a while: a browser that asks where to save reads the file after the click.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
