import { appendFile, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fingerprintOf, signatureValid, type AuditKeys } from './audit-keys.js';
import type { ChainLink } from './audit-record.js';

export const checkpointFormat = 'rpa-supervisor-audit-checkpoint/1';

/**
 * A signed statement "the trail had `seq` records, the last with this hash and MAC, at `at`".
 * An auditor keeps it (and the public key) away from this computer; `verify` against it then
 * proves that no record up to `seq` was cut off or rewritten since.
 */
export interface AuditCheckpoint {
  format: typeof checkpointFormat;
  seq: number;
  hash: string;
  mac?: string;
  at: number;
  /** The Ed25519 public key (SPKI DER, base64) whose private half signed it. */
  publicKey: string;
  signature: string;
}

const checkpointSchema = z
  .object({
    format: z.literal(checkpointFormat),
    seq: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    mac: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    at: z.number().int().min(0),
    publicKey: z.string().min(1).max(200),
    signature: z.string().min(1).max(200),
  })
  .strict();

/** The exact bytes that are signed: every field but the signature, in a fixed order. */
function signedText(c: Omit<AuditCheckpoint, 'signature'>): string {
  return JSON.stringify({ format: c.format, seq: c.seq, hash: c.hash, ...(c.mac === undefined ? {} : { mac: c.mac }), at: c.at, publicKey: c.publicKey });
}

export function signCheckpoint(keys: AuditKeys, tail: ChainLink, at: number): AuditCheckpoint {
  const unsigned = { format: checkpointFormat, seq: tail.seq, hash: tail.hash, ...(tail.mac === undefined ? {} : { mac: tail.mac }), at, publicKey: keys.publicKey } as const;
  return { ...unsigned, signature: keys.sign(signedText(unsigned)) };
}

export type CheckpointRead = { ok: true; checkpoint: AuditCheckpoint; fingerprint: string } | { ok: false; why: string };

/** Parses a checkpoint file's text and checks its signature against the key it names. */
export function readCheckpoint(text: string): CheckpointRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, why: 'the checkpoint file is not JSON' };
  }
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) return { ok: false, why: 'the checkpoint file is not an RPA Supervisor audit checkpoint' };
  const checkpoint = parsed.data as AuditCheckpoint;
  const { signature, ...unsigned } = checkpoint;
  if (!signatureValid(checkpoint.publicKey, signedText(unsigned), signature)) return { ok: false, why: 'the checkpoint signature is not valid (the file was changed)' };
  return { ok: true, checkpoint, fingerprint: fingerprintOf(checkpoint.publicKey) };
}

/** The local copy of every checkpoint made (daily and on export), one JSON line each. */
export async function appendCheckpoint(path: string, checkpoint: AuditCheckpoint): Promise<void> {
  await appendFile(path, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
}

/** The newest checkpoint kept on this computer that still reads and verifies. */
export async function latestCheckpoint(path: string): Promise<AuditCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').filter((line) => line.length > 0);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const read = readCheckpoint(lines[i] ?? '');
    if (read.ok) return read.checkpoint;
  }
  return undefined;
}
