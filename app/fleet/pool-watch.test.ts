import { describe, expect, it } from 'vitest';
import { FakeClock } from '../test-support/fake-clock.js';
import { PoolWatch, type PoolWatchDeps } from './pool-watch.js';
import type { WorkerBeat } from './worker-beat.js';

const wardWorkers = [
  { workerId: 'fp-1', name: 'ward-pc-1' },
  { workerId: 'fp-2', name: 'ward-pc-2' },
];

/** Beats as the desktop reads them, by the worker's time (its clock right). */
const beatsAt = (entries: [string, number][]) => new Map(entries.map(([id, heardAt]) => [id, { heardAt, clockOffsetMs: 0 }]));

function watch(overrides: Partial<PoolWatchDeps> & { beats?: () => ReadonlyMap<string, WorkerBeat> } = {}) {
  const clock = new FakeClock();
  const calls = { reads: [] as string[][], changes: 0, warnings: [] as string[] };
  let pools = new Set(['ward']);
  const deps: PoolWatchDeps = {
    waitingPools: () => pools,
    workersFor: (pool) => (pool === 'ward' ? wardWorkers : []),
    approvedWorkerIds: () => ['fp-1', 'fp-2', 'fp-3'],
    heartbeats: async (ids) => {
      calls.reads.push([...ids]);
      return overrides.beats?.() ?? new Map();
    },
    lastSeen: () => undefined,
    onChange: () => (calls.changes += 1),
    clock,
    logger: { info: () => undefined, warn: (message) => calls.warnings.push(message), error: () => undefined },
    ...overrides,
  };
  return { pool: new PoolWatch(deps), clock, calls, setPools: (next: string[]) => (pools = new Set(next)) };
}

describe('PoolWatch', () => {
  it('calls a waiting pool down only when none of its approved workers beats, and says a change once', async () => {
    let beats = beatsAt([['fp-2', 1_000]]);
    const { pool, calls } = watch({ beats: () => beats });
    await pool.check();
    expect(calls.reads).toEqual([['fp-1', 'fp-2', 'fp-3']]);
    expect(pool.downFor('ward')).toBeUndefined();
    expect(calls.changes).toBe(0);

    beats = beatsAt([]);
    await pool.check();
    expect(pool.downFor('ward')).toEqual({ workerNames: ['ward-pc-1', 'ward-pc-2'], lastHeardAt: 1_000 });
    expect(calls.changes).toBe(1);
    await pool.check();
    expect(calls.changes).toBe(1);

    beats = beatsAt([['fp-1', 9_000]]);
    await pool.check();
    expect(pool.downFor('ward')).toBeUndefined();
    expect(calls.changes).toBe(2);
  });

  it('takes a later status write as having heard from a worker, and says never when neither exists', async () => {
    const { pool } = watch({ lastSeen: (workerId) => (workerId === 'fp-1' ? 5_000 : undefined) });
    await pool.check();
    expect(pool.downFor('ward')?.lastHeardAt).toBe(5_000);
    const never = watch();
    await never.pool.check();
    expect(never.pool.downFor('ward')).toEqual({ workerNames: ['ward-pc-1', 'ward-pc-2'] });
  });

  it('keeps reading while no run waits, so it knows when a worker was last up, and forgets a pool once its runs no longer wait', async () => {
    let beats = beatsAt([['fp-1', 3_000]]);
    const { pool, calls, setPools } = watch({ beats: () => beats });
    setPools([]);
    await pool.check();
    expect(calls.reads).toHaveLength(1);
    beats = beatsAt([]);
    setPools(['ward']);
    await pool.check();
    expect(pool.downFor('ward')).toEqual({ workerNames: ['ward-pc-1', 'ward-pc-2'], lastHeardAt: 3_000 });
    setPools([]);
    await pool.check();
    expect(pool.downFor('ward')).toBeUndefined();
    expect(calls.changes).toBe(2);
  });

  it('keeps what it knew while the heartbeats cannot be read, and logs that once per failing stretch', async () => {
    let failing = false;
    const { pool, calls } = watch({
      heartbeats: async () => {
        if (failing) throw new Error('Redis did not answer within 2000 ms');
        return new Map();
      },
    });
    await pool.check();
    failing = true;
    await pool.check();
    await pool.check();
    expect(pool.downFor('ward')).toEqual({ workerNames: ['ward-pc-1', 'ward-pc-2'] });
    expect(calls.changes).toBe(1);
    expect(calls.warnings).toEqual(['Worker heartbeats not read; pools keep their last state']);
  });

  it('reads at once when a pool starts waiting, and leaves pools already read to the next round', async () => {
    const { pool, calls, setPools } = watch();
    setPools([]);
    pool.poke();
    expect(calls.reads).toHaveLength(0);
    setPools(['ward']);
    pool.poke();
    pool.poke();
    await expect.poll(() => pool.downFor('ward')).toBeDefined();
    pool.poke();
    expect(calls.reads).toHaveLength(1);
  });

  it('reads every ten seconds once started, and never after it is disposed', async () => {
    const { pool, clock, calls } = watch();
    pool.start();
    expect(calls.reads).toHaveLength(0);
    clock.advance(10_000);
    await expect.poll(() => calls.reads.length).toBe(1);
    await expect.poll(() => clock.pendingTimers).toBe(1);
    clock.advance(10_000);
    await expect.poll(() => calls.reads.length).toBe(2);
    pool.dispose();
    await expect.poll(() => clock.pendingTimers).toBe(0);
    clock.advance(60_000);
    expect(calls.reads).toHaveLength(2);
  });
});
