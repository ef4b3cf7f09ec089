import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonLinesLogger } from './json-lines-logger.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'json-lines-logger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const limitBytes = 5 * 1024 * 1024;

describe('JsonLinesLogger', () => {
  it('rotates at 5 MiB on disk, counting bytes, so lines of accented or non-Latin text do not grow the file past it', () => {
    const path = join(dir, 'diagnostic.log');
    const logger = new JsonLinesLogger(path);
    // 'é' is one UTF-16 unit but two bytes on disk: counted by characters, the file would reach 8 MB.
    const text = 'é'.repeat(10_000);
    for (let index = 0; index < 400; index++) logger.info('bot catalogue scanned', { note: text });
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(statSync(path).size).toBeLessThanOrEqual(limitBytes);
    expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(limitBytes);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ level: 'info', message: 'bot catalogue scanned', note: text });
  });

  it('carries on from the size of the file it finds, in bytes', () => {
    const path = join(dir, 'diagnostic.log');
    const text = 'é'.repeat(10_000);
    const first = new JsonLinesLogger(path);
    for (let index = 0; index < 200; index++) first.info('before restart', { note: text });
    const second = new JsonLinesLogger(path);
    for (let index = 0; index < 200; index++) second.info('after restart', { note: text });
    expect(statSync(path).size).toBeLessThanOrEqual(limitBytes);
    expect(existsSync(`${path}.1`)).toBe(true);
  });

  it('S30 scrubs a JWT that a caller passed by mistake before it reaches the file', () => {
    const path = join(dir, 'diagnostic.log');
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlLXNlZ21lbnQ';
    new JsonLinesLogger(path).warn('token refresh failed', { detail: `Bearer ${jwt}` });
    const written = readFileSync(path, 'utf8');
    expect(written).not.toContain(jwt);
    expect(written).toContain('[REDACTED]');
  });
});

describe('JsonLinesLogger when rotation fails', () => {
  it('keeps writing lines when the old file cannot be moved aside, instead of losing every later line', () => {
    const path = join(dir, 'diagnostic.log');
    // A non-empty folder where the rotated file goes: the rename fails on every system.
    mkdirSync(join(`${path}.1`, 'held'), { recursive: true });
    const logger = new JsonLinesLogger(path);
    const text = 'x'.repeat(100_000);
    for (let index = 0; index < 60; index++) logger.info('line', { index, note: text });
    const indexes = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { index: number }).index);
    expect(indexes).toEqual(Array.from({ length: 60 }, (_, index) => index));
  });
});
