import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/audit-record.js';
import type { RunView } from '../common/contract.js';
import { supervisionCommands, type SupervisionCommandDeps } from './supervision-commands.js';

/** The supervisor's own run controls are audited, naming who is at the app and the run's bot. */
function setup(options: { pauseFails?: boolean } = {}) {
  const recorded: AuditEvent[] = [];
  const calls: string[] = [];
  const run = { id: 'run-1', botId: 'claims', botName: 'Claims batch', profileId: 'sandbox' } as RunView;
  const runs = {
    getRun: (runId: string) => (runId === run.id ? run : undefined),
    stop: async () => undefined,
    supervisor: {
      pause: async (runId: string, by: string) => {
        if (options.pauseFails) throw new Error('run_not_pausable');
        calls.push(`pause ${runId} by ${by}`);
      },
      resume: async (runId: string, by: string) => void calls.push(`resume ${runId} by ${by}`),
      stopAtSafePoint: (runId: string, by: string) => void calls.push(`safe ${runId} by ${by}`),
    },
  } as unknown as SupervisionCommandDeps['runs'];
  const handlers = supervisionCommands({
    runs,
    sessions: {} as SupervisionCommandDeps['sessions'],
    supervision: {} as SupervisionCommandDeps['supervision'],
    acknowledgements: {} as SupervisionCommandDeps['acknowledgements'],
    profileName: (id) => id,
    profileIds: () => ['sandbox'],
    pageReportsPresence: true,
    audit: { record: (event) => void recorded.push(event) },
    // The human signed in to the run's profile, as a Stop names them; someone else at the app otherwise.
    person: (profileId?: string) => (profileId === 'sandbox' ? { subject: 'dr-a', name: 'Dr A' } : { subject: 'dr-b', name: 'Dr B' }),
  });
  return { handlers, recorded, calls };
}

describe('supervision commands: audit of pause, resume and safe stop', () => {
  it('names the person signed in to the run\'s profile to the run and in the record, after the run took it', async () => {
    const { handlers, recorded, calls } = setup();
    await handlers.pauseRun({ runId: 'run-1' });
    await handlers.resumeRun({ runId: 'run-1' });
    await handlers.stopRunAtSafePoint({ runId: 'run-1' });
    expect(calls).toEqual(['pause run-1 by Dr A', 'resume run-1 by Dr A', 'safe run-1 by Dr A']);
    expect(recorded.map((event) => [event.type, event.actor?.name, event.runId, event.botId, event.profileId, event.detail])).toEqual([
      ['runPaused', 'Dr A', 'run-1', 'claims', 'sandbox', 'Paused Claims batch.'],
      ['runResumed', 'Dr A', 'run-1', 'claims', 'sandbox', 'Resumed Claims batch.'],
      ['runSafeStopRequested', 'Dr A', 'run-1', 'claims', 'sandbox', 'Asked Claims batch to stop at its next safe point.'],
    ]);
  });

  it('records nothing when the run refused the control', async () => {
    const { handlers, recorded } = setup({ pauseFails: true });
    await expect(handlers.pauseRun({ runId: 'run-1' })).rejects.toThrow('run_not_pausable');
    expect(recorded).toEqual([]);
  });
});

describe('supervision commands: attesting presence', () => {
  function attestSetup(signedIn: boolean) {
    const attested: string[] = [];
    const handlers = supervisionCommands({
      runs: {} as SupervisionCommandDeps['runs'],
      sessions: {
        status: () => ({ status: signedIn ? 'active' : 'signedOut' }),
        summary: () => (signedIn ? { subject: 'dr-a', name: 'Dr A' } : undefined),
      } as unknown as SupervisionCommandDeps['sessions'],
      supervision: { presence: { attest: () => void attested.push('attested') } } as unknown as SupervisionCommandDeps['supervision'],
      acknowledgements: {} as SupervisionCommandDeps['acknowledgements'],
      profileName: (id) => (id === 'sandbox' ? 'Local sandbox' : 'HCSS'),
      profileIds: () => ['sandbox', 'hcss'],
      pageReportsPresence: true,
      audit: { record: () => undefined },
      person: () => ({ subject: 'os:clinic', name: 'clinic (computer account; nobody signed in)' }),
    });
    return { handlers, attested };
  }

  it('with nobody signed in "I\'m still supervising" is refused with a stable code, and nothing is attested', async () => {
    const { handlers, attested } = attestSetup(false);
    await expect(handlers.attestPresence({})).rejects.toMatchObject({ code: 'supervisor_action_needs_sign_in', message: expect.stringContaining('Sign in to Local sandbox or HCSS first') });
    expect(attested).toEqual([]);
  });

  it('a signed-in supervisor attests', async () => {
    const { handlers, attested } = attestSetup(true);
    await handlers.attestPresence({});
    expect(attested).toEqual(['attested']);
  });
});
