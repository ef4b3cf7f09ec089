import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

/** The audit trail: newest-first pages, chain verification and CSV export. */
export function auditCommands(services: Pick<SupervisorServices, 'audit'>): SomeHandlers<'listAudit' | 'verifyAudit' | 'exportAudit'> {
  const { audit } = services;
  return {
    listAudit: async ({ beforeSeq, limit }) => audit.list({ ...(beforeSeq === undefined ? {} : { beforeSeq }), ...(limit === undefined ? {} : { limit }) }),
    verifyAudit: async () => audit.verify(),
    exportAudit: async () => audit.exportCsv(),
  };
}
