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
});
