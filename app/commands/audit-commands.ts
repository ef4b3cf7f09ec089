import type { UserView } from '../common/contract.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

/** The audit trail: newest-first pages, chain verification (optionally against a checkpoint), export, keys and forwarding. */
export function auditCommands(
  services: Pick<SupervisorServices, 'audit' | 'auditSettings'> & { person: () => UserView },
): SomeHandlers<'listAudit' | 'verifyAudit' | 'exportAudit' | 'auditStatus' | 'saveAuditForwarding'> {
  const { audit, auditSettings, person } = services;
  return {
    listAudit: async ({ beforeSeq, limit, match }) =>
      audit.list({ ...(beforeSeq === undefined ? {} : { beforeSeq }), ...(limit === undefined ? {} : { limit }), ...(match === undefined ? {} : { match }) }),
    verifyAudit: async ({ checkpoint }) => audit.verify(checkpoint === undefined ? {} : { checkpoint }),
    exportAudit: async () => audit.exportCsv(person()),
    auditStatus: async () => auditSettings.status(),
    saveAuditForwarding: async ({ target }) =>
      auditSettings.saveForwarding(target === null ? null : { host: target.host, port: target.port, tls: target.tls, ...(target.ca === undefined ? {} : { ca: target.ca }) }, person()),
  };
}
