import type { AuditPage, AuditVerification } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { AuditEvent } from './audit-record.js';
import { AuditTrail } from './audit-trail.js';

/** What the rest of the app uses: `record` for writers, the rest for the audit commands. */
export interface AuditLog {
  /** Queues a record; never throws. See AuditEvent for what may go in it (never a token). */
  record(event: AuditEvent): void;
  flush(): Promise<void>;
  list(options?: { beforeSeq?: number; limit?: number }): Promise<AuditPage>;
  verify(): Promise<AuditVerification>;
  exportCsv(): Promise<{ fileName: string; csv: string }>;
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
}): Promise<AuditLog> {
  try {
    return await AuditTrail.open({
      path: deps.path,
      clock: deps.clock,
      logger: deps.logger,
      onProblem: (problem) =>
        deps.notices.post(
          problem.kind === 'repaired' ? 'warning' : 'error',
          problem.kind === 'repaired' ? supervisorError('audit_repaired', problem.bytes, problem.quarantinedTo) : supervisorError('audit_write_failed', problem.dropped),
        ),
    });
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
    close: async () => undefined,
  };
}
