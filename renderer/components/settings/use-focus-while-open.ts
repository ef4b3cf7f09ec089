import { useEffect, useRef, type RefObject } from 'react';

/**
 * A form opened in place (the profile editor) takes focus as it opens, so the next Tab is in the
 * form and not on the button far below that opened it; when it closes (Cancel, Save) focus goes
 * back to that button, which scrolls it into view. Otherwise "Edit" on the tenth profile would
 * leave focus 2,600 px down the page while the form opens at the top. `reopened`: the form comes
 * back with changes kept from an earlier visit, and closes to `fallback`.
 */
export function useFocusWhileOpen(target: RefObject<HTMLElement | null>, fallback?: () => HTMLElement | null, reopened = false): void {
  // Kept across React's development re-run of effects, which would otherwise find the heading as the opener.
  const openerRef = useRef<HTMLElement | null | undefined>(undefined);
  useEffect(() => {
    // A form reopened with kept changes was opened by the section's tab, not by the button that
    // first opened it: that button (the fallback) is where it closes to.
    openerRef.current ??= !reopened && document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const opener = openerRef.current;
    const element = target.current;
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: 'start' });
    return () => {
      // Only when focus was inside the form, which has gone: a click elsewhere keeps its own focus.
      const active = document.activeElement;
      if (active !== null && active !== document.body && active.isConnected) return;
      const back = opener?.isConnected ? opener : fallback?.();
      back?.focus();
    };
    // Once per opening: the editor is keyed by what it edits.
  }, []);
}

/** Each increase of `request` focuses the target again (the editor's heading after "Keep editing"). */
export function useFocusOnRequest(target: RefObject<HTMLElement | null>, request: number): void {
  useEffect(() => {
    if (request > 0) target.current?.focus();
  }, [request, target]);
}
