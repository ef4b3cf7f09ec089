import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore, type SecretStore } from '../ports/secret-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { genesisHash, hashOf, type StoredAuditRecord } from './audit-record.js';
import { AuditTrail } from './audit-trail.js';
import { openAuditTrail, type AuditLog } from './open-audit-trail.js';

let dir: string;
let path: string;
let clock: FakeClock;
const notices = { post: () => undefined };
const demo = { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' };

/** A SecretStore that says it persists (like safeStorage), so the keys outlive a reopen. */
class PersistentSecrets extends MemorySecretStore {
  override readonly persistent = true as unknown as false;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-audit-keyed-'));
  path = join(dir, 'audit', 'audit.jsonl');
  clock = new FakeClock();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(secrets: SecretStore): Promise<AuditLog> {
  return openAuditTrail({ path, clock, logger: nullLogger, notices, secrets });
}

async function records(): Promise<StoredAuditRecord[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as StoredAuditRecord);
}

/** What an attacker with write access to the file can do: recompute every plain hash. */
function rechain(list: StoredAuditRecord[], keepMacs: boolean): string {
  let prev = genesisHash;
  return list
    .map((record) => {
      const { hash: _hash, kid, mac, ...rest } = record;
      const body = { ...rest, prev };
      const hash = hashOf(JSON.stringify(body));
      prev = hash;
      return JSON.stringify(keepMacs && mac !== undefined ? { ...body, hash, kid, mac } : { ...body, hash });
    })
    .join('\n')
    .concat('\n');
}

describe('keyed audit chain', () => {
  it('seals every record with an HMAC from the key in the SecretStore and verifies it', async () => {
    const secrets = new PersistentSecrets();
    const audit = await open(secrets);
    audit.record({ type: 'signedIn', actor: demo });
    audit.record({ type: 'runStarted', actor: demo, runId: 'run-1' });
    await audit.close();
    const stored = await records();
    expect(stored.map((r) => r.type)).toEqual(['auditKeyChanged', 'signedIn', 'runStarted']);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.mac ?? '') && r.kid === stored[0]?.kid)).toBe(true);
    expect(await secrets.get('audit.chainKeys')).toContain(stored[0]?.kid);
    const reopened = await open(secrets);
    const result = await reopened.verify();
    await reopened.close();
    expect(result).toMatchObject({ ok: true, records: 3, keyed: 'persistent', plainOnly: 0 });
    expect(result.message).toBe("All 3 records are intact: they follow one another with no gap, and every record since this computer's audit key was made carries its seal, so none of those was changed.");
  });

  it.each([
    ['keeps the old MACs', true],
    ['drops the MACs', false],
  ])('S65 a rewrite that recomputes every plain hash fails verify (the attacker %s)', async (_label, keepMacs) => {
    const secrets = new PersistentSecrets();
    const audit = await open(secrets);
    for (let i = 1; i <= 5; i += 1) audit.record({ type: 'runStarted', actor: demo, runId: `run-${i}` });
    await audit.close();
    const list = await records();
    const edited = list.map((record) => (record.runId === 'run-3' ? { ...record, runId: 'run-3-innocent', detail: 'nothing happened' } : record));
    await writeFile(path, rechain(edited, keepMacs));

    const reopened = await open(secrets);
    const result = await reopened.verify();
    await reopened.close();
    expect(result.ok).toBe(false);
    expect(result.brokenAtLine).toBe(keepMacs ? 4 : 1);
    expect(result.message).toMatch(keepMacs ? /signature with this installation's key does not match/ : /not signed with this installation's key/);
  });

  it('S65 cutting the last records fails against a saved checkpoint', async () => {
    const secrets = new PersistentSecrets();
    const audit = await open(secrets);
    for (let i = 1; i <= 8; i += 1) audit.record({ type: 'runStarted', actor: demo, runId: `run-${i}` });
    const exported = await audit.exportCsv(demo);
    await audit.close();
    const checkpoint = JSON.parse(exported.checkpoint.json) as { seq: number };
    expect(checkpoint.seq).toBe(9);
    expect(exported.checkpoint.fileName).toMatch(/\.checkpoint\.json$/);

    // Cut records off the end (and the local checkpoints with them): the chain alone still holds.
    const kept = (await readFile(path, 'utf8')).split('\n').slice(0, 6).join('\n').concat('\n');
    await writeFile(path, kept);
    await rm(join(dir, 'audit', 'checkpoints.jsonl'));
    const reopened = await open(secrets);
    expect((await reopened.verify()).ok).toBe(true);
    const result = await reopened.verify({ checkpoint: exported.checkpoint.json });
    await reopened.close();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/ends at record \d+, but the checkpoint of .* shows it reached record 9: records were cut off/);
    expect(result.checkpoint).toMatchObject({ seq: 9, signedHere: true });
  });

  it('S65 a cut trail fails against the newest local checkpoint too, and a changed checkpoint file is refused', async () => {
    const secrets = new PersistentSecrets();
    const audit = await open(secrets);
    for (let i = 1; i <= 4; i += 1) audit.record({ type: 'runStarted', runId: `run-${i}` });
    const daily = await audit.checkpoint('daily');
    await audit.close();
    await writeFile(path, (await readFile(path, 'utf8')).split('\n').slice(0, 3).join('\n').concat('\n'));
    const reopened = await open(secrets);
    expect((await reopened.verify()).message).toMatch(/this computer's newest checkpoint shows it reached record 5/);
    const forged = JSON.stringify({ ...daily, seq: 2 });
    await expect(reopened.verify({ checkpoint: forged })).rejects.toMatchObject({ code: 'audit_checkpoint_invalid' });
    await expect(reopened.verify({ checkpoint: 'not json' })).rejects.toMatchObject({ code: 'audit_checkpoint_invalid' });
    await reopened.close();
  });

  it('migrates a plain trail with a key-change record; the old part stays verifiable as a plain chain', async () => {
    const plain = await AuditTrail.open({ path, clock, logger: nullLogger });
    plain.record({ type: 'signedIn', actor: demo });
    plain.record({ type: 'signedOut', actor: demo });
    await plain.close();
    const audit = await open(new PersistentSecrets());
    audit.record({ type: 'signedIn', actor: demo });
    const result = await audit.verify();
    await audit.close();
    const stored = await records();
    expect(stored.map((r) => [r.seq, r.type, r.mac === undefined])).toEqual([
      [1, 'signedIn', true],
      [2, 'signedOut', true],
      [3, 'auditKeyChanged', false],
      [4, 'signedIn', false],
    ]);
    expect(stored[2]?.detail).toMatch(/Records 1 to 2 keep their plain hash chain/);
    expect(result).toMatchObject({ ok: true, records: 4, plainOnly: 2 });
    // Said in words a practice manager reads: what the older records' check can and cannot show.
    expect(result.message).toContain("The 2 oldest records were written before this computer's audit key was made: for them the check finds gaps and accidental damage, but could not show a deliberate rewrite made before then.");
    expect(result.message).not.toMatch(/hash/i);
  });

  it('on a memory-only host says the chain is tamper-evident within the session only', async () => {
    const audit = await open(new MemorySecretStore());
    audit.record({ type: 'signedIn', actor: demo });
    const result = await audit.verify();
    await audit.close();
    expect(result).toMatchObject({ ok: true, keyed: 'session' });
    expect(result.message).toMatch(/tamper-evident within the session only/);
    // The next session has a new key: the earlier records are then checked as a plain chain.
    const next = await open(new MemorySecretStore());
    const later = await next.verify();
    await next.close();
    expect(later).toMatchObject({ ok: true, plainOnly: 2 });
  });
});
