import { useSyncExternalStore } from 'react';
import { delayToNextBoundaryMs } from './use-now.js';

const periodMs = 1_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function notify(): void {
  now = Date.now();
  for (const listener of [...listeners]) listener();
}

function tick(): void {
  timer = setTimeout(tick, delayToNextBoundaryMs(Date.now(), periodMs, 0));
  notify();
}

function onVisible(): void {
  if (document.visibilityState === 'visible') notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    now = Date.now();
    timer = setTimeout(tick, delayToNextBoundaryMs(now, periodMs, 0));
    document.addEventListener('visibilitychange', onVisible);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

const subscribeNever = () => () => undefined;
const read = () => now;

/**
 * Wall-clock time from one timer shared by every caller, ticking on whole seconds. With 200
 * running bots, 200 durations change in one render per second instead of 200 timers each
 * rendering on its own phase (every frame busy). Each reading is at most a second old, so a
 * caller computing a duration clamps it at zero. Disabled callers do not keep the timer running.
 */
export function useSharedClock(enabled: boolean): number {
  return useSyncExternalStore(enabled ? subscribe : subscribeNever, read);
}
