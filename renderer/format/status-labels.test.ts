import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../app/common/contract.js';
import { isSessionSignedIn, runStatusLabel, runStatusTone, sessionStatusLabel, sessionStatusTone } from './status-labels.js';

describe('sessionStatusLabel', () => {
  // The e2e tests find these exact texts; changing one is a contract change.
  it.each<[SessionStatus, string]>([
    ['signedOut', 'Signed out'],
    ['waitingForBrowser', 'Waiting for your browser…'],
    ['exchanging', 'Finishing sign-in…'],
    ['active', 'Active'],
    ['expiring', 'Expiring soon'],
    ['expired', 'Expired'],
    ['error', 'Sign-in failed'],
  ])('%s reads "%s"', (status, label) => {
    expect(sessionStatusLabel(status)).toBe(label);
  });

  it('colours problems as danger and a live session as success', () => {
    expect(sessionStatusTone('active')).toBe('success');
    expect(sessionStatusTone('expiring')).toBe('warning');
    expect(sessionStatusTone('expired')).toBe('danger');
    expect(sessionStatusTone('error')).toBe('danger');
  });
});

describe('run status', () => {
  it('labels every status in words', () => {
    expect(runStatusLabel('timedOut')).toBe('Timed out');
    expect(runStatusLabel('cancelled')).toBe('Stopped');
    expect(runStatusTone('failed')).toBe('danger');
  });
});

describe('isSessionSignedIn', () => {
  it('is true only while a token is being served', () => {
    expect(isSessionSignedIn('active')).toBe(true);
    expect(isSessionSignedIn('expiring')).toBe(true);
    expect(isSessionSignedIn('expired')).toBe(false);
    expect(isSessionSignedIn('exchanging')).toBe(false);
  });
});
