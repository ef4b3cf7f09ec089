import { describe, expect, it } from 'vitest';
import { checkAccelerator } from '../../app/common/hotkey-accelerator.js';
import { bindGlobalHotkeys, followHotkeyPreferences, planGlobalHotkeys, type GlobalShortcutApi } from './global-hotkeys.js';

describe('checkAccelerator', () => {
  it.each(['CommandOrControl+Alt+S', 'Ctrl+Shift+F12', 'Alt+Plus', ' Super + Escape ', 'Control+Alt+num5', 'Shift+Alt+/'])('accepts %s', (text) => {
    expect(checkAccelerator(text).ok).toBe(true);
  });

  it.each([
    ['', 'it is empty'],
    ['S', 'it needs at least one modifier (Control, Alt, Shift, Command or CommandOrControl)'],
    ['Ctrl+', 'a part between "+" signs is empty (write Plus for the + key)'],
    ['Ctrl+Alt', 'it has no key after the modifiers'],
    ['Ctrl+A+B', 'it names more than one key'],
    ['Ctrl+Ctrl+A', 'a modifier is repeated'],
    ['A+Ctrl', 'the key must come last'],
    ['Ctrl+Hyper', '"Hyper" is not a key name'],
  ])('refuses %j: %s', (text, detail) => {
    expect(checkAccelerator(text)).toEqual({ ok: false, detail });
  });
});

describe('planGlobalHotkeys', () => {
  it('registers nothing by default (off)', () => {
    expect(planGlobalHotkeys({ enabled: false, stopAll: 'Ctrl+Alt+S', pauseAll: 'Ctrl+Alt+P' }, { pauseAll: true })).toEqual({ register: [], problems: [], offered: ['pauseAll', 'stopAll'] });
  });

  it('registers valid accelerators for the actions the host offers', () => {
    expect(planGlobalHotkeys({ enabled: true, stopAll: 'ctrl+alt+s', pauseAll: 'Ctrl+Alt+P' }, { pauseAll: true }).register).toEqual([
      { action: 'pauseAll', accelerator: 'Ctrl+Alt+P' },
      { action: 'stopAll', accelerator: 'ctrl+alt+s' },
    ]);
  });

  it('does not offer Pause all when the composition cannot pause, and says so through `offered`', () => {
    const plan = planGlobalHotkeys({ enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: 'Ctrl+Alt+P' }, { pauseAll: false });
    expect(plan).toEqual({ register: [{ action: 'stopAll', accelerator: 'Ctrl+Alt+S' }], problems: [], offered: ['stopAll'] });
  });

  it('reports an invalid accelerator and one used twice with a clear reason, registering the rest', () => {
    expect(planGlobalHotkeys({ enabled: true, pauseAll: 'Ctrl+Alt+S', stopAll: 'Control+alt+s' }, { pauseAll: true })).toMatchObject({
      register: [{ action: 'pauseAll' }],
      problems: [{ action: 'stopAll', code: 'hotkey_invalid', detail: 'it is already used for the other action' }],
    });
    expect(planGlobalHotkeys({ enabled: true, stopAll: 'F5' }, { pauseAll: false }).problems).toEqual([
      { action: 'stopAll', accelerator: 'F5', code: 'hotkey_invalid', detail: expect.stringContaining('needs at least one modifier') },
    ]);
  });
});

describe('bindGlobalHotkeys', () => {
  function fakeShortcuts(refused: string[] = []) {
    const registered = new Map<string, () => void>();
    const api: GlobalShortcutApi = {
      register: (accelerator, callback) => {
        if (refused.includes(accelerator)) return false;
        registered.set(accelerator, callback);
        return true;
      },
      unregister: (accelerator) => registered.delete(accelerator),
    };
    return { api, registered };
  }

  it('runs Stop all from its shortcut, reports one the OS refuses, and unregisters on dispose', () => {
    const { api, registered } = fakeShortcuts(['Ctrl+Alt+P']);
    const calls: string[] = [];
    const plan = planGlobalHotkeys({ enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: 'Ctrl+Alt+P' }, { pauseAll: true });
    const binding = bindGlobalHotkeys(api, plan, { stopAll: () => calls.push('stopAll'), pauseAll: () => calls.push('pauseAll') });
    expect([...registered.keys()]).toEqual(['Ctrl+Alt+S']);
    expect(binding.problems).toEqual([{ action: 'pauseAll', accelerator: 'Ctrl+Alt+P', code: 'hotkey_unavailable', detail: 'another program holds it' }]);
    registered.get('Ctrl+Alt+S')?.();
    expect(calls).toEqual(['stopAll']);
    binding.dispose();
    expect(registered.size).toBe(0);
  });
});

describe('followHotkeyPreferences', () => {
  it('binds when turned on, re-binds only on a change, logs a refused one, and unbinds when turned off', () => {
    const registered: string[] = [];
    const shortcuts: GlobalShortcutApi = {
      register: (accelerator) => {
        if (accelerator === 'Ctrl+Alt+X') return false;
        registered.push(accelerator);
        return true;
      },
      unregister: (accelerator) => registered.splice(registered.indexOf(accelerator), 1),
    };
    const warnings: unknown[] = [];
    const follow = followHotkeyPreferences({ shortcuts, actions: { stopAll: () => undefined }, warn: (_message, fields) => warnings.push(fields) });
    follow.update({ enabled: false, stopAll: 'Ctrl+Alt+S', pauseAll: 'Ctrl+Alt+P' });
    expect(registered).toEqual([]);
    follow.update({ enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: 'Ctrl+Alt+P' });
    // No pauseAll action in this composition: Pause all is not registered.
    expect(registered).toEqual(['Ctrl+Alt+S']);
    follow.update({ enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: 'Ctrl+Alt+P' });
    expect(registered).toEqual(['Ctrl+Alt+S']);
    follow.update({ enabled: true, stopAll: 'Ctrl+Alt+X', pauseAll: '' });
    expect(registered).toEqual([]);
    expect(warnings).toEqual([{ code: 'hotkey_unavailable', action: 'stopAll', accelerator: 'Ctrl+Alt+X' }]);
    follow.update({ enabled: true, stopAll: 'Ctrl+Alt+S', pauseAll: '' });
    follow.dispose();
    expect(registered).toEqual([]);
  });
});
