import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../ports/logger.js';
import { RecoveringSettingsStore } from './recovering-settings-store.js';
import { jsonFileStore } from '../test-support/json-file-store.js';


const warnings: Array<Record<string, unknown> | undefined> = [];
const logger: Logger = { info: () => undefined, warn: (_message, fields) => warnings.push(fields), error: () => undefined };
const settings = { preferences: { botsDir: 'D:\\Clinic bots', wizardCompleted: true }, profiles: { schemaVersion: 1, profiles: [{ id: 'healthcode' }] } };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'recovering-settings-'));
  file = path.join(dir, 'settings.json');
  warnings.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => new RecoveringSettingsStore({ open: () => jsonFileStore(file), logger, now: () => 1700, filePath: file });

describe('RecoveringSettingsStore with a settings file saved by Windows tools', () => {
  const encodings: [string, (text: string) => Buffer][] = [
    ['UTF-8 with a byte-order mark (Notepad, PowerShell 5 Set-Content -Encoding UTF8)', (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with a byte-order mark (PowerShell 5 Out-File)', (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ];
  for (const [name, encode] of encodings) {
    it(`S122 reads a file deployed as ${name}: every setting kept, nothing moved aside, no reset notice`, () => {
      writeFileSync(file, encode(JSON.stringify(settings)));
      const store = open();
      expect(store.get('preferences')).toEqual(settings.preferences);
      expect(store.get('profiles')).toEqual(settings.profiles);
      expect(store.recovered).toBeUndefined();
      expect(readdirSync(dir)).toEqual(['settings.json']);
      expect(warnings).toEqual([]);
      // Written back as plain UTF-8, so the next write and the next start read it as they should.
      store.set('schedules', {});
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...settings, schedules: {} });
    });
  }

  it('S122 a file with a byte-order mark put in place while the app runs is read, not moved aside', () => {
    const store = open();
    store.set('a', 1);
    writeFileSync(file, `\uFEFF${JSON.stringify(settings)}`);
    expect(store.get('preferences')).toEqual(settings.preferences);
    expect(store.recovered).toBeUndefined();
  });

  it('S27 a file that is not JSON after its byte-order mark is still moved aside whole, and defaults used', () => {
    const corrupt = '\uFEFF{"profiles": [tru';
    writeFileSync(file, corrupt);
    const store = open();
    expect(store.get('profiles')).toBeUndefined();
    expect(store.recovered).toEqual({ backupPath: `${file}.corrupt-1700.bak` });
    expect(readFileSync(`${file}.corrupt-1700.bak`, 'utf8')).toBe(corrupt);
    expect(warnings).toEqual([{ code: 'settings_corrupt', backupPath: `${file}.corrupt-1700.bak` }]);
  });
});
