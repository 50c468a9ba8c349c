import { useToasts, type Toast } from "../../lib/toasts";

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <li
      role="alert"
      className="pointer-events-auto flex items-start gap-3 rounded-xl border border-rose-200 bg-rose-50 p-3 text-rose-900 shadow-lg dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100"
    >
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold">{toast.title}</p>
        {toast.detail && <p className="mt-0.5 text-sm opacity-90">{toast.detail}</p>}
      </div>
      <button
        type="button"
        aria-label="Dismiss"
        className="rounded-md px-1 text-lg leading-none opacity-70 hover:opacity-100"
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </li>
  );
}

/** Where API errors appear (bottom of the screen, newest last). */
export default function ToastViewport() {
  const toasts = useToasts((state) => state.toasts);
  return (
    <ol
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-50 mx-auto flex max-w-md flex-col gap-2 p-4"
    >
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </ol>
  );
}
