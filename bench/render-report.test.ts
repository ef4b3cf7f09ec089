import { expect, it } from 'vitest';
import type { BenchmarkRow } from './benchmark.js';
import { renderReport, type ReportInput } from './render-report.js';

function row(id: string, met: boolean): BenchmarkRow {
  return { id, benchmark: `Row ${id}`, baseline: 'bare', median: '1', p95: '—', p99: '—', ratio: '1.00×', target: '≤ 1', met };
}

function report(rows: BenchmarkRow[], nearTheLine: string[]): string {
  const input: ReportInput = {
    rows,
    machine: { cpuModel: 'CPU', cores: 2, memoryGb: 1, node: 'v20', os: 'Linux' },
    command: 'npm run bench',
    finishedAt: new Date(0),
    durationMs: 1000,
    loadAverage: { start: 0.5, end: 0.5 },
    quick: false,
    missedNotes: { a: 'Note for a.', b: 'Note for b.', c: 'Note for c.' },
    nearTheLine: new Set(nearTheLine),
    history: '## History',
    method: '## Method',
  };
  return renderReport(input);
}

it('shows the note of a row near the line when it meets its target, and of every missed row', () => {
  const text = report([row('a', false), row('b', true), row('c', true)], ['b']);
  expect(text).toContain('Note for a.');
  expect(text).toContain('## Met in this run, missed in others');
  expect(text).toContain('Note for b.');
  expect(text).not.toContain('Note for c.');
});

it('has no near-the-line section when no such row met its target', () => {
  const text = report([row('a', false), row('b', false)], ['b']);
  expect(text).not.toContain('Met in this run');
  expect(text.indexOf('Note for b.')).toBeGreaterThan(0);
});
