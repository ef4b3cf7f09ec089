import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSessionAccess } from '../bots/testing/fake-session-access.js';
import { RunControls } from '../bots/run-controls.js';
import type { BrokerDenial } from '../broker/broker-denial.js';
import { TokenBroker } from '../broker/token-broker.js';
import { effectiveSupervision } from '../policy/supervision-policy.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { questionLimits, truncationMarker } from './question-text.js';
import { Supervision } from './supervision.js';

/**
 * The broker and the supervision side together, over real HTTP on 127.0.0.1: questions, approvals,
 * presence and checkpoints as a bot sees them, and what a bot may never do (S57).
 */
let sessions: FakeSessionAccess;
let broker: TokenBroker;
let controls: RunControls;
let supervision: Supervision;
let denials: BrokerDenial[];
let port: number;
const user = { subject: 'u1', name: 'Uma' };
const context = { runId: 'run-1', botId: 'bot-1', botName: 'Claims bot', profileId: 'sandbox', profileName: 'Local sandbox' };

beforeEach(async () => {
  sessions = new FakeSessionAccess();
  controls = new RunControls();
  supervision = new Supervision({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 0 }), controls, runContext: (runId) => controls.context(runId) });
  denials = [];
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger, gate: supervision });
  broker.onDidDeny((denial) => denials.push(denial));
  await broker.start();
  port = Number(new URL(broker.url).port);
  sessions.signIn('sandbox', { accessToken: 'sandbox-token-0123456789', expiresAt: Date.now() + 3_600_000, supervisor: user });
});

afterEach(async () => {
  supervision.dispose();
  await broker.close();
});

function call(path: string, secret: string | undefined, options: { method?: string; body?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = secret === undefined ? {} : { authorization: `RunSecret ${secret}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function register(runId = 'run-1'): string {
  controls.register({ ...context, runId }, { checkpoints: true });
  return broker.registerRun(runId, 'sandbox');
}

async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 10_000, interval: 5 });
}

describe('supervision through the broker', () => {
  it('a bot asks, the page answers, and the bot hears the answer and who gave it', async () => {
    const secret = register();
    const reply = call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: 'Post batch 42?', choices: ['Yes', 'No'], timeoutMs: 30_000 }) });
    await until(() => supervision.questions.list().length === 1);
    expect(broker.parkedReason('run-1')).toBe('answer');
    const [question] = supervision.questions.list();
    supervision.questions.answer(question?.id ?? '', { choice: 'Yes' }, user);
    expect(await reply).toMatchObject({ status: 200, body: { answer: { choice: 'Yes' }, answeredBy: user } });
  });

  it('a question gets distinct answers for a timeout, a finished run and a sign-out', async () => {
    const secret = register();
    const timedOut = await call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: 'Anyone?', timeoutMs: 1000 }) });
    expect(timedOut).toMatchObject({ status: 408, body: { error: 'question_timed_out' } });

    const signedOut = call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: 'Still there?', timeoutMs: 30_000 }) });
    await until(() => supervision.questions.list().length === 1);
    supervision.questions.closeForProfile('sandbox');
    expect(await signedOut).toMatchObject({ status: 409, body: { error: 'signed_out' } });

    const finished = call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: 'Last one?', timeoutMs: 30_000 }) });
    await until(() => supervision.questions.list().length === 1);
    supervision.releaseRun('run-1');
    expect(await finished).toMatchObject({ status: 410, body: { error: 'run_finished' } });
    // An unanswered question is not a refused request: the trail says "Question closed unanswered"
    // once, and a "Token request refused" beside it, in the supervisor's name, would be untrue.
    expect(denials).toEqual([]);
  });

  it('S108 a bot that hangs up on its question: the question closes at once, off the strip, and the run no longer waits for an answer', async () => {
    const secret = register();
    const closed: string[] = [];
    supervision.questions.onDidEvent((event) => {
      if (event.type === 'closed') closed.push(event.outcome.kind);
    });
    const asking = httpRequest({ host: '127.0.0.1', port, path: '/v1/ask', method: 'POST', headers: { authorization: `RunSecret ${secret}`, 'content-type': 'application/json' } });
    asking.on('error', () => undefined);
    asking.end(JSON.stringify({ question: 'Post batch 42?', choices: ['Yes', 'No'], timeoutMs: 3_600_000 }));
    await until(() => supervision.questions.list().length === 1);
    expect(broker.parkedReason('run-1')).toBe('answer');

    // The bot's process ended, or its own HTTP client gave up: nobody will read an answer.
    asking.destroy();
    await until(() => supervision.questions.list().length === 0);
    expect(closed).toEqual(['botLeft']);
    expect(broker.parkedReason('run-1')).toBeUndefined();
    expect(denials).toEqual([]);
  });

  it('S102 a bot asking in a loop gets 429 too_many_questions at once past its open questions, and the extra one is never shown', async () => {
    const secret = register();
    const open = Array.from({ length: questionLimits.openPerRun }, (_, index) =>
      call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: `Post batch ${index}?`, timeoutMs: 30_000 }) }),
    );
    await until(() => supervision.questions.list().length === questionLimits.openPerRun);
    const shown: unknown[] = [];
    supervision.questions.onDidEvent((event) => shown.push(event));
    const refused = await call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: 'One more?', timeoutMs: 30_000 }) });
    expect(refused).toMatchObject({ status: 429, body: { error: 'too_many_questions' } });
    expect(supervision.questions.list()).toHaveLength(questionLimits.openPerRun);
    expect(shown).toEqual([]);
    expect(denials.map((denial) => denial.code)).toEqual(['too_many_questions']);
    // An answer makes room again.
    const [first] = supervision.questions.list();
    supervision.questions.answer(first?.id ?? '', { text: 'yes' }, user);
    const again = call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: 'One more, now?', timeoutMs: 30_000 }) });
    await until(() => supervision.questions.list().some((question) => question.text === 'One more, now?'));
    supervision.releaseRun('run-1');
    await Promise.all([again, ...open]);
  });

  it('S57 a bot answering its own question, approving itself or attesting through the broker is refused and audited', async () => {
    const secret = register();
    const pending = call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: 'Approve me?', choices: ['Yes'], timeoutMs: 30_000 }) });
    await until(() => supervision.questions.list().length === 1);
    const questionId = supervision.questions.list()[0]?.id ?? '';
    for (const path of [`/v1/questions/${questionId}/answer`, '/v1/answer', '/v1/approve', '/v1/attest', '/v1/presence']) {
      for (const method of ['GET', 'POST']) {
        const reply = await call(path, secret, { method, ...(method === 'POST' ? { body: JSON.stringify({ questionId, answer: { choice: 'Yes' } }) } : {}) });
        expect(reply, `${method} ${path}`).toMatchObject({ status: 403, body: { error: 'supervisor_only' } });
      }
    }
    expect(denials.filter((denial) => denial.code === 'supervisor_only' && denial.runId === 'run-1')).toHaveLength(10);
    // The question is still open: nothing the bot sent answered it.
    expect(supervision.questions.list()).toHaveLength(1);
    supervision.releaseRun('run-1');
    expect((await pending).status).toBe(410);
  });

  it('S59 question text with HTML, control characters and 1 MB of text arrives as bounded plain text', async () => {
    const secret = register();
    const huge = `<script>alert(1)</script>\u0007\u001b[31m${'x'.repeat(1024 * 1024)}`;
    const reply = call('/v1/ask', secret, { method: 'POST', body: JSON.stringify({ question: huge, choices: ['<img src=x onerror=alert(1)>\u0000ok'], timeoutMs: 5000 }) });
    await until(() => supervision.questions.list().length === 1);
    const [question] = supervision.questions.list();
    expect(question?.text.startsWith('<script>alert(1)</script>')).toBe(true);
    expect(question?.text.endsWith(truncationMarker)).toBe(true);
    expect(question?.text.length).toBeLessThanOrEqual(2000);
    expect(question?.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(question?.choices).toEqual(['<img src=x onerror=alert(1)> ok']);
    supervision.releaseRun('run-1');
    await reply;
  });

  it('S60 when the supervisor goes idle the broker stops serving within a second, with a distinct answer, and serves again on return', async () => {
    supervision.dispose();
    supervision = new Supervision({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 300 }), controls, runContext: (runId) => controls.context(runId) });
    await broker.close();
    broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger, gate: supervision });
    await broker.start();
    port = Number(new URL(broker.url).port);
    const secret = register();
    supervision.presence.signal({ kind: 'active' });
    expect((await call('/v1/token', secret)).status).toBe(200);
    const wentAwayAt = Date.now();
    await until(() => !supervision.presence.present);
    expect(Date.now() - wentAwayAt).toBeLessThan(1000);
    expect(await call('/v1/token', secret)).toMatchObject({ status: 503, body: { error: 'supervisor_absent' } });
    const waiting = call('/v1/token?waitMs=10000', secret);
    await until(() => broker.parkedReason('run-1') === 'presence');
    supervision.presence.signal({ kind: 'active' });
    expect((await waiting).status).toBe(200);
  });

  it('an approval holds the first token request until the page approves; a refusal answers run_refused', async () => {
    const secret = register();
    supervision.approvals.require({ ...context, scopes: ['openid'] });
    const first = call('/v1/token?waitMs=10000', secret);
    await until(() => supervision.approvals.pending().length === 1);
    expect(broker.parkedReason('run-1')).toBe('approval');
    supervision.approvals.decide('run-1', 'approved', user);
    expect((await first).status).toBe(200);

    const other = register('run-2');
    supervision.approvals.require({ ...context, runId: 'run-2', scopes: ['openid'] });
    const refused = call('/v1/token?waitMs=10000', other);
    await until(() => supervision.approvals.pending().length === 1);
    supervision.approvals.decide('run-2', 'refused', user);
    expect(await refused).toMatchObject({ status: 403, body: { error: 'run_refused' } });
  });

  it('checkpoint: continue, hold while paused, then a safe stop once', async () => {
    const secret = register();
    expect(await call('/v1/checkpoint', secret)).toMatchObject({ status: 200, body: { action: 'continue' } });
    controls.setPause('run-1', 'checkpoint');
    const held = call('/v1/checkpoint?waitMs=10000', secret);
    await until(() => broker.parkedReason('run-1') === 'checkpoint');
    controls.setPause('run-1', undefined);
    expect(await held).toMatchObject({ status: 200, body: { action: 'continue' } });
    controls.requestSafeStop('run-1', 'Dr A');
    expect(await call('/v1/checkpoint', secret)).toMatchObject({ status: 409, body: { error: 'stop_requested' } });
  });

  it('S61 a paused run waiting at a checkpoint loses its secret like any other run when the session ends', async () => {
    const secret = register();
    controls.setPause('run-1', 'checkpoint');
    const held = call('/v1/checkpoint?waitMs=10000', secret);
    await until(() => broker.parkedReason('run-1') === 'checkpoint');
    // Sign-out halts the profile's runs, which revokes their secrets as the halt begins: the held
    // checkpoint hears it then, not "hold" when its wait ends.
    sessions.signOut('sandbox');
    broker.revokeRun('run-1');
    expect(await held).toMatchObject({ status: 401, body: { error: 'run_finished' } });
    expect(broker.parkedReason('run-1')).toBeUndefined();
    controls.release('run-1');
    expect(await call('/v1/token', secret)).toMatchObject({ status: 401, body: { error: 'run_finished' } });
    expect(await call('/v1/checkpoint', secret)).toMatchObject({ status: 401, body: { error: 'run_finished' } });
  });
});
