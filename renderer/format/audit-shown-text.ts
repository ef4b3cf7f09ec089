import { copy } from '../copy.js';

/** What the audit table is showing, for the polite status under the filters. */
export interface AuditShownState {
  /** The core is reading a page of the trail. */
  loading: boolean;
  /** The rows still follow filters or a search from before the latest keystroke (a deferred render). */
  searching: boolean;
  count: number;
  filtered: boolean;
  /** Older records the filters select are not loaded yet. */
  more: boolean;
}

/**
 * The count under the filters. While the rows lag what was typed it says so instead of giving the
 * count of the rows still on screen, which would read as the answer to the new search.
 */
export function auditShownText({ loading, searching, count, filtered, more }: AuditShownState): string {
  if (loading) return copy.audit.loading;
  if (searching) return copy.audit.filters.searching;
  return copy.audit.filters.shown(count, { filtered, more });
}
