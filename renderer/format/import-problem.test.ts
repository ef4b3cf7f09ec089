import { describe, expect, it } from 'vitest';
import { importProblemText } from './import-problem.js';

describe('importProblemText', () => {
  it('names the profile by its name and id, in the editor’s words', () => {
    expect(importProblemText({ index: 1, field: 'warningMinutes.0', message: 'must be at least 1', profileName: 'Clinic UAT', profileId: 'clinic-uat' })).toBe(
      '“Clinic UAT” (clinic-uat): Each warning time must be at least 1.',
    );
    expect(importProblemText({ index: 0, field: 'clientId', message: 'is required', profileId: 'clinic' })).toBe('The profile “clinic”: The client id is required.');
    expect(importProblemText({ index: 3, field: 'redirect.url', message: 'must be a full web address, e.g. https://auth.example.org', profileName: 'Bounce' })).toBe(
      '“Bounce”: The bounce page URL must be a full web address, e.g. https://auth.example.org.',
    );
  });

  it('falls back to the position only for an entry with neither name nor id', () => {
    const text = importProblemText({ index: 4, field: '', message: 'a profile must be an object' });
    expect(text).toBe('The profile at position 5 in the file (it has no name or id): A profile must be an object.');
    expect(text).not.toMatch(/Profile \d/);
  });
});
