import { describe, expect, it } from 'vitest';
import type { RunStatus, RunView } from '../common/contract.js';
import { summariseToday } from './today-summary.js';

const now = Date.UTC(2026, 6, 15, 14, 0); // 15:00 in London (BST)
const londonMidnight = Date.UTC(2026, 6, 14, 23, 0);

let nextId = 1;
function run(status: RunStatus, startedAt: number): RunView {
  return { id: `r${nextId++}`, botId: 'bot', botName: 'Bot', profileId: 'sandbox', status, startedAt };
}

describe('summariseToday', () => {
  it('counts the runs started since local midnight by outcome', () => {
    const runs = [
      run('succeeded', londonMidnight),
      run('succeeded', now - 60_000),
      run('failed', now - 50_000),
      run('timedOut', now - 40_000),
      run('running', now - 30_000),
      run('starting', now - 20_000),
      run('queued', now - 10_000),
      run('cancelled', now - 9_000),
      run('halted', now - 8_000),
      run('interrupted', now - 7_000),
    ];
    expect(summariseToday({ runs, now, timeZone: 'Europe/London' })).toEqual({
      dayStartedAt: londonMidnight,
      dayEndsAt: londonMidnight + 24 * 3_600_000,
      runs: 10,
      succeeded: 2,
      failed: 2,
      running: 2,
      waiting: 1,
      stopped: 3,
    });
  });

  it('leaves out runs from before local midnight, even when UTC still calls it the same day', () => {
    const runs = [run('succeeded', londonMidnight - 1), run('failed', Date.UTC(2026, 6, 14, 23, 30))];
    const summary = summariseToday({ runs, now, timeZone: 'Europe/London' });
    expect(summary.runs).toBe(1);
    expect(summary.succeeded).toBe(0);
    expect(summary.failed).toBe(1);
    // The same runs in UTC: both fall on the 14th, before the 15th began.
    expect(summariseToday({ runs, now, timeZone: 'UTC' }).runs).toBe(0);
  });

  it('starts again at midnight', () => {
    const runs = [run('succeeded', now)];
    const tomorrow = summariseToday({ runs, now: londonMidnight + 24 * 3_600_000, timeZone: 'Europe/London' });
    expect(tomorrow.runs).toBe(0);
    expect(tomorrow.dayStartedAt).toBe(londonMidnight + 24 * 3_600_000);
  });

  it('carries the next scheduled run when there is one, and nothing otherwise', () => {
    expect(summariseToday({ runs: [], now, timeZone: 'UTC' })).not.toHaveProperty('nextScheduled');
    const next = { botName: 'Claims watcher', at: now + 3_600_000 };
    expect(summariseToday({ runs: [], now, timeZone: 'UTC', nextScheduled: next }).nextScheduled).toEqual(next);
  });

  it('an empty day is all zeros', () => {
    const summary = summariseToday({ runs: [], now, timeZone: 'Europe/London' });
    expect([summary.runs, summary.succeeded, summary.failed, summary.running, summary.waiting, summary.stopped]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
