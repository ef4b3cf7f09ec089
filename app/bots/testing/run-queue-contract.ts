import { describe, expect, it } from 'vitest';
import type { RunPriority } from '../../common/run-priority.js';
import type { QueueTicket, RunQueue } from '../run-queue.js';

export function ticketFor(runId: string, options: { priority?: RunPriority; exclusive?: boolean; enqueuedAt?: number } = {}): QueueTicket {
  return { runId, botId: `bot-${runId}`, profileId: 'p', enqueuedAt: options.enqueuedAt ?? 1, priority: options.priority ?? 'normal', exclusive: options.exclusive ?? false };
}

/**
 * The order and admission rules every RunQueue engine must keep (the TSDoc on RunQueue). An engine
 * passes when `create` returns a queue with the given limits whose admissions are synchronous;
 * a distributed engine runs it against a local Redis with its claims driven by the test.
 */
export function describeRunQueueContract(engine: string, create: (limits: { maxConcurrentRuns: number; maxQueuedRuns?: number }) => RunQueue): void {
  const withLog = (maxConcurrentRuns: number) => {
    const queue = create({ maxConcurrentRuns });
    const admitted: string[] = [];
    queue.onDidAdmit((t) => admitted.push(t.runId));
    return { queue, admitted };
  };
  const order = (queue: RunQueue) => queue.waiting().map((t) => t.runId);

  describe(`RunQueue contract: ${engine}`, () => {
    it('waits high before normal before low, first come first served within a priority', () => {
      const { queue, admitted } = withLog(1);
      queue.enqueue(ticketFor('running'));
      queue.enqueue(ticketFor('low1', { priority: 'low' }));
      queue.enqueue(ticketFor('normal1'));
      queue.enqueue(ticketFor('high1', { priority: 'high' }));
      queue.enqueue(ticketFor('normal2'));
      queue.enqueue(ticketFor('high2', { priority: 'high' }));
      expect(order(queue)).toEqual(['high1', 'high2', 'normal1', 'normal2', 'low1']);
      for (const runId of ['running', 'high1', 'high2', 'normal1', 'normal2']) queue.release(runId);
      expect(admitted).toEqual(['high1', 'high2', 'normal1', 'normal2', 'low1']);
    });

    it('a moved run keeps the place the operator gave it until it starts, and starts once', () => {
      const { queue, admitted } = withLog(1);
      for (const id of ['running', 'a', 'b', 'c']) queue.enqueue(ticketFor(id));
      queue.enqueue(ticketFor('late', { priority: 'low' }));
      expect(queue.move('late', 0)).toBe(true);
      expect(order(queue)).toEqual(['late', 'a', 'b', 'c']);
      expect(queue.waiting()[0]?.moved).toBe('forward');
      // Nothing new jumps ahead of a run the operator put first, not even a high one.
      queue.enqueue(ticketFor('urgent', { priority: 'high' }));
      expect(order(queue)).toEqual(['late', 'urgent', 'a', 'b', 'c']);
      expect(queue.move('a', 99)).toBe(true);
      expect(order(queue)).toEqual(['late', 'urgent', 'b', 'c', 'a']);
      // A run moved back counts as the lowest: a new normal run goes before it.
      queue.enqueue(ticketFor('d'));
      expect(order(queue)).toEqual(['late', 'urgent', 'b', 'c', 'd', 'a']);
      expect(queue.move('running', 0)).toBe(false);
      expect(queue.move('unknown', 0)).toBe(false);
      queue.release('running');
      queue.release('late');
      expect(admitted).toEqual(['late', 'urgent']);
      expect(queue.move('late', 3)).toBe(false);
    });

    it('admits at most one exclusive run at a time; others pass a waiting exclusive run', () => {
      const { queue, admitted } = withLog(3);
      expect(queue.enqueue(ticketFor('screen1', { exclusive: true }))).toBe('admitted');
      expect(queue.enqueue(ticketFor('screen2', { exclusive: true }))).toBe('queued');
      expect(queue.waiting()).toMatchObject([{ runId: 'screen2', waitingFor: 'exclusive' }]);
      expect(queue.enqueue(ticketFor('plain1'))).toBe('admitted');
      expect(queue.enqueue(ticketFor('plain2'))).toBe('admitted');
      expect(queue.enqueue(ticketFor('plain3'))).toBe('queued');
      expect(queue.waiting()).toMatchObject([
        { runId: 'screen2', waitingFor: 'slot' },
        { runId: 'plain3', waitingFor: 'slot' },
      ]);
      // A slot frees while screen1 still runs: plain3 passes the waiting exclusive run.
      queue.release('plain1');
      expect(admitted).toEqual(['plain3']);
      queue.release('plain2');
      expect(admitted).toEqual(['plain3']);
      queue.release('screen1');
      expect(admitted).toEqual(['plain3', 'screen2']);
      expect(queue.waiting()).toEqual([]);
    });

    it('never admits a cancelled run, nor one after close', () => {
      const { queue, admitted } = withLog(1);
      for (const id of ['a', 'b', 'c', 'd']) queue.enqueue(ticketFor(id));
      expect(queue.cancel('b')).toBe(true);
      expect(queue.cancel('b')).toBe(false);
      queue.release('a');
      expect(admitted).toEqual(['c']);
      queue.close();
      queue.release('c');
      expect(admitted).toEqual(['c']);
      expect(order(queue)).toEqual(['d']);
    });

    it('refuses beyond the queue size', () => {
      const queue = create({ maxConcurrentRuns: 1, maxQueuedRuns: 1 });
      expect(['a', 'b', 'c'].map((id) => queue.enqueue(ticketFor(id)))).toEqual(['admitted', 'queued', 'full']);
    });
  });
}
