import { dismissToast, toastStore, type Toast } from "./toasts";

const KIND_CLASSES = {
  error: "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
} as const;

function toastElement(toast: Toast): HTMLLIElement {
  const item = document.createElement("li");
  item.dataset.toastId = String(toast.id);
  item.className = "pointer-events-auto";
  // An error interrupts (alert); a confirmation waits its turn (status). The role sits inside
  // the list item: a list item whose own role is alert is no list item (axe: list, aria-allowed-role).
  const box = document.createElement("div");
  box.setAttribute("role", toast.kind === "error" ? "alert" : "status");
  box.className = `flex items-start gap-3 rounded-xl border p-3 shadow-lg ${KIND_CLASSES[toast.kind]}`;
  item.append(box);
  const text = document.createElement("div");
  text.className = "min-w-0 flex-1";
  const title = document.createElement("p");
  title.className = "text-sm font-semibold";
  title.textContent = toast.title;
  text.append(title);
  if (toast.detail) {
    const detail = document.createElement("p");
    detail.className = "mt-0.5 text-sm";
    detail.textContent = toast.detail;
    text.append(detail);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.setAttribute("aria-label", "Dismiss");
  close.className = "rounded-md px-1 text-lg leading-none";
  close.textContent = "×";
  close.addEventListener("click", () => dismissToast(toast.id));
  box.append(text, close);
  return item;
}

/** The open modal dialog on top, if any: everything outside it is inert and under its backdrop. */
function topModalDialog(): HTMLDialogElement | null {
  const open = [...document.querySelectorAll<HTMLDialogElement>("dialog[open]")].filter((dialog) => dialog.matches(":modal"));
  return open.at(-1) ?? null;
}

/**
 * Keeps the toast list where it can be seen and used: in its landmark, or
 * inside the open modal dialog while there is one (a toast must never sit
 * behind a dialog's backdrop).
 */
function placeList(list: HTMLElement, home: HTMLElement): void {
  const host = topModalDialog() ?? home;
  if (list.parentElement !== host) host.append(list);
}

function render(list: HTMLElement, toasts: Toast[]): void {
  const wanted = new Set(toasts.map((toast) => String(toast.id)));
  for (const item of [...list.children] as HTMLElement[]) {
    if (!wanted.has(item.dataset.toastId ?? "")) item.remove();
  }
  const shown = new Set([...list.children].map((item) => (item as HTMLElement).dataset.toastId));
  // Existing toasts keep their elements, so a screen reader does not hear them again.
  for (const toast of toasts) if (!shown.has(String(toast.id))) list.append(toastElement(toast));
}

let mounted = false;

export function mountToaster(): void {
  if (mounted) return;
  mounted = true;
  let list: HTMLElement | null = null;
  let home: HTMLElement | null = null;
  const update = () => {
    list ??= document.querySelector<HTMLElement>("[data-toast-list]");
    home ??= list?.parentElement ?? null;
    if (!list || !home) return;
    placeList(list, home);
    render(list, toastStore.getState().toasts);
  };
  toastStore.subscribe(update);
  document.addEventListener("fht:modal", update);
  // `close` does not bubble: listen while it travels down.
  document.addEventListener("close", () => queueMicrotask(update), true);
  update();
}
