import { useId, useRef, useState, type SubmitEvent } from "react";
import { ApiError } from "../../lib/api";
import { saveFile } from "../../lib/download";
import { exportData, IMPORT_MAX_BYTES, importData } from "../../lib/accountEndpoints";
import type { ExportFormat, ImportSummary } from "../../lib/schemas";

import { showToast } from "../../lib/toasts";
import Field from "./Field";
import { useAccountToday } from "./hooks";
import SettingsSection from "./SettingsSection";

/** `fallbackName` is used only when the answer's Content-Disposition cannot be read. */
const EXPORTS: { format: ExportFormat; label: string; fallbackName: (today: string) => string }[] = [
  { format: "json", label: "Export JSON", fallbackName: (today) => `habits-${today}.json` },
  { format: "loop", label: "Export Loop CSV", fallbackName: (today) => `habits-${today}-loop.zip` },
];

type ImportState =
  | { status: "idle" }
  | { status: "importing"; fileName: string }
  | { status: "done"; fileName: string; summary: ImportSummary };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function ExportButton({ format, label, fallbackName }: (typeof EXPORTS)[number]) {
  const today = useAccountToday();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { blob, filename } = await exportData(format);
      saveFile(blob, filename ?? fallbackName(today));
    } catch {
      // The toast says why.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn-secondary" aria-busy={busy || undefined} aria-disabled={busy || undefined} onClick={() => void download()}>
      {label}
    </button>
  );
}

function ImportResult({ fileName, summary }: { fileName: string; summary: ImportSummary }) {
  const nothingNew = summary.habitsCreated === 0 && summary.logsCreated === 0;
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-slate-300 p-4 dark:border-slate-600">
      <p className="font-semibold">
        Imported {fileName}
        {nothingNew && ": nothing new, it was all here already"}
      </p>
      <ul className="list-inside list-disc text-sm">
        <li>
          {plural(summary.habitsCreated, "habit", "habits")} created, {plural(summary.habitsMatched, "habit", "habits")} matched
          with yours
        </li>
        <li>
          {plural(summary.logsCreated, "day", "days")} logged, {plural(summary.logsExisting, "day", "days")} already there
        </li>
      </ul>
      {summary.warnings.length > 0 && (
        <div className="text-sm">
          <p className="font-semibold">{plural(summary.warnings.length, "warning", "warnings")}</p>
          <ul className="list-inside list-disc">
            {summary.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * Your data: both exports downloaded as files, and an import of a file (this
 * app's JSON, a Loop Habit Tracker CSV zip or backup) with its progress, then
 * its summary.
 */
export default function DataSection() {
  const ids = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [state, setState] = useState<ImportState>({ status: "idle" });

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (state.status === "importing") return;
    if (!file) {
      setFileErrors(["Choose a file to import."]);
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setFileErrors(["This file is over 10 MiB, the most an import takes."]);
      return;
    }
    setFileErrors([]);
    setState({ status: "importing", fileName: file.name });
    try {
      const summary = await importData(file);
      setState({ status: "done", fileName: file.name, summary });
      setFile(null);
      if (fileRef.current) fileRef.current.value = "";
      showToast({ kind: "success", title: "Import finished", detail: `${plural(summary.logsCreated, "day", "days")} logged.` });
    } catch (error) {
      // A file the server cannot read: its reason, at the field (other failures have their toast).
      if (error instanceof ApiError && [413, 415, 422].includes(error.status)) {
        const messages = Object.values(error.fieldErrors).flat();
        setFileErrors([error.problem.detail || error.problem.title || "This file cannot be imported.", ...messages].filter(Boolean));
      }
      setState({ status: "idle" });
    }
  };

  return (
    <SettingsSection
      title="Your data"
      intro="Take your history with you, or bring it here from Loop Habit Tracker or another account."
    >
      <div className="flex flex-wrap gap-2">
        {EXPORTS.map((item) => (
          <ExportButton key={item.format} {...item} />
        ))}
      </div>
      <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-4">
        <Field
          id={`${ids}-file`}
          label="Import file"
          errors={fileErrors}
          hint="This app's JSON export, a Loop Habit Tracker CSV export (.zip) or backup (.db), at most 10 MiB. Importing a file twice adds nothing."
        >
          {(describedBy, invalid) => (
            <input
              ref={fileRef}
              id={`${ids}-file`}
              name="file"
              type="file"
              accept=".json,.zip,.db,application/json,application/zip"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setFileErrors([]);
              }}
              className="field-input file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm file:font-semibold dark:file:bg-slate-800 dark:file:text-slate-100"
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="btn-primary" aria-disabled={state.status === "importing" || undefined}>
            Import
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {state.status === "importing" && (
          <div className="flex flex-col gap-2 text-sm">
            <p>Importing {state.fileName}…</p>
            <progress aria-label={`Importing ${state.fileName}`} className="h-2 w-full max-w-md accent-emerald-700" />
          </div>
        )}
        {state.status === "done" && <ImportResult fileName={state.fileName} summary={state.summary} />}
      </div>
    </SettingsSection>
  );
}
