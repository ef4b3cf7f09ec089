import { describe, expect, it } from 'vitest';
import { LocalRunQueue } from './local-run-queue.js';
import { describeRunQueueContract, ticketFor } from './testing/run-queue-contract.js';

const ticket = (runId: string) => ticketFor(runId);

describeRunQueueContract('LocalRunQueue', (limits) => new LocalRunQueue(limits));

function queueWithLog(options: ConstructorParameters<typeof LocalRunQueue>[0]) {
  const queue = new LocalRunQueue(options);
  const admitted: string[] = [];
  queue.onDidAdmit((t) => admitted.push(t.runId));
  return { queue, admitted };
}

describe('LocalRunQueue', () => {
  it('admits up to the limit, queues beyond it, and refuses beyond the queue size', () => {
    const { queue, admitted } = queueWithLog({ maxConcurrentRuns: 2, maxQueuedRuns: 2 });
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => queue.enqueue(ticket(id)))).toEqual(['admitted', 'admitted', 'queued', 'queued', 'full']);
    expect(queue.waiting().map((t) => t.runId)).toEqual(['c', 'd']);
    // Admissions at enqueue are answers, not events.
    expect(admitted).toEqual([]);
  });

  it('admits waiting runs in order as slots are released, once each', () => {
    const { queue, admitted } = queueWithLog({ maxConcurrentRuns: 1 });
    for (const id of ['a', 'b', 'c']) queue.enqueue(ticket(id));
    queue.release('a');
    expect(admitted).toEqual(['b']);
    queue.release('a');
    queue.release('unknown');
    expect(admitted).toEqual(['b']);
    queue.release('b');
    expect(admitted).toEqual(['b', 'c']);
    expect(queue.waiting()).toEqual([]);
  });

  it('cancels a waiting run, which then never starts; an admitted run is not cancelled', () => {
    const { queue, admitted } = queueWithLog({ maxConcurrentRuns: 1 });
    for (const id of ['a', 'b', 'c']) queue.enqueue(ticket(id));
    expect(queue.cancel('b')).toBe(true);
    expect(queue.cancel('b')).toBe(false);
    expect(queue.cancel('a')).toBe(false);
    queue.release('a');
    expect(admitted).toEqual(['c']);
  });

  it('applies a raised limit at once and lets admitted runs finish after a cut', () => {
    const { queue, admitted } = queueWithLog({ maxConcurrentRuns: 1 });
    for (const id of ['a', 'b', 'c', 'd']) queue.enqueue(ticket(id));
    queue.setMaxConcurrentRuns(3);
    expect(queue.maxConcurrentRuns).toBe(3);
    expect(admitted).toEqual(['b', 'c']);
    queue.setMaxConcurrentRuns(1);
    queue.release('a');
    queue.release('b');
    expect(admitted).toEqual(['b', 'c']);
    queue.release('c');
    expect(admitted).toEqual(['b', 'c', 'd']);
    queue.setMaxConcurrentRuns(0.5);
    expect(queue.maxConcurrentRuns).toBe(1);
  });

  it('admits the next run when a listener ends its run at once (re-entrant release)', () => {
    const queue = new LocalRunQueue({ maxConcurrentRuns: 1 });
    const admitted: string[] = [];
    queue.onDidAdmit((t) => {
      admitted.push(t.runId);
      if (t.runId === 'b') queue.release('b');
    });
    for (const id of ['a', 'b', 'c']) queue.enqueue(ticket(id));
    queue.release('a');
    expect(admitted).toEqual(['b', 'c']);
    expect(queue.enqueue(ticket('d'))).toBe('queued');
  });

  it('admits nothing after close', () => {
    const { queue, admitted } = queueWithLog({ maxConcurrentRuns: 1 });
    for (const id of ['a', 'b']) queue.enqueue(ticket(id));
    queue.close();
    queue.release('a');
    queue.setMaxConcurrentRuns(5);
    expect(admitted).toEqual([]);
    expect(queue.cancel('b')).toBe(true);
  });

  it('defaults to 8 running and 50 waiting', () => {
    const queue = new LocalRunQueue({});
    expect([queue.maxConcurrentRuns, queue.maxQueuedRuns]).toEqual([8, 50]);
  });
});
