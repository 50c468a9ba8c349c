/**
 * Puts `text` on the clipboard: the Clipboard API where the page may use it,
 * else the older copy command on a selected field. False when neither worked
 * (the user can still select the text and copy it).
 */
export async function copyText(text: string, field?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}
