/**
 * Opens a native modal dialog (focus kept inside, Escape closes, focus goes
 * back to the opener on close), puts focus on its `data-autofocus` control,
 * and tells the toaster, which shows toasts inside the dialog while it is open.
 */
export function openModal(dialog: HTMLDialogElement | null): void {
  if (!dialog || dialog.open) return;
  dialog.showModal();
  dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  document.dispatchEvent(new Event("fht:modal"));
}
