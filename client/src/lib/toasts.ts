import { create } from "zustand";

export interface Toast {
  id: number;
  title: string;
  detail?: string;
}

const TOAST_LIFETIME_MS = 6000;

interface ToastState {
  toasts: Toast[];
  dismiss: (id: number) => void;
}

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

let nextToastId = 1;

/** Shows an error toast that disappears by itself after a few seconds. */
export function showToast(toast: Omit<Toast, "id">): void {
  const id = nextToastId++;
  useToasts.setState((state) => ({ toasts: [...state.toasts, { ...toast, id }] }));
  setTimeout(() => useToasts.getState().dismiss(id), TOAST_LIFETIME_MS);
}
