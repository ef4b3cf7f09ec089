import type { AttentionItemView } from '../../app/common/contract.js';

/** At most this many toasts at once; older ones give way. */
export const maxToasts = 3;

/**
 * The toasts after the attention list changed: new, unacknowledged items come first; a toast
 * whose item was answered, approved, seen or is gone closes at once, so it never covers the
 * controls of a screen for an item that needs nobody any more. Unchanged input gives back the
 * same array, so the close timer is not restarted.
 */
export function nextToasts(current: readonly AttentionItemView[], items: readonly AttentionItemView[], fresh: readonly AttentionItemView[]): readonly AttentionItemView[] {
  const open = new Set(items.filter((item) => !item.acknowledged).map((item) => item.id));
  const kept = current.filter((toast) => open.has(toast.id));
  if (fresh.length === 0 && kept.length === current.length) return current;
  return [...fresh, ...kept].slice(0, maxToasts);
}
