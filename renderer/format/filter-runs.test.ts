import { describe, expect, it } from 'vitest';
import type { RunView } from '../../app/common/contract.js';
import { emptyRunFilter, filterRuns, isFilterActive, mergeRuns } from './filter-runs.js';

function run(id: string, patch: Partial<RunView> = {}): RunView {
  return { id, botId: 'api-bot', botName: 'API bot', profileId: 'sandbox', status: 'succeeded', startedAt: 1_000, ...patch };
}

const runs = [
  run('r1', { status: 'running', startedAt: 5 }),
  run('r2', { status: 'failed', botId: 'claims', botName: 'Claims bot', reason: 'Exit code 3' }),
  run('r3', { status: 'timedOut', supervisor: { subject: 'u1', name: 'Dr Demo' } }),
  run('r4', { status: 'cancelled' }),
  run('r5', { status: 'halted' }),
];
const ids = (list: RunView[]) => list.map((r) => r.id);

describe('filterRuns', () => {
  it('keeps everything with the empty filter', () => {
    expect(ids(filterRuns(runs, emptyRunFilter))).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(isFilterActive(emptyRunFilter)).toBe(false);
  });

  it('filters by bot', () => {
    expect(ids(filterRuns(runs, { ...emptyRunFilter, botId: 'claims' }))).toEqual(['r2']);
  });

  it('groups outcomes: failed includes timed out, stopped includes halted', () => {
    expect(ids(filterRuns(runs, { ...emptyRunFilter, outcome: 'failed' }))).toEqual(['r2', 'r3']);
    expect(ids(filterRuns(runs, { ...emptyRunFilter, outcome: 'stopped' }))).toEqual(['r4', 'r5']);
    expect(ids(filterRuns(runs, { ...emptyRunFilter, outcome: 'live' }))).toEqual(['r1']);
  });

  it('offers Today’s Running and Waiting apart: starting counts as running, queued and paused as waiting', () => {
    const live = [run('s', { status: 'starting' }), run('q', { status: 'queued' }), run('p', { status: 'paused' }), run('w', { status: 'waitingForSignIn' }), run('r', { status: 'running' })];
    expect(ids(filterRuns(live, { ...emptyRunFilter, outcome: 'running' }))).toEqual(['s', 'r']);
    expect(ids(filterRuns(live, { ...emptyRunFilter, outcome: 'waiting' }))).toEqual(['q', 'p', 'w']);
    expect(ids(filterRuns(live, { ...emptyRunFilter, outcome: 'live' }))).toEqual(['s', 'q', 'p', 'w', 'r']);
  });

  it('matches text in the supervisor, the reason and the bot name, ignoring case', () => {
    expect(ids(filterRuns(runs, { ...emptyRunFilter, text: 'dr demo' }))).toEqual(['r3']);
    expect(ids(filterRuns(runs, { ...emptyRunFilter, text: 'EXIT CODE' }))).toEqual(['r2']);
    expect(isFilterActive({ ...emptyRunFilter, text: 'x' })).toBe(true);
  });

  it('finds a failed run by the last error the bot printed', () => {
    const withError = [...runs, run('r6', { status: 'failed', reason: 'The bot exited with code 3.', lastError: 'Error: Healthcode said 503 Service Unavailable' })];
    expect(ids(filterRuns(withError, { ...emptyRunFilter, text: '503 service' }))).toEqual(['r6']);
  });

  it('keeps the runs started on the From day through the To day', () => {
    const days = [run('d1', { startedAt: new Date(2026, 11, 6, 23, 59).getTime() }), run('d2', { startedAt: new Date(2026, 11, 7, 0, 0).getTime() }), run('d3', { startedAt: new Date(2026, 11, 8, 0, 0).getTime() })];
    expect(ids(filterRuns(days, { ...emptyRunFilter, from: '2026-12-07', to: '2026-12-07' }))).toEqual(['d2']);
    expect(ids(filterRuns(days, { ...emptyRunFilter, from: '2026-12-07' }))).toEqual(['d2', 'd3']);
    expect(ids(filterRuns(days, { ...emptyRunFilter, to: '2026-12-06' }))).toEqual(['d1']);
    expect(isFilterActive({ ...emptyRunFilter, from: '2026-12-07' })).toBe(true);
  });
});

describe('mergeRuns', () => {
  it('prefers the state copy and sorts newest first', () => {
    const merged = mergeRuns([run('a', { startedAt: 1, status: 'running' }), run('b', { startedAt: 2 })], [run('a', { startedAt: 1, status: 'succeeded' })]);
    expect(merged.map((r) => [r.id, r.status])).toEqual([
      ['b', 'succeeded'],
      ['a', 'succeeded'],
    ]);
  });
});
