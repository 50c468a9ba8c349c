import { useCallback, useEffect, useState, type ComponentProps } from "react";
import type HabitFormComponent from "./HabitForm";

type HabitFormType = typeof HabitFormComponent;
export type HabitFormProps = ComponentProps<HabitFormType>;

const loadHabitForm = () => import("./HabitForm").then((module) => module.default);

/**
 * The habit form arrives after the page: it is needed only once a dialog
 * opens, so it stays out of the page's first JavaScript (the pages' budgets).
 * It is fetched when the browser is idle, or at the latest on the first click.
 */
export function useHabitForm(): { HabitForm: HabitFormType | null; load: () => Promise<HabitFormType> } {
  const [HabitForm, setHabitForm] = useState<HabitFormType | null>(null);
  const load = useCallback(
    () =>
      loadHabitForm().then((component) => {
        setHabitForm(() => component);
        return component;
      }),
    [],
  );
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 200));
    idle(() => void load());
  }, [load]);
  return { HabitForm, load };
}
