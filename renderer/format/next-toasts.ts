import type { AttentionItemView } from '../../app/common/contract.js';

/** At most this many toasts at once; older ones give way. */
export const maxToasts = 3;

/** At this width or less a window takes one toast at a time (styles.css shortens it there too). */
export const narrowToastWindowPx = 600;

/**
 * How many toasts a window this wide takes. At phone-like widths a toast spans the page, and
 * three would hide most of it: one at a time, the others still in the strip and the title count.
 */
export function toastLimit(viewportWidth: number): number {
  return viewportWidth <= narrowToastWindowPx ? 1 : maxToasts;
}

/**
 * The toasts a window takes once it is resized: the newest `limit`, so a window narrowed under
 * three toasts keeps one. Within the limit, the same array, so the close timer is not restarted.
 */
export function fitToasts(current: readonly AttentionItemView[], limit: number): readonly AttentionItemView[] {
  return current.length <= limit ? current : current.slice(0, limit);
}

/**
 * The toasts after the attention list changed: new, unacknowledged items come first; a toast
 * whose item was answered, approved, seen or is gone closes at once, so it never covers the
 * controls of a screen for an item that needs nobody any more. Unchanged input gives back the
 * same array, so the close timer is not restarted.
 */
export function nextToasts(current: readonly AttentionItemView[], items: readonly AttentionItemView[], fresh: readonly AttentionItemView[], limit = maxToasts): readonly AttentionItemView[] {
  const open = new Set(items.filter((item) => !item.acknowledged).map((item) => item.id));
  const kept = current.filter((toast) => open.has(toast.id));
  if (fresh.length === 0 && kept.length === current.length) return current;
  return [...fresh, ...kept].slice(0, limit);
}

/**
 * New items split by whether the person can already see them: an item whose strip entry is on
 * screen as it arrives is only announced to screen readers, because a toast would repeat it on top
 * of other controls (the run log's buttons, a session card's Sign out); the others are toasted.
 */
export function splitFresh(fresh: readonly AttentionItemView[], onScreen: (itemId: string) => boolean): { toast: AttentionItemView[]; announceOnly: AttentionItemView[] } {
  const toast: AttentionItemView[] = [];
  const announceOnly: AttentionItemView[] = [];
  for (const item of fresh) (onScreen(item.id) ? announceOnly : toast).push(item);
  return { toast, announceOnly };
}

/** A box wholly inside another (both as `getBoundingClientRect` gives them): the person sees all of it. */
export function isWithin(inner: { top: number; bottom: number }, outer: { top: number; bottom: number }): boolean {
  return inner.bottom > inner.top && inner.top >= outer.top && inner.bottom <= outer.bottom;
}
