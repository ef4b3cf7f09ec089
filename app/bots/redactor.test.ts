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

  it('redacts many live secrets in one pass, inside longer token runs and next to each other', () => {
    const redactor = new Redactor();
    const secrets = Array.from({ length: 60 }, (_, i) => `run-secret-${i}-`.padEnd(43, 'x'));
    for (const secret of secrets) redactor.add(secret);
    redactor.add('short-token-99');
    const a = secrets[7] as string;
    const b = secrets[42] as string;
    expect(redactor.redact(`a=${a} b:${b}`)).toBe('a=[REDACTED] b:[REDACTED]');
    expect(redactor.redact(`prefix${a}${b}suffix`)).toBe('prefix[REDACTED][REDACTED]suffix');
    expect(redactor.redact(`id=short-token-99.`)).toBe('id=[REDACTED].');
    expect(redactor.redact('an ordinary line with words, numbers 12345678 and run-secret-7 alone')).toBe(
      'an ordinary line with words, numbers 12345678 and run-secret-7 alone',
    );
  });

  it('prefers the longer of two secrets when one contains the other', () => {
    const redactor = new Redactor();
    redactor.add('abcdefgh');
    redactor.add('abcdefgh-ijklmnop');
    expect(redactor.redact('x abcdefgh-ijklmnop y abcdefgh')).toBe('x [REDACTED] y [REDACTED]');
    expect(redactor.redact('x abcdefgh-ijklmnopq')).toBe('x [REDACTED]q');
  });

  it('still redacts a secret with characters outside the token alphabet', () => {
    const redactor = new Redactor();
    redactor.add('pass word:with spaces');
    expect(redactor.redact('got pass word:with spaces!')).toBe('got [REDACTED]!');
  });

  it('S64 redacts each segment of a known JWT printed alone, the signature included', () => {
    const redactor = new Redactor();
    const header = 'eyJhbGciOiJFUzI1NiJ9';
    const payload = 'eyJzdWIiOiJkZW1vLXVzZXIiLCJpc3MiOiJodHRwOi8vMTI3LjAuMC4xIn0';
    const signature = 'q3Xk1Zt0mHn2pVb8LwYc5Rj7Df4Gs6Ae9Ku0Io1Pl2Mn3Bv4Cx5Zz6Yy7Ww8Vv9Uu0Tt';
    redactor.add(`${header}.${payload}.${signature}`);
    const counter = { secret: 0 };
    expect(redactor.redact(`sig=${signature}`, counter)).toBe('sig=[REDACTED]');
    expect(redactor.redact(`payload ${payload} end`, counter)).toBe('payload [REDACTED] end');
    expect(redactor.redact(`header ${header}`, counter)).toBe('header [REDACTED]');
    expect(counter.secret).toBe(3);
  });

  it('S64 redacts any piece of 24 or more characters of a known secret, wherever it starts, and leaves shorter pieces', () => {
    const redactor = new Redactor();
    const secret = 'Zq8hK2mN5pR7tV9xB1dF3gJ6kL0sW4yC8eG2iM5oQ7uA9';
    redactor.add(secret);
    for (const [start, end] of [
      [0, 24],
      [5, 29],
      [secret.length - 24, secret.length],
      [3, secret.length - 2],
    ] as const) {
      const piece = secret.slice(start, end);
      expect(redactor.redact(`got ${piece}!`), piece).toBe('got [REDACTED]!');
      expect(redactor.redact(`glued/${piece}/x`), piece).toBe('glued/[REDACTED]/x');
    }
    const short = secret.slice(4, 27);
    expect(short).toHaveLength(23);
    expect(redactor.redact(`short ${short}`)).toBe(`short ${short}`);
  });

  it('S64 finds secret pieces among many live secrets in one scan, and forgets them on dispose', () => {
    const redactor = new Redactor();
    const secrets = Array.from({ length: 40 }, (_, i) => `secret${String(i).padStart(2, '0')}-${'abcdefghijklmnopqrstuvwxyz'.slice(i % 10)}${i * 7919}`);
    const held = secrets.map((secret) => redactor.add(secret));
    const target = secrets[23] as string;
    const piece = target.slice(1, 26);
    expect(redactor.redact(`a ${piece} b`)).toBe('a [REDACTED] b');
    held[23]?.dispose();
    expect(redactor.redact(`a ${piece} b`)).toBe(`a ${piece} b`);
  });

  it('S64 finds secrets and pieces at the very start and end of a line, and a line exactly as long as one', () => {
    const redactor = new Redactor();
    const secret = 'Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7';
    redactor.add(secret);
    redactor.add('short-01');
    expect(redactor.redact(secret)).toBe('[REDACTED]');
    expect(redactor.redact(`${secret} tail`)).toBe('[REDACTED] tail');
    expect(redactor.redact(`head ${secret.slice(2)}`)).toBe('head [REDACTED]');
    expect(redactor.redact('short-01')).toBe('[REDACTED]');
    expect(redactor.redact('a short-01 b short-01')).toBe('a [REDACTED] b [REDACTED]');
    expect(redactor.redact(`x:${secret.slice(0, 23)}`)).toBe(`x:${secret.slice(0, 23)}`);
  });
});
