import { collectorRules } from '../../app/common/audit-views.js';
import { copy } from '../copy.js';

export type ForwardingField = 'host' | 'port';

export type ForwardingFormCheck =
  | { ok: true; target: { host: string; port: number } }
  | { ok: false; errors: Partial<Record<ForwardingField, string>> };

/**
 * Checks the forwarding form before it is sent, by the core's own rule (`collectorRules`), so the
 * person is told at the field rather than by a request error about the whole form.
 */
export function checkForwardingForm(values: { host: string; port: string }): ForwardingFormCheck {
  const host = values.host.trim();
  const portText = values.port.trim();
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  const errors: Partial<Record<ForwardingField, string>> = {};
  if (host === '' || host.length > collectorRules.hostMaxLength || !collectorRules.hostPattern.test(host)) errors.host = copy.auditSettings.hostInvalid;
  if (!(port >= collectorRules.portMin && port <= collectorRules.portMax)) errors.port = copy.auditSettings.portInvalid;
  return errors.host === undefined && errors.port === undefined ? { ok: true, target: { host, port } } : { ok: false, errors };
}
