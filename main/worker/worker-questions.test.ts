import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PatientRedactor } from '../../app/bots/patient-redactor.js';
import { Redactor } from '../../app/bots/redactor.js';
import { defaultRedactionSettings } from '../../app/common/patient-data.js';
import { createDesktopKey } from '../../app/fleet/desktop-key.js';
import { fleetChannels } from '../../app/fleet/fleet-channels.js';
import { checkFleetQuestion, sealQuestionOutcome, type QuestionMessage } from '../../app/fleet/fleet-question.js';
import { LeaseSessionAccess } from '../../app/fleet/lease-session-access.js';
import { testOpener } from '../../app/fleet/testing/test-desktop.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import { nullLogger } from '../../app/ports/logger.js';
import type { QuestionOutcome } from '../../app/supervision/question-board.js';
import { FakeClock } from '../../app/test-support/fake-clock.js';
import { questionGraceMs, WorkerQuestions } from './worker-questions.js';

/** The worker's side alone, on a manual clock: its own deadline, a question held for a lease, what leaves the worker. */
describe('the worker\'s question relay', () => {
  const worker = makeTestWorker('Ward PC U');
  const desktop = createDesktopKey();
  afterAll(() => worker.dispose());
  const supervisor = { subject: 'u-ada', name: 'Dr Ada' };
  function rig() {
    const clock = new FakeClock();
    const leases = new LeaseSessionAccess(clock);
    const published: QuestionMessage[] = [];
    const subscriber = Object.assign(new EventEmitter(), { subscribe: async () => 1 }) as unknown as Redis;
    const redactor = new Redactor();
    const patients = new PatientRedactor(defaultRedactionSettings);
    const questions = new WorkerQuestions({
      identity: worker.identity,
      redis: { publish: async (_channel: string, text: string) => (published.push(JSON.parse(text) as QuestionMessage), 1) } as unknown as Pick<Redis, 'publish'>,
      subscriber,
      leases,
      clock,
      logger: nullLogger,
      redact: (_runId, text) => patients.redact(redactor.redact(text)),
      openSigned: testOpener(desktop, 'answer', worker.approved.workerId, () => clock.now()),
    });
    const lease = (runId: string) =>
      leases.hold({ runId, workerId: worker.approved.workerId, profileId: 'p1', accessToken: 'lease-token-0123456789abcdef', tokenExpiresAt: clock.now() + 3_600_000, leaseExpiresAt: clock.now() + 120_000, supervisor });
    const answer = async (message: QuestionMessage, outcome: QuestionOutcome, workerId = worker.approved.workerId) => {
      const sealed = await sealQuestionOutcome({ workerId, runId: message.runId, askId: message.askId, outcome }, worker.approved.leasePublicKeyPem, desktop, clock.now());
      subscriber.emit('message', fleetChannels.answers, JSON.stringify({ runId: message.runId, askId: message.askId, workerId, sealed }));
    };
    return { clock, published, questions, redactor, subscriber, lease, answer, start: () => questions.start() };
  }
  const settled = <T>(promise: Promise<T>) => {
    const state: { value?: T } = {};
    void promise.then((value) => (state.value = value));
    return state;
  };

  it('a silent supervisor: the worker answers timedOut itself at the bot\'s timeout plus the grace, never later', async () => {
    const r = rig();
    r.lease('run-1');
    const outcome = settled(r.questions.ask('run-1', { question: 'Anyone?', timeoutMs: 5000 }));
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    r.clock.advance(5000 + questionGraceMs - 1);
    await Promise.resolve();
    expect(outcome.value).toBeUndefined();
    r.clock.advance(1);
    await vi.waitFor(() => expect(outcome.value).toEqual({ kind: 'timedOut' }));
  });

  it('the outcome sealed back to this worker settles the question; one sealed for another worker, for another question, or garbage does not', async () => {
    const r = rig();
    await r.start();
    r.lease('run-1');
    const outcome = settled(r.questions.ask('run-1', { question: 'Post batch 42?', choices: ['Post it'], timeoutMs: 30_000 }));
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    const [message] = r.published;
    const check = await checkFleetQuestion(message!, (id) => (id === worker.approved.workerId ? worker.approved : undefined), r.clock.now());
    expect(check).toMatchObject({ ok: true, runId: 'run-1', request: { question: 'Post batch 42?', choices: ['Post it'], timeoutMs: 30_000 } });
    await r.answer(message!, { kind: 'signedOut' }, 'another-worker-id');
    await r.answer({ ...message!, askId: 'another-question-00001' }, { kind: 'signedOut' });
    r.subscriber.emit('message', fleetChannels.answers, 'not json');
    r.subscriber.emit('message', fleetChannels.answers, JSON.stringify({ runId: 'run-1', askId: message!.askId, workerId: worker.approved.workerId, sealed: 'garbage' }));
    await Promise.resolve();
    expect(outcome.value).toBeUndefined();
    const answered: QuestionOutcome = { kind: 'answered', answer: { choice: 'Post it' }, answeredBy: supervisor, answeredAt: r.clock.now() };
    await r.answer(message!, answered);
    await vi.waitFor(() => expect(outcome.value).toEqual(answered));
  });

  it('asked without a live lease: held, then sent with only the time left once a lease arrives; the run ending answers runFinished', async () => {
    const r = rig();
    const first = settled(r.questions.ask('run-2', { question: 'Still there?', timeoutMs: 30_000 }));
    await Promise.resolve();
    expect(r.published).toHaveLength(0);
    r.clock.advance(10_000);
    r.lease('run-2');
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    const check = await checkFleetQuestion(r.published[0]!, () => worker.approved, r.clock.now());
    expect(check.ok && check.request.timeoutMs).toBe(20_000);
    r.questions.runEnded('run-2');
    await vi.waitFor(() => expect(first.value).toEqual({ kind: 'runFinished' }));
  });

  it('S75 a token or run secret a bot puts in its question never leaves the worker', async () => {
    const r = rig();
    const secret = 'run-secret-Zq81mWv0c3LkT5y7Hh2';
    r.redactor.add(secret);
    r.lease('run-3');
    void r.questions.ask('run-3', { question: `Is ${secret} right?`, choices: [`Use ${secret}`], fields: [{ name: 'ref', label: secret }], timeoutMs: 5000 });
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    const wire = JSON.stringify(r.published[0]);
    const payload = Buffer.from(r.published[0]!.signed.split('.')[1]!, 'base64url').toString('utf8');
    expect(wire).not.toContain(secret);
    expect(payload).not.toContain(secret);
    expect(payload).toContain('[REDACTED]');
    r.questions.close();
  });

  it('S93 a patient identifier a bot puts in its question on a worker never reaches Redis; the bot gets back its own words for the choice the supervisor picked', async () => {
    const r = rig();
    await r.start();
    r.lease('run-4');
    // Two choices the redaction makes alike: the supervisor must still tell them apart, and the bot must get the one picked.
    const choices = ['Post for 943 476 5919', 'Post for 401 023 2137', 'Skip'];
    const outcome = settled(r.questions.ask('run-4', { question: 'Which patient, 943 476 5919 or 401 023 2137 (LS1 4AP)?', choices, fields: [{ name: 'note', label: 'Note for 943 476 5919' }], timeoutMs: 30_000 }));
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    const [message] = r.published;
    const payload = Buffer.from(message!.signed.split('.')[1]!, 'base64url').toString('utf8');
    for (const identifier of ['943 476 5919', '401 023 2137', 'LS1 4AP']) expect(JSON.stringify(message) + payload).not.toContain(identifier);
    const check = await checkFleetQuestion(message!, () => worker.approved, r.clock.now());
    expect(check.ok && check.request.choices).toEqual(['Post for [NHS number] (choice 1)', 'Post for [NHS number] (choice 2)', 'Skip']);
    await r.answer(message!, { kind: 'answered', answer: { choice: 'Post for [NHS number] (choice 2)' }, answeredBy: supervisor, answeredAt: r.clock.now() });
    await vi.waitFor(() => expect(outcome.value).toMatchObject({ kind: 'answered', answer: { choice: 'Post for 401 023 2137' } }));
  });

  it('S93 fields a bot names by NHS number (one per patient) go out redacted and come back under the bot\'s own names', async () => {
    const r = rig();
    await r.start();
    r.lease('run-5');
    const outcome = settled(r.questions.ask('run-5', { question: 'Outcome per patient?', fields: [{ name: '9434765919', label: 'Outcome for 943 476 5919' }, { name: 'comment' }], timeoutMs: 30_000 }));
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    const check = await checkFleetQuestion(r.published[0]!, () => worker.approved, r.clock.now());
    expect(check.ok && check.request.fields).toEqual([{ name: '[NHS number]', label: 'Outcome for [NHS number]' }, { name: 'comment' }]);
    await r.answer(r.published[0]!, { kind: 'answered', answer: { fields: { '[NHS number]': 'seen', comment: 'ok' } }, answeredBy: supervisor, answeredAt: r.clock.now() });
    await vi.waitFor(() => expect(outcome.value).toMatchObject({ kind: 'answered', answer: { fields: { '9434765919': 'seen', comment: 'ok' } } }));
  });

  it('S93 two fields named by NHS number go out apart and each answer comes back under its own bot name', async () => {
    const r = rig();
    await r.start();
    r.lease('run-6');
    const fields = [{ name: '9434765919' }, { name: '4010232137' }];
    const outcome = settled(r.questions.ask('run-6', { question: 'Outcome per patient?', fields, timeoutMs: 30_000 }));
    await vi.waitFor(() => expect(r.published).toHaveLength(1));
    const check = await checkFleetQuestion(r.published[0]!, () => worker.approved, r.clock.now());
    const names = check.ok ? (check.request.fields ?? []).map((field) => field.name) : [];
    expect(names).toEqual(['[NHS number] (field 1)', '[NHS number] (field 2)']);
    await r.answer(r.published[0]!, { kind: 'answered', answer: { fields: { [names[0]!]: 'seen', [names[1]!]: 'not seen' } }, answeredBy: supervisor, answeredAt: r.clock.now() });
    await vi.waitFor(() => expect(outcome.value).toMatchObject({ kind: 'answered', answer: { fields: { '9434765919': 'seen', '4010232137': 'not seen' } } }));
  });
});
