import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../common/contract.js';
import { systemClock } from '../ports/clock.js';
import { Redactor } from './redactor.js';
import { RotatingLogFile } from './rotating-log-file.js';
import { RunLog } from './run-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-runlog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RunLog', () => {
  it('numbers, sanitises and redacts lines, and reads them back from its files', async () => {
    const redactor = new Redactor();
    redactor.add('super-secret-token');
    const seen: LogLine[] = [];
    const path = join(dir, 'run-1.log');
    const limits = { maxLineBytes: 64, ringLines: 100, ringChars: 10_000 };
    const log = new RunLog({ runId: 'run-1', clock: systemClock, redactor, limits, file: new RotatingLogFile({ path, maxBytes: 150 }), onLine: (l) => seen.push(l) });
    log.system('starting');
    log.write('stdout', '\u001b[32mtoken super-secret-token\u001b[0m');
    log.write('stderr', 'z'.repeat(100), 50);
    await log.close();
    expect(seen.map((l) => [l.seq, l.stream, l.text])).toEqual([
      [0, 'system', 'starting'],
      [1, 'stdout', 'token [REDACTED]'],
      [2, 'stderr', `${'z'.repeat(64)}… [truncated 86 bytes]`],
    ]);
    expect(log.page(undefined, 10).lines).toEqual(seen);

    // The 150-byte file limit forced a rotation; fromFile reads `.1` then the current file.
    const reread = RunLog.fromFile({ runId: 'run-1', path, clock: systemClock, redactor, limits });
    expect(reread.page(0, 10).lines).toEqual(seen);
    expect(RunLog.fromFile({ runId: 'none', path: join(dir, 'none.log'), clock: systemClock, redactor }).page(0, 10).lines).toEqual([]);
  });

  it('keeps the last error-output line that says why, as redacted as the log, and ignores standard output', () => {
    const redactor = new Redactor();
    redactor.add('super-secret-token');
    const log = new RunLog({ runId: 'run-2', clock: systemClock, redactor });
    expect(log.lastError()).toBeUndefined();
    log.write('stderr', 'Error: refused with super-secret-token');
    log.write('stderr', '    at main (bot.mjs:3:9)');
    log.write('stdout', 'a later line on standard output');
    log.system('The bot exited with code 1.');
    expect(log.lastError()).toBe('Error: refused with [REDACTED]');
  });
});

