import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditRecordView } from '../common/contract.js';
import { sandboxPartnerProfileId } from '../config/profile.js';
import { JsonLinesLogger } from '../logging/json-lines-logger.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { demoUser, type SandboxUser } from '../sandbox/sandbox-accounts.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';

/**
 * S67 through the whole core: the demo user connects the sandbox company on the HCSS partner
 * profile; then a second person signs in to the same profile and tries to start a bot for that
 * company. The start is refused with a message naming the owner, and the trail records the
 * connection and the refusal with the people involved.
 */
const second: SandboxUser = { username: 'nurse', password: 'nurse-password', subject: 'nurse-0002', name: 'Nurse Second' };

let supervisor: Supervisor;
let dataDir: string;
let person: SandboxUser = demoUser;

async function auditRecords(): Promise<AuditRecordView[]> {
  return [...(await supervisor.api.invoke('listAudit', { limit: 1000 })).records].reverse();
}

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`Timed out: ${what}`);
    },
    { timeout: 20_000, interval: 20 },
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-company-owner-'));
  const botsDir = join(dataDir, 'bots');
  await mkdir(botsDir, { recursive: true });
  await writeFile(
    join(botsDir, 'company.bot.json'),
    JSON.stringify({ id: 'company-bot', name: 'Company bot', command: 'node', args: ['-e', 'setTimeout(() => {}, 100)'], profileId: sandboxPartnerProfileId, company: 'demo-clinic-1001', tokenDelivery: 'broker' }),
  );
  const holder: { supervisor?: Supervisor } = {};
  supervisor = await createSupervisor({
    ports: {
      browser: {
        open: async (url) => {
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
    sandbox: { partner: true, users: [demoUser, second] },
  });
  holder.supervisor = supervisor;
}, 60_000);

afterAll(async () => {
  await supervisor?.shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

describe('HCSS company ownership through the core', () => {
  it('S67 a second person\'s session is refused the first person\'s company token, with a clear message, and the refusal is audited', async () => {
    person = demoUser;
    await supervisor.api.invoke('connectCompany', { profileId: sandboxPartnerProfileId });
    await until(async () => (await supervisor.api.invoke('getState', {})).companies.length > 0, 'the company to be connected');
    const connected = (await auditRecords()).find((r) => r.type === 'companyConnected');
    expect(connected).toMatchObject({ actor: { subject: demoUser.subject, name: demoUser.name }, profileId: sandboxPartnerProfileId, company: 'demo-clinic-1001' });

    // Another person signs in to the same partner profile.
    person = second;
    await supervisor.api.invoke('signIn', { profileId: sandboxPartnerProfileId });
    await until(async () => (await supervisor.api.invoke('getState', {})).sessions.some((s) => s.profileId === sandboxPartnerProfileId && s.user?.subject === second.subject), 'the second person to be signed in');
    await until(async () => (await supervisor.api.invoke('getState', {})).bots.some((b) => b.id === 'company-bot'), 'the bot to be listed');

    await expect(supervisor.api.invoke('startRun', { botId: 'company-bot' })).rejects.toMatchObject({
      code: 'company_not_yours',
      message: expect.stringContaining(`was connected by ${demoUser.name}, so only ${demoUser.name}'s sign-in can use it`),
    });
    await supervisor.api.invoke('getState', {});
    await until(async () => (await auditRecords()).some((r) => r.type === 'companyRefused'), 'the refusal to be audited');
    const refusals = (await auditRecords()).filter((r) => r.type === 'companyRefused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ actor: { subject: second.subject, name: second.name }, company: 'demo-clinic-1001', detail: expect.stringContaining(demoUser.subject) });
    expect(await supervisor.api.invoke('verifyAudit', {})).toMatchObject({ ok: true });
  });
});
