import { describe, expect, it } from 'vitest';
import type { RunView, SessionView, SupervisorState } from '../../app/common/contract.js';
import { maxTrayProfiles, trayMenuModel, type TrayMenuItem } from './tray-menu.js';

const now = 1_700_000_000_000;
const session = (overrides: Partial<SessionView>): SessionView => ({ profileId: 'sandbox', profileName: 'Local sandbox', status: 'signedOut', scopes: [], ...overrides });
const run = (status: RunView['status'], id: string = status): RunView => ({ id, botId: 'b', botName: 'Bot', profileId: 'sandbox', status, startedAt: now });
const state = (sessions: SessionView[], runs: RunView[] = []): SupervisorState => ({
  at: now,
  profiles: [],
  sessions,
  bots: [],
  runs,
  notices: [],
  host: { kind: 'electron', scheme: 'uk.co.rpasupervisor', secretsPersistent: true, flavour: 'production', appLinkRedirectUri: 'uk.co.rpasupervisor://auth/callback', dataDir: '/data', sandboxOffered: false, policy: { source: 'none', path: '', allowUserProfiles: true, allowEnvTokenDelivery: true } },
  companies: [],
  preferences: { botsDir: '/bots', maxConcurrentRuns: 8, wizardCompleted: true },
  selfTest: { status: 'idle' },
  today: { dayStartedAt: 0, dayEndsAt: 86_400_000, runs: 0, succeeded: 0, failed: 0, running: 0, waiting: 0, stopped: 0 },
  attention: [],
  presence: { status: 'present', since: 0 },
});

const labels = (items: TrayMenuItem[]): string[] => items.map((item) => (item.kind === 'separator' ? '---' : item.label));
const action = (items: TrayMenuItem[], label: string) => items.find((item) => item.kind === 'action' && item.label === label);

describe('trayMenuModel', () => {
  it('offers only Show and Quit until the first state arrives', () => {
    expect(labels(trayMenuModel('RPA Supervisor', undefined, now))).toEqual(['Starting…', '---', 'Show RPA Supervisor', 'Quit RPA Supervisor']);
  });

  it('shows status and time left, then Sign in, Stop all (disabled with no bots), Show and Quit', () => {
    const items = trayMenuModel('RPA Supervisor', state([session({})]), now);
    expect(labels(items)).toEqual([
      'Local sandbox: signed out',
      '0 bots running',
      '---',
      'Sign in to Local sandbox',
      'Stop all bots',
      '---',
      'Show RPA Supervisor',
      'Quit RPA Supervisor',
    ]);
    expect(action(items, 'Sign in to Local sandbox')).toMatchObject({ action: { type: 'signIn', profileId: 'sandbox', reauthenticate: false }, enabled: true });
    expect(action(items, 'Stop all bots')).toMatchObject({ action: { type: 'stopAll' }, enabled: false });
  });

  it('offers Re-authenticate with the time left while signed in, and Stop all while bots run', () => {
    const items = trayMenuModel('RPA Supervisor', state([session({ status: 'expiring', expiresAt: now + 14 * 60_000 })], [run('running', 'a'), run('starting', 'b'), run('failed', 'c')]), now);
    expect(labels(items).slice(0, 4)).toEqual(['Local sandbox: signed in, 14 min left', '2 bots running', '---', 'Re-authenticate Local sandbox']);
    expect(action(items, 'Re-authenticate Local sandbox')).toMatchObject({ action: { type: 'signIn', profileId: 'sandbox', reauthenticate: true } });
    expect(action(items, 'Stop all bots')).toMatchObject({ enabled: true });
  });

  it('tells an expired session to re-authenticate', () => {
    const items = trayMenuModel('RPA Supervisor', state([session({ status: 'expired', expiresAt: now - 1 })]), now);
    expect(labels(items)).toContain('Local sandbox: expired, re-authenticate');
    expect(labels(items)).toContain('Re-authenticate Local sandbox');
  });

  it('offers no second sign-in while the browser is already open', () => {
    const items = trayMenuModel('RPA Supervisor', state([session({ status: 'waitingForBrowser' })]), now);
    expect(labels(items)).toContain('Local sandbox: signing in…');
    expect(items.some((item) => item.kind === 'action' && item.action.type === 'signIn')).toBe(false);
  });

  it('lists each profile, up to a limit', () => {
    const many = Array.from({ length: maxTrayProfiles + 3 }, (_, i) => session({ profileId: `p${i}`, profileName: `Profile ${i}` }));
    const items = trayMenuModel('RPA Supervisor', state(many), now);
    expect(items.filter((item) => item.kind === 'action' && item.action.type === 'signIn')).toHaveLength(maxTrayProfiles);
    expect(items.filter((item) => item.kind === 'status')).toHaveLength(maxTrayProfiles + 1);
  });

  it('carries only what the views carry: no token-like text can appear', () => {
    const items = trayMenuModel('RPA Supervisor', state([session({ status: 'active', expiresAt: now + 3_600_000, user: { subject: 'u1', name: 'Dr Demo' } })]), now);
    expect(JSON.stringify(items)).not.toMatch(/eyJ|token/i);
  });
});
