import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { PreferencesStore } from './preferences-store.js';

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
