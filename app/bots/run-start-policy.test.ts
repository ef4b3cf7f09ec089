import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports/clock.js';
import type { BotManifest } from './bot-manifest.js';
import { RunStartPolicy } from './run-start-policy.js';
import type { SessionAccess, TokenGrant } from './session-access.js';

const now = 1_700_000_000_000;
const clock: Clock = { now: () => now, setTimer: () => ({ dispose: () => undefined }) };

const bot = (extra: Partial<BotManifest> = {}): BotManifest => ({
  id: 'b',
  name: 'Claims bot',
  description: '',
  command: 'node',
  args: [],
  profileId: 'p',
  tokenDelivery: 'broker',
  concurrency: 1,
  ...extra,
});

/** Grants keyed by `profile` or `profile/company`, answering as the session core would. */
function sessionsAnswering(grants: Record<string, TokenGrant>): SessionAccess {
  return {
    tokenFor: (profileId, minValidityMs, company) => {
      const missing: TokenGrant = company === undefined ? { ok: false, code: 'signed_out', message: 'no session' } : { ok: false, code: 'company_not_connected', message: 'not connected' };
      const grant = grants[company === undefined ? profileId : `${profileId}/${company}`] ?? missing;
      if (grant.ok && grant.expiresAt - now < minValidityMs) return { ok: false, code: 'insufficient_validity', message: 'short', expiresAt: grant.expiresAt };
      return grant;
    },
    onDidChange: () => ({ dispose: () => undefined }),
  };
}

const live: TokenGrant = { ok: true, accessToken: 'token-value', expiresAt: now + 45 * 60_000 + 30_000, profileId: 'p', supervisor: { subject: 's' } };

describe('RunStartPolicy', () => {
  it('allows a bot below its concurrency with a live session, and refuses at the limit', () => {
    const policy = new RunStartPolicy({ sessions: sessionsAnswering({ p: live }), clock });
    expect(policy.blocker(bot(), 0)).toBeUndefined();
    expect(policy.blocker(bot({ concurrency: 2 }), 1)).toBeUndefined();
    expect(policy.blocker(bot(), 1)).toMatchObject({ code: 'bot_already_running', message: expect.stringContaining('already running once') });
    expect(policy.blocker(bot({ concurrency: 3 }), 3)?.message).toContain('3 times');
  });

  it('names the profile in not_signed_in and session_expired, using its display name when known', () => {
    const signedOut = new RunStartPolicy({ sessions: sessionsAnswering({}), clock, profileName: (id) => (id === 'p' ? 'Healthcode UAT' : undefined) });
    expect(signedOut.blocker(bot(), 0)).toMatchObject({ code: 'not_signed_in', message: 'Sign in to Healthcode UAT first.' });
    const expired = new RunStartPolicy({ sessions: sessionsAnswering({ p: { ok: false, code: 'session_expired', message: 'x', expiresAt: now - 1 } }), clock });
    expect(expired.blocker(bot(), 0)).toMatchObject({ code: 'session_expired', message: expect.stringContaining('Your session for p has expired') });
  });

  it('says a bot names a profile that is not set up, listing the ones that are, instead of asking for a sign-in nobody can do', () => {
    const profileName = (id: string) => (id === 'sandbox' ? 'Local sandbox' : undefined);
    const policy = new RunStartPolicy({ sessions: sessionsAnswering({ sandbox: { ...live, profileId: 'sandbox' } }), clock, profileName, profileIds: () => ['sandbox'] });
    const expected = {
      code: 'bot_profile_unknown',
      message: 'Claims bot signs in with the profile "healthcode", which is not set up in RPA Supervisor (profiles here: "sandbox" (Local sandbox)). Change profileId in the bot\'s manifest, or add the profile in Settings.',
    };
    expect(policy.blocker(bot({ profileId: 'healthcode' }), 0)).toMatchObject(expected);
    // A queued run whose profile was deleted while it waited is told the same at launch.
    expect(policy.denial(bot({ profileId: 'healthcode' }), { ok: false, code: 'signed_out', message: 'no session' })).toMatchObject(expected);
    expect(policy.blocker(bot({ profileId: 'sandbox' }), 0)).toBeUndefined();
  });

  it('refuses a run that would outlast the token, with the time left rounded down', () => {
    const policy = new RunStartPolicy({ sessions: sessionsAnswering({ p: live }), clock });
    expect(policy.blocker(bot({ expectedDurationMs: 60 * 60_000 }), 0)).toMatchObject({ code: 'run_would_outlast_token', message: expect.stringContaining('than your sign-in has left (45 minutes).') });
    expect(policy.denial(bot(), { ok: false, code: 'insufficient_validity', message: 'x' })).toMatchObject({ code: 'run_would_outlast_token', message: expect.stringContaining('than your sign-in has left (less than a minute).') });
  });

  it('refuses a partner bot whose company is not connected, but not one whose company token is still coming', () => {
    const pending = new RunStartPolicy({ sessions: sessionsAnswering({ p: live, 'p/c1': { ok: false, code: 'company_token_pending', message: 'fetching' } }), clock });
    expect(pending.blocker(bot({ company: 'c1' }), 0)).toBeUndefined();
    expect(pending.blocker(bot({ company: 'c2' }), 0)).toMatchObject({ code: 'bot_company_mismatch', message: expect.stringContaining('c2') });
  });

  it('refuses a partner bot whose company withdrew consent with the company\'s own words; a provider briefly away only makes it wait', () => {
    const withdrawn = 'Company c1 no longer allows RPA Supervisor to act for it.';
    const policy = new RunStartPolicy({
      sessions: sessionsAnswering({
        p: live,
        'p/c1': { ok: false, code: 'company_unavailable', reason: 'company_consent_withdrawn', message: withdrawn },
        'p/c2': { ok: false, code: 'company_unavailable', reason: 'company_provider_unavailable', message: 'away' },
      }),
      clock,
    });
    expect(policy.blocker(bot({ company: 'c1' }), 0)).toMatchObject({ code: 'company_consent_withdrawn', message: withdrawn });
    expect(policy.blocker(bot({ company: 'c2' }), 0)).toBeUndefined();
  });
});
