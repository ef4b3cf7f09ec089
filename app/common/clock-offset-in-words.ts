import { formatDuration } from './format-duration.js';

/** "1 min 30 s ahead of" / "45 s behind": another computer's clock against this one's, for people. */
export function clockOffsetInWords(offsetMs: number): string {
  return `${formatDuration(Math.abs(offsetMs))} ${offsetMs > 0 ? 'ahead of' : 'behind'}`;
}
