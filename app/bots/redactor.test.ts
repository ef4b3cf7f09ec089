import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor.js';

describe('Redactor', () => {
  it('replaces every occurrence of a known secret', () => {
    const redactor = new Redactor();
    redactor.add('opaque-token-1234567890');
    expect(redactor.redact('a opaque-token-1234567890 b opaque-token-1234567890')).toBe('a [REDACTED] b [REDACTED]');
  });

  it('redacts JWT-shaped strings, even with the signature cut off', () => {
    const redactor = new Redactor();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlLWJ5dGVz';
    expect(redactor.redact(`token=${jwt}!`)).toBe('token=[REDACTED]!');
    expect(redactor.redact('cut eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW')).toBe('cut [REDACTED]');
  });

  it('leaves ordinary text alone and ignores too-short secrets', () => {
    const redactor = new Redactor();
    redactor.add('abc');
    expect(redactor.size).toBe(0);
    expect(redactor.redact('abc eyJ is not a token')).toBe('abc eyJ is not a token');
  });

  it('stops redacting a secret once every holder disposed it', () => {
    const redactor = new Redactor();
    const first = redactor.add('shared-secret-value');
    const second = redactor.add('shared-secret-value');
    first.dispose();
    first.dispose();
    expect(redactor.redact('shared-secret-value')).toBe('[REDACTED]');
    second.dispose();
    expect(redactor.redact('shared-secret-value')).toBe('shared-secret-value');
  });
});
