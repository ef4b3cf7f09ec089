import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../app/common/contract.js';
import { wizardPlan } from './wizard-plan.js';

const profile = (id: string, flags: Partial<Pick<ProfileView, 'locked' | 'builtIn' | 'draft'>> = {}) =>
  ({ id, name: id, locked: false, builtIn: false, draft: false, ...flags }) as ProfileView;
const policy = (allowUserProfiles: boolean, source: 'none' | 'file' | 'lockedDown' = 'file') => ({
  policy: { source, path: '/etc/rpa-supervisor/policy.json', allowUserProfiles, allowEnvTokenDelivery: true },
});

describe('wizardPlan', () => {
  it('lets people create a profile when the policy allows their own profiles', () => {
    expect(wizardPlan(policy(true), [profile('sandbox', { builtIn: true, locked: true })])).toEqual({ kind: 'create' });
    expect(wizardPlan(policy(true, 'none'), [])).toEqual({ kind: 'create' });
  });

  it('with allowUserProfiles false, offers only the profiles already here, the administrator’s first, and names the policy', () => {
    const plan = wizardPlan(policy(false), [profile('sandbox', { builtIn: true, locked: true }), profile('mine'), profile('healthcode', { locked: true }), profile('waiting', { draft: true })]);
    expect(plan).toEqual({
      kind: 'managed',
      profiles: [expect.objectContaining({ id: 'healthcode' }), expect.objectContaining({ id: 'mine' }), expect.objectContaining({ id: 'sandbox' })],
      managedBy: { source: 'file', path: '/etc/rpa-supervisor/policy.json' },
    });
  });

  it('S56 a locked-down policy (a file that could not be trusted) never offers to create a profile either', () => {
    const plan = wizardPlan(policy(false, 'lockedDown'), []);
    expect(plan).toEqual({ kind: 'managed', profiles: [], managedBy: { source: 'lockedDown', path: '/etc/rpa-supervisor/policy.json' } });
  });
});
