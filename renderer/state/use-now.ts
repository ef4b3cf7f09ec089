import { useEffect, useState } from 'react';

/**
 * Wall-clock time, refreshed on each whole `periodMs` boundary. Each tick reads Date.now()
 * afresh rather than counting ticks, so a countdown stays right after sleep or a throttled
 * background tab.
 */
export function useNow(periodMs = 1_000, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      // Align to the boundary so every countdown on screen changes in the same frame.
      timer = setTimeout(tick, periodMs - (Date.now() % periodMs));
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
  }, [periodMs, enabled]);
  return now;
}
