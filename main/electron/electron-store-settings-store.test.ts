import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../app/ports/logger.js';
import { ElectronStoreSettingsStore, type JsonFileStore } from './electron-store-settings-store.js';
import { jsonFileStore } from '../../app/test-support/json-file-store.js';


const warnings: Array<Record<string, unknown> | undefined> = [];
const logger: Logger = { info: () => undefined, warn: (_m, fields) => warnings.push(fields), error: () => undefined };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'settings-'));
  file = path.join(dir, 'settings.json');
  warnings.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ElectronStoreSettingsStore', () => {
  it('reads and writes through to the file', () => {
    const store = new ElectronStoreSettingsStore({ open: () => jsonFileStore(file), logger, filePath: file });
    store.set('profiles', [{ id: 'sandbox' }]);
    expect(store.get('profiles')).toEqual([{ id: 'sandbox' }]);
    expect(store.path).toBe(file);
    expect(store.recovered).toBeUndefined();
  });

  it('S27 moves a corrupt file aside at start-up and starts fresh', () => {
    writeFileSync(file, '{"profiles": [tru');
    const store = new ElectronStoreSettingsStore({ open: () => jsonFileStore(file), logger, now: () => 1700, filePath: file });

    expect(store.get('profiles')).toBeUndefined();
    expect(store.recovered).toEqual({ backupPath: `${file}.corrupt-1700.bak` });
    expect(readFileSync(`${file}.corrupt-1700.bak`, 'utf8')).toBe('{"profiles": [tru');
    expect(warnings).toEqual([{ code: 'settings_corrupt', backupPath: `${file}.corrupt-1700.bak` }]);
  });

  it('S27 recovers when the file is corrupted while the app runs', () => {
    const store = new ElectronStoreSettingsStore({ open: () => jsonFileStore(file), logger, now: () => 42, filePath: file });
    store.set('a', 1);
    writeFileSync(file, 'not json');

    expect(store.get('a')).toBeUndefined();
    store.set('b', 2);
    expect(store.get('b')).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.corrupt-42.bak']);
  });

  it('does not swallow errors that are not corruption', () => {
    const failing: JsonFileStore = {
      path: file,
      get: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
      set: () => undefined,
    };
    const store = new ElectronStoreSettingsStore({ open: () => failing, logger, filePath: file });
    expect(() => store.get('a')).toThrow('EACCES');
    expect(warnings).toEqual([]);
  });
});
