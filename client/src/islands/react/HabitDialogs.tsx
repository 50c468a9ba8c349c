import { useState } from "react";
import { deleteHabit, updateHabit } from "../../lib/endpoints";
import { goTo, ROUTES } from "../../lib/navigation";
import type { Habit, NewHabit } from "../../lib/schemas";
import { showToast } from "../../lib/toasts";
import { useHabitForm } from "./LazyHabitForm";
import Modal, { useModal } from "./Modal";

interface EditProps {
  habit: Habit;
  onHabitChange: (habit: Habit) => void;
}

/** `Edit`: a dialog with Title, Frequency, Target and Save (PATCH /habits/{id}). */
export function EditHabitButton({ habit, onHabitChange }: EditProps) {
  const modal = useModal();
  const [formKey, setFormKey] = useState(0);
  const { HabitForm, load } = useHabitForm();
  const open = () => void load().then(modal.open);
  const initial: NewHabit =
    habit.frequency === "weekly"
      ? { title: habit.title, frequency: "weekly", target: habit.target }
      : { title: habit.title, frequency: "daily", target: 1 };
  return (
    <>
      <button type="button" className="btn-secondary" onClick={open}>
        Edit
      </button>
      <Modal dialogRef={modal.dialogRef} title="Edit habit" onClose={() => setFormKey((key) => key + 1)}>
        {HabitForm && (
          <HabitForm
          key={formKey}
          initial={initial}
          submitLabel="Save"
          onCancel={modal.close}
          onSubmit={async (values) => {
            const saved = await updateHabit(habit.id, values);
            modal.close();
            onHabitChange(saved);
            showToast({ kind: "success", title: "Habit saved" });
          }}
          />
        )}
      </Modal>
    </>
  );
}

/** `Delete`: a confirmation dialog whose `Delete habit` removes the habit and its days. */
export function DeleteHabitButton({ habit }: { habit: Habit }) {
  const modal = useModal();
  const [deleting, setDeleting] = useState(false);

  const confirm = async () => {
    if (deleting) return;
    setDeleting(true);
    try {
      await deleteHabit(habit.id);
      modal.close();
      showToast({ kind: "success", title: "Habit deleted", detail: `“${habit.title}” and its days are gone.` });
      goTo(ROUTES.dashboard);
    } catch {
      // The toast (shown inside this dialog) says why; the habit is still there.
    } finally {
      setDeleting(false);
    }
  };

  return (
    <>
      <button type="button" className="btn-secondary text-rose-800 dark:text-rose-300" onClick={modal.open}>
        Delete
      </button>
      <Modal dialogRef={modal.dialogRef} title="Delete this habit?">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          “{habit.title}” and all {habit.totalLogs} of its logged days will be deleted. This cannot be undone.
        </p>
        <div className="mt-2 flex justify-end gap-2">
          <button type="button" className="btn-secondary" data-autofocus onClick={modal.close}>
            Cancel
          </button>
          <button type="button" className="btn-danger" aria-disabled={deleting || undefined} onClick={confirm}>
            Delete habit
          </button>
        </div>
      </Modal>
    </>
  );
}
