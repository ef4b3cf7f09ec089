import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../common/contract.js';
import { auditRecords, expectTamperDetected, firstActivity } from './testing/audit-trail-checks.js';
import { botsDir as repoBots } from './testing/run-fixture.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/**
 * Bot supervision through the core facade with a token that expires mid-run: bots added while
 * the app runs, runs refused that would outlast the token, the bot waiting for re-authentication,
 * and all of it in the audit trail.
 */
// A 4-second token is served for 3 s (token-expiry.ts keeps 1 s back). That leaves the few steps
// between signing in and starting the run ample time on a loaded machine, and the loop bot's
// twelve calls 400 ms apart (4.4 s of pauses alone) outlast it whenever the run starts.
describe('with a 4-second sandbox token: expiry mid-run and re-authentication', () => {
  let harness: SupervisorHarness;
  let botsDir: string;

  beforeAll(async () => {
    // An empty folder at first: the bots are added while the app runs.
    botsDir = await mkdtemp(join(tmpdir(), 'rpa-bots-'));
    harness = await startSupervisorHarness({ botsDir, accessTokenTtlSeconds: 4 });
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  it('the catalogue picks up manifests added to the bots folder while the app runs', async () => {
    expect((await harness.supervisor.api.invoke('getState', {})).bots).toEqual([]);
    const manifest = (id: string, extra: Record<string, unknown>) => ({
      id,
      name: id,
      command: 'node',
      args: [join(repoBots, 'api-loop-bot', 'api-loop-bot.mjs')],
      profileId: 'sandbox',
      env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}', API_LOOP_CALLS: '12', API_LOOP_INTERVAL_MS: '400', API_LOOP_WAIT_MS: '60000' },
      timeoutMs: 120_000,
      ...extra,
    });
    await writeFile(join(botsDir, 'loop.bot.json'), JSON.stringify(manifest('loop', {})));
    await writeFile(join(botsDir, 'long.bot.json'), JSON.stringify(manifest('long', { expectedDurationMs: 60_000 })));
    await writeFile(join(botsDir, 'broken.bot.json'), '{ "id": "broken" ');
    const state = await harness.waitForState((s) => s.bots.length === 2, 'the new bots to be listed');
    expect(state.bots.map((b) => b.id).sort()).toEqual(['long', 'loop']);
    const notices = await harness.waitForState((s) => s.notices.some((n) => n.code === 'bot_manifest_invalid'), 'a notice for the broken manifest');
    expect(notices.notices.find((n) => n.code === 'bot_manifest_invalid')?.message).toContain('broken.bot.json');
  });

  it('no run starts without a session, and a run that would outlast the token is refused with the reason', async () => {
    await expect(harness.supervisor.api.invoke('startRun', { botId: 'loop' })).rejects.toMatchObject({ code: 'not_signed_in' });
    await harness.signIn();
    await expect(harness.supervisor.api.invoke('startRun', { botId: 'long' })).rejects.toMatchObject({
      code: 'run_would_outlast_token',
      message: expect.stringMatching(/Re-authenticate first/),
    });
    const state = await harness.supervisor.api.invoke('getState', {});
    expect(state.bots.find((b) => b.id === 'long')?.startBlockedReason?.code).toBe('run_would_outlast_token');
  });

  it('the session expires mid-run, the bot sees the expiry answer, re-authentication happens, and the bot continues and succeeds', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'loop' });
    expect(run.status).toBe('running');
    // Whoever is at the desk re-authenticates each time the bot reports it is waiting (policy "wait").
    let reauthentications = 0;
    const subscription = harness.supervisor.api.on('log', (batch) => {
      if (batch.runId !== run.id) return;
      for (const line of batch.lines) {
        if (!line.text.startsWith('Paused after')) continue;
        reauthentications += 1;
        void harness.signIn();
      }
    });
    try {
      const ended = await harness.waitForRunEnd(run.id, 60_000);
      const log = await harness.logText(run.id);
      expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
      expect(reauthentications).toBeGreaterThanOrEqual(1);
      expect(log).toMatch(/stdout: Paused after \d+ calls: the broker answered session_expired; waiting for re-authentication\./);
      expect(log).toMatch(/stdout: Resumed: Dr Demo Supervisor re-authenticated/);
      expect(log).toMatch(/stdout: Call 12\/12: authorised as Dr Demo Supervisor\./);
      expect(log).toMatch(/stdout: Finished 12 calls with [1-9]\d* pauses? for re-authentication\./);
    } finally {
      subscription.dispose();
    }
  });

  it('the audit trail records the expiry, the denial, the re-authentication and the run; verify passes and a tampered line is found', async () => {
    const records = await auditRecords(harness);
    const index = (predicate: (r: AuditRecordView) => boolean, what: string) => {
      const found = records.findIndex(predicate);
      expect(found, what).toBeGreaterThanOrEqual(0);
      return found;
    };
    const started = index((r) => r.type === 'runStarted' && r.botId === 'loop', 'runStarted');
    const expired = index((r) => r.type === 'sessionExpired', 'sessionExpired');
    const denied = index((r) => r.type === 'brokerDenied' && r.botId === 'loop' && (r.detail ?? '').includes('session_expired'), 'brokerDenied');
    const reauth = index((r) => r.type === 'reauthenticated', 'reauthenticated');
    const ended = index((r) => r.type === 'runEnded' && r.botId === 'loop', 'runEnded');
    expect(firstActivity(records)).toMatchObject({ type: 'signedIn', actor: { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' } });
    expect(started).toBeLessThan(expired);
    expect(expired).toBeLessThan(reauth);
    expect(denied).toBeLessThan(reauth);
    expect(reauth).toBeLessThan(ended);
    expect(records[reauth]).toMatchObject({ actor: { subject: 'demo-user-0001' }, profileId: 'sandbox' });
    expect(records[ended]?.detail).toMatch(/succeeded; exit code 0/);
    expect(records[denied]).toMatchObject({ actor: { subject: 'demo-user-0001' }, runId: records[started]?.runId });

    expect(await harness.supervisor.api.invoke('verifyAudit', {})).toMatchObject({ ok: true, records: records.length });
    await expectTamperDetected(harness, reauth + 1);
  });

  it('preference changes apply live (bots folder, concurrency) and are audited', async () => {
    const state = await harness.supervisor.api.invoke('savePreferences', { botsDir: repoBots, maxConcurrentRuns: 3 });
    expect(state).toMatchObject({ botsDir: repoBots, maxConcurrentRuns: 3 });
    const switched = await harness.supervisor.api.invoke('getState', {});
    expect(switched.bots.map((b) => b.id)).toContain('portal-bot');
    expect(switched.bots.map((b) => b.id)).not.toContain('loop');
    const [latest] = (await harness.supervisor.api.invoke('listAudit', { limit: 1 })).records;
    expect(latest).toMatchObject({ type: 'settingsChanged', detail: expect.stringContaining(`botsDir ${botsDir} → ${repoBots}`) });
    expect(latest?.detail).toContain('maxConcurrentRuns 8 → 3');
  });

  it('S30 after the full flow no token and no authorization code is in any log, audit or history file', async () => {
    const files = await harness.files();
    expect(harness.callbacks.length).toBeGreaterThanOrEqual(2);
    expect(harness.secrets().filter((secret) => secret.what.startsWith('access token')).length).toBeGreaterThanOrEqual(2);
    expect(files.some((f) => f.endsWith('audit.jsonl'))).toBe(true);
    expect(await harness.leaks()).toEqual([]);
  });
});
