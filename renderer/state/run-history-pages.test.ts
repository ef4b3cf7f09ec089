import { describe, expect, it } from 'vitest';
import type { RunView } from '../../app/common/contract.js';
import { olderCursor, runHistoryPageSize, withNewestPage, withOlderPage } from './run-history-pages.js';

const run = (index: number): RunView => ({ id: `run-${String(index).padStart(5, '0')}`, botId: 'b', botName: 'B', profileId: 'p', status: 'succeeded', startedAt: 1_000_000 + index * 1000 });
/** Runs `from` down to `to`, newest first, as the core answers. */
const range = (from: number, to: number): RunView[] => Array.from({ length: from - to + 1 }, (_, offset) => run(from - offset));

describe('run history pages', () => {
  it('offers older runs only when the core answered more than a page', () => {
    expect(withNewestPage(undefined, range(10, 1))).toEqual({ runs: range(10, 1), hasOlder: false });
    const full = withNewestPage(undefined, range(runHistoryPageSize, 0));
    expect(full.runs).toHaveLength(runHistoryPageSize);
    expect(full.hasOlder).toBe(true);
    expect(olderCursor(full)).toEqual({ startedAt: run(1).startedAt, id: run(1).id });
    expect(olderCursor(withNewestPage(undefined, range(10, 1)))).toBeUndefined();
  });

  it('adds an older page below, and keeps it when the newest page is read again after a run started', () => {
    const first = withNewestPage(undefined, range(1_600, 1_100));
    const cursor = olderCursor(first);
    if (!cursor) throw new Error('a full first page has a cursor');
    const two = withOlderPage(first, cursor, range(1_100, 600));
    expect(two.runs.map((r) => r.id)).toEqual(range(1_600, 601).map((r) => r.id));
    expect(two.hasOlder).toBe(true);
    // An answer for a cursor that is no longer the end of the list is dropped.
    expect(withOlderPage(two, cursor, range(1_100, 600))).toBe(two);

    const refreshed = withNewestPage(two, range(1_602, 1_102));
    expect(refreshed.runs.map((r) => r.id)).toEqual(range(1_602, 601).map((r) => r.id));
    expect(refreshed.hasOlder).toBe(true);
    // More runs started than a page holds: the older pages no longer join up, so the list starts again.
    expect(withNewestPage(two, range(3_000, 2_500))).toEqual({ runs: range(3_000, 2_501), hasOlder: true });
    // The last older page: nothing more to offer.
    expect(withOlderPage(two, olderCursor(two) ?? cursor, range(600, 201)).hasOlder).toBe(false);
  });
});
