import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './share-unchanged.js';

const run = (id: string, status: string, extra: Record<string, unknown> = {}) => ({ id, botId: 'b', status, startedAt: 1, ...extra });

describe('shareUnchanged', () => {
  it('returns the previous value itself when nothing changed, however deep', () => {
    const previous = { at: 1, runs: [run('r1', 'running'), run('r2', 'succeeded', { redactions: { nhsNumber: 2 } })], today: { runs: 2 } };
    const next = structuredClone(previous);
    expect(shareUnchanged(previous, next)).toBe(previous);
  });

  it('keeps unchanged runs by id when a new run is put at the top, and replaces only the changed one', () => {
    const previous = { at: 1, runs: [run('r2', 'running'), run('r1', 'succeeded')] };
    const next = { at: 2, runs: [run('r3', 'queued'), run('r2', 'stopping'), run('r1', 'succeeded')] };
    const shared = shareUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared).not.toBe(previous);
    expect(shared.runs[2]).toBe(previous.runs[1]);
    expect(shared.runs[1]).not.toBe(previous.runs[0]);
    expect(shared.runs[1]).toEqual(run('r2', 'stopping'));
  });

  it('keeps an unchanged list whole while a sibling changes', () => {
    const previous = { at: 1, bots: [{ id: 'a', lastRun: run('r1', 'running') }], sessions: [{ profileId: 'p', status: 'active' }] };
    const next = { at: 2, bots: [{ id: 'a', lastRun: run('r1', 'running') }], sessions: [{ profileId: 'p', status: 'expired' }] };
    const shared = shareUnchanged(previous, next);
    expect(shared.bots).toBe(previous.bots);
    expect(shared.sessions).not.toBe(previous.sessions);
    expect(shared).toEqual(next);
  });

  it('notices a field that appears, disappears or becomes undefined', () => {
    const previous = { id: 'r1', status: 'running' } as Record<string, unknown>;
    expect(shareUnchanged(previous, { id: 'r1', status: 'running', endedAt: 5 })).toEqual({ id: 'r1', status: 'running', endedAt: 5 });
    expect(shareUnchanged({ ...previous, endedAt: 5 }, { id: 'r1', status: 'running' })).toEqual({ id: 'r1', status: 'running' });
    const withUndefined = shareUnchanged(previous, { id: 'r1', status: 'running', reason: undefined });
    expect(withUndefined).not.toBe(previous);
    expect(Object.keys(withUndefined)).toEqual(['id', 'status', 'reason']);
  });

  it('matches items without an id by position, and lists of different length never reuse the whole', () => {
    const previous = { lines: ['a', 'b'] };
    expect(shareUnchanged(previous, { lines: ['a', 'b'] }).lines).toBe(previous.lines);
    expect(shareUnchanged(previous, { lines: ['a'] }).lines).toEqual(['a']);
    expect(shareUnchanged(previous, { lines: ['a', 'b', 'c'] }).lines).toEqual(['a', 'b', 'c']);
  });

  it('takes the next value when the kinds differ', () => {
    expect(shareUnchanged([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(shareUnchanged({ a: 1 }, [1])).toEqual([1]);
    expect(shareUnchanged(null, { a: 1 })).toEqual({ a: 1 });
    expect(shareUnchanged({ a: 1 }, null)).toBeNull();
  });
});
