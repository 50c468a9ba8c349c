import { useCallback, useEffect, useState, type ComponentType } from "react";

/**
 * A component that arrives after the page (a dialog's form, say): it is
 * needed only once the user asks for it, so it stays out of the page's first
 * JavaScript (the pages' budgets). It is fetched when the browser is idle, or
 * at the latest by `load()` on the first click.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export function useOnDemand<C extends ComponentType<any>>(importer: () => Promise<{ default: C }>): { Component: C | null; load: () => Promise<C> } {
  const [Component, setComponent] = useState<C | null>(null);
  const [importOnce] = useState(() => {
    let loading: Promise<C> | null = null;
    return () => (loading ??= importer().then((module) => module.default));
  });
  const load = useCallback(
    () =>
      importOnce().then((component) => {
        setComponent(() => component);
        return component;
      }),
    [importOnce],
  );
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 200));
    idle(() => void load());
  }, [load]);
  return { Component, load };
}
