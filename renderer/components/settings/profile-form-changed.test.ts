import { describe, expect, it } from 'vitest';
import { formFromPreset } from '../../format/profile-form.js';
import { profileFormChanged } from './profile-form-changed.js';

const initial = formFromPreset('custom', []);

describe('profileFormChanged', () => {
  it('is false for the values the editor opened with, even as a new object', () => {
    expect(profileFormChanged(initial, structuredClone(initial))).toBe(false);
  });

  it('is true once a field or a nested value differs, and a secret alone counts', () => {
    expect(profileFormChanged(initial, { ...initial, clientSecret: 's3cret' })).toBe(true);
    expect(profileFormChanged(initial, { ...initial, extraAuthParams: { audience: 'api' } })).toBe(true);
  });

  it('is false when a field is typed and then typed back, or a key is present but undefined', () => {
    const typedBack = { ...{ ...initial, name: 'Clinic' }, name: initial.name };
    expect(profileFormChanged(initial, typedBack)).toBe(false);
    expect(profileFormChanged({ ...initial, endpoints: undefined }, initial)).toBe(false);
  });
});
