import type { SupervisorState } from '../../app/common/contract.js';

/**
 * The tray's badge: the count of new attention items, as text beside the icon (macOS) and the
 * first line of the tooltip (everywhere). Empty when nothing new needs anyone.
 */
export function attentionBadge(state: SupervisorState | undefined): { title: string; tooltipLine: string | undefined } {
  const count = state ? state.attention.filter((item) => !item.acknowledged).length : 0;
  if (count === 0) return { title: '', tooltipLine: undefined };
  return { title: String(count), tooltipLine: count === 1 ? '1 item needs attention' : `${count} items need attention` };
}
