import { describe, expect, it } from 'vitest';
import { updateCheckIntervalMs, updatePlan } from './update-plan.js';

const feedUrl = 'https://updates.clinic.example/rpa';
const packagedWindows = { isPackaged: true, policySource: 'file' as const, feedUrl, platform: 'win32' as const, env: {} };

describe('updatePlan', () => {
  it('checks the policy feed in a packaged app', () => {
    expect(updatePlan(packagedWindows)).toEqual({ kind: 'generic', feedUrl, checkEveryMs: updateCheckIntervalMs });
    expect(updatePlan({ ...packagedWindows, platform: 'darwin' }).kind).toBe('generic');
  });

  it('is off without a feed: the app never looks for updates on its own', () => {
    expect(updatePlan({ ...packagedWindows, feedUrl: undefined, policySource: 'none' })).toEqual({ kind: 'off', reason: 'noFeed' });
  });

  it('is off in development and under a policy that could not be trusted', () => {
    expect(updatePlan({ ...packagedWindows, isPackaged: false })).toEqual({ kind: 'off', reason: 'notPackaged' });
    expect(updatePlan({ ...packagedWindows, policySource: 'lockedDown' })).toEqual({ kind: 'off', reason: 'policyLockedDown' });
  });

  it('on Linux only an AppImage updates itself', () => {
    expect(updatePlan({ ...packagedWindows, platform: 'linux' })).toEqual({ kind: 'off', reason: 'unsupportedPackage' });
    expect(updatePlan({ ...packagedWindows, platform: 'linux', env: { APPIMAGE: '/home/me/RPA.AppImage' } }).kind).toBe('generic');
  });
});
