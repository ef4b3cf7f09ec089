import type { ProfileFormValues } from '../../format/profile-form.js';

/**
 * Whether the admin changed anything in the editor since it opened: the question before its
 * values are dropped (another profile's Edit, Duplicate, Add a profile). Compared by content, not
 * identity or key order, and a key set to undefined counts as absent, so a field typed and then
 * typed back counts as unchanged.
 */
export function profileFormChanged(initial: ProfileFormValues, values: ProfileFormValues): boolean {
  return !sameContent(initial, values);
}

function sameContent(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameContent(left[key], right[key])) return false;
  return true;
}
