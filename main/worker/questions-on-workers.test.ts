import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordView, QuestionView, SupervisorState } from '../../app/common/contract.js';
import { fleetChannels, fleetKeys } from '../../app/fleet/fleet-channels.js';
import { signFleetQuestion } from '../../app/fleet/fleet-question.js';
import { redisServerMissing, type TestRedis } from '../../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../../app/fleet/testing/test-workers.js';
import type { WorkerIdentity } from '../../app/fleet/worker-identity.js';
import type { Logger } from '../../app/ports/logger.js';
import { dumpRedis, FleetHarness, TestSession } from './testing/fleet-harness.js';
import { until } from '../../app/fleet/testing/until.js';
import { FleetDesktop, fleetRedisPassword, startFleetRedis } from './testing/fleet-desktop.js';
import { questionGraceMs } from './worker-questions.js';

/**
 * Questions from bots on workers (issue 15 point 1, issue 13 point 4): a real supervisor in fleet
 * mode, a password-protected redis-server, worker agents, and real bot processes that call the
 * SDK's ask() against their worker's broker, unchanged from the desktop.
 */
describe.skipIf(redisServerMissing())('questions from bots on workers', () => {
  let redis: TestRedis;
  let desk: FleetDesktop | undefined;
  let harness: FleetHarness | undefined;
  beforeAll(async () => {
    redis = await startFleetRedis();
  });
  afterEach(async () => {
    await desk?.close();
    await harness?.close();
    desk = undefined;
    harness = undefined;
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** A desktop signed in to the sandbox with one approved worker, named "<name> (approved)". */
  async function deskWithWorker(name: string, logger?: Logger): Promise<{ desk: FleetDesktop; identity: WorkerIdentity }> {
    const started = new FleetDesktop(redis.url, undefined, logger);
    desk = started;
    await started.start();
    const { identity } = await started.startWorker(name);
    await approve(started, name);
    return { desk: started, identity };
  }
  async function approve(on: FleetDesktop, name: string): Promise<void> {
    const listed = await on.supervisor.api.invoke('listWorkers', {});
    const enrolment = listed.pending.find((e) => e.name === name);
    expect(enrolment, `${name} enrolled`).toBeDefined();
    await on.supervisor.api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name: `${name} (approved)`, pools: ['ward'] });
  }
  /** The questions the page shows: the attention items of kind `question`. */
  function questions(state: SupervisorState): QuestionView[] {
    return state.attention.flatMap((item) => (item.kind === 'question' ? [item.question] : []));
  }
  function questionOf(state: SupervisorState, runId: string): QuestionView | undefined {
    return questions(state).find((q) => q.runId === runId);
  }
  async function audit(on: FleetDesktop, runId: string): Promise<AuditRecordView[]> {
    return (await on.supervisor.api.invoke('listAudit', { limit: 200 })).records.filter((r) => r.runId === runId);
  }
  /** Dropped questions, as the desktop's diagnostic log records them. */
  function recordingLogger(): { logger: Logger; dropped: Record<string, unknown>[] } {
    const dropped: Record<string, unknown>[] = [];
    const ignore = () => undefined;
    return { dropped, logger: { info: ignore, error: ignore, warn: (message, fields) => (message === 'A question from a worker was dropped' ? dropped.push(fields ?? {}) : undefined) } };
  }

  it('a bot on a worker asks with the SDK; the question shows as an attention item with the worker\'s name; a human answers; the bot continues with the answer; the audit names the answerer', async () => {
    const { desk } = await deskWithWorker('Ward PC Q1');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask' });
    const asked = await desk.waitFor((s) => questionOf(s, run.id) !== undefined, 'the question on the board');
    const question = questionOf(asked, run.id)!;
    expect(question).toMatchObject({ botId: 'remote-ask', botName: 'Ask bot (remote-ask)', profileId: 'sandbox', workerName: 'Ward PC Q1 (approved)', text: 'Post batch 42?', choices: ['Post it', 'Skip it'] });
    expect(question.expiresAt - question.askedAt).toBeGreaterThan(50_000);
    expect(desk.run(asked, run.id)?.worker?.name).toBe('Ward PC Q1 (approved)');

    await api.invoke('answerQuestion', { questionId: question.id, answer: { choice: 'Post it' } });
    const ended = await desk.runEnd(run.id);
    expect(ended).toMatchObject({ status: 'succeeded', worker: { name: 'Ward PC Q1 (approved)' } });
    const log = await desk.logText(run.id);
    expect(log).toMatch(/stdout: answered choice Post it by /);
    expect(log).toMatch(/stdout: continued after the answer/);
    const records = await audit(desk, run.id);
    expect(records.find((r) => r.type === 'questionAsked')?.detail).toMatch(/asked: Post batch 42\?/);
    expect(records.find((r) => r.type === 'questionAnswered')).toMatchObject({ actor: { subject: 'demo-user-0001' }, detail: expect.stringMatching(/: Post it$/) });
    expect(questionOf(await api.invoke('getState', {}), run.id)).toBeUndefined();
  });

  it('a question nobody answers times out: the bot hears question_timed_out and the board closes it', async () => {
    const { desk } = await deskWithWorker('Ward PC Q2');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask-quick' });
    const ended = await desk.runEnd(run.id);
    expect(ended.status).toBe('succeeded');
    expect(await desk.logText(run.id)).toMatch(/stdout: ask ended question_timed_out/);
    const records = await audit(desk, run.id);
    expect(records.find((r) => r.type === 'questionAsked')?.detail).toMatch(/asked: Post batch 42\?/);
    expect(records.find((r) => r.type === 'questionClosed')?.detail).toMatch(/nobody answered in time/);
    expect(questionOf(await api.invoke('getState', {}), run.id)).toBeUndefined();
  });

  it('sign-out while a bot on a worker asks: the bot hears signed_out, and the run halts', async () => {
    const { desk } = await deskWithWorker('Ward PC Q3');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask' });
    await desk.waitFor((s) => questionOf(s, run.id) !== undefined, 'the question on the board');
    await api.invoke('signOut', { profileId: 'sandbox' });
    const ended = await desk.runEnd(run.id);
    expect(ended).toMatchObject({ status: 'halted', haltedBy: 'signOut' });
    expect(await desk.logText(run.id)).toMatch(/stdout: ask ended signed_out/);
    expect((await audit(desk, run.id)).find((r) => r.type === 'questionClosed')?.detail).toMatch(/signed out/);
  });

  it('the run stopped while its bot on a worker asks: the bot hears run_finished before it stops', async () => {
    const { desk } = await deskWithWorker('Ward PC Q4');
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask' });
    await desk.waitFor((s) => questionOf(s, run.id) !== undefined, 'the question on the board');
    await api.invoke('stopRun', { runId: run.id });
    expect(await desk.runEnd(run.id)).toMatchObject({ status: 'cancelled', reason: 'Stopped by Dr Demo Supervisor.' });
    expect(await desk.logText(run.id)).toMatch(/stdout: ask ended run_finished/);
    expect(questionOf(await api.invoke('getState', {}), run.id)).toBeUndefined();
  });

  it('a supervisor that never answers (no relay listening) cannot hold the bot: its worker answers question_timed_out at the bot\'s own timeout', async () => {
    harness = new FleetHarness(redis.url.replace('redis://', `redis://:${fleetRedisPassword}@`), 'questions-silent');
    await harness.startSupervisor(new TestSession('silent-supervisor-token-7f3a'));
    await harness.startWorker('Ward PC Q5', { approve: true });
    harness.enqueue('run-silent', { botId: 'ask-quick' });
    // Each line as the worker streamed it, with the worker's time.
    const lines = await until(async () => {
      const entries = await harness!.client().xrange(fleetKeys.log('run-silent'), '-', '+');
      const all = entries.map(([, fields]) => ({ line: fields[fields.indexOf('line') + 1] ?? '', at: Number(fields[fields.indexOf('at') + 1]) }));
      return all.some(({ line }) => line.startsWith('ask ended')) ? all : undefined;
    }, 30_000);
    const asked = lines.find(({ line }) => line === 'asking (choice)');
    const ended = lines.find(({ line }) => line.startsWith('ask ended'));
    expect(ended?.line).toBe('ask ended question_timed_out');
    // Not before the bot's own 1.5 s, and without the supervisor's word soon after its 2 s of grace.
    expect(ended!.at - asked!.at).toBeGreaterThanOrEqual(1500);
    expect(ended!.at - asked!.at).toBeLessThan(1500 + questionGraceMs + 5000);
  });

  it('S73 a question forged by a publisher without the worker\'s key is never shown: dropped and logged with fleet_question_refused', async () => {
    const { logger, dropped } = recordingLogger();
    const { desk, identity } = await deskWithWorker('Ward PC Q6', logger);
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask' });
    await desk.waitFor((s) => questionOf(s, run.id) !== undefined, 'the genuine question');
    const publisher = desk.client();
    const request = { question: 'FORGED: approve every claim?', choices: ['Yes'], timeoutMs: 60_000 };
    const intruder = makeTestWorker('Intruder');
    try {
      const askIds = ['forged-own-key-00001', 'forged-unapproved-0002', 'forged-garbage-000003'];
      // Signed with another key but naming the approved worker, signed by an unapproved worker, and not signed at all.
      const underTheirName = await signFleetQuestion({ workerId: identity.fingerprint, runId: run.id, askId: askIds[0]!, request, issuedAt: Date.now() }, intruder.identity.privateKey);
      const ownName = await signFleetQuestion({ workerId: intruder.identity.fingerprint, runId: run.id, askId: askIds[1]!, request, issuedAt: Date.now() }, intruder.identity.privateKey);
      for (const [askId, signed] of [[askIds[0], underTheirName], [askIds[1], ownName], [askIds[2], 'eyJhbGciOiJub25lIn0.eyJxdWVzdGlvbiI6IkZPUkdFRCJ9.']] as const) {
        await publisher.publish(fleetChannels.questions, JSON.stringify({ runId: run.id, askId, signed }));
      }
      await publisher.publish(fleetChannels.questions, 'not json at all');
      await until(() => (dropped.length >= 4 ? true : undefined));
    } finally {
      intruder.dispose();
    }
    expect(dropped.every((fields) => fields.code === 'fleet_question_refused')).toBe(true);
    const state = await api.invoke('getState', {});
    expect(questions(state).map((q) => q.text)).toEqual(['Post batch 42?']);
    expect(JSON.stringify(await api.invoke('listAudit', { limit: 200 }))).not.toContain('FORGED');
    await api.invoke('stopRun', { runId: run.id });
    await desk.runEnd(run.id);
  });

  it('S74 a question for a run the worker does not hold is refused, even signed by another approved worker; a replayed question opens nothing', async () => {
    const { logger, dropped } = recordingLogger();
    const { desk, identity } = await deskWithWorker('Ward PC Q7', logger);
    const { api } = desk.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask' });
    await desk.waitFor((s) => questionOf(s, run.id) !== undefined, 'the genuine question');
    // A second approved worker that does not hold the run.
    const other = await desk.startWorker('Ward PC Q8');
    await approve(desk, 'Ward PC Q8');
    const publisher = desk.client();
    const send = async (by: WorkerIdentity, runId: string, askId: string, question: string) => {
      const signed = await signFleetQuestion({ workerId: by.fingerprint, runId, askId, request: { question, choices: ['Yes'], timeoutMs: 60_000 }, issuedAt: Date.now() }, by.privateKey);
      const message = JSON.stringify({ runId, askId, signed });
      await publisher.publish(fleetChannels.questions, message);
      return message;
    };
    await send(other.identity, run.id, 'not-held-question-0001', 'NOT YOURS: post batch 43?');
    await send(identity, 'run-never-sent', 'unknown-run-question-01', 'NO SUCH RUN: post batch 44?');
    // A question the holder did sign, seen on the channel and sent again.
    const seen = await send(identity, run.id, 'replayed-question-00001', 'Once only: post batch 45?');
    await desk.waitFor((s) => questionOf(s, run.id) !== undefined && questions(s).some((q) => q.text === 'Once only: post batch 45?'), 'the signed question to open once');
    await publisher.publish(fleetChannels.questions, seen);
    await until(() => (dropped.length >= 3 ? true : undefined));
    const details = dropped.map((fields) => String(fields.detail));
    expect(details).toContain('Ward PC Q8 (approved) does not hold this run');
    expect(details).toContain('Ward PC Q7 (approved) does not hold this run');
    expect(details).toContain('the question was sent before (a replay)');
    expect(dropped.every((fields) => fields.code === 'fleet_question_refused')).toBe(true);
    const shown = questions(await api.invoke('getState', {}));
    expect(shown.map((q) => q.text).sort()).toEqual(['Once only: post batch 45?', 'Post batch 42?']);
    expect(shown.every((q) => q.workerName === 'Ward PC Q7 (approved)')).toBe(true);
    await api.invoke('stopRun', { runId: run.id });
    await desk.runEnd(run.id);
  });

  it('S75 after a full flow, no answer text and no token is in any Redis key or stream, nor in the pub/sub traffic a subscriber saw', async () => {
    const traffic: string[] = [];
    const started = new FleetDesktop(redis.url);
    desk = started;
    await started.start();
    const spy = started.client();
    spy.on('pmessage', (_pattern: string, channel: string, message: string) => traffic.push(`${channel} ${message}`));
    await spy.psubscribe('*');
    await started.startWorker('Ward PC Q9');
    await approve(started, 'Ward PC Q9');
    const { api } = started.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask-text' });
    const asked = await started.waitFor((s) => questionOf(s, run.id) !== undefined, 'the question on the board');
    const answerText = 'Payer ref QX-77120-ZB for Jane Citizen';
    await api.invoke('answerQuestion', { questionId: questionOf(asked, run.id)!.id, answer: { text: answerText } });
    expect(await started.runEnd(run.id)).toMatchObject({ status: 'succeeded' });
    const digest = createHash('sha256').update(answerText).digest('hex');
    expect(await started.logText(run.id)).toContain(`answered text sha256 ${digest}`);
    // The scan saw the whole exchange: the signed question out, the sealed outcome back.
    expect(traffic.some((line) => line.startsWith(`${fleetChannels.questions} `))).toBe(true);
    expect(traffic.some((line) => line.startsWith(`${fleetChannels.answers} `))).toBe(true);
    const everything = `${await dumpRedis(started.client())}\n${traffic.join('\n')}`;
    expect(everything).not.toContain(answerText);
    expect(everything).not.toContain('QX-77120-ZB');
    expect(started.issued.length).toBeGreaterThan(0);
    for (const tokens of started.issued) {
      expect(everything).not.toContain(tokens.accessToken);
      for (const part of tokens.accessToken.split('.')) if (part.length > 8) expect(everything).not.toContain(part);
    }
    expect(everything).not.toContain(fleetRedisPassword);
  });

  it('S93 a question naming patients by NHS number reaches Redis redacted (the signed payload read too); the supervisor tells the choices apart; the bot gets the one picked in its own words', async () => {
    const questionsSeen: string[] = [];
    const started = new FleetDesktop(redis.url);
    desk = started;
    await started.start();
    const spy = started.client();
    spy.on('message', (_channel: string, message: string) => questionsSeen.push(message));
    await spy.subscribe(fleetChannels.questions);
    await started.startWorker('Ward PC Q10');
    await approve(started, 'Ward PC Q10');
    const { api } = started.supervisor;
    const run = await api.invoke('startRun', { botId: 'remote-ask-patient' });
    const asked = await started.waitFor((s) => questionOf(s, run.id) !== undefined, 'the question on the board');
    const question = questionOf(asked, run.id)!;
    expect(question.choices).toEqual(['Post for [NHS number] (choice 1)', 'Post for [NHS number] (choice 2)']);
    expect(questionsSeen.length).toBeGreaterThan(0);
    const wire = questionsSeen.map((text) => {
      const signed = (JSON.parse(text) as { signed: string }).signed;
      return `${text}\n${Buffer.from(signed.split('.')[1]!, 'base64url').toString('utf8')}`;
    });
    expect(wire.join('\n')).toContain('[NHS number]');
    for (const identifier of ['943 476 5919', '401 023 2137']) expect(wire.join('\n')).not.toContain(identifier);
    await api.invoke('answerQuestion', { questionId: question.id, answer: { choice: 'Post for [NHS number] (choice 2)' } });
    const ended = await started.runEnd(run.id);
    expect(ended).toMatchObject({ status: 'succeeded' });
    // The run's counts are its log's (docs/bots.md): the question's markers show in the question, and its log has none.
    expect(ended).not.toHaveProperty('redactions');
    const picked = createHash('sha256').update('Post for 401 023 2137').digest('hex');
    expect(await started.logText(run.id)).toContain(`answered choice sha256 ${picked}`);
  });
});
