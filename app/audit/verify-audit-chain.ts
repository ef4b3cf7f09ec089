import type { AuditVerification } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import { macOf, sameMac, type AuditKeys } from './audit-keys.js';
import { checkLine, linkOf, type ChainLink, type StoredAuditRecord } from './audit-record.js';
import type { FileLine } from './read-lines.js';
import { linkFrom } from './audit-file.js';

export interface ChainCheckOptions {
  keys?: AuditKeys;
  /** Checkpoints the trail must still reach, each with where it came from (for the message). */
  checkpoints?: { checkpoint: AuditCheckpoint; source: string }[];
}

/**
 * Walks the trail once and checks, for every line: canonical JSON, its plain SHA-256, the link to
 * the record before, the sequence, and, from the first record a key this computer holds sealed,
 * its HMAC (key id and MAC). A rewrite that recomputes every plain hash fails the MAC check; a
 * trail cut off its end fails against the current key's first record or against a checkpoint.
 */
export async function verifyAuditChain(lines: AsyncIterable<FileLine>, options: ChainCheckOptions): Promise<AuditVerification> {
  const { keys } = options;
  const wanted = new Map<number, AuditCheckpoint[]>();
  for (const { checkpoint } of options.checkpoints ?? []) wanted.set(checkpoint.seq, [...(wanted.get(checkpoint.seq) ?? []), checkpoint]);
  const found = new Map<number, ChainLink>();
  let previous: ChainLink | undefined;
  let count = 0;
  let plainOnly = 0;
  let broken: { line: number; why: string; record?: StoredAuditRecord } | undefined;
  for await (const line of lines) {
    count += 1;
    if (broken) continue;
    const check = checkLine(line.text, previous);
    if (!check.ok) {
      broken = { line: line.number, why: check.why, ...(check.record ? { record: check.record } : {}) };
      continue;
    }
    const record = check.record;
    const key = keys?.keyFor(record.seq);
    if (key) {
      if (record.kid !== key.kid || record.mac === undefined) {
        broken = { line: line.number, why: "it is not signed with this installation's key (the record or the whole trail was rewritten)", record };
        continue;
      }
      if (!sameMac(record.mac, macOf(key.key, linkOf(previous), record.hash))) {
        broken = { line: line.number, why: "its signature with this installation's key does not match (the record or the whole trail was rewritten)", record };
        continue;
      }
    } else {
      plainOnly += 1;
    }
    previous = linkFrom(record);
    if (wanted.has(record.seq)) found.set(record.seq, previous);
  }
  const base = { records: count, plainOnly, keyed: keys === undefined ? ('none' as const) : keys.persistent ? ('persistent' as const) : ('session' as const) };
  if (broken) {
    return { ok: false, ...base, brokenAtLine: broken.line, ...(broken.record ? { brokenRecord: brokenRecordOf(broken.record) } : {}), message: supervisorError('audit_chain_broken', broken.line, broken.why).message };
  }
  const lastSeq = previous?.seq ?? 0;
  const current = keys?.current;
  if (current && lastSeq < current.fromSeq) {
    return { ok: false, ...base, message: supervisorError('audit_records_cut', lastSeq, current.fromSeq, "this computer's audit key").message };
  }
  for (const { checkpoint, source } of options.checkpoints ?? []) {
    if (lastSeq < checkpoint.seq) return { ok: false, ...base, message: supervisorError('audit_records_cut', lastSeq, checkpoint.seq, source).message };
    const link = found.get(checkpoint.seq);
    const matches = checkpoint.seq === 0 || (link !== undefined && link.hash === checkpoint.hash && link.mac === checkpoint.mac);
    if (!matches) return { ok: false, ...base, message: supervisorError('audit_checkpoint_mismatch', checkpoint.seq).message };
  }
  return { ok: true, ...base, message: intactMessage(count, plainOnly, base.keyed) };
}

/** What the screen names the damaged record by; a changed record's fields are as it now reads. */
function brokenRecordOf(record: StoredAuditRecord): NonNullable<AuditVerification['brokenRecord']> {
  return { seq: record.seq, at: record.at, type: record.type, ...(record.actor ? { actor: record.actor } : {}) };
}

/**
 * What the check showed, in words a practice manager can act on. Records written before the
 * current key was made are checked only through their chain of hashes, which catches gaps and
 * accidental damage but not a rewrite that recomputed every hash before the key existed.
 */
function intactMessage(count: number, plainOnly: number, keyed: 'none' | 'persistent' | 'session'): string {
  if (count === 0) return 'The audit trail is empty.';
  const all = `All ${count} record${count === 1 ? ' is' : 's are'} intact: they follow one another with no gap`;
  const key = keyed === 'session' ? "this session's audit key" : "this computer's audit key";
  const parts = [keyed === 'none' ? `${all}.` : `${all}, and every record since ${key} was made carries its seal, so none of those was changed.`];
  if (plainOnly > 0 && keyed !== 'none') {
    const one = plainOnly === 1;
    parts.push(`The ${one ? 'oldest record was' : `${plainOnly} oldest records were`} written before ${key} was made: for ${one ? 'it' : 'them'} the check finds gaps and accidental damage, but could not show a deliberate rewrite made before then.`);
  }
  if (keyed === 'session') {
    parts.push('This computer keeps secrets in memory only, so the audit key lasts for this session: the trail is tamper-evident within the session only.');
  }
  return parts.join(' ');
}
