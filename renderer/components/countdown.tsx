import { formatCountdown } from '../format/format-countdown.js';
import { useNow } from '../state/use-now.js';

export interface CountdownProps {
  /** Epoch ms the countdown runs to. */
  expiresAt: number;
  testId?: string;
  size?: 'large' | 'small';
}

/**
 * A live `hh:mm:ss` to `expiresAt`, recomputed from the wall clock each second. Tabular digits
 * in a fixed-width box, so nothing around it moves as it ticks. It is a timer role, which
 * screen readers do not announce on every tick.
 */
export function Countdown({ expiresAt, testId, size = 'large' }: CountdownProps) {
  const now = useNow(1_000, { alignTo: expiresAt });
  return (
    <span role="timer" className={`countdown countdown--${size}`} data-testid={testId} data-expires-at={expiresAt}>
      {formatCountdown(expiresAt - now)}
    </span>
  );
}
