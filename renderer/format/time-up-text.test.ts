import { describe, expect, it } from 'vitest';
import { absenceOutcome, timeUpText } from './time-up-text.js';

const profile = (name: string, absencePolicy?: 'wait' | 'stop') => ({ name, ...(absencePolicy ? { absencePolicy } : {}) });

describe('absenceOutcome', () => {
  it('follows the machine policy for every profile when it decides', () => {
    expect(absenceOutcome('stop', [profile('Local sandbox', 'wait')])).toEqual({ kind: 'stop' });
    expect(absenceOutcome('wait', [profile('Local sandbox', 'stop')])).toEqual({ kind: 'wait' });
  });

  it('waits when no profile says stop, including a profile that sets nothing', () => {
    expect(absenceOutcome(undefined, [profile('Local sandbox'), profile('Healthcode', 'wait')])).toEqual({ kind: 'wait' });
    expect(absenceOutcome(undefined, [])).toEqual({ kind: 'wait' });
  });

  it('stops when every profile says stop, and names the ones that stop when only some do', () => {
    expect(absenceOutcome(undefined, [profile('Local sandbox', 'stop')])).toEqual({ kind: 'stop' });
    expect(absenceOutcome(undefined, [profile('Local sandbox', 'stop'), profile('Healthcode')])).toEqual({ kind: 'mixed', stopping: ['Local sandbox'] });
  });
});

describe('timeUpText', () => {
  it('says time is up and that bots wait without a token, never a zero countdown', () => {
    const text = timeUpText('attestation', { kind: 'wait' });
    expect(text).toMatch(/^Time is up/);
    expect(text).toContain('held back');
    expect(text).toContain('wait for you');
    expect(text).not.toMatch(/00:00/);
  });

  it('says running bots were stopped when absence stops them', () => {
    expect(timeUpText('attestation', { kind: 'stop' })).toMatch(/^Time is up.*stopped/);
  });

  it('names the profiles whose bots stopped when only some stop', () => {
    expect(timeUpText('attestation', { kind: 'mixed', stopping: ['Local sandbox', 'Healthcode'] })).toContain('Local sandbox and Healthcode');
  });

  it('tells the supervisor of a question that the bot heard nobody answered', () => {
    expect(timeUpText('question', { kind: 'wait' })).toMatch(/^Time is up.*nobody answered/);
  });
});
