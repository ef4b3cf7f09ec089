import { describe, expect, it } from 'vitest';
import type { AuditRecordView, RunView } from '../common/contract.js';
import { demoColleagueUser, demoSecondClinicUser, demoUser } from '../sandbox/sandbox-accounts.js';
import { apiBotFor, usePartnerSession } from './test-support/partner-session-harness.js';

/**
 * A practice group's manager looks after two clinics, two HCSS companies, with an HCSS account at
 * each (one sign-in names one company). She signs in once and connects both; both clinics' bots
 * then run under her one session. A colleague at the first clinic connects it with her own
 * account, and neither locks the other out. Through the whole core, on the real partner sandbox
 * (its practice-group accounts) and the real sample API bot.
 */
const clinics = ['demo-clinic-1001', 'demo-clinic-1002'] as const;
const partner = usePartnerSession({ bots: clinics.map(apiBotFor) });

/** Runs a clinic's bot to its end and returns the run and its log. */
async function runBot(botId: string): Promise<{ run: RunView; log: string }> {
  const started = await partner.supervisor.api.invoke('startRun', { botId });
  let run: RunView | undefined;
  await partner.until(async () => {
    run = (await partner.state()).runs.find((r) => r.id === started.id);
    return run !== undefined && !['starting', 'running', 'waitingForSupervisor', 'stopping'].includes(run.status);
  }, `${botId} to end`);
  const page = await partner.supervisor.api.invoke('readLog', { runId: started.id });
  return { run: run as RunView, log: page.lines.map((line) => line.text).join('\n') };
}

describe('a practice group with two HCSS companies', () => {
  it('the manager connects her second clinic with its own HCSS account and stays signed in; both clinics’ bots run under her session', async () => {
    await partner.connectAs(demoUser);
    expect(await partner.signedInAs()).toBe(demoUser.subject);

    await partner.connectAs(demoSecondClinicUser);
    // The provider is asked for its login page, so the manager can choose the other clinic's account.
    expect(partner.authorizationUrls.at(-1)?.searchParams.get('prompt')).toBe('login');
    expect(await partner.signedInAs()).toBe(demoUser.subject);
    const companies = (await partner.state()).companies;
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

    const audit: AuditRecordView[] = (await partner.supervisor.api.invoke('listAudit', { limit: 1000 })).records;
    const second = audit.find((r) => r.type === 'companyConnected' && r.company === 'demo-clinic-1002');
    expect(second).toMatchObject({ actor: { subject: demoUser.subject }, detail: expect.stringContaining(`verified with the HCSS sign-in of ${demoSecondClinicUser.name} (${demoSecondClinicUser.subject})`) });
  });

  it('a colleague at the first clinic connects it with her own sign-in, and the manager keeps both clinics', async () => {
    await partner.signInAs(demoColleagueUser);
    await expect(partner.supervisor.api.invoke('startRun', { botId: 'bot-demo-clinic-1001' })).rejects.toMatchObject({ code: 'company_not_yours' });

    await partner.connectAs(demoColleagueUser);
    expect(await partner.signedInAs()).toBe(demoColleagueUser.subject);
    expect((await partner.state()).companies.find((c) => c.companyId === 'demo-clinic-1001')).toMatchObject({
      connectedBy: { subject: demoUser.subject },
      alsoConnectedBy: [{ subject: demoColleagueUser.subject, name: demoColleagueUser.name }],
    });
    expect((await runBot('bot-demo-clinic-1001')).run.status).toBe('succeeded');
    // The second clinic is still the manager's alone.
    await expect(partner.supervisor.api.invoke('startRun', { botId: 'bot-demo-clinic-1002' })).rejects.toMatchObject({ code: 'company_not_yours' });

    // The next morning the manager signs in once, and both clinics' bots run again.
    await partner.signInAs(demoUser);
    for (const company of ['demo-clinic-1001', 'demo-clinic-1002']) expect((await runBot(`bot-${company}`)).run.status).toBe('succeeded');
  });
});
