import { useCallback, useId, useRef, type ReactNode, type RefObject } from "react";
import { openModal } from "../../lib/modal";

export interface ModalHandle {
  dialogRef: RefObject<HTMLDialogElement | null>;
  open: () => void;
  close: () => void;
}

/** A native modal <dialog>: focus stays inside, Escape closes, focus returns to the opener. */
export function useModal(): ModalHandle {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const open = useCallback(() => openModal(dialogRef.current), []);
  const close = useCallback(() => dialogRef.current?.close(), []);
  return { dialogRef, open, close };
}

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  children: ReactNode;
  /** Called when the dialog closes, however it closes (Escape included). */
  onClose?: () => void;
}

export default function Modal({ dialogRef, title, children, onClose }: Props) {
  const headingId = useId();
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={headingId}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 backdrop:backdrop-blur-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex flex-col gap-4 p-6">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
