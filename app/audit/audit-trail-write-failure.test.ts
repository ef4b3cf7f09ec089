import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { StoredAuditRecord } from './audit-record.js';
import { AuditTrail } from './audit-trail.js';

/**
 * The disk refuses a write part-way (full, or an I/O error at fsync). Whatever the failed attempt
 * left in the file must not stay there: not twice (the batch written again after it), and not as a
 * half line the next record is glued onto once there is room again.
 */
let dir: string;
let path: string;
let trail: AuditTrail | undefined;
const written: StoredAuditRecord[] = [];

/** FileHandle's prototype, shared by every handle the trail opens (its own, and a quarantine file's). */
async function fileHandlePrototype(): Promise<{ write: (...args: unknown[]) => Promise<{ bytesWritten: number }>; writeFile: (...args: unknown[]) => Promise<void>; datasync: () => Promise<void> }> {
  const handle = await open(join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as Awaited<ReturnType<typeof fileHandlePrototype>>;
}

function diskError(code: 'ENOSPC' | 'EIO'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

async function storedLines(): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter((line) => line.length > 0);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-fail-'));
  path = join(dir, 'audit.jsonl');
  written.length = 0;
  trail = await AuditTrail.open({ path, clock: new FakeClock(), logger: nullLogger, onWritten: (records) => written.push(...records) });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await trail?.close();
  trail = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('AuditTrail when the disk fails a write', () => {
  it('an fsync that fails after the batch reached the file does not leave the batch in the trail twice', async () => {
    const audit = trail as AuditTrail;
    audit.record({ type: 'signedIn', detail: 'before' });
    await audit.flush();
    const proto = await fileHandlePrototype();
    vi.spyOn(proto, 'datasync').mockRejectedValueOnce(diskError('EIO'));

    for (const detail of ['one', 'two', 'three']) audit.record({ type: 'settingsChanged', detail });
    await audit.flush();

    const details = (await storedLines()).map((line) => (JSON.parse(line) as StoredAuditRecord).detail);
    expect(details).toEqual(['before', 'one', 'two', 'three']);
    expect(written.map((record) => record.seq)).toEqual([1, 2, 3, 4]);
    expect(await audit.verify()).toMatchObject({ ok: true, records: 4 });
  });

  it('a disk that fills up part-way through a line leaves nothing behind that breaks the trail once there is room again', async () => {
    const audit = trail as AuditTrail;
    audit.record({ type: 'signedIn', detail: 'before' });
    await audit.flush();
    const proto = await fileHandlePrototype();
    // Room for one record and part of the next, then none: every later write fails with ENOSPC.
    let room = 250;
    const write = proto.write;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      const [buffer, offset, length] = args as [Buffer, number, number];
      if (room === 0) throw diskError('ENOSPC');
      const allowed = Math.min(room, length);
      room -= allowed;
      return write.call(this, buffer, offset, allowed);
    });
    vi.spyOn(proto, 'writeFile').mockRejectedValue(diskError('ENOSPC'));

    for (const detail of ['one', 'two', 'three']) audit.record({ type: 'settingsChanged', detail });
    await audit.flush();
    vi.restoreAllMocks();
    audit.record({ type: 'signedOut', detail: 'after' });
    await audit.flush();

    expect(await audit.verify()).toMatchObject({ ok: true, records: 3 });
    const records = (await storedLines()).map((line) => JSON.parse(line) as StoredAuditRecord);
    expect(records.map((record) => record.type)).toEqual(['signedIn', 'auditGap', 'signedOut']);
    expect(records[1]?.detail).toBe('3 records could not be written and are missing here.');
    expect(written.map((record) => record.seq)).toEqual([1, 2, 3]);
  });
});
