import type { UserView } from '../common/contract.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

/**
 * The audit trail: newest-first pages, chain verification (optionally against a checkpoint),
 * export (naming profiles and bots as they are configured now), keys and forwarding.
 */
export function auditCommands(
  services: Pick<SupervisorServices, 'audit' | 'auditSettings' | 'profiles'> & { person: () => UserView; runs: Pick<SupervisorServices['runs'], 'bot'> },
): SomeHandlers<'listAudit' | 'verifyAudit' | 'exportAudit' | 'auditStatus' | 'saveAuditForwarding'> {
  const { audit, auditSettings, person, profiles, runs } = services;
  return {
    listAudit: async ({ beforeSeq, limit, match }) =>
      audit.list({ ...(beforeSeq === undefined ? {} : { beforeSeq }), ...(limit === undefined ? {} : { limit }), ...(match === undefined ? {} : { match }) }),
    verifyAudit: async ({ checkpoint }) => audit.verify(checkpoint === undefined ? {} : { checkpoint }),
    exportAudit: async () => audit.exportCsv(person(), { profile: (id) => profiles.get(id)?.name, bot: (id) => runs.bot(id)?.name }),
    auditStatus: async () => auditSettings.status(),
    saveAuditForwarding: async ({ target }) =>
      auditSettings.saveForwarding(target === null ? null : { host: target.host, port: target.port, tls: target.tls, ...(target.ca === undefined ? {} : { ca: target.ca }) }, person()),
  };
}
