import { describe, expect, it } from 'vitest';
import { checkApproveWorkerForm } from './approve-worker-form.js';

describe('checkApproveWorkerForm', () => {
  it('accepts a name and pools as typed, trimmed, without empty or repeated pools', () => {
    expect(checkApproveWorkerForm({ name: '  Ward PC 7 ', pools: 'ward, billing,, ward ' }, ['billing', 'ward'])).toEqual({ ok: true, name: 'Ward PC 7', pools: ['ward', 'billing'] });
  });

  it('says at the name field that a name is needed, with a catalogue code', () => {
    const check = checkApproveWorkerForm({ name: '   ', pools: 'ward' }, ['ward']);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.name?.code).toBe('fleet_worker_name_missing');
    expect(check.errors.pools).toBeUndefined();
  });

  it('names the pools that are not pool names at the pools field, in words a clinic user can act on', () => {
    const check = checkApproveWorkerForm({ name: 'Ward PC 7', pools: 'Ward, billing, front desk' }, ['ward', 'billing']);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.pools?.code).toBe('fleet_pools_invalid');
    expect(check.errors.pools?.message).toContain('“Ward”, “front desk”');
    expect(check.errors.pools?.message).not.toMatch(/regex|string|characters/i);
  });

  it('asks for at least one pool', () => {
    const check = checkApproveWorkerForm({ name: 'Ward PC 7', pools: ' , ' }, ['ward']);
    expect(check.ok ? undefined : check.errors.pools?.code).toBe('fleet_pools_missing');
  });

  it('refuses at the pools field a pool the worker was not started for, since it would never take those runs', () => {
    const check = checkApproveWorkerForm({ name: 'Ward PC 7', pools: 'ward, pharmacy, billing' }, ['ward']);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.pools?.code).toBe('fleet_pools_not_served');
    expect(check.errors.pools?.message).toBe(
      'Ward PC 7 takes only the pools its worker program was started with (ward), so it would never take runs of pharmacy and billing. Approve it for those, or restart its worker program with --pools naming every pool it should take, then approve it.',
    );
    // Fewer pools than it was started for is the admin's to choose.
    expect(checkApproveWorkerForm({ name: 'Ward PC 7', pools: 'ward' }, ['ward', 'billing']).ok).toBe(true);
  });
});
