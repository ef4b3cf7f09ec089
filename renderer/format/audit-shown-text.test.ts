import { describe, expect, it } from 'vitest';
import { auditShownText } from './audit-shown-text.js';

const settled = { loading: false, searching: false, count: 3, filtered: true, more: false };

describe('auditShownText', () => {
  it('says what the table shows once it has caught up with the filters', () => {
    expect(auditShownText(settled)).toBe('3 records match.');
    expect(auditShownText({ ...settled, count: 1 })).toBe('1 record matches.');
    expect(auditShownText({ ...settled, count: 0 })).toBe('No record matches these filters.');
    expect(auditShownText({ ...settled, filtered: false, count: 11 })).toBe('All 11 records shown.');
    expect(auditShownText({ ...settled, filtered: false, count: 200, more: true })).toBe('The newest 200 records shown. Load older records to look further back.');
  });

  it('says a search is still being applied while the rows lag what was typed, so the old count is never read as the answer', () => {
    expect(auditShownText({ ...settled, searching: true })).toBe('Searching…');
    expect(auditShownText({ ...settled, searching: true, count: 0 })).toBe('Searching…');
  });

  it('says the trail is loading while the core reads it, before any search', () => {
    expect(auditShownText({ ...settled, loading: true, searching: true })).toBe('Loading the audit trail…');
  });
});
