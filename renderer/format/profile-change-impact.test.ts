import { describe, expect, it } from 'vitest';
import type { BotView, ProfileView, RunView, SessionView } from '../../app/common/contract.js';
import { deleteImpact, editImpact } from './profile-change-impact.js';
import { formFromProfile, profileInputFromForm } from './profile-form.js';

const legacy: ProfileView = {
  id: 'legacy',
  name: 'Legacy OAuth server',
  kind: 'oidc',
  preset: 'custom',
  issuer: 'https://auth.legacy.example',
  clientId: 'rpa',
  clientAuth: 'client_secret_post',
  hasClientSecret: true,
  scopes: ['api'],
  extraAuthParams: {},
  redirectMode: 'customScheme',
  redirectUri: 'uk.co.rpasupervisor://auth/callback',
  endpoints: { authorization: 'https://auth.legacy.example/oauth/authorize', token: 'https://auth.legacy.example/oauth/token' },
  warningMinutes: [60, 15, 5],
  defaultTokenLifetimeMs: 3_600_000,
  signInTimeoutMs: 600_000,
  reuseBrowserSignIn: false,
  expiryPolicy: 'wait',
  redaction: { nhsNumber: true, dateOfBirth: true, postcode: true, email: false, phone: false },
  screenshots: false,
  retentionDays: 30,
  locked: false,
  builtIn: false,
  draft: false,
};

const signedIn = (profileId: string): SessionView => ({ profileId, profileName: 'x', status: 'active', user: { subject: 'u1', name: 'Dr Demo Supervisor' }, scopes: [] });
const run = (profileId: string, status: RunView['status']): RunView => ({ id: `${profileId}-${status}`, botId: 'b', botName: 'B', profileId, status, startedAt: 0 }) as RunView;
const bot = (name: string, profileId: string, scheduled = false): BotView => ({ id: name, name, profileId, ...(scheduled ? { schedule: { cron: '0 2 * * *', source: 'manifest', enabled: true } } : {}) }) as unknown as BotView;

describe('editing a profile with explicit endpoints', () => {
  it('keeps its endpoints: saving it from the editor must not turn it into a discovery profile', () => {
    const { input } = profileInputFromForm({ ...formFromProfile(legacy), name: 'Legacy (renamed)' });
    expect(input.profile.endpoints).toEqual(legacy.endpoints);
  });
});

describe('what an edit does to the signed-in session', () => {
  const state = { sessions: [signedIn('legacy')], runs: [run('legacy', 'running'), run('legacy', 'waitingForSignIn'), run('legacy', 'succeeded'), run('other', 'running')] };

  it('a new client id signs the person out and stops the profile’s live runs', () => {
    const after = { ...formFromProfile(legacy), clientId: 'rpa-2' };
    expect(editImpact(legacy, after, state)).toEqual({ signedInAs: 'Dr Demo Supervisor', liveRuns: 2 });
  });

  it.each([
    ['a new name', { name: 'Legacy 2' }],
    ['the same issuer pasted as its discovery address', { issuer: 'https://auth.legacy.example/.well-known/openid-configuration' }],
    ['the same client id with spaces around it', { clientId: ' rpa\t' }],
  ])('%s changes nothing for the session', (_name, change) => {
    expect(editImpact(legacy, { ...formFromProfile(legacy), ...change }, state)).toBeUndefined();
  });

  it('nobody signed in: nothing to say', () => {
    expect(editImpact(legacy, { ...formFromProfile(legacy), clientId: 'rpa-2' }, { sessions: [], runs: state.runs })).toBeUndefined();
  });
});

describe('what deleting a profile does', () => {
  it('names who is signed out, the live runs stopped, and the bots (scheduled ones first) that can no longer start', () => {
    const impact = deleteImpact(legacy, { sessions: [signedIn('legacy')], runs: [run('legacy', 'running')], bots: [bot('Remittance', 'legacy'), bot('Nightly claims', 'legacy', true), bot('Other', 'other')] });
    expect(impact).toEqual({ signedInAs: 'Dr Demo Supervisor', liveRuns: 1, bots: ['Nightly claims', 'Remittance'], scheduledBots: ['Nightly claims'] });
  });
});
