import { describe, expect, it } from 'vitest';
import type { AuditRecordView } from '../common/contract.js';
import { demoUser, type SandboxUser } from '../sandbox/sandbox-accounts.js';
import { usePartnerSession } from './test-support/partner-session-harness.js';

/**
 * S67 through the whole core: the demo user connects the sandbox company on the HCSS partner
 * profile; then a second person signs in to the same profile and tries to start a bot for that
 * company. The start is refused with a message naming the owner, and the trail records the
 * connection and the refusal with the people involved.
 */
const second: SandboxUser = { username: 'nurse', password: 'nurse-password', subject: 'nurse-0002', name: 'Nurse Second' };
const partner = usePartnerSession({
  bots: [{ id: 'company-bot', name: 'Company bot', command: 'node', args: ['-e', 'setTimeout(() => {}, 100)'], company: 'demo-clinic-1001' }],
  sandbox: { users: [demoUser, second] },
});

async function auditRecords(): Promise<AuditRecordView[]> {
  return [...(await partner.supervisor.api.invoke('listAudit', { limit: 1000 })).records].reverse();
}

describe('HCSS company ownership through the core', () => {
  it('S67 a second person\'s session is refused the first person\'s company token, with a clear message, and the refusal is audited', async () => {
    await partner.connectAs(demoUser);
    expect((await partner.state()).companies).toHaveLength(1);
    const connected = (await auditRecords()).find((r) => r.type === 'companyConnected');
    expect(connected).toMatchObject({ actor: { subject: demoUser.subject, name: demoUser.name }, profileId: partner.profileId, company: 'demo-clinic-1001' });

    // Another person signs in to the same partner profile.
    await partner.signInAs(second);
    await partner.until(async () => (await partner.state()).bots.some((b) => b.id === 'company-bot'), 'the bot to be listed');

    await expect(partner.supervisor.api.invoke('startRun', { botId: 'company-bot' })).rejects.toMatchObject({
      code: 'company_not_yours',
      message: expect.stringContaining(`was connected by ${demoUser.name}, so only ${demoUser.name}'s sign-in can use it`),
    });
    await partner.state();
    await partner.until(async () => (await auditRecords()).some((r) => r.type === 'companyRefused'), 'the refusal to be audited');
    const refusals = (await auditRecords()).filter((r) => r.type === 'companyRefused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ actor: { subject: second.subject, name: second.name }, company: 'demo-clinic-1001', detail: expect.stringContaining(demoUser.subject) });
    expect(await partner.supervisor.api.invoke('verifyAudit', {})).toMatchObject({ ok: true });
  });
});
