import type { AuditListOptions, AuditPage, AuditVerification, Disposable } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { MemorySecretStore, type SecretStore } from '../ports/secret-store.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import type { AuditCsvNames } from './audit-csv.js';
import { AuditFacets } from './audit-facets.js';
import { AuditKeys } from './audit-keys.js';
import type { AuditEvent, StoredAuditRecord } from './audit-record.js';
import { AuditTrail } from './audit-trail.js';

/** What the rest of the app uses: `record` for writers, the rest for the audit commands. */
export interface AuditLog {
  /** Queues a record; never throws. See AuditEvent for what may go in it (never a token). */
  record(event: AuditEvent): void;
  flush(): Promise<void>;
  list(options?: AuditListOptions): Promise<AuditPage>;
  verify(options?: { checkpoint?: string }): Promise<AuditVerification>;
  /** `actor`: the person who asked for the export (recorded); `names`: profiles' and bots' names now. */
  exportCsv(actor?: AuditEvent['actor'], names?: AuditCsvNames): Promise<{ fileName: string; csv: string; checkpoint: { fileName: string; json: string } }>;
  checkpoint(reason: 'daily' | 'export'): Promise<AuditCheckpoint | undefined>;
  latestCheckpoint(): Promise<AuditCheckpoint | undefined>;
  readAfter(afterSeq: number, limit: number): Promise<StoredAuditRecord[]>;
  /** Records as they reach the disk, in order; for the syslog forwarder. */
  onDidWrite(listener: (records: readonly StoredAuditRecord[]) => void): Disposable;
  /** The checkpoint key's public half and whether the keys outlive the session; null when unavailable. */
  readonly keys: { publicKey: string; fingerprint: string; persistent: boolean } | null;
  close(): Promise<void>;
}

/**
 * Opens the trail and routes its problems to notices. If the file cannot be opened at all (a
 * permissions problem), the app still starts, so bots can be stopped and people can sign out, but
 * the audit commands answer `audit_unavailable` and an error notice says why.
 */
export async function openAuditTrail(deps: {
  path: string;
  clock: Clock;
  logger: Logger;
  notices: { post(level: 'info' | 'warning' | 'error', error: SupervisorError): void };
  /** Holds the chain and checkpoint keys; default memory-only (tamper-evident within the session). */
  secrets?: SecretStore;
}): Promise<AuditLog> {
  const writeListeners = new Set<(records: readonly StoredAuditRecord[]) => void>();
  // Fed from the trail's opening on, so no record written before the file is first read is missed.
  const facets = new AuditFacets(deps.path);
  try {
    const keys = await loadKeys(deps.secrets ?? new MemorySecretStore(), deps.logger);
    const trail = await AuditTrail.open({
      path: deps.path,
      clock: deps.clock,
      logger: deps.logger,
      keys,
      onWritten: (records) => {
        facets.add(records);
        for (const listener of writeListeners) listener(records);
      },
      onProblem: (problem) =>
        deps.notices.post(
          problem.kind === 'repaired' ? 'warning' : 'error',
          problem.kind === 'repaired' ? supervisorError('audit_repaired', problem.bytes, problem.quarantinedTo) : supervisorError('audit_write_failed', problem.dropped),
        ),
    });
    return {
      record: (event) => trail.record(event),
      flush: () => trail.flush(),
      list: async (options) => {
        const page = await trail.list(options);
        return { ...page, facets: await facets.current() };
      },
      verify: (options) => trail.verify(options),
      exportCsv: (actor, names) => trail.exportCsv(actor, names),
      checkpoint: (reason) => trail.checkpoint(reason),
      latestCheckpoint: () => trail.latestCheckpoint(),
      readAfter: (afterSeq, limit) => trail.readAfter(afterSeq, limit),
      onDidWrite: (listener) => {
        writeListeners.add(listener);
        return { dispose: () => writeListeners.delete(listener) };
      },
      keys: { publicKey: keys.publicKey, fingerprint: keys.fingerprint, persistent: keys.persistent },
      close: () => trail.close(),
    };
  } catch (error) {
    deps.logger.error('The audit trail could not be opened', { error: (error as NodeJS.ErrnoException).code ?? String(error) });
    deps.notices.post('error', supervisorError('audit_unavailable'));
    return unavailableAuditLog(deps.logger);
  }
}

function unavailableAuditLog(logger: Logger): AuditLog {
  const refuse = async (): Promise<never> => {
    throw supervisorError('audit_unavailable');
  };
  return {
    record: (event) => logger.warn('Audit record not written: the audit trail is unavailable', { type: event.type }),
    flush: async () => undefined,
    list: refuse,
    verify: refuse,
    exportCsv: refuse,
    checkpoint: refuse,
    latestCheckpoint: async () => undefined,
    readAfter: refuse,
    onDidWrite: () => ({ dispose: () => undefined }),
    keys: null,
    close: async () => undefined,
  };
}

/** A SecretStore that fails is not a reason to run without an audit key: fall back to memory. */
async function loadKeys(secrets: SecretStore, logger: Logger): Promise<AuditKeys> {
  try {
    return await AuditKeys.load(secrets);
  } catch (error) {
    logger.error('The audit keys could not be read from the secret store; using a key for this session only', { error: String(error) });
    return AuditKeys.load(new MemorySecretStore());
  }
}
