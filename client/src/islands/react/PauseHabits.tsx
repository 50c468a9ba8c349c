import { useState } from "react";
import type { IsoDate } from "../../lib/dates";
import type { Habit } from "../../lib/schemas";
import { showToast } from "../../lib/toasts";
import { PauseIcon } from "./icons";
import Modal, { useModal } from "./Modal";
import { useOnDemand } from "./onDemand";

const importPauseForm = () => import("./PauseForm");

interface Props {
  habits: Habit[];
  today: IsoDate;
  /** The break is written: today's state, the streaks and the week may have changed. */
  onPaused: () => void;
}

/** The `Pause habits` button and its dialog (From, To, Pause); every opening starts afresh. */
export default function PauseHabits({ habits, today, onPaused }: Props) {
  const modal = useModal();
  const [formKey, setFormKey] = useState(0);
  const { Component: PauseForm, load } = useOnDemand(importPauseForm);
  const open = () => void load().then(modal.open);

  return (
    <>
      <button type="button" className="btn-secondary" onClick={open}>
        <PauseIcon className="size-4" />
        Pause habits
      </button>
      <Modal dialogRef={modal.dialogRef} title="Pause habits" onClose={() => setFormKey((key) => key + 1)}>
        {PauseForm && (
          <PauseForm
            key={`${formKey}|${today}`}
            habits={habits}
            today={today}
            onCancel={modal.close}
            onPaused={(created) => {
              modal.close();
              showToast({
                kind: "success",
                title: "Habits paused",
                detail: created === 1 ? "1 day marked as skipped." : `${created} days marked as skipped.`,
              });
              onPaused();
            }}
          />
        )}
      </Modal>
    </>
  );
}
