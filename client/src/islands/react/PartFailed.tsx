interface Props {
  /** "We could not load your habits." */
  message: string;
  onRetry: () => void;
}

/** A part of a page that failed to load: it says so, offers `Try again`, and retries by itself meanwhile. */
export default function PartFailed({ message, onRetry }: Props) {
  return (
    <div className="card flex flex-col items-center gap-3 text-center">
      <p>{message}</p>
      <p className="text-sm text-slate-600 dark:text-slate-400">We will try again by itself when the connection is back.</p>
      <button type="button" className="btn-secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
