import { useEffect, useRef, type RefObject } from 'react';

/**
 * After a failed save, moves focus to the first field marked invalid (or, when the problem is
 * not about one field, to the error summary), so keyboard and screen-reader users land on what
 * to fix instead of a button far below it. `attempt` changes once per failed save.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, attempt: number): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const root = container.current;
    if (!root) return;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[data-error-summary]');
    target?.focus();
  }, [container, attempt]);
}
