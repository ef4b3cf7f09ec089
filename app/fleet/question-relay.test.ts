import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../bots/run-record.js';
import type { RunView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import { nullLogger } from '../ports/logger.js';
import { QuestionBoard } from '../supervision/question-board.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { fleetChannels } from './fleet-channels.js';
import type { FleetEvent } from './fleet-coordinator.js';
import { openQuestionOutcome, signFleetQuestion, type AnswerMessage } from './fleet-question.js';
import { QuestionRelay } from './question-relay.js';
import { makeTestWorker } from './testing/test-workers.js';
import { testOpener } from './testing/test-desktop.js';
import { createDesktopKey } from './desktop-key.js';

/**
 * The desktop's relay on its own: a real question board on a manual clock, the coordinator's and
 * the runs' events by hand, and pub/sub as an event emitter (the Redis round trip is in
 * main/worker/questions-on-workers.test.ts).
 */
const worker = makeTestWorker('Ward PC R');
const desktopKey = createDesktopKey();
afterAll(() => worker.dispose());
const view: RunView = { id: 'run-1', botId: 'claims', botName: 'Claims bot', profileId: 'hc', status: 'running', startedAt: 0 };

function rig() {
  const clock = new FakeClock();
  const board = new QuestionBoard({ clock });
  const subscriber = Object.assign(new EventEmitter(), { subscribe: async () => 1, unsubscribe: async () => 1 }) as unknown as Redis;
  const published: AnswerMessage[] = [];
  const fleetEvents = new ListenerSet<FleetEvent>();
  const runEvents = new ListenerSet<RunEvent>();
  let holder: typeof worker.approved | undefined = worker.approved;
  const dropped: Record<string, unknown>[] = [];
  const relay = new QuestionRelay({
    redis: { publish: async (_channel: string, text: string) => (published.push(JSON.parse(text) as AnswerMessage), 1) } as unknown as Pick<Redis, 'publish'>,
    subscriber,
    board,
    approved: (id) => (id === worker.approved.workerId ? worker.approved : undefined),
    coordinator: { workerOf: () => holder, onDidChange: (listener) => fleetEvents.add(listener) },
    runs: { isLive: (runId) => runId === 'run-1', get: () => view, ticket: () => ({ runId: 'run-1', profileId: 'hc', pool: 'ward', expectedDurationMs: 0, company: 'Clinic A' }), onDidRunEvent: (listener) => runEvents.add(listener) },
    profileName: () => 'Healthcode',
    clock,
    logger: { ...nullLogger, warn: (message, fields) => (message === 'A question from a worker was dropped' ? dropped.push(fields ?? {}) : undefined) },
    desktopKey,
  });
  const send = (askId: string, question: string) =>
    void signFleetQuestion({ workerId: worker.approved.workerId, runId: 'run-1', askId, request: { question, timeoutMs: 60_000 }, issuedAt: clock.now() }, worker.identity.privateKey).then((signed) =>
      subscriber.emit('message', fleetChannels.questions, JSON.stringify({ runId: 'run-1', askId, signed })),
    );
  const ask = async (askId: string, question = 'Post batch 42?') => {
    send(askId, question);
    await vi.waitFor(() => expect(board.list().some((q) => q.text === question)).toBe(true));
    return board.list().find((q) => q.text === question)!;
  };
  const outcome = (message: AnswerMessage | undefined) =>
    openQuestionOutcome(message?.sealed ?? '', { workerId: worker.approved.workerId, leasePrivateKey: worker.identity.leasePrivateKey }, { runId: 'run-1', askId: message?.askId ?? '' }, testOpener(desktopKey, 'answer', worker.approved.workerId, () => clock.now()));
  return { relay, board, published, dropped, fleetEvents, runEvents, send, ask, outcome, setHolder: (next: typeof holder) => (holder = next) };
}

describe('the question relay (desktop side)', () => {
  it('opens a question from the worker that holds the run, with the run\'s context and the worker\'s name, and sends the answer back sealed to it', async () => {
    const r = rig();
    await r.relay.start();
    const question = await r.ask('ask-0000000000000001');
    expect(question).toMatchObject({ runId: 'run-1', botName: 'Claims bot', profileName: 'Healthcode', company: 'Clinic A', workerName: 'Ward PC R' });
    r.board.answer(question.id, { text: 'ref QX-1' }, { subject: 'u-ada', name: 'Dr Ada' });
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    expect(JSON.stringify(r.published)).not.toContain('QX-1');
    expect(await r.outcome(r.published[0])).toMatchObject({ kind: 'answered', answer: { text: 'ref QX-1' }, answeredBy: { subject: 'u-ada' } });
  });

  it('closes with signedOut on a revoke and on a stop for sign-out or expiry, keeps questions while the supervisor is away, and runFinished on other stops and the run\'s end', async () => {
    const r = rig();
    await r.relay.start();
    await r.ask('ask-0000000000000002', 'First?');
    r.fleetEvents.emit({ kind: 'revoked', runIds: ['run-1'], why: 'supervisor away', suspended: true });
    expect(r.board.list()).toHaveLength(1);
    r.fleetEvents.emit({ kind: 'revoked', runIds: ['run-1'], why: 'session ended' });
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    expect(await r.outcome(r.published[0])).toEqual({ kind: 'signedOut' });

    await r.ask('ask-0000000000000003', 'Second?');
    await r.relay.beforeStop('run-1', { status: 'halted', reason: 'The supervisor signed out.', haltedBy: 'signOut' });
    // Published by the time the stop may go out.
    expect(r.published).toHaveLength(2);
    expect(await r.outcome(r.published[1])).toEqual({ kind: 'signedOut' });

    await r.ask('ask-0000000000000004', 'Third?');
    await r.relay.beforeStop('run-1', { status: 'cancelled', reason: 'Stopped by the operator.' });
    expect(await r.outcome(r.published[2])).toEqual({ kind: 'runFinished' });

    await r.ask('ask-0000000000000005', 'Fourth?');
    r.runEvents.emit({ type: 'ended', run: { ...view, status: 'succeeded' } });
    await vi.waitFor(() => expect(r.published).toHaveLength(4));
    expect(await r.outcome(r.published[3])).toEqual({ kind: 'runFinished' });
  });

  it('S74 a question about a run another worker holds, or none does, is dropped with fleet_question_refused and never opened', async () => {
    const r = rig();
    await r.relay.start();
    const other = makeTestWorker('Ward PC S');
    try {
      r.setHolder(other.approved);
      r.send('ask-0000000000000006', 'Held by another?');
      await vi.waitFor(() => expect(r.dropped).toHaveLength(1));
      r.setHolder(undefined);
      r.send('ask-0000000000000007', 'Held by none?');
      await vi.waitFor(() => expect(r.dropped).toHaveLength(2));
    } finally {
      other.dispose();
    }
    expect(r.dropped).toEqual([expect.objectContaining({ code: 'fleet_question_refused', detail: 'Ward PC R does not hold this run' }), expect.objectContaining({ code: 'fleet_question_refused' })]);
    expect(r.board.list()).toEqual([]);
  });
});
