import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditRecordView, RunView, SupervisorState } from '../common/contract.js';
import { sandboxPartnerProfileId } from '../config/profile.js';
import { JsonLinesLogger } from '../logging/json-lines-logger.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { demoColleagueUser, demoSecondClinicUser, demoUser, type SandboxUser } from '../sandbox/sandbox-accounts.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';

/**
 * A practice group's manager looks after two clinics, two HCSS companies, with an HCSS account at
 * each (one sign-in names one company). She signs in once and connects both; both clinics' bots
 * then run under her one session. A colleague at the first clinic connects it with her own
 * account, and neither locks the other out. Through the whole core, on the real partner sandbox
 * (its practice-group accounts) and the real sample API bot.
 */
const apiBot = resolve(import.meta.dirname, '../../bots/api-bot/api-bot.mjs');
const profileId = sandboxPartnerProfileId;

let supervisor: Supervisor;
let dataDir: string;
/** Who types their HCSS account into the provider's login page next. */
let person: SandboxUser = demoUser;
const authorizationUrls: URL[] = [];

const state = (): Promise<SupervisorState> => supervisor.api.invoke('getState', {});

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`Timed out: ${what}`);
    },
    { timeout: 20_000, interval: 20 },
  );
}

async function signedInAs(): Promise<string | undefined> {
  return (await state()).sessions.find((s) => s.profileId === profileId)?.user?.subject;
}

/** Runs a clinic's bot to its end and returns the run and its log. */
async function runBot(botId: string): Promise<{ run: RunView; log: string }> {
  const started = await supervisor.api.invoke('startRun', { botId });
  let run: RunView | undefined;
  await until(async () => {
    run = (await state()).runs.find((r) => r.id === started.id);
    return run !== undefined && !['starting', 'running', 'waitingForSupervisor', 'stopping'].includes(run.status);
  }, `${botId} to end`);
  const page = await supervisor.api.invoke('readLog', { runId: started.id });
  return { run: run as RunView, log: page.lines.map((line) => line.text).join('\n') };
}

async function connectAs(user: SandboxUser): Promise<void> {
  person = user;
  const before = authorizationUrls.length;
  const companiesBefore = JSON.stringify((await state()).companies);
  await supervisor.api.invoke('connectCompany', { profileId });
  await until(() => authorizationUrls.length > before, 'the provider to be opened');
  await until(async () => JSON.stringify((await state()).companies) !== companiesBefore, 'the companies to change');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-practice-group-'));
  const botsDir = join(dataDir, 'bots');
  await mkdir(botsDir, { recursive: true });
  for (const company of ['demo-clinic-1001', 'demo-clinic-1002']) {
    await writeFile(
      join(botsDir, `${company}.bot.json`),
      JSON.stringify({ id: `bot-${company}`, name: `Claims for ${company}`, command: 'node', args: [apiBot], profileId, company, tokenDelivery: 'broker', env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' } }),
    );
  }
  const holder: { supervisor?: Supervisor } = {};
  supervisor = await createSupervisor({
    ports: {
      browser: {
        open: async (url) => {
          authorizationUrls.push(new URL(url));
          const running = holder.supervisor?.sandbox;
          if (running) await holder.supervisor?.deliverRedirect(await running.completeLoginWithoutBrowser(url, person));
        },
      },
      secrets: new MemorySecretStore(),
      settings: new MemorySettingsStore(),
      clock: systemClock,
      notifier: { notify: () => undefined },
      logger: new JsonLinesLogger(join(dataDir, 'logs', 'supervisor.log')),
    },
    dataDir,
    flavour: 'development',
    botsDir,
    sandbox: { partner: true },
  });
  holder.supervisor = supervisor;
}, 60_000);

afterAll(async () => {
  await supervisor?.shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a practice group with two HCSS companies', () => {
  it('the manager connects her second clinic with its own HCSS account and stays signed in; both clinics’ bots run under her session', async () => {
    await connectAs(demoUser);
    expect(await signedInAs()).toBe(demoUser.subject);

    await connectAs(demoSecondClinicUser);
    // The provider is asked for its login page, so the manager can choose the other clinic's account.
    expect(authorizationUrls.at(-1)?.searchParams.get('prompt')).toBe('login');
    expect(await signedInAs()).toBe(demoUser.subject);
    const companies = (await state()).companies;
    expect(companies.map((c) => c.companyId).sort()).toEqual(['demo-clinic-1001', 'demo-clinic-1002']);
    expect(companies.find((c) => c.companyId === 'demo-clinic-1002')).toMatchObject({
      connectedBy: { subject: demoUser.subject, name: demoUser.name },
      verifiedBy: { subject: demoSecondClinicUser.subject },
    });

    for (const company of ['demo-clinic-1001', 'demo-clinic-1002']) {
      const { run, log } = await runBot(`bot-${company}`);
      expect(run.status, log).toBe('succeeded');
      expect(log).toContain(`for company ${company}`);
      expect(run.supervisor?.subject).toBe(demoUser.subject);
    }

    const audit: AuditRecordView[] = (await supervisor.api.invoke('listAudit', { limit: 1000 })).records;
    const second = audit.find((r) => r.type === 'companyConnected' && r.company === 'demo-clinic-1002');
    expect(second).toMatchObject({ actor: { subject: demoUser.subject }, detail: expect.stringContaining(`verified with the HCSS sign-in of ${demoSecondClinicUser.name} (${demoSecondClinicUser.subject})`) });
  });

  it('a colleague at the first clinic connects it with her own sign-in, and the manager keeps both clinics', async () => {
    person = demoColleagueUser;
    await supervisor.api.invoke('signIn', { profileId });
    await until(async () => (await signedInAs()) === demoColleagueUser.subject, 'the colleague to be signed in');
    await expect(supervisor.api.invoke('startRun', { botId: 'bot-demo-clinic-1001' })).rejects.toMatchObject({ code: 'company_not_yours' });

    await connectAs(demoColleagueUser);
    expect(await signedInAs()).toBe(demoColleagueUser.subject);
    expect((await state()).companies.find((c) => c.companyId === 'demo-clinic-1001')).toMatchObject({
      connectedBy: { subject: demoUser.subject },
      alsoConnectedBy: [{ subject: demoColleagueUser.subject, name: demoColleagueUser.name }],
    });
    expect((await runBot('bot-demo-clinic-1001')).run.status).toBe('succeeded');
    // The second clinic is still the manager's alone.
    await expect(supervisor.api.invoke('startRun', { botId: 'bot-demo-clinic-1002' })).rejects.toMatchObject({ code: 'company_not_yours' });

    // The next morning the manager signs in once, and both clinics' bots run again.
    person = demoUser;
    await supervisor.api.invoke('signIn', { profileId });
    await until(async () => (await signedInAs()) === demoUser.subject, 'the manager to be signed in');
    for (const company of ['demo-clinic-1001', 'demo-clinic-1002']) expect((await runBot(`bot-${company}`)).run.status).toBe('succeeded');
  });
});
