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
}

/**
 * Keeps keyboard focus in a list whose entries go away (or change) when a person acts on them:
 * answering a question, approving, removing. When the entry that held focus is gone, or its
 * control was disabled or replaced, and focus has fallen to the top of the page, focus moves to
 * the entry now in its place (the next thing that needs the person), else the one before, else
 * `fallback`. Focus someone moved elsewhere, by keyboard or pointer, is left alone.
 */
export function useKeepFocusInList({ container, keys, revision = '', fallback, onNothingLeft }: KeepFocusInListOptions): void {
  const held = useRef<{ key: string; index: number } | null>(null);
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const fallbackRef = useRef({ fallback, onNothingLeft });
  fallbackRef.current = { fallback, onNothingLeft };

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const entry = event.target instanceof Element && container.current?.contains(event.target) ? event.target.closest<HTMLElement>('[data-focus-key]') : null;
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
  }, [container]);

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
    const target = firstFocusable(container.current, current, Math.max(0, was.index));
    if (target) {
      target.focus();
      return;
    }
    const heading = fallbackRef.current.fallback();
    if (heading) heading.focus();
    else fallbackRef.current.onNothingLeft?.();
  }, [signature, container]);
}

/** The first control of the entry at `index` (or the last entry), then of those after it, then of those before it. */
function firstFocusable(list: HTMLElement | null, keys: readonly string[], index: number): HTMLElement | null {
  if (!list || keys.length === 0) return null;
  const start = Math.min(index, keys.length - 1);
  const order = [...keys.slice(start), ...keys.slice(0, start).reverse()];
  for (const key of order) {
    const entry = list.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    if (!entry) continue;
    const control = entry.querySelector<HTMLElement>(focusableSelector);
    if (control) return control;
  }
  return null;
}
