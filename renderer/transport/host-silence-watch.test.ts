import { describe, expect, it } from 'vitest';
import { HostSilenceWatch } from './host-silence-watch.js';

/** A watch on a manual clock: `tick` runs the interval as the browser would, at a chosen time. */
function rig() {
  let now = 0;
  let callback: (() => void) | undefined;
  const pings: number[] = [];
  const events: string[] = [];
  const watch = new HostSilenceWatch({
    now: () => now,
    sendPing: (at) => pings.push(at),
    onSilent: () => events.push('silent'),
    onAnswered: () => events.push('answered'),
    pingEveryMs: 5_000,
    silentAfterMs: 15_000,
    setInterval: (run) => ((callback = run), 'timer'),
    clearInterval: () => (callback = undefined),
  });
  const tickAt = (at: number) => {
    now = at;
    callback?.();
  };
  return { watch, pings, events, tickAt, running: () => callback !== undefined };
}

describe('HostSilenceWatch', () => {
  it('a host that answers every ping is never called silent', () => {
    const r = rig();
    r.watch.start();
    for (let at = 5_000; at <= 60_000; at += 5_000) {
      r.tickAt(at);
      r.watch.heard();
    }
    expect(r.pings).toHaveLength(12);
    expect(r.events).toEqual([]);
  });

  it('a host that stops answering is silent once its oldest unanswered ping is 15 s old, and answered again at its next message', () => {
    const r = rig();
    r.watch.start();
    r.tickAt(5_000);
    r.tickAt(10_000);
    r.tickAt(15_000);
    expect(r.events).toEqual([]);
    r.tickAt(20_000);
    expect(r.events).toEqual(['silent']);
    expect(r.watch.silent).toBe(true);
    r.tickAt(25_000);
    expect(r.events).toEqual(['silent']);
    r.watch.heard();
    expect(r.events).toEqual(['silent', 'answered']);
    expect(r.watch.silent).toBe(false);
  });

  it('a background tab whose timer fires once a minute is not silent when the host answered the last ping', () => {
    const r = rig();
    r.watch.start();
    r.tickAt(5_000);
    r.watch.heard();
    r.tickAt(65_000);
    r.watch.heard();
    r.tickAt(125_000);
    expect(r.events).toEqual([]);
  });

  it('stop ends the pings and forgets what was unanswered', () => {
    const r = rig();
    r.watch.start();
    r.tickAt(5_000);
    r.watch.stop();
    expect(r.running()).toBe(false);
    r.watch.start();
    r.tickAt(30_000);
    expect(r.events).toEqual([]);
  });
});
