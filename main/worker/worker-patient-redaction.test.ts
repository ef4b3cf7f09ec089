import { describe, expect, it } from 'vitest';
import { defaultRedactionSettings } from '../../app/common/patient-data.js';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { redisServerMissing } from '../../app/fleet/testing/redis-server.js';
import { until } from '../../app/fleet/testing/until.js';
import { dumpRedis, type FleetHarness, TestSession } from './testing/fleet-harness.js';
import { harnessPerTest } from './testing/harness-per-test.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LXBpaSJ9.c2lnbmF0dXJlLWZvci1waWktdGVzdA';

/** Each log entry the worker wrote for a run, as field → value. */
async function entries(fleet: FleetHarness, runId: string): Promise<Record<string, string>[]> {
  const raw = await fleet.client().xrange(fleetKeys.log(runId), '-', '+');
  return raw.map(([, fields]) => Object.fromEntries(Array.from({ length: fields.length / 2 }, (_, i) => [fields[2 * i], fields[2 * i + 1]])));
}

describe.skipIf(redisServerMissing())('patient identifiers printed by a bot on a worker never reach Redis', () => {
  const harness = harnessPerTest('pii');
  let fleet: FleetHarness;
  let serial = 0;
  async function runPrinter(runId: string, redaction?: typeof defaultRedactionSettings, queuedRedaction?: typeof defaultRedactionSettings): Promise<Record<string, string>[]> {
    serial += 1;
    fleet = harness();
    await fleet.startSupervisor(new TestSession(token));
    await fleet.startWorker(`Ward PC pii ${serial}`, { approve: true });
    fleet.enqueue(runId, { botId: 'patient-print', ...(redaction ? { redaction } : {}), ...(queuedRedaction ? { queuedRedaction } : {}) });
    await until(async () => ((await fleet.statuses(runId)).some((s) => s.status === 'succeeded') ? true : undefined));
    return entries(fleet, runId);
  }

  it('S91 the worker applies the ticket\'s patient redaction before a line is written to Redis, and says what it replaced', async () => {
    const lines = await runPrinter('run-pii', { ...defaultRedactionSettings, email: true });
    expect(lines.map((l) => l.line)).toEqual(['Patient [NHS number], DOB: [date of birth], [postcode], [email]', 'Order 943 476 5918 done for [NHS number]']);
    expect(lines.map((l) => (l.redacted === undefined ? undefined : JSON.parse(l.redacted) as unknown))).toEqual([{ nhsNumber: 1, dateOfBirth: 1, postcode: 1, email: 1 }, { nhsNumber: 1 }]);
    const everything = await dumpRedis(fleet.client());
    for (const identifier of ['943 476 5919', '9434765919', '31/01/1970', 'LS1 4AP', 'jane@example.org']) expect(everything).not.toContain(identifier);
  });

  it('S91 a ticket without settings gets the defaults; a profile that turned a kind off keeps it in clear', async () => {
    expect((await runPrinter('run-pii-default'))[0]?.line).toBe('Patient [NHS number], DOB: [date of birth], [postcode], jane@example.org');
    expect((await runPrinter('run-pii-postcodes', { ...defaultRedactionSettings, postcode: false }))[0]?.line).toBe('Patient [NHS number], DOB: [date of birth], LS1 4AP, jane@example.org');
  });

  it('S91 the settings the worker applies are the ones the supervisor signed into the lease: a queued job changed in Redis to turn redaction off changes nothing; without signed settings the queued ones never turn a default off', async () => {
    const off = { nhsNumber: false, dateOfBirth: false, postcode: false, email: false, phone: false };
    const lines = await runPrinter('run-pii-tampered', defaultRedactionSettings, off);
    expect(lines.map((l) => l.line)).toEqual(['Patient [NHS number], DOB: [date of birth], [postcode], jane@example.org', 'Order 943 476 5918 done for [NHS number]']);
    // A supervisor whose leases do not carry the settings: the queued ones may add to the defaults, never turn one off.
    const unsigned = await runPrinter('run-pii-unsigned', undefined, { ...off, email: true });
    expect(unsigned[0]?.line).toBe('Patient [NHS number], DOB: [date of birth], [postcode], [email]');
  });
});
