import { copy } from '../copy.js';

export type ForwardingField = 'host' | 'port';

export type ForwardingFormCheck =
  | { ok: true; target: { host: string; port: number } }
  | { ok: false; errors: Partial<Record<ForwardingField, string>> };

// The core's own rule for the collector (app/transport/command-schemas.ts, saveAuditForwarding):
// the page refuses exactly what the core would, so the person is told at the field, not by a
// request error about the whole form.
const hostPattern = /^[A-Za-z0-9.:[\]-]+$/;
const hostMaxLength = 253;

/** Checks the forwarding form before it is sent; host and port problems are reported per field. */
export function checkForwardingForm(values: { host: string; port: string }): ForwardingFormCheck {
  const host = values.host.trim();
  const portText = values.port.trim();
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  const errors: Partial<Record<ForwardingField, string>> = {};
  if (host === '' || host.length > hostMaxLength || !hostPattern.test(host)) errors.host = copy.auditSettings.hostInvalid;
  if (!(port >= 1 && port <= 65535)) errors.port = copy.auditSettings.portInvalid;
  return errors.host === undefined && errors.port === undefined ? { ok: true, target: { host, port } } : { ok: false, errors };
}
