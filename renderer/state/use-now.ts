import { useEffect, useState } from 'react';

/**
 * Wall-clock time, refreshed every `periodMs`. Each tick reads Date.now() afresh rather than
 * counting ticks, so a countdown stays right after sleep or in a throttled background tab.
 *
 * Ticks fall on the boundaries of `alignTo` (an epoch ms, e.g. a countdown's `expiresAt`), so a
 * rounded display changes exactly when its value does, instead of up to a period late.
 */
export function useNow(periodMs = 1_000, { enabled = true, alignTo = 0 }: { enabled?: boolean; alignTo?: number } = {}): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(tick, delayToNextBoundaryMs(Date.now(), periodMs, alignTo));
    };
    const tick = () => {
      setNow(Date.now());
      schedule();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') setNow(Date.now());
    };
    setNow(Date.now());
    schedule();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [periodMs, enabled, alignTo]);
  return now;
}

/** Milliseconds from `now` to the next instant `alignTo + k * periodMs`; never 0, so no busy loop. */
export function delayToNextBoundaryMs(now: number, periodMs: number, alignTo: number): number {
  const phase = (((now - alignTo) % periodMs) + periodMs) % periodMs;
  return periodMs - phase;
}
