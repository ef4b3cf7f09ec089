import { describe, expect, it } from 'vitest';
import type { QuestionView, SupervisorState } from '../../app/common/contract.js';
import { createDesktopKey } from '../../app/fleet/desktop-key.js';
import { signDesktopMessage } from '../../app/fleet/desktop-message.js';
import { fleetChannels } from '../../app/fleet/fleet-channels.js';
import { sealQuestionOutcome } from '../../app/fleet/fleet-question.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import type { FleetDesktop } from './testing/fleet-desktop.js';
import { desktopPerTest } from './testing/desktop-per-test.js';
import { until } from '../../app/fleet/testing/until.js';
import { warningRecorder } from './testing/warning-recorder.js';

/**
 * Messages from the desktop that make a worker act are signed by the desktop key the worker
 * pinned (docs/fleet.md, "The desktop key"): a real supervisor in fleet mode, a password-protected
 * redis-server, worker agents and real bot processes; the forger can write anything to Redis.
 */
describe.skipIf(redisServerMissing())('signed answers and control (S78–S81)', () => {
  const newDesk = desktopPerTest();

  async function deskWithWorker(name: string, options: { desktopFingerprint?: string; leaseWaitMs?: number } = {}) {
    const started = newDesk();
    await started.start();
    const { logger, seen: refused } = warningRecorder('A message from the supervisor was refused');
    const worker = await started.startWorker(name, { logger, ...options });
    const enrolment = (await started.supervisor.api.invoke('listWorkers', {})).pending.find((e) => e.name === name);
    await started.supervisor.api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name, pools: ['ward'] });
    return { desk: started, worker, refused };
  }
  async function running(on: FleetDesktop, botId: string): Promise<string> {
    const run = await on.supervisor.api.invoke('startRun', { botId });
    await on.waitFor((s) => on.run(s, run.id)?.status === 'running', `${botId} running`);
    return run.id;
  }
  /** The bot's last tick: it keeps counting while it runs. The highest seen, as the log's last line may be the desktop's own. */
  const tick = async (on: FleetDesktop, runId: string): Promise<number> => Math.max(0, ...[...(await on.logText(runId)).matchAll(/stdout: tick (\d+)$/gm)].map((m) => Number(m[1])));
  const questionOf = (state: SupervisorState, runId: string): QuestionView | undefined => state.attention.flatMap((item) => (item.kind === 'question' ? [item.question] : [])).find((q) => q.runId === runId);

  it('S79 a forged stop (signed by another key) and an unsigned one are refused and logged; the bot keeps running under its lease; a real stop still ends it', async () => {
    const { desk, worker, refused } = await deskWithWorker('Ward PC K1');
    const { api } = desk.supervisor;
    const runId = await running(desk, 'remote-loop');
    // Pinned with the first lease: the fingerprint Settings → Workers shows.
    expect(worker.agent.desktopFingerprint).toBe((await api.invoke('listWorkers', {})).desktopFingerprint);
    const publisher = desk.client();
    const forged = await signDesktopMessage(createDesktopKey(), { kind: 'control', workerId: worker.identity.fingerprint, runId, body: { verb: 'stop' } }, Date.now());
    await publisher.publish(fleetChannels.control, JSON.stringify({ signed: forged }));
    await publisher.publish(fleetChannels.control, JSON.stringify({ runId, verb: 'kill' }));
    await until(() => (refused.length >= 2 ? true : undefined));
    expect(refused.map((fields) => fields.code)).toEqual(['fleet_desktop_key_mismatch', 'fleet_desktop_message_refused']);
    const refusedAt = await tick(desk, runId);
    await expect.poll(() => tick(desk, runId), { timeout: 10_000 }).toBeGreaterThan(refusedAt + 2);
    expect(desk.run(await api.invoke('getState', {}), runId)?.status).toBe('running');
    await api.invoke('stopRun', { runId });
    expect(await desk.runEnd(runId)).toMatchObject({ status: 'cancelled', reason: 'Stopped by Dr Demo Supervisor.' });
  });

  it('S80 a replayed control message is refused: a pause seen on the channel and sent again after the resume does not pause the bot', async () => {
    const { desk, refused } = await deskWithWorker('Ward PC K2');
    const { api } = desk.supervisor;
    const seen: string[] = [];
    const spy = desk.client();
    spy.on('message', (_channel: string, text: string) => seen.push(text));
    await spy.subscribe(fleetChannels.control);
    const runId = await running(desk, 'remote-loop');
    await api.invoke('pauseRun', { runId });
    await desk.waitFor((s) => desk.run(s, runId)?.status === 'paused', 'the run paused');
    await api.invoke('resumeRun', { runId });
    await desk.waitFor((s) => desk.run(s, runId)?.status === 'running', 'the run running again');
    const verbOf = (text: string) => (JSON.parse(Buffer.from(String((JSON.parse(text) as { signed: string }).signed.split('.')[1]), 'base64url').toString('utf8')) as { body: { verb: string } }).body.verb;
    const pause = await until(() => seen.find((text) => verbOf(text) === 'pause'));
    await desk.client().publish(fleetChannels.control, pause);
    await until(() => refused.find((fields) => fields.detail === 'the message was acted on before (a replay)'));
    const replayedAt = await tick(desk, runId);
    await expect.poll(() => tick(desk, runId), { timeout: 10_000 }).toBeGreaterThan(replayedAt + 2);
    expect(desk.run(await api.invoke('getState', {}), runId)?.status).toBe('running');
    await api.invoke('stopRun', { runId });
    await desk.runEnd(runId);
  });

  it('S78 a forged answer (sealed to the worker, signed by another key) is refused; the bot still gets the real one', async () => {
    const { desk, worker, refused } = await deskWithWorker('Ward PC K3');
    const { api } = desk.supervisor;
    const asked: { runId: string; askId: string }[] = [];
    const spy = desk.client();
    spy.on('message', (_channel: string, text: string) => asked.push(JSON.parse(text) as { runId: string; askId: string }));
    await spy.subscribe(fleetChannels.questions);
    const run = await api.invoke('startRun', { botId: 'remote-ask' });
    const state = await desk.waitFor((s) => questionOf(s, run.id) !== undefined, 'the question on the board');
    const { askId } = await until(() => asked.find((message) => message.runId === run.id));
    const outcome = { kind: 'answered' as const, answer: { choice: 'Skip it' }, answeredBy: { subject: 'mallory', name: 'Mallory' }, answeredAt: Date.now() };
    const sealed = await sealQuestionOutcome({ workerId: worker.identity.fingerprint, runId: run.id, askId, outcome }, worker.identity.leasePublicKeyPem, createDesktopKey(), Date.now());
    await desk.client().publish(fleetChannels.answers, JSON.stringify({ runId: run.id, askId, workerId: worker.identity.fingerprint, sealed }));
    await until(() => refused.find((fields) => fields.kind === 'answer' && fields.code === 'fleet_desktop_key_mismatch'));
    expect(await desk.logText(run.id)).not.toMatch(/answered choice/);
    await api.invoke('answerQuestion', { questionId: questionOf(state, run.id)!.id, answer: { choice: 'Post it' } });
    expect(await desk.runEnd(run.id)).toMatchObject({ status: 'succeeded' });
    const log = await desk.logText(run.id);
    expect(log).toMatch(/stdout: answered choice Post it by /);
    expect(log).not.toMatch(/Skip it by|Mallory/);
  });

  it('S81 a worker pinned to another supervisor key refuses the impostor desktop: it takes no lease, starts no bot, and the run fails saying why', async () => {
    const other = createDesktopKey();
    // The claim ends when the lease wait runs out, saying why the lease that came was refused: 3 s
    // is the harness's own room for a lease to reach a worker on a busy machine (fleet-harness.ts).
    const { desk, worker, refused } = await deskWithWorker('Ward PC K4', { desktopFingerprint: other.fingerprint, leaseWaitMs: 3000 });
    const run = await desk.supervisor.api.invoke('startRun', { botId: 'remote-once' });
    const ended = await desk.runEnd(run.id, 30_000);
    expect(ended.status).toBe('failed');
    expect(ended.reason).toMatch(/not signed by the supervisor this worker pinned/);
    expect(refused).toEqual([expect.objectContaining({ code: 'fleet_desktop_key_mismatch', detail: expect.stringContaining(other.fingerprint) })]);
    expect(worker.agent.desktopFingerprint).toBeUndefined();
    expect(await desk.logText(run.id)).not.toContain('authorised on the worker');
  });
});
