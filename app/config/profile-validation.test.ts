import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsFrom, fieldValidationError, validateProfile } from './profile-validation.js';

/**
 * Every field message is a predicate that reads after a field's name: the editor, the import list
 * and this summary all put a name first. A fragment such as "use an https address" would read
 * "The issuer URL use an https address", so each message must start with a verb that agrees.
 */
const predicate = /^(is|must|contains|has|was|appears|belongs) /;

const bad: Record<string, unknown>[] = [
  { id: 'bad id!', name: '', preset: 'custom', issuer: 'http://idp.example.org', clientId: 'x' },
  { id: 'a', name: 'A', preset: 'custom', issuer: 'not a url', clientId: 'my client id', scopes: ['open id'], extraAuthParams: { 'Bad-Key': 'x' } },
  { id: 'b', name: 'B', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'x', redirect: { mode: 'bounce', url: 'http://rpa.example.org/' } },
  { id: 'c', name: 'C', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'x', redirect: { mode: 'loopback', port: 70000, path: 'callback' } },
  { id: 'd', name: 'D', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'x', warningMinutes: [0], signInTimeoutMs: 0, retentionDays: 0, expiryPolicy: 'later' },
  { id: 'e', name: 'E', preset: 'hcssPartner', clientId: 'x', companyClaim: 'has space', endpoints: { authorization: 'http://idp.example.org/a', token: 'https://idp.example.org/t' } },
  { id: 'f', name: 'F', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'x', clientSecret: 'oops', colour: 'blue' },
  { id: 'g', name: 'G', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'x', redirect: { mode: 'elsewhere' } },
];

function fieldsOf(input: unknown): Record<string, string> {
  const result = validateProfile(input, { asEntered: true });
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.fields;
}

describe('profile field messages', () => {
  it('are predicates that read after a field name, for every rule of the profile schema', () => {
    const messages = [...bad, 42].flatMap((input) => Object.entries(fieldsOf(input)));
    expect(messages.length).toBeGreaterThan(15);
    for (const [path, message] of messages) expect({ path, message }).toEqual({ path, message: expect.stringMatching(predicate) });
  });

  it('say the issuer and the profile id in whole sentences, not fragments', () => {
    const fields = fieldsOf(bad[0]);
    expect(fields.id).toBe('must be 1 to 64 letters, digits, dots, dashes or underscores, with no spaces');
    expect(fields.issuer).toBe('must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer)');
    expect(fields.name).toBe('is required');
  });

  it('give limits in the unit the editor shows', () => {
    const fields = fieldsOf(bad[4]);
    expect(fields['warningMinutes.0']).toBe('must be at least 1 minute');
    expect(fields.signInTimeoutMs).toBe('must be at least 10 seconds');
    expect(fields.retentionDays).toBe('must be at least 1 day');
  });

  it('say one second, not "1 seconds", and keep part seconds as a decimal', () => {
    const schema = z.object({ attestEveryMs: z.number().min(1000), graceMs: z.number().min(1500), pauseMs: z.number().min(2000) });
    const parsed = schema.safeParse({ attestEveryMs: 5, graceMs: 5, pauseMs: 5 });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrorsFrom(parsed.error)).toEqual({
      attestEveryMs: 'must be at least 1 second',
      graceMs: 'must be at least 1.5 seconds',
      pauseMs: 'must be at least 2 seconds',
    });
  });

  it('name a secret in a profile file as something to enter in the editor instead', () => {
    expect(fieldsOf(bad[6])).toEqual({
      clientSecret: 'must not be in a profile: secrets are never stored there; enter the client secret in the profile editor',
      colour: 'is not a profile setting',
    });
  });
});

describe('fieldValidationError summary', () => {
  it('names each field as the editor labels it, so the summary reads as sentences', () => {
    const error = fieldValidationError(fieldsOf(bad[0]));
    expect(error.code).toBe('profile_invalid');
    expect(error.message).toBe(
      'The profile was not saved: the profile id must be 1 to 64 letters, digits, dots, dashes or underscores, with no spaces; the profile name is required; the issuer URL must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer). Correct the fields shown and save again.',
    );
  });

  it('labels nested, imported and unknown paths too, and counts what it leaves out', () => {
    const error = fieldValidationError({ 'profiles.2.redirect.url': 'is required', 'endpoints.token': 'is required', '': 'must be a group of settings in braces, { … }', colour: 'is not a profile setting' });
    expect(error.message).toBe(
      'The profile was not saved: the bounce page URL is required; the token endpoint is required; the profile must be a group of settings in braces, { … } and 1 more. Correct the fields shown and save again.',
    );
  });

  it('S95 refuse, as entered, extra sign-in parameters that the app sets itself, but keep such a stored profile', () => {
    const input = { id: 'h', name: 'H', preset: 'custom', issuer: 'https://idp.example.org', clientId: 'x', extraAuthParams: { audience: 'api', response_type: 'token' } };
    expect(fieldsOf(input).extraAuthParams).toBe(
      'must not set response_type, response_mode, client_id, redirect_uri, state, nonce, code_challenge, code_challenge_method, request, request_uri: the app sets them for every sign-in',
    );
    expect(validateProfile(input).ok).toBe(true);
    expect(validateProfile({ ...input, extraAuthParams: { audience: 'api', prompt: 'consent' } }, { asEntered: true }).ok).toBe(true);
  });
});
