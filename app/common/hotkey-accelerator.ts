/**
 * Global shortcut ("accelerator") strings in Electron's syntax, checked before they reach
 * `globalShortcut.register`, which only answers false. Free of Node and zod: the core validates
 * preferences with it and the page can check a field as it is typed.
 */
const modifiers = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const namedKeys = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause',
  ...Array.from({ length: 10 }, (_, n) => `num${n}`),
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
const functionKey = /^f([1-9]|1\d|2[0-4])$/;
const singleKey = /^[a-z0-9)!@#$%^&*(:;+=<,_\->.?/~`{\]}[|\\'"]$/;

export type AcceleratorCheck = { ok: true; accelerator: string; canonical: string } | { ok: false; detail: string };

const aliases: Record<string, string> = { ctrl: 'control', cmd: 'command', cmdorctrl: 'commandorcontrol', option: 'alt', meta: 'super', esc: 'escape', return: 'enter' };

/**
 * Accepts one or more modifiers and exactly one key, e.g. `CommandOrControl+Alt+S`. A global
 * shortcut without a modifier would swallow that key in every program, so one is required.
 */
export function checkAccelerator(text: string): AcceleratorCheck {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, detail: 'it is empty' };
  if (trimmed.length > 60) return { ok: false, detail: 'it is too long' };
  const parts = trimmed.split('+');
  // "Ctrl+Plus" names the plus key; a literal "+" would leave an empty part.
  if (parts.some((part) => part.trim().length === 0)) return { ok: false, detail: 'a part between "+" signs is empty (write Plus for the + key)' };
  const lower = parts.map((part) => part.trim().toLowerCase());
  const keys = lower.filter((part) => !modifiers.has(part));
  const mods = lower.filter((part) => modifiers.has(part));
  if (mods.length === 0) return { ok: false, detail: 'it needs at least one modifier (Control, Alt, Shift, Command or CommandOrControl)' };
  if (new Set(mods).size !== mods.length) return { ok: false, detail: 'a modifier is repeated' };
  if (keys.length !== 1) return { ok: false, detail: keys.length === 0 ? 'it has no key after the modifiers' : 'it names more than one key' };
  const key = keys[0] as string;
  if (lower.at(-1) !== key) return { ok: false, detail: 'the key must come last' };
  if (!namedKeys.has(key) && !functionKey.test(key) && !singleKey.test(key)) return { ok: false, detail: `"${parts.at(-1)?.trim()}" is not a key name` };
  // The same shortcut however it is spelt, to find one used twice.
  const canonical = [...mods.map((mod) => aliases[mod] ?? mod).sort(), aliases[key] ?? key].join('+');
  return { ok: true, accelerator: parts.map((part) => part.trim()).join('+'), canonical };
}
