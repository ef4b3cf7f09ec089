import { describe, expect, it } from 'vitest';
import { updateCheckIntervalMs, updateFailureFields, updatePlan } from './update-plan.js';

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

describe('updateFailureFields', () => {
  it('keeps a credential in the feed URL out of the diagnostic log, in the feed and in the error the updater repeats it in', () => {
    const secretFeed = 'https://rpa:Upd4te-S3cret@updates.clinic.example/rpa?token=T0ken-S3cret';
    const error = new Error(`HttpError: 401 Unauthorized\n"method: GET url: ${secretFeed}/latest.yml\n\nHeaders: {\n  "www-authenticate": "Basic"\n}"`);
    const fields = updateFailureFields(secretFeed, error);
    expect(fields.feed).toBe('https://updates.clinic.example/rpa');
    for (const secret of ['Upd4te-S3cret', 'T0ken-S3cret']) expect(JSON.stringify(fields)).not.toContain(secret);
    expect(fields.error).toContain('401 Unauthorized');
    expect(fields.error).not.toContain('\n');
  });

  it('bounds a long error to one line of 500 characters', () => {
    expect(updateFailureFields(feedUrl, 'x'.repeat(5000)).error).toHaveLength(501);
  });
});
