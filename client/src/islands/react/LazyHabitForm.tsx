import type { ComponentProps } from "react";
import type HabitFormComponent from "./HabitForm";
import { useOnDemand } from "./onDemand";

type HabitFormType = typeof HabitFormComponent;
export type HabitFormProps = ComponentProps<HabitFormType>;

const importHabitForm = () => import("./HabitForm");

/** The habit form, which arrives after the page (see useOnDemand). */
export function useHabitForm(): { HabitForm: HabitFormType | null; load: () => Promise<HabitFormType> } {
  const { Component, load } = useOnDemand(importHabitForm);
  return { HabitForm: Component, load };
}
