import { describe, expect, it } from 'vitest';
import { auditEventLabel } from './audit-labels.js';

describe('auditEventLabel', () => {
  it('names known events', () => {
    expect(auditEventLabel('brokerDenied')).toBe('Token request refused');
    expect(auditEventLabel('reauthenticated')).toBe('Re-authenticated');
  });

  it('turns unknown camelCase or snake_case types into words', () => {
    expect(auditEventLabel('companyConnected')).toBe('Company connected');
    expect(auditEventLabel('policy_changed')).toBe('Policy changed');
  });
});
