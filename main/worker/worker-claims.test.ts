import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../app/ports/clock.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { WorkerClaims } from './worker-claims.js';

const ticket = { runId: 'run-late-lease', pool: 'ward' } as Parameters<WorkerClaims['claim']>[0];

describe('WorkerClaims', () => {
  let worker: ReturnType<typeof makeTestWorker>;
  let published: string[];
  let claims: WorkerClaims;

  beforeEach(() => {
    worker = makeTestWorker('Ward PC claims');
    published = [];
    claims = new WorkerClaims({
      identity: worker.identity,
      redis: { publish: (_channel: string, message: string) => Promise.resolve(published.push(message)) } as never,
      clock: systemClock,
      leaseWaitMs: 5_000,
    });
  });

  afterEach(() => {
    vi.useRealTimers();
    worker.dispose();
  });

  it('S96 a claim the supervisor never answers ends as a refusal and is no longer waiting, so a lease announced later is not taken', async () => {
    vi.useFakeTimers();
    const decided = claims.claim(ticket);
    await vi.waitFor(() => expect(published).toHaveLength(1));
    expect(claims.waiting(ticket.runId)).toBe(true);

    await vi.advanceTimersByTimeAsync(5_000);
    await expect(decided).resolves.toEqual({ ok: false, detail: 'the supervisor did not answer the claim' });
    expect(claims.waiting(ticket.runId)).toBe(false);
    // A lease that comes after the silence changes nothing.
    claims.decide(ticket.runId, { ok: true });
    expect(claims.waiting(ticket.runId)).toBe(false);
  });

  it('silence after a lease the worker could not open is refused with that trouble, which then is forgotten', async () => {
    vi.useFakeTimers();
    const decided = claims.claim(ticket);
    await vi.waitFor(() => expect(published).toHaveLength(1));
    claims.trouble(ticket.runId, 'the lease was signed by another desktop');
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(decided).resolves.toEqual({ ok: false, detail: 'the lease was signed by another desktop' });

    // The same run claimed again starts clean: the old trouble is not its refusal.
    const again = claims.claim(ticket);
    await vi.waitFor(() => expect(published).toHaveLength(2));
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(again).resolves.toEqual({ ok: false, detail: 'the supervisor did not answer the claim' });
  });

  it('a lease in time ends the claim with it; closing ends every claim still waiting', async () => {
    const leased = claims.claim(ticket);
    const other = claims.claim({ ...ticket, runId: 'run-other' });
    await vi.waitFor(() => expect(published).toHaveLength(2));
    claims.decide(ticket.runId, { ok: true });
    await expect(leased).resolves.toEqual({ ok: true });
    claims.decideAll({ ok: false, detail: 'before its bot started', reason: 'closing' });
    await expect(other).resolves.toMatchObject({ ok: false, reason: 'closing' });
    expect([claims.waiting(ticket.runId), claims.waiting('run-other')]).toEqual([false, false]);
  });
});
