import { useState } from "react";
import { createHabit } from "../../lib/endpoints";
import type { Habit } from "../../lib/schemas";
import { PlusIcon } from "./icons";
import { useHabitForm } from "./LazyHabitForm";
import Modal, { useModal } from "./Modal";

interface Props {
  onCreated: (habit: Habit) => void;
}

/** The `New habit` button and its dialog; every opening starts with an empty form. */
export default function NewHabitModal({ onCreated }: Props) {
  const modal = useModal();
  // A new form after each close: no title, errors or frequency left from last time.
  const [formKey, setFormKey] = useState(0);
  const { HabitForm, load } = useHabitForm();
  const open = () => void load().then(modal.open);

  return (
    <>
      <button type="button" className="btn-primary" onClick={open}>
        <PlusIcon className="size-4" />
        New habit
      </button>
      <Modal dialogRef={modal.dialogRef} title="New habit" onClose={() => setFormKey((key) => key + 1)}>
        {HabitForm && (
          <HabitForm
          key={formKey}
          submitLabel="Create"
          onCancel={modal.close}
          onSubmit={async (values) => {
            const habit = await createHabit(values);
            modal.close();
            onCreated(habit);
          }}
          />
        )}
      </Modal>
    </>
  );
}
