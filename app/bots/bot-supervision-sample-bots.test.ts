import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../common/contract.js';
import { auditRecords, expectTamperDetected, firstActivity } from './testing/audit-trail-checks.js';
import { botsDir as repoBots } from './testing/run-fixture.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/**
 * Bot supervision through the core facade, on real parts: the sandbox provider (oidc-provider),
 * the broker, bot processes using the SDK, Chromium driving the claims portal, and the audit trail
 * on disk. Sign-in goes through the sandbox's real login form and the custom-scheme callback.
 */
describe('with a 24-hour sandbox session and the sample bots', () => {
  let harness: SupervisorHarness;

  beforeAll(async () => {
    harness = await startSupervisorHarness({ botsDir: repoBots });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('a Playwright bot and an API bot both complete authorised calls', async () => {
    await harness.signIn();
    const [apiRun, portalRun] = await Promise.all([
      harness.supervisor.api.invoke('startRun', { botId: 'api-bot' }),
      harness.supervisor.api.invoke('startRun', { botId: 'portal-bot' }),
    ]);
    const [apiEnded, portalEnded] = await Promise.all([harness.waitForRunEnd(apiRun.id), harness.waitForRunEnd(portalRun.id, 60_000)]);
    expect(apiEnded).toMatchObject({ status: 'succeeded', exitCode: 0, supervisor: { subject: 'demo-user-0001' } });
    expect(portalEnded, await harness.logText(portalRun.id)).toMatchObject({ status: 'succeeded', exitCode: 0, supervisor: { subject: 'demo-user-0001' } });
    expect(await harness.logText(apiRun.id)).toMatch(/stdout: Authorised as Dr Demo Supervisor \(demo-user-0001\)/);
    const portalLog = await harness.logText(portalRun.id);
    expect(portalLog).toMatch(/stdout: 4 claims loaded\./);
    expect(portalLog).toMatch(/stdout: CLM-1001 {2}A\. Patel {2}Demo Health {2}£125\.00 {2}submitted/);
  }, 120_000); // Chromium's start bounds this on a busy machine; the portal wait above allows 60 s

  it('the API loop bot stopped at its next safe point ends cleanly: no failure line, exit code 0', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'api-loop-bot' });
    await harness.waitForState((s) => s.runs.find((r) => r.id === run.id)?.status === 'running', 'the loop bot to run');
    await harness.supervisor.api.invoke('stopRunAtSafePoint', { runId: run.id });
    const ended = await harness.waitForRunEnd(run.id, 30_000);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'cancelled', exitCode: 0 });
    expect(log).toMatch(/stdout: Stopped at a safe point after \d+ calls?, as asked\./);
    expect(log).not.toContain('api-loop-bot failed');
  }, 60_000);

  it('"Stop all and sign out" is one command: bots stop, the session ends, and new runs are refused', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'api-loop-bot' });
    await harness.waitForState((s) => s.runs.find((r) => r.id === run.id)?.status === 'running', 'the loop bot to run');
    await harness.supervisor.api.invoke('stopAll', { signOut: true });
    const state = await harness.supervisor.api.invoke('getState', {});
    expect(state.runs.find((r) => r.id === run.id)?.status).toBe('cancelled');
    expect(state.sessions.find((s) => s.profileId === 'sandbox')?.status).toBe('signedOut');
    await expect(harness.supervisor.api.invoke('startRun', { botId: 'api-bot' })).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(state.bots.find((b) => b.id === 'portal-bot')?.startBlockedReason?.code).toBe('not_signed_in');
  });

  it('the audit trail recorded who signed in, each run with its supervisor, and the sign-out; verify passes', async () => {
    const records = await auditRecords(harness);
    const first = firstActivity(records);
    expect(first?.type).toBe('signedIn');
    expect(first).toMatchObject({ actor: { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' }, profileId: 'sandbox' });
    // The sandbox token carries a company, as HCSS company tokens do; runs record it too.
    expect(first?.company).toMatch(/./);
    expect(records.filter((r) => r.type === 'runStarted').map((r) => r.company)).toEqual([first?.company, first?.company, first?.company, first?.company]);
    for (const botId of ['api-bot', 'portal-bot']) {
      expect(records.filter((r) => r.botId === botId).map((r) => r.type)).toEqual(['runStarted', 'runEnded']);
    }
    // The loop bot's second run, the one Stop all ended (its first stopped at a safe point).
    const loopEnd = records.findLast((r) => r.botId === 'api-loop-bot' && r.type === 'runEnded');
    expect(loopEnd).toMatchObject({ actor: { subject: 'demo-user-0001' }, profileId: 'sandbox', detail: expect.stringMatching(/ended: stopped; .*Stopped by Dr Demo Supervisor \(stop all\)\./) });
    expect(records.findIndex((r) => r.type === 'signedOut')).toBeGreaterThan(records.indexOf(loopEnd as AuditRecordView));
    expect(await harness.supervisor.api.invoke('verifyAudit', {})).toMatchObject({ ok: true, records: records.length });

    const { fileName, csv } = await harness.supervisor.api.invoke('exportAudit', {});
    expect(fileName).toMatch(/^rpa-supervisor-audit-\d{4}-\d\d-\d\d\.csv$/);
    // The export's own signed checkpoint is recorded first, so the CSV holds one record more.
    expect(csv.split('\r\n')).toHaveLength(records.length + 3);
    expect(csv).toMatch(/\r\n\d+,[^,]+,[^,]+,runStarted,demo-user-0001,Dr Demo Supervisor,sandbox,[^,]*,(api|portal)-bot,run-/);
  });

  it('tampering with one line makes verify fail at that line', async () => {
    const records = await auditRecords(harness);
    const line = records.findIndex((r) => r.type === 'runStarted') + 1;
    expect(line).toBeGreaterThan(1);
    await expectTamperDetected(harness, line);
  });

  it('S30 no token and no authorization code is in any log, audit or history file', async () => {
    const files = await harness.files();
    expect(files.some((f) => f.endsWith('audit.jsonl'))).toBe(true);
    expect(files.some((f) => f.endsWith('runs.json'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.log')).length).toBeGreaterThanOrEqual(4);
    expect(harness.callbacks.length).toBeGreaterThan(0);
    expect(harness.secrets().filter((secret) => secret.what.startsWith('access token')).length).toBeGreaterThan(0);
    expect(await harness.leaks()).toEqual([]);
  });
});
