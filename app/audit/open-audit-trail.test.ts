import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupervisorError } from '../errors.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { openAuditTrail } from './open-audit-trail.js';

let dir: string;
let posted: { level: string; code: string; message: string }[];
const notices = { post: (level: string, error: SupervisorError) => void posted.push({ level, code: error.code, message: error.message }) };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-open-'));
  posted = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openAuditTrail', () => {
  it('tells the user when a torn record was moved aside', async () => {
    const path = join(dir, 'audit.jsonl');
    const first = await openAuditTrail({ path, clock: new FakeClock(), logger: nullLogger, notices });
    first.record({ type: 'signedIn', actor: { subject: 'u1' } });
    await first.close();
    await appendFile(path, '{"seq":2,"at":');
    const second = await openAuditTrail({ path, clock: new FakeClock(), logger: nullLogger, notices });
    try {
      expect(posted).toEqual([{ level: 'warning', code: 'audit_repaired', message: expect.stringMatching(/partly written record \(14 bytes\).*audit\.jsonl\.torn-/) }]);
      expect((await second.verify()).ok).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('starts without an audit trail it cannot open, says so, and refuses the audit commands', async () => {
    // A folder where the file should be cannot be opened as a file.
    const path = join(dir, 'audit.jsonl');
    await mkdir(path);
    const audit = await openAuditTrail({ path, clock: new FakeClock(), logger: nullLogger, notices });
    expect(posted.map((n) => [n.level, n.code])).toEqual([['error', 'audit_unavailable']]);
    expect(() => audit.record({ type: 'signedIn' })).not.toThrow();
    await expect(audit.verify()).rejects.toMatchObject({ code: 'audit_unavailable' });
    await expect(audit.list()).rejects.toMatchObject({ code: 'audit_unavailable' });
    await expect(audit.exportCsv()).rejects.toMatchObject({ code: 'audit_unavailable' });
  });
});
