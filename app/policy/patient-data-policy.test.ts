import { describe, expect, it } from 'vitest';
import { defaultRedactionSettings, defaultRetentionDays } from '../common/patient-data.js';
import { lockedDownPolicy } from './machine-policy.js';
import { effectivePatientData, patientDataPolicyView } from './patient-data-policy.js';
import { parseMachinePolicy } from './read-machine-policy.js';

const defaults = { redaction: defaultRedactionSettings, screenshots: false, retentionDays: defaultRetentionDays };

describe('the patientData policy section', () => {
  it('is read from the policy file, and an unknown kind or a zero retention locks the app down', () => {
    const applied = parseMachinePolicy(JSON.stringify({ version: 1, patientData: { forceRedaction: ['email', 'phone'], screenshots: 'never', retentionDays: 14 } }), 'policy.json');
    expect(applied).toMatchObject({ kind: 'applied', policy: { patientData: { forceRedaction: ['email', 'phone'], screenshots: 'never', retentionDays: 14 } } });
    expect(parseMachinePolicy(JSON.stringify({ version: 1, patientData: { forceRedaction: ['shoeSize'] } }), 'policy.json').kind).toBe('lockedDown');
    expect(parseMachinePolicy(JSON.stringify({ version: 1, patientData: { retentionDays: 0 } }), 'policy.json').kind).toBe('lockedDown');
  });

  it('forces redaction kinds on over a profile that turned them off, and never turns one off', () => {
    const profile = { ...defaults, redaction: { nhsNumber: false, dateOfBirth: true, postcode: false, email: true, phone: false } };
    expect(effectivePatientData(profile, { forceRedaction: ['nhsNumber'] }).redaction).toEqual({ nhsNumber: true, dateOfBirth: true, postcode: false, email: true, phone: false });
    expect(effectivePatientData(profile, undefined).redaction).toEqual(profile.redaction);
  });

  it('screenshots stay off unless the profile or the policy turns them on; "never" wins over the profile', () => {
    expect(effectivePatientData(defaults, undefined).screenshots).toBe(false);
    expect(effectivePatientData({ ...defaults, screenshots: true }, undefined).screenshots).toBe(true);
    expect(effectivePatientData({ ...defaults, screenshots: true }, { screenshots: 'never' }).screenshots).toBe(false);
    expect(effectivePatientData(defaults, { screenshots: 'always' }).screenshots).toBe(true);
  });

  it('the policy retention period replaces the profile one', () => {
    expect(effectivePatientData({ ...defaults, retentionDays: 90 }, { retentionDays: 7 }).retentionDays).toBe(7);
    expect(effectivePatientData({ ...defaults, retentionDays: 90 }, {}).retentionDays).toBe(90);
  });

  it('the locked-down policy redacts every kind and allows no screenshots', () => {
    const effective = effectivePatientData({ redaction: { nhsNumber: false, dateOfBirth: false, postcode: false, email: false, phone: false }, screenshots: true, retentionDays: 30 }, lockedDownPolicy.patientData);
    expect(effective).toEqual({ redaction: { nhsNumber: true, dateOfBirth: true, postcode: true, email: true, phone: true }, screenshots: false, retentionDays: 30 });
  });

  it('the page learns what the policy forces, and nothing when it forces nothing', () => {
    expect(patientDataPolicyView(undefined)).toBeUndefined();
    expect(patientDataPolicyView({})).toBeUndefined();
    expect(patientDataPolicyView({ forceRedaction: ['email'], retentionDays: 10 })).toEqual({ forcedRedaction: ['email'], screenshots: 'profile', retentionDays: 10 });
  });
});
