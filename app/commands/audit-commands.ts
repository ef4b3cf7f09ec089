import { supervisorError } from '../error-catalogue.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

/** The audit trail (issue: bot supervision). */
export function auditCommands(_services: SupervisorServices): SomeHandlers<'listAudit' | 'verifyAudit' | 'exportAudit'> {
  return {
    listAudit: async () => {
      throw supervisorError('not_available', 'The audit trail');
    },
    verifyAudit: async () => {
      throw supervisorError('not_available', 'Audit verification');
    },
    exportAudit: async () => {
      throw supervisorError('not_available', 'Audit export');
    },
  };
}
