/**
 * `next`, with every part that equals the matching part of `previous` replaced by `previous`'s
 * own object. The core sends whole snapshots; after this a bot, run or session that did not
 * change keeps its identity, so memoised views (one card per bot) skip it, and a list in which
 * nothing changed is the same array.
 *
 * Items of a list are matched by `id`, `runId` or `profileId` when they carry one (a new run at
 * the top of the list shifts every index), otherwise by position. The result always equals
 * `next` in value.
 */
export function shareUnchanged<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  if (Array.isArray(next)) return (Array.isArray(previous) ? shareArray(previous, next) : next) as T;
  if (isRecord(next) && isRecord(previous)) return shareRecord(previous, next) as T;
  return next;
}

const itemKeys = ['id', 'runId', 'profileId'] as const;

function keyOf(item: unknown, index: number): string | number {
  if (isRecord(item)) {
    for (const key of itemKeys) {
      const value = item[key];
      if (typeof value === 'string') return `${key}:${value}`;
    }
  }
  return index;
}

function shareArray(previous: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  const byKey = new Map<string | number, unknown>();
  previous.forEach((item, index) => byKey.set(keyOf(item, index), item));
  let same = previous.length === next.length;
  const shared = next.map((item, index) => {
    const result = shareUnchanged(byKey.get(keyOf(item, index)), item);
    if (result !== previous[index]) same = false;
    return result;
  });
  return same ? previous : shared;
}

function shareRecord(previous: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(previous).length;
  const shared: Record<string, unknown> = {};
  for (const key of keys) {
    const value = shareUnchanged(previous[key], next[key]);
    shared[key] = value;
    if (value !== previous[key] || !Object.hasOwn(previous, key)) same = false;
  }
  return same ? previous : shared;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
