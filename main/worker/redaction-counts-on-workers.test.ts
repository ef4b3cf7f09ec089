import { describe, expect, it } from 'vitest';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import type { FleetDesktop } from './testing/fleet-desktop.js';
import { desktopPerTest } from './testing/desktop-per-test.js';

/**
 * What redaction hid from a fleet run's log, as the run detail and history show it (S91): a real
 * supervisor in fleet mode, a redis-server, a worker agent and a real bot printing synthetic
 * patient identifiers, which the worker replaces and counts before the lines reach Redis.
 */
describe.skipIf(redisServerMissing())("a fleet run's redaction counts", () => {
  const newDesk = desktopPerTest();
  let desk: FleetDesktop | undefined;

  it('S91 a run on a worker shows what was hidden from its log, when it ends and in run history', async () => {
    desk = newDesk();
    await desk.start();
    await desk.startWorker('Ward PC R1');
    const { api } = desk.supervisor;
    const enrolment = (await api.invoke('listWorkers', {})).pending.find((entry) => entry.name === 'Ward PC R1');
    expect(enrolment).toBeDefined();
    await api.invoke('approveWorker', { fingerprint: enrolment!.fingerprint, name: 'Ward PC R1', pools: ['ward'] });
    const run = await api.invoke('startRun', { botId: 'remote-patient-print' });
    const ended = await desk.runEnd(run.id);
    expect(ended.status).toBe('succeeded');
    // The sandbox profile's defaults: NHS numbers, dates of birth and postcodes (the email stays).
    const hidden = { nhsNumber: 2, dateOfBirth: 1, postcode: 1 };
    expect(await desk.logText(run.id)).toContain('[NHS number], DOB: [date of birth], [postcode]');
    expect(ended.redactions).toEqual(hidden);
    expect((await api.invoke('listRuns', {})).find((listed) => listed.id === run.id)?.redactions).toEqual(hidden);
  });
});
