import { copy } from '../copy.js';

/**
 * A readable name for an audit event type. Types the UI does not know yet (a newer core) are
 * turned from camelCase into words rather than shown raw, so the view never breaks on them.
 */
export function auditEventLabel(type: string): string {
  const known = copy.audit.eventTypes[type];
  if (known) return known;
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
