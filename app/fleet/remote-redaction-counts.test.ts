import { describe, expect, it } from 'vitest';
import { PatientRedactor } from '../bots/patient-redactor.js';
import { Redactor } from '../bots/redactor.js';
import { RunLog } from '../bots/run-log.js';
import { defaultRedactionSettings } from '../common/patient-data.js';
import { systemClock } from '../ports/clock.js';
import { redactedCounts } from './remote-stream-reader.js';

describe('what a worker replaced in a line, counted on the desktop', () => {
  it("reads a worker's counts: known patient kinds, whole numbers, anything else ignored", () => {
    expect(redactedCounts(JSON.stringify({ nhsNumber: 2, postcode: 1 }))).toEqual({ nhsNumber: 2, postcode: 1 });
    expect(redactedCounts(undefined)).toBeUndefined();
    expect(redactedCounts('not json')).toBeUndefined();
    expect(redactedCounts('[1,2]')).toBeUndefined();
    // A secret is counted where it is known; a tampered entry cannot inflate a run's counts without bound.
    expect(redactedCounts(JSON.stringify({ secret: 3, nhsNumber: -1, postcode: 1.5, email: 1e9, phone: '2' }))).toBeUndefined();
  });

  it("S91 a remote run's counts add what its worker replaced to what the desktop's own pass found", () => {
    const log = new RunLog({ runId: 'run-remote', clock: systemClock, redactor: new Redactor(), patient: new PatientRedactor(defaultRedactionSettings) });
    log.writeRedactedElsewhere('stdout', 'Patient [NHS number], DOB: [date of birth]', { nhsNumber: 1, dateOfBirth: 1 });
    // A line an older worker sent unredacted is still caught here.
    log.writeRedactedElsewhere('stderr', 'Order for 943 476 5919', undefined);
    expect(log.redactionCounts()).toEqual({ nhsNumber: 2, dateOfBirth: 1 });
    expect(log.tail(10).map((line) => line.text)).toEqual(['Patient [NHS number], DOB: [date of birth]', 'Order for [NHS number]']);
  });
});
