import { link, mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRunLogFiles, runLogExportMaxBytes } from './read-run-log-files.js';

let dir: string;
let path: string;
const runId = 'run-test';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-export-'));
  path = join(dir, `${runId}.log`);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readRunLogFiles', () => {
  it('reads the rotated file first, then the current one', async () => {
    await writeFile(`${path}.1`, 'older 1\nolder 2\n');
    await writeFile(path, 'newer 3\n');
    await expect(readRunLogFiles({ runId, path })).resolves.toBe('older 1\nolder 2\nnewer 3\n');
  });

  it('reads whichever file exists when there is only one', async () => {
    await writeFile(path, 'only current\n');
    await expect(readRunLogFiles({ runId, path })).resolves.toBe('only current\n');
    await rm(path);
    await writeFile(`${path}.1`, 'only rotated\n');
    await expect(readRunLogFiles({ runId, path })).resolves.toBe('only rotated\n');
  });

  it('resolves to undefined when the run has no files', async () => {
    await expect(readRunLogFiles({ runId, path })).resolves.toBeUndefined();
  });

  it('reads one file once when both names lead to it, as after a rotation between the opens', async () => {
    await writeFile(path, 'rotated while opening\n');
    // A hard link is the state a rename leaves behind between the two opens: one file, two names.
    await link(path, `${path}.1`);
    await expect(readRunLogFiles({ runId, path })).resolves.toBe('rotated while opening\n');
  });

  it('leaves out a last line that was still being written', async () => {
    await writeFile(path, 'whole line\nhalf a li');
    await expect(readRunLogFiles({ runId, path })).resolves.toBe('whole line\n');
  });

  it('keeps multi-byte text intact', async () => {
    await writeFile(path, 'Zoë — ✓ \uFFFD\n');
    await expect(readRunLogFiles({ runId, path })).resolves.toBe('Zoë — ✓ \uFFFD\n');
  });

  it('refuses more than the cap with log_too_large, before reading anything', async () => {
    await writeFile(`${path}.1`, 'x\n');
    // Sparse: the size is what counts, and the test writes almost nothing to disk.
    await writeFile(path, '');
    await truncate(path, runLogExportMaxBytes);
    await expect(readRunLogFiles({ runId, path })).rejects.toMatchObject({
      code: 'log_too_large',
      message: expect.stringContaining('more than the 16 MB'),
    });
    await expect(readRunLogFiles({ runId, path, maxBytes: 10 })).rejects.toMatchObject({ code: 'log_too_large' });
  });

  it('reports a log that is not a readable file as run_log_unreadable', async () => {
    await mkdir(path);
    await expect(readRunLogFiles({ runId, path })).rejects.toMatchObject({ code: 'run_log_unreadable', message: expect.stringContaining(runId) });
  });
});
