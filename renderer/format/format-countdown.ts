const secondMs = 1_000;

/**
 * `hh:mm:ss` for the time left. Rounds up, so the display reaches 00:00:00 exactly when the
 * session ends rather than a second early, and never shows a negative time.
 */
export function formatCountdown(remainingMs: number): string {
  const totalSeconds = Math.max(0, Math.ceil(remainingMs / secondMs));
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  return [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
}
