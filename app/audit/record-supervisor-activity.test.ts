import { describe, expect, it } from 'vitest';
import type { SignInEvent } from '../auth/sign-in-service.js';
import { ListenerSet } from '../common/listener-set.js';
import type { RunEvent } from '../bots/run-record.js';
import type { RunView } from '../common/contract.js';
import type { SessionEvent } from '../session/session-manager.js';
import type { Session } from '../session/session.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { AuditEvent } from './audit-record.js';
import { recordSupervisorActivity } from './record-supervisor-activity.js';

const accessToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function session(subject: string, name: string, extra: Partial<Session> = {}): Session {
  return {
    profileId: 'hcss',
    issuer: 'https://issuer.example',
    accessToken,
    tokenType: 'Bearer',
    expiresAt: Date.UTC(2026, 10, 23, 9),
    receivedAt: Date.UTC(2026, 10, 22, 9),
    subject,
    name,
    scopes: ['api'],
    company: 'C-42',
    ...extra,
  };
}

function setUp(interrupted: RunView[] = []) {
  const clock = new FakeClock();
  const records: AuditEvent[] = [];
  const sessions = new ListenerSet<SessionEvent>();
  const signIn = new ListenerSet<SignInEvent>();
  const runEvents = new ListenerSet<RunEvent>();
  const runs = new Map<string, RunView>();
  const recorder = recordSupervisorActivity({
    audit: { record: (event) => records.push(event) },
    clock,
    sessions: { onDidEvent: (listener) => sessions.add(listener) },
    signIn: { onDidEvent: (listener) => signIn.add(listener) },
    runs: { onDidRunEvent: (listener) => runEvents.add(listener), interruptedAtStart: interrupted, getRun: (id) => runs.get(id) },
  });
  return { clock, records, sessions, signIn, runEvents, runs, recorder };
}

const run: RunView = {
  id: 'run-1',
  botId: 'api-bot',
  botName: 'Who am I',
  profileId: 'hcss',
  status: 'running',
  supervisor: { subject: 'u1', name: 'Ann' },
  startedAt: 1,
};

describe('recordSupervisorActivity', () => {
  it('records sign-in, re-authentication by someone else, expiry and sign-out, with who and which company', () => {
    const { records, sessions } = setUp();
    const ann = session('u1', 'Ann');
    const bob = session('u2', 'Bob');
    sessions.emit({ type: 'established', profileId: 'hcss', session: ann, replaced: false });
    sessions.emit({ type: 'warning', profileId: 'hcss', minutesLeft: 5 });
    sessions.emit({ type: 'expired', profileId: 'hcss', session: ann });
    sessions.emit({ type: 'established', profileId: 'hcss', session: bob, replaced: true });
    sessions.emit({ type: 'signedOut', profileId: 'hcss', session: bob });
    expect(records.map((r) => [r.type, r.actor?.subject, r.company])).toEqual([
      ['signedIn', 'u1', 'C-42'],
      ['sessionExpired', 'u1', 'C-42'],
      ['reauthenticated', 'u2', 'C-42'],
      ['signedOut', 'u2', 'C-42'],
    ]);
    expect(records[2]?.detail).toMatch(/replaced the session of Ann \(u1\)/);
    expect(JSON.stringify(records)).not.toContain(accessToken);
  });

  it('records failed sign-ins by code, restored and discarded sessions', () => {
    const { records, sessions, signIn } = setUp();
    signIn.emit({ type: 'failed', profileId: 'hcss', code: 'state_mismatch' });
    sessions.emit({ type: 'restored', profileId: 'hcss', session: session('u1', 'Ann') });
    sessions.emit({ type: 'discarded', profileId: 'other', reason: 'unreadable' });
    expect(records.map((r) => r.type)).toEqual(['signInFailed', 'sessionRestored', 'sessionDiscarded']);
    expect(records[0]?.detail).toBe('Sign-in failed: state_mismatch.');
  });

  it('records run start and end with bot, supervisor, profile and company, and runs interrupted by a crash', () => {
    const { records, runEvents } = setUp([{ ...run, id: 'run-0', status: 'interrupted', reason: 'RPA Supervisor stopped while this run was live.' }]);
    runEvents.emit({ type: 'started', run, company: 'C-42' });
    runEvents.emit({ type: 'ended', run: { ...run, status: 'failed', exitCode: 3, reason: 'The bot exited with code 3.', lastError: 'Error: refused for batch 42' }, company: 'C-42' });
    expect(records).toEqual([
      expect.objectContaining({ type: 'runEnded', runId: 'run-0', detail: 'Who am I ended: interrupted. RPA Supervisor stopped while this run was live.' }),
      { type: 'runStarted', actor: run.supervisor, profileId: 'hcss', company: 'C-42', botId: 'api-bot', runId: 'run-1', detail: 'Who am I started.' },
      expect.objectContaining({ type: 'runEnded', actor: run.supervisor, company: 'C-42', detail: 'Who am I ended: failed; exit code 3. The bot exited with code 3.' }),
    ]);
  });

  it('says a stopped run was stopped, in the words of its status label, not "cancelled"', () => {
    const { records, runEvents } = setUp();
    runEvents.emit({ type: 'ended', run: { ...run, status: 'cancelled', signal: 'SIGTERM', reason: 'Stopped by the operator.' } });
    expect(records.at(-1)?.detail).toBe('Who am I ended: stopped; signal SIGTERM. Stopped by the operator.');
  });

  it('records every broker denial, folding a burst of identical ones into a counted record', () => {
    const { records, recorder, runs, clock } = setUp();
    runs.set('run-1', run);
    recorder.recordDenial({ runId: 'run-1', code: 'session_expired' });
    for (let i = 0; i < 500; i += 1) recorder.recordDenial({ code: 'invalid_secret' });
    recorder.recordDenial({ runId: 'run-1', code: 'session_expired' });
    expect(records.map((r) => r.detail)).toEqual(['The broker refused a request: session_expired.', 'The broker refused a request: invalid_secret.']);
    expect(records[0]).toMatchObject({ actor: run.supervisor, profileId: 'hcss', botId: 'api-bot', runId: 'run-1' });
    clock.advance(1000);
    expect(records.slice(2).map((r) => r.detail)).toEqual(['The broker refused 1 more request: session_expired.', 'The broker refused 499 more requests: invalid_secret.']);
    recorder.recordDenial({ code: 'invalid_secret' });
    expect(records).toHaveLength(5);
  });

  it('records a safe stop the operator asked for as a declined request, not a refusal, with its code last', () => {
    const { records, recorder, runs, clock } = setUp();
    runs.set('run-1', run);
    recorder.recordDenial({ runId: 'run-1', code: 'stop_requested' });
    recorder.recordDenial({ runId: 'run-1', code: 'stop_requested' });
    clock.advance(1000);
    expect(records.map((r) => r.detail)).toEqual([
      'The run was asked to stop, so the broker declined its token request: stop_requested.',
      'The run was asked to stop, so the broker declined 1 more request: stop_requested.',
    ]);
    expect(records.every((r) => !/refused/.test(r.detail ?? ''))).toBe(true);
  });
});
