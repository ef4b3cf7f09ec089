import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AuditRecordView } from '../../common/contract.js';
import type { SupervisorHarness } from './supervisor-harness.js';

/** The harness's audit trail, oldest record first. */
export async function auditRecords(harness: SupervisorHarness): Promise<AuditRecordView[]> {
  const page = await harness.supervisor.api.invoke('listAudit', { limit: 1000 });
  return [...page.records].reverse();
}

/** The first record about people and bots, after the trail's own key and checkpoint records. */
export function firstActivity(records: AuditRecordView[]): AuditRecordView | undefined {
  return records.find((r) => !r.type.startsWith('audit'));
}

/** Edits one line of the audit file, checks verify names it, then puts the line back. */
export async function expectTamperDetected(harness: SupervisorHarness, line: number): Promise<void> {
  const path = join(harness.dataDir, 'audit', 'audit.jsonl');
  const original = await readFile(path, 'utf8');
  const lines = original.split('\n');
  const before = lines[line - 1] as string;
  // Someone rewrites who supervised: the actor, leaving everything else as it was.
  lines[line - 1] = before.replace(/"actor":\{[^}]*\}/, '"actor":{"subject":"someone-else"}');
  expect(lines[line - 1]).not.toBe(before);
  await writeFile(path, lines.join('\n'));
  try {
    const verification = await harness.supervisor.api.invoke('verifyAudit', {});
    expect(verification).toMatchObject({ ok: false, brokenAtLine: line });
    expect(verification.message).toContain(`line ${line}`);
  } finally {
    await writeFile(path, original);
  }
  expect((await harness.supervisor.api.invoke('verifyAudit', {})).ok).toBe(true);
}
