import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../app/ports/logger.js';
import { ConfSettingsStore } from './conf-settings-store.js';

/** The real `conf` library on a real file in a temporary folder. */
const warnings: Array<Record<string, unknown> | undefined> = [];
const logger: Logger = { info: () => undefined, warn: (_m, fields) => warnings.push(fields), error: () => undefined };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'conf-settings-'));
  file = path.join(dir, 'settings.json');
  warnings.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ConfSettingsStore', () => {
  it('reads and writes settings.json in the data folder', () => {
    const store = new ConfSettingsStore(dir, { logger });
    store.set('preferences', { maxConcurrentRuns: 3 });
    expect(store.path).toBe(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ preferences: { maxConcurrentRuns: 3 } });
    expect(new ConfSettingsStore(dir, { logger }).get('preferences')).toEqual({ maxConcurrentRuns: 3 });
    expect(store.recovered).toBeUndefined();
  });

  it('S27 a corrupt settings.json at start-up is backed up, defaults are used, and the store says so', () => {
    writeFileSync(file, '{"profiles": [tru');
    const store = new ConfSettingsStore(dir, { logger, now: () => 1700 });

    expect(store.get('profiles')).toBeUndefined();
    expect(store.recovered).toEqual({ backupPath: `${file}.corrupt-1700.bak` });
    expect(readFileSync(`${file}.corrupt-1700.bak`, 'utf8')).toBe('{"profiles": [tru');
    expect(warnings).toEqual([{ code: 'settings_corrupt', backupPath: `${file}.corrupt-1700.bak` }]);
    // A fresh file is in use from now on.
    store.set('preferences', { maxConcurrentRuns: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ preferences: { maxConcurrentRuns: 2 } });
  });

  it('S27 recovers when the file is corrupted while the app runs', () => {
    const store = new ConfSettingsStore(dir, { logger, now: () => 42 });
    store.set('a', 1);
    writeFileSync(file, 'not json');

    expect(store.get('a')).toBeUndefined();
    store.set('b', 2);
    expect(store.get('b')).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.corrupt-42.bak']);
    expect(store.recovered).toEqual({ backupPath: `${file}.corrupt-42.bak` });
  });
});
