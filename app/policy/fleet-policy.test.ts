import { describe, expect, it } from 'vitest';
import { fleetPolicySchema, leaseRenewEveryMs, lockedDownFleet } from './fleet-policy.js';
import { defaultMachinePolicy, lockedDownPolicy, machinePolicySchema } from './machine-policy.js';
import { parseMachinePolicy } from './read-machine-policy.js';

describe('the fleet policy section', () => {
  it('is absent by default: single-machine mode, no Redis', () => {
    expect(defaultMachinePolicy.fleet).toBeUndefined();
    expect(fleetPolicySchema.parse({})).toEqual({ enabled: false, leaseTtlMs: 120_000, onSupervisorLost: 'wait', allowApprovalInSettings: true });
  });

  it('accepts an enabled fleet with a TLS Redis URL and renews leases every third of the TTL', () => {
    const policy = machinePolicySchema.parse({ version: 1, fleet: { enabled: true, redisUrl: 'rediss://redis.clinic.example:6380', redisPasswordSecret: 'fleet/redis', leaseTtlMs: 90_000 } });
    expect(policy.fleet?.redisUrl).toBe('rediss://redis.clinic.example:6380');
    expect(leaseRenewEveryMs(policy.fleet ?? lockedDownFleet)).toBe(30_000);
  });

  it('refuses an enabled fleet without a Redis URL, a URL with a password in it, and unknown keys', () => {
    expect(fleetPolicySchema.safeParse({ enabled: true }).success).toBe(false);
    expect(fleetPolicySchema.safeParse({ enabled: true, redisUrl: 'http://redis:6379' }).success).toBe(false);
    expect(fleetPolicySchema.safeParse({ enabled: true, redisUrl: 'rediss://rpa:hunter2@redis:6380' }).success).toBe(false);
    expect(fleetPolicySchema.safeParse({ enabled: true, redisUrl: 'redis://x', redisPassword: 'hunter2' }).success).toBe(false);
    expect(fleetPolicySchema.safeParse({ leaseTtlMs: 1000 }).success).toBe(false);
  });

  it('is off in the locked-down policy', () => {
    expect(lockedDownPolicy.fleet?.enabled).toBe(false);
  });
  it('approves workers in the file: fingerprint, name, pools; a malformed entry locks the whole policy down (fleet off)', () => {
    const listed = { fingerprint: '8TN4-H9VB-2D4G-YD8H', name: 'Ward PC 1', pools: ['ward'] };
    const fleet = { enabled: true, redisUrl: 'rediss://redis.clinic:6380', allowApprovalInSettings: false };
    expect(fleetPolicySchema.parse({ ...fleet, approvedWorkers: [listed] }).approvedWorkers).toEqual([listed]);
    for (const bad of [
      { ...listed, fingerprint: '8tn4-h9vb' },
      { ...listed, pools: [] },
      { ...listed, pools: ['Ward PC'] },
      { ...listed, name: ' ' },
      { ...listed, publicKeyPem: 'x' },
    ]) {
      expect(fleetPolicySchema.safeParse({ ...fleet, approvedWorkers: [bad] }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(fleetPolicySchema.safeParse({ ...fleet, approvedWorkers: [listed, { ...listed, name: 'Again' }] }).success).toBe(false);
    const state = parseMachinePolicy(JSON.stringify({ version: 1, fleet: { ...fleet, approvedWorkers: [{ ...listed, pools: ['Ward PC'] }] } }), '/etc/rpa/policy.json');
    expect(state).toMatchObject({ kind: 'lockedDown', code: 'policy_invalid' });
    expect(state.policy.fleet).toEqual(lockedDownFleet);
    expect(lockedDownFleet.approvedWorkers).toBeUndefined();
  });
});
