import type { AuditMatch, AuditRecordView } from './audit-views.js';

/** True when the record is one the match selects. */
export function auditRecordMatches(record: AuditRecordView, match: AuditMatch): boolean {
  if (match.fromAt !== undefined && record.at < match.fromAt) return false;
  if (match.untilAt !== undefined && record.at >= match.untilAt) return false;
  if (match.type !== undefined && record.type !== match.type) return false;
  if (match.subject !== undefined && record.actor?.subject !== match.subject) return false;
  if (match.company !== undefined && record.company !== match.company) return false;
  return match.botId === undefined || record.botId === match.botId;
}
