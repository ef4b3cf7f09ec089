import { describe, expect, it } from 'vitest';
import { importProblemText } from './import-problem.js';

describe('importProblemText', () => {
  it('names the profile by its name and id, in the editor’s words', () => {
    expect(importProblemText({ index: 1, field: 'warningMinutes.0', message: 'must be at least 1 minute', profileName: 'Clinic UAT', profileId: 'clinic-uat' })).toBe(
      '“Clinic UAT” (clinic-uat): Each warning time must be at least 1 minute.',
    );
    expect(importProblemText({ index: 0, field: 'issuer', message: 'must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer)', profileId: 'clinic' })).toBe(
      'The profile “clinic”: The issuer URL must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer).',
    );
    expect(importProblemText({ index: 0, field: 'clientId', message: 'must not contain spaces, tabs, line breaks or control characters: copy it again exactly as the provider issued it', profileId: 'clinic' })).toBe(
      'The profile “clinic”: The client id must not contain spaces, tabs, line breaks or control characters: copy it again exactly as the provider issued it.',
    );
    expect(importProblemText({ index: 0, field: 'clientSecret', message: 'must not be in a profile: secrets are never stored there; enter the client secret in the profile editor', profileId: 'clinic' })).toBe(
      'The profile “clinic”: A client secret must not be in a profile: secrets are never stored there; enter the client secret in the profile editor.',
    );
    expect(importProblemText({ index: 0, field: 'clientId', message: 'is required', profileId: 'clinic' })).toBe('The profile “clinic”: The client id is required.');
    expect(importProblemText({ index: 3, field: 'redirect.url', message: 'must be a full web address, e.g. https://auth.example.org', profileName: 'Bounce' })).toBe(
      '“Bounce”: The bounce page URL must be a full web address, e.g. https://auth.example.org.',
    );
  });

  it('falls back to the position only for an entry with neither name nor id', () => {
    const text = importProblemText({ index: 4, field: '', message: 'must be a group of settings in braces, { … }' });
    expect(text).toBe('The profile at position 5 in the file (it has no name or id): This entry must be a group of settings in braces, { … }.');
    expect(text).not.toMatch(/Profile \d/);
  });
});
