import { describe, expect, it } from 'vitest';
import { machinePolicyPath, policyFileOverrideVariable } from './machine-policy-path.js';

describe('machinePolicyPath', () => {
  it.each([
    ['win32', { ProgramData: 'D:\\ProgramData' }, 'D:\\ProgramData\\RPA Supervisor\\policy.json'],
    ['win32', {}, 'C:\\ProgramData\\RPA Supervisor\\policy.json'],
    ['darwin', {}, '/Library/Application Support/RPA Supervisor/policy.json'],
    ['linux', {}, '/etc/rpa-supervisor/policy.json'],
  ] as const)('%s → the administrators-only folder', (platform, env, expected) => {
    expect(machinePolicyPath({ platform, env, allowOverride: false })).toBe(expected);
  });

  it('honours the override only where the host allows it', () => {
    const env = { [policyFileOverrideVariable]: '/tmp/test-policy.json' };
    expect(machinePolicyPath({ platform: 'linux', env, allowOverride: true })).toBe('/tmp/test-policy.json');
    expect(machinePolicyPath({ platform: 'linux', env, allowOverride: false })).toBe('/etc/rpa-supervisor/policy.json');
  });
});
