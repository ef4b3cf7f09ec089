import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../app/common/contract.js';
import { expiryStage, sessionTone } from './expiry-stage.js';

const expiring = (warningMinutes?: number) => ({ status: 'expiring' as const, ...(warningMinutes === undefined ? {} : { warningMinutes }) });

describe('expiryStage', () => {
  it('is early from the first threshold until the last one', () => {
    expect(expiryStage(expiring(60), [60, 15, 5])).toBe('early');
    expect(expiryStage(expiring(15), [60, 15, 5])).toBe('early');
  });

  it('is final at the smallest threshold, in whatever order the profile lists them', () => {
    expect(expiryStage(expiring(5), [60, 15, 5])).toBe('final');
    expect(expiryStage(expiring(10), [10, 30])).toBe('final');
    expect(expiryStage(expiring(30), [10, 30])).toBe('early');
  });

  it('treats a single threshold as the final one', () => {
    expect(expiryStage(expiring(20), [20])).toBe('final');
  });

  it('falls back to the default last threshold (5 minutes) when the profile is unknown', () => {
    expect(expiryStage(expiring(5), undefined)).toBe('final');
    expect(expiryStage(expiring(15), undefined)).toBe('early');
    expect(expiryStage(expiring(5), [])).toBe('final');
  });

  it('is early when the core did not say which threshold was crossed', () => {
    expect(expiryStage(expiring(), [60, 15, 5])).toBe('early');
  });

  it('is none for every status but expiring', () => {
    const others: SessionStatus[] = ['signedOut', 'waitingForBrowser', 'exchanging', 'active', 'expired', 'error'];
    for (const status of others) expect(expiryStage({ status, warningMinutes: 5 }, [60, 15, 5])).toBe('none');
  });
});

describe('sessionTone', () => {
  it('turns from warning to danger at the last threshold', () => {
    expect(sessionTone(expiring(60), [60, 15, 5])).toBe('warning');
    expect(sessionTone(expiring(15), [60, 15, 5])).toBe('warning');
    expect(sessionTone(expiring(5), [60, 15, 5])).toBe('danger');
  });

  it('keeps the status colour otherwise', () => {
    expect(sessionTone({ status: 'active' }, [60, 15, 5])).toBe('success');
    expect(sessionTone({ status: 'expired' }, [60, 15, 5])).toBe('danger');
    expect(sessionTone({ status: 'signedOut' }, undefined)).toBe('neutral');
  });
});
