import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const focusableSelector = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export interface KeepFocusInListOptions {
  /** The element holding the entries; each entry carries `data-focus-key` with its key. */
  container: RefObject<HTMLElement | null>;
  /** The entries' keys, in the order shown. */
  keys: readonly string[];
  /** Anything else an action changes about the entries (e.g. which are marked as seen). */
  revision?: string;
  /** Where focus goes once no entry is left (a heading with tabIndex -1); null when it is not on the page. */
  fallback(): HTMLElement | null;
  /** Called when no entry is left and `fallback` gave nothing, so the caller can show and focus its heading. */
  onNothingLeft?(): void;
  /**
   * Controls, by selector, that hand focus on themselves when they go (a sign-in's, to the Cancel
   * of the sign-in it began): the list leaves focus they held alone.
   */
  handsOnFocus?: string;
}

/**
 * Keeps keyboard focus in a list whose entries go away (or change) when a person acts on them:
 * answering a question, approving, removing. When the entry that held focus is gone, or its
 * control was disabled or replaced, and focus has fallen to the top of the page, focus moves to
 * the entry now in its place (the next thing that needs the person), else the one before, else
 * `fallback`. Focus someone moved elsewhere, by keyboard or pointer, is left alone.
 */
export function useKeepFocusInList({ container, keys, revision = '', fallback, onNothingLeft, handsOnFocus }: KeepFocusInListOptions): void {
  const held = useRef<{ key: string; index: number } | null>(null);
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const fallbackRef = useRef({ fallback, onNothingLeft });
  fallbackRef.current = { fallback, onNothingLeft };

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target instanceof Element && container.current?.contains(event.target) ? event.target : null;
      const entry = target && !(handsOnFocus && target.closest(handsOnFocus)) ? target.closest<HTMLElement>('[data-focus-key]') : null;
      const key = entry?.dataset.focusKey;
      held.current = key === undefined ? null : { key, index: keysRef.current.indexOf(key) };
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node && container.current?.contains(event.target))) held.current = null;
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [container, handsOnFocus]);

  const signature = `${keys.join('\n')}\n${revision}`;
  // Before paint, so the page never shows (or announces) focus on nothing.
  useLayoutEffect(() => {
    const was = held.current;
    if (!was) return;
    const current = keysRef.current;
    const active = document.activeElement;
    const lost = active === null || active === document.body || !active.isConnected;
    if (!lost) {
      const index = current.indexOf(was.key);
      if (index >= 0) was.index = index;
      return;
    }
    held.current = null;
    const target = firstFocusable(container.current, current, was.index);
    if (target) {
      target.focus();
      return;
    }
    const heading = fallbackRef.current.fallback();
    if (heading) heading.focus();
    else fallbackRef.current.onNothingLeft?.();
  }, [signature, container]);
}

/**
 * The entries to try, in order, once the one at `index` has gone or changed: the entry now in its
 * place (the next one), then those after it, then those before it, nearest first.
 */
export function focusOrder(keys: readonly string[], index: number): string[] {
  if (keys.length === 0) return [];
  const start = Math.min(Math.max(0, index), keys.length - 1);
  return [...keys.slice(start), ...keys.slice(0, start).reverse()];
}

/**
 * The control to focus in the first entry in `focusOrder` that has one: the entry's own choice,
 * marked `data-focus-control` (a notice's Dismiss, not the Details before it), else its first.
 */
function firstFocusable(list: HTMLElement | null, keys: readonly string[], index: number): HTMLElement | null {
  if (!list) return null;
  for (const key of focusOrder(keys, index)) {
    const entry = list.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    const control = entry?.querySelector<HTMLElement>('[data-focus-control]') ?? entry?.querySelector<HTMLElement>(focusableSelector);
    if (control) return control;
  }
  return null;
}
