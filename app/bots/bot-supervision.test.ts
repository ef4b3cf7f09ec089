import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../common/contract.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/**
 * Bot supervision through the core facade, on real parts: the sandbox provider (oidc-provider),
 * the broker, bot processes using the SDK, Chromium driving the claims portal, and the audit trail
 * on disk. Sign-in goes through the sandbox's real login form and the custom-scheme callback.
 */
const repoBots = resolve(dirname(fileURLToPath(import.meta.url)), '../../bots');

async function auditRecords(harness: SupervisorHarness): Promise<AuditRecordView[]> {
  const page = await harness.supervisor.api.invoke('listAudit', { limit: 1000 });
  return [...page.records].reverse();
}

/** The first record about people and bots, after the trail's own key and checkpoint records. */
function firstActivity(records: AuditRecordView[]): AuditRecordView | undefined {
  return records.find((r) => !r.type.startsWith('audit'));
}

/** Edits one line of the audit file, checks verify names it, then puts the line back. */
async function expectTamperDetected(harness: SupervisorHarness, line: number): Promise<void> {
  const path = join(harness.dataDir, 'audit', 'audit.jsonl');
  const original = await readFile(path, 'utf8');
  const lines = original.split('\n');
  const before = lines[line - 1] as string;
  // Someone rewrites who supervised: the actor, leaving everything else as it was.
  lines[line - 1] = before.replace(/"actor":\{[^}]*\}/, '"actor":{"subject":"someone-else"}');
  expect(lines[line - 1]).not.toBe(before);
  await writeFile(path, lines.join('\n'));
  try {
    const verification = await harness.supervisor.api.invoke('verifyAudit', {});
    expect(verification).toMatchObject({ ok: false, brokenAtLine: line });
    expect(verification.message).toContain(`line ${line}`);
  } finally {
    await writeFile(path, original);
  }
  expect((await harness.supervisor.api.invoke('verifyAudit', {})).ok).toBe(true);
}

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
    expect(records.filter((r) => r.type === 'runStarted').map((r) => r.company)).toEqual([first?.company, first?.company, first?.company]);
    for (const botId of ['api-bot', 'portal-bot']) {
      expect(records.filter((r) => r.botId === botId).map((r) => r.type)).toEqual(['runStarted', 'runEnded']);
    }
    const loopEnd = records.find((r) => r.botId === 'api-loop-bot' && r.type === 'runEnded');
    expect(loopEnd).toMatchObject({ actor: { subject: 'demo-user-0001' }, profileId: 'sandbox', detail: expect.stringMatching(/cancelled/) });
    expect(records.findIndex((r) => r.type === 'signedOut')).toBeGreaterThan(records.indexOf(loopEnd as AuditRecordView));
    expect(await harness.supervisor.api.invoke('verifyAudit', {})).toMatchObject({ ok: true, records: records.length });

    const { fileName, csv } = await harness.supervisor.api.invoke('exportAudit', {});
    expect(fileName).toMatch(/^rpa-supervisor-audit-\d{4}-\d\d-\d\d\.csv$/);
    // The export's own signed checkpoint is recorded first, so the CSV holds one record more.
    expect(csv.split('\r\n')).toHaveLength(records.length + 3);
    expect(csv).toMatch(/\r\n\d+,[^,]+,runStarted,demo-user-0001,Dr Demo Supervisor,sandbox,[^,]*,(api|portal)-bot,run-/);
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

describe('with a 6-second sandbox token: expiry mid-run and re-authentication', () => {
  let harness: SupervisorHarness;
  let botsDir: string;

  beforeAll(async () => {
    // An empty folder at first: the bots are added while the app runs.
    botsDir = await mkdtemp(join(tmpdir(), 'rpa-bots-'));
    harness = await startSupervisorHarness({ botsDir, accessTokenTtlSeconds: 6 });
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
      env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}', API_LOOP_CALLS: '20', API_LOOP_INTERVAL_MS: '400', API_LOOP_WAIT_MS: '60000' },
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
      expect(log).toMatch(/stdout: Call 20\/20: authorised as Dr Demo Supervisor\./);
      expect(log).toMatch(/stdout: Finished 20 calls with [1-9]\d* pauses? for re-authentication\./);
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

/*
 * The same leak checks with opaque access tokens, which no JWT pattern can recognise: only the
 * literal token and the redactor's exact-secret pass stand between a careless bot and the disk.
 * Proven by mutation: delete `this.#trackToken(bot.profileId, grant.accessToken);` in
 * RunManager#runEnv (app/bots/run-manager.ts) → the redactor never learns the token, the
 * print-token bot's lines reach logs/<run>.log verbatim, and S44 and both S30 tests below fail,
 * naming that file.
 */
describe('with opaque access tokens: a bot prints its token', () => {
  let harness: SupervisorHarness;
  let botsDir: string;

  beforeAll(async () => {
    botsDir = await mkdtemp(join(tmpdir(), 'rpa-bots-opaque-'));
    const bot = (id: string, script: string, extra: Record<string, unknown> = {}) =>
      writeFile(join(botsDir, `${id}.bot.json`), JSON.stringify({ id, name: id, command: 'node', args: [join(repoBots, script)], profileId: 'sandbox', ...extra }));
    await bot('api-bot', 'api-bot/api-bot.mjs', { env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' } });
    await bot('token-printer', 'misbehaving-bot/misbehaving-bot.mjs', { env: { MISBEHAVE_MODE: 'print-token' }, tokenDelivery: 'env' });
    harness = await startSupervisorHarness({ botsDir, accessTokenFormat: 'opaque' });
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  it('the API bot is authorised with an opaque token the demo API introspects', async () => {
    await harness.signIn();
    const [accessToken] = harness.secrets().filter((secret) => secret.what.startsWith('access token'));
    expect(accessToken?.value).toMatch(/^[\w-]{43,}$/);
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'api-bot' });
    expect(await harness.waitForRunEnd(run.id)).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(await harness.logText(run.id)).toMatch(/stdout: Authorised as Dr Demo Supervisor \(demo-user-0001\)/);
  });

  it('S44 the printed opaque token is redacted from the env and broker lines', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'token-printer' });
    expect(await harness.waitForRunEnd(run.id)).toMatchObject({ status: 'succeeded' });
    const log = await harness.logText(run.id);
    expect(log).toContain('broker token: [REDACTED]');
    expect(log).toContain('env token: [REDACTED]');
  });

  it('S30 no opaque token, ID token or code is in any file or the renderer state', async () => {
    expect(harness.secrets().map((secret) => secret.what)).toEqual(expect.arrayContaining(['access token 1', 'ID token 1', 'authorization code 1']));
    expect(await harness.leaks()).toEqual([]);
  });

  it('S30 the check is live: a copy of the opaque token under the data folder is found and named', async () => {
    const [accessToken] = harness.secrets().filter((secret) => secret.what.startsWith('access token'));
    const planted = join(harness.dataDir, 'logs', 'planted.log');
    await writeFile(planted, `a careless line: ${accessToken?.value}\n`);
    try {
      expect(await harness.leaks()).toEqual([{ where: planted, what: 'access token 1' }]);
    } finally {
      await rm(planted);
    }
  });
});
