import { createStore } from "zustand/vanilla";

export type ToastKind = "error" | "success";

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  detail?: string;
}

const LIFETIME_MS: Record<ToastKind, number> = { error: 8000, success: 4000 };

interface ToastState {
  toasts: Toast[];
}

/** Visible toasts, drawn by ui/Toaster.astro (no React needed). */
export const toastStore = createStore<ToastState>()(() => ({ toasts: [] }));

const timers = new Map<number, ReturnType<typeof setTimeout>>();
let nextId = 1;

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  toastStore.setState((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}

function expireLater(id: number, kind: ToastKind): void {
  clearTimeout(timers.get(id));
  timers.set(
    id,
    setTimeout(() => dismissToast(id), LIFETIME_MS[kind]),
  );
}

/**
 * Shows a toast that disappears by itself. One failure, one toast: when the
 * same message is already showing (an outage fails every request of a page
 * at once), it stays a single toast and only lives longer.
 */
export function showToast({ kind = "error", title, detail }: { kind?: ToastKind; title: string; detail?: string }): void {
  const same = toastStore.getState().toasts.find((toast) => toast.kind === kind && toast.title === title && toast.detail === detail);
  if (same) {
    expireLater(same.id, kind);
    return;
  }
  const id = nextId++;
  toastStore.setState((state) => ({ toasts: [...state.toasts, { id, kind, title, detail }] }));
  expireLater(id, kind);
}
