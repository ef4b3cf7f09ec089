import { formatCountdown } from '../format/format-countdown.js';
import { useNow } from '../state/use-now.js';

export interface CountdownProps {
  /** Epoch ms the countdown runs to. */
  expiresAt: number;
  testId?: string;
}

/**
 * A live `hh:mm:ss` to `expiresAt`, recomputed from the wall clock each second. It is a timer
 * role, which screen readers do not announce on every tick.
 */
export function Countdown({ expiresAt, testId }: CountdownProps) {
  const now = useNow(1_000, { alignTo: expiresAt });
  return (
    <span role="timer" className="countdown" data-testid={testId}>
      {formatCountdown(expiresAt - now)}
    </span>
  );
}
