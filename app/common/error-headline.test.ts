import { describe, expect, it } from 'vitest';
import { errorCatalogue, errorMessage, type ErrorCode } from './error-catalogue.js';
import { errorHeadline } from './error-headline.js';

describe('errorHeadline', () => {
  const codes = Object.keys(errorCatalogue) as ErrorCode[];
  const withHeadline = codes.filter((code) => errorHeadline(code) !== undefined);

  it('gives the everyday codes a plain sentence, e.g. an expired session', () => {
    expect(errorHeadline('session_expired')).toBe('Sign in again to let bots continue.');
    expect(withHeadline.length).toBeGreaterThan(10);
  });

  it('every headline is one short sentence with no code, URL or placeholder in it', () => {
    for (const code of withHeadline) {
      const headline = errorHeadline(code) ?? '';
      expect(headline, code).toMatch(/^[A-Z].*\.$/);
      expect(headline.length, code).toBeLessThanOrEqual(110);
      expect(headline, code).not.toContain(code);
      expect(headline, code).not.toMatch(/https?:|\$\{|_/);
    }
  });

  it('never just repeats the message it stands in front of', () => {
    for (const code of withHeadline) {
      const factory = errorCatalogue[code] as (...args: string[]) => string;
      const message = errorMessage(code, ...(Array.from({ length: factory.length }, () => 'x') as never));
      expect(errorHeadline(code), code).not.toBe(message);
    }
  });

  it('an unreachable provider names the likely causes in order: the issuer URL as typed, then the network or proxy', () => {
    for (const code of ['discovery_failed', 'discovery_timeout'] as const) {
      const headline = errorHeadline(code) ?? '';
      expect(headline.indexOf('issuer URL'), code).toBeGreaterThan(-1);
      expect(headline.indexOf('issuer URL'), code).toBeLessThan(headline.indexOf('network'));
      expect(headline, code).toContain('proxy');
    }
  });

  it('a refused sign-in link says what to do next, in plain words', () => {
    expect(errorHeadline('invalid_redirect')).toBe('That link could not be used. Copy the whole link again from your browser’s last page, or sign in again.');
    expect(errorMessage('invalid_redirect', 'it has no state (the link was probably cut short when it was copied)')).toMatch(/cut short.*Copy the whole link again.*Sign in to start again\.$/);
  });
});
