import { checkAccelerator } from '../../app/common/hotkey-accelerator.js';
import type { Disposable } from '../../app/common/contract.js';

export type HotkeyAction = 'pauseAll' | 'stopAll';

/** What the user chose in Preferences. Off by default: a global shortcut acts in every program. */
export interface HotkeySettings {
  enabled: boolean;
  stopAll?: string;
  pauseAll?: string;
}

export interface HotkeyProblem {
  action: HotkeyAction;
  accelerator: string;
  code: 'hotkey_invalid' | 'hotkey_unavailable';
  detail: string;
}

export interface HotkeyPlan {
  register: { action: HotkeyAction; accelerator: string }[];
  problems: HotkeyProblem[];
  /** The actions this host can offer at all: Pause all only where the core can pause. */
  offered: HotkeyAction[];
}

/**
 * Which global shortcuts to register: none unless enabled; only actions the composition can do
 * (Pause all needs a `pauseAll`); each accelerator valid; no accelerator twice (the first wins).
 */
export function planGlobalHotkeys(settings: HotkeySettings, can: { pauseAll: boolean }): HotkeyPlan {
  const offered: HotkeyAction[] = can.pauseAll ? ['pauseAll', 'stopAll'] : ['stopAll'];
  const plan: HotkeyPlan = { register: [], problems: [], offered };
  if (!settings.enabled) return plan;
  const taken = new Set<string>();
  for (const action of offered) {
    const text = settings[action];
    if (text === undefined || text.trim() === '') continue;
    const check = checkAccelerator(text);
    if (!check.ok) {
      plan.problems.push({ action, accelerator: text, code: 'hotkey_invalid', detail: check.detail });
      continue;
    }
    const key = check.canonical;
    if (taken.has(key)) {
      plan.problems.push({ action, accelerator: text, code: 'hotkey_invalid', detail: 'it is already used for the other action' });
      continue;
    }
    taken.add(key);
    plan.register.push({ action, accelerator: check.accelerator });
  }
  return plan;
}

/** The slice of Electron's `globalShortcut` the glue uses; tests pass a fake. */
export interface GlobalShortcutApi {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/**
 * Registers the plan's shortcuts; one the OS refuses (another program holds it) becomes a
 * `hotkey_unavailable` problem. Dispose unregisters exactly what was registered.
 */
export function bindGlobalHotkeys(
  shortcuts: GlobalShortcutApi,
  plan: HotkeyPlan,
  actions: Partial<Record<HotkeyAction, () => void>>,
): Disposable & { problems: HotkeyProblem[] } {
  const registered: string[] = [];
  const problems = [...plan.problems];
  for (const { action, accelerator } of plan.register) {
    const run = actions[action];
    if (!run) continue;
    if (shortcuts.register(accelerator, run)) registered.push(accelerator);
    else problems.push({ action, accelerator, code: 'hotkey_unavailable', detail: 'another program holds it' });
  }
  return {
    problems,
    dispose: () => {
      for (const accelerator of registered.splice(0)) shortcuts.unregister(accelerator);
    },
  };
}

/**
 * Keeps the registered shortcuts in step with the preferences in each state snapshot: re-binds
 * only when they change, and logs each problem with its code (an invalid one cannot be saved;
 * one another program holds is `hotkey_unavailable`).
 */
export function followHotkeyPreferences(deps: {
  shortcuts: GlobalShortcutApi;
  actions: Partial<Record<HotkeyAction, () => void>>;
  warn: (message: string, fields: Record<string, unknown>) => void;
}): Disposable & { update(settings: HotkeySettings | undefined): void } {
  let signature = '';
  let binding: (Disposable & { problems: HotkeyProblem[] }) | undefined;
  return {
    update(settings) {
      const next = JSON.stringify(settings ?? null);
      if (next === signature) return;
      signature = next;
      binding?.dispose();
      binding = undefined;
      if (!settings) return;
      const plan = planGlobalHotkeys(settings, { pauseAll: deps.actions.pauseAll !== undefined });
      binding = bindGlobalHotkeys(deps.shortcuts, plan, deps.actions);
      for (const problem of binding.problems) deps.warn('a global shortcut was not registered', { code: problem.code, action: problem.action, accelerator: problem.accelerator });
    },
    dispose() {
      binding?.dispose();
      binding = undefined;
    },
  };
}
