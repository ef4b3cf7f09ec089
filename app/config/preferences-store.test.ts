import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLimits } from '../common/run-limits.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { commandInputSchema } from '../transport/command-schemas.js';
import { PreferencesStore, preferencesBackupKey } from './preferences-store.js';

describe('PreferencesStore global shortcuts', () => {
  it('are off by default, shown only where the host can register them, with whether Pause all is offered', () => {
    expect(new PreferencesStore(new MemorySettingsStore(), { botsDir: '/bots' }).view().hotkeys).toBeUndefined();
    const store = new PreferencesStore(new MemorySettingsStore(), { botsDir: '/bots' }, undefined, { pauseAll: false });
    expect(store.view().hotkeys).toEqual({ enabled: false, stopAll: 'CommandOrControl+Alt+Shift+S', pauseAll: 'CommandOrControl+Alt+Shift+P', pauseAllOffered: false });
  });

  it('saves valid accelerators and refuses an invalid one with hotkey_invalid on its field, keeping the old value', () => {
    const settings = new MemorySettingsStore();
    const store = new PreferencesStore(settings, { botsDir: '/bots' }, undefined, { pauseAll: true });
    expect(store.update({ hotkeys: { enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: '' } }).hotkeys).toEqual({ enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: '', pauseAllOffered: true });
    expect(() => store.update({ hotkeys: { enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: 'P' } })).toThrow(
      expect.objectContaining({ code: 'hotkey_invalid', fields: { 'hotkeys.pauseAll': expect.stringContaining('The shortcut "P" cannot be used: it needs at least one modifier') } }),
    );
    expect(store.view().hotkeys?.pauseAll).toBe('');
    expect(settings.get('preferences')).toMatchObject({ hotkeys: { enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: '' } });
  });
});

describe('PreferencesStore runs at the same time', () => {
  it('defaults to 8 and takes 200 (the many-bots load) up to the ceiling of 256, which the command schema also keeps', () => {
    const settings = new MemorySettingsStore();
    const store = new PreferencesStore(settings, { botsDir: '/bots' });
    expect(store.view().maxConcurrentRuns).toBe(8);
    expect(store.update({ maxConcurrentRuns: 200 }).maxConcurrentRuns).toBe(200);
    expect(store.update({ maxConcurrentRuns: runLimits.maxConcurrentRunsCeiling }).maxConcurrentRuns).toBe(256);
    expect(settings.get('preferences')).toMatchObject({ maxConcurrentRuns: 256 });
    expect(() => store.update({ maxConcurrentRuns: 257 })).toThrow();
    expect(store.view().maxConcurrentRuns).toBe(256);
    expect(commandInputSchema('savePreferences').safeParse({ maxConcurrentRuns: 256 }).success).toBe(true);
    expect(commandInputSchema('savePreferences').safeParse({ maxConcurrentRuns: 257 }).success).toBe(false);
  });

  it('falls back to the defaults when the stored limit is above the ceiling', () => {
    const settings = new MemorySettingsStore();
    settings.set('preferences', { maxConcurrentRuns: 1000 });
    const store = new PreferencesStore(settings, { botsDir: '/bots' });
    expect([store.hadInvalidValue, store.view().maxConcurrentRuns]).toEqual([true, 8]);
  });
});

describe('PreferencesStore browser for Playwright bots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-browser-path-'));
  const notExecutable = join(dir, 'chrome.txt');
  writeFileSync(notExecutable, 'not a program', { mode: 0o644 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a path where there is no program, naming the field, and keeps the old value', () => {
    const settings = new MemorySettingsStore();
    const store = new PreferencesStore(settings, { botsDir: '/bots' });
    expect(store.update({ browserPath: ` ${process.execPath} ` }).browserPath).toBe(process.execPath);
    for (const [path, code] of [
      [join(dir, 'missing', 'chromium'), 'browser_path_missing'],
      [dir, 'browser_path_missing'],
      [notExecutable, 'browser_not_executable'],
    ] as const) {
      expect(() => store.update({ browserPath: path }), path).toThrow(expect.objectContaining({ code, fields: { browserPath: expect.stringContaining(path) } }));
    }
    expect(store.view().browserPath).toBe(process.execPath);
    expect(settings.get('preferences')).toMatchObject({ browserPath: process.execPath });
    // Empty still means "find an installed Edge or Chrome".
    expect(store.update({ browserPath: '' }).browserPath).toBeUndefined();
  });

  it('a saved browser since uninstalled does not block saving other preferences (the wizard finishing, say)', () => {
    const gone = join(dir, 'gone-chromium');
    writeFileSync(gone, '', { mode: 0o755 });
    const settings = new MemorySettingsStore();
    const store = new PreferencesStore(settings, { botsDir: '/bots' });
    store.update({ browserPath: gone });
    rmSync(gone);
    expect(store.update({ wizardCompleted: true, browserPath: gone })).toMatchObject({ wizardCompleted: true, browserPath: gone });
    expect(store.update({ maxConcurrentRuns: 3 }).maxConcurrentRuns).toBe(3);
    // A new path is still checked.
    expect(() => store.update({ browserPath: `${gone}-2` })).toThrow(expect.objectContaining({ code: 'browser_path_missing' }));
  });

  it('says what to do in the field message', () => {
    const store = new PreferencesStore(new MemorySettingsStore(), { botsDir: '/bots' });
    expect(() => store.update({ browserPath: '/no/such/chromium' })).toThrow(
      expect.objectContaining({ fields: { browserPath: expect.stringMatching(/^There is no browser program at \/no\/such\/chromium on this computer, so it was not saved\. Check the path/) } }),
    );
  });
});

describe('PreferencesStore with a stored value this version cannot fully read', () => {
  const stored = { botsDir: '/srv/clinic-bots', browserPath: '/usr/bin/chromium', maxConcurrentRuns: 300, wizardCompleted: true, hotkeys: { enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: '' } };

  it('S27 S123 one preference out of range (a newer version, a lowered ceiling) falls back alone: the bots folder, the finished wizard and the rest stay', () => {
    const settings = new MemorySettingsStore();
    settings.set('preferences', stored);
    const store = new PreferencesStore(settings, { botsDir: '/default-bots' }, undefined, { pauseAll: true });
    expect(store.hadInvalidValue).toBe(true);
    expect(store.view()).toEqual({ botsDir: '/srv/clinic-bots', browserPath: '/usr/bin/chromium', maxConcurrentRuns: 8, wizardCompleted: true, hotkeys: { ...stored.hotkeys, pauseAllOffered: true } });
  });

  it('S27 S123 keeps a copy of the value it could not read, which the next save does not overwrite', () => {
    const settings = new MemorySettingsStore();
    settings.set('preferences', stored);
    const store = new PreferencesStore(settings, { botsDir: '/default-bots' });
    store.update({ maxConcurrentRuns: 4 });
    expect(JSON.parse(settings.get(preferencesBackupKey) as string)).toEqual(stored);
    expect(settings.get('preferences')).toMatchObject({ botsDir: '/srv/clinic-bots', maxConcurrentRuns: 4, wizardCompleted: true });
  });

  it('S123 keeps preferences a newer version wrote that this one does not know, through a save', () => {
    const settings = new MemorySettingsStore();
    settings.set('preferences', { botsDir: '/srv/clinic-bots', wizardCompleted: true, theme: 'high-contrast', runHistoryPageSize: 50 });
    const store = new PreferencesStore(settings, { botsDir: '/default-bots' });
    expect(store.hadInvalidValue).toBe(false);
    store.update({ maxConcurrentRuns: 4 });
    expect(settings.get('preferences')).toEqual(expect.objectContaining({ theme: 'high-contrast', runHistoryPageSize: 50, maxConcurrentRuns: 4, botsDir: '/srv/clinic-bots' }));
    expect(settings.get(preferencesBackupKey)).toBeUndefined();
  });

  it('S27 a stored value that is not an object at all gives the defaults, with a copy kept', () => {
    const settings = new MemorySettingsStore();
    settings.set('preferences', 'garbage');
    const store = new PreferencesStore(settings, { botsDir: '/default-bots' });
    expect([store.hadInvalidValue, store.view().botsDir, store.view().wizardCompleted]).toEqual([true, '/default-bots', false]);
    expect(JSON.parse(settings.get(preferencesBackupKey) as string)).toBe('garbage');
  });
});
