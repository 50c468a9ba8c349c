import { useId, type ReactNode } from "react";

interface Props {
  title: string;
  /** What the section is for, under its heading. */
  intro?: ReactNode;
  children: ReactNode;
}

/** A settings section: a region named by its heading, so a screen reader can jump between them. */
export default function SettingsSection({ title, intro, children }: Props) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        {intro && <p className="max-w-prose text-sm text-slate-700 dark:text-slate-300">{intro}</p>}
      </div>
      {children}
    </section>
  );
}
