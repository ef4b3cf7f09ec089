import { describe, expect, it } from 'vitest';
import type { RunView, SessionView, SupervisorState } from '../../app/common/contract.js';
import { maxTrayTooltipLength, trayTooltip } from './tray-tooltip.js';

const now = 1_700_000_000_000;
const session = (overrides: Partial<SessionView>): SessionView => ({ profileId: 'sandbox', profileName: 'Local sandbox', status: 'signedOut', scopes: [], ...overrides });
const run = (status: RunView['status']): RunView => ({ id: `r-${status}`, botId: 'b', botName: 'Bot', profileId: 'sandbox', status, startedAt: now });
const state = (sessions: SessionView[], runs: RunView[] = []): SupervisorState => ({ at: now, profiles: [], sessions, bots: [], runs, notices: [], host: { kind: 'browser', scheme: 'uk.co.rpasupervisor.dev', secretsPersistent: false, flavour: 'development', appLinkRedirectUri: 'uk.co.rpasupervisor.dev://auth/callback', sandboxOffered: true, policy: { source: 'none', path: '', allowUserProfiles: true, allowEnvTokenDelivery: true }, dataDir: '/data' }, companies: [], preferences: { botsDir: '/bots', maxConcurrentRuns: 8, wizardCompleted: true }, selfTest: { status: 'idle' }, today: { dayStartedAt: 0, dayEndsAt: 86_400_000, runs: 0, succeeded: 0, failed: 0, running: 0, waiting: 0, stopped: 0 }, attention: [], presence: { status: 'present', since: 0 } });

describe('trayTooltip', () => {
  it('says the app is starting before the first state arrives', () => {
    expect(trayTooltip('RPA Supervisor', undefined, now)).toBe('RPA Supervisor: starting…');
  });

  it('shows time left and running bots', () => {
    const text = trayTooltip('RPA Supervisor', state([session({ status: 'active', expiresAt: now + 125 * 60_000 })], [run('running'), run('succeeded')]), now);
    expect(text).toBe('RPA Supervisor\nLocal sandbox: signed in, 2 h 5 min left\n1 bot running');
  });

  it('tells the user to re-authenticate when expired', () => {
    const text = trayTooltip('RPA Supervisor', state([session({ status: 'expired', expiresAt: now - 1 })]), now);
    expect(text).toContain('expired, re-authenticate');
    expect(text).toContain('0 bots running');
  });

  it('never goes below zero minutes', () => {
    expect(trayTooltip('X', state([session({ status: 'expiring', expiresAt: now - 60_000 })]), now)).toContain('0 min left');
  });

  it(`stays within ${maxTrayTooltipLength} characters`, () => {
    const many = Array.from({ length: 10 }, (_, i) => session({ profileId: `p${i}`, profileName: `A rather long profile name ${i}`, status: 'waitingForBrowser' }));
    const text = trayTooltip('RPA Supervisor', state(many), now);
    expect(text.length).toBe(maxTrayTooltipLength);
    expect(text.endsWith('…')).toBe(true);
  });
});
