import { describe, expect, it } from 'vitest';
import { policyView } from './policy-view.js';
import { parseMachinePolicy } from './read-machine-policy.js';

const path = '/etc/rpa-supervisor/policy.json';

describe('policyView', () => {
  it('tells the window when the policy makes every sign-in ask who is signing in, so the profile editor can say why its option is off', () => {
    expect(policyView(parseMachinePolicy(JSON.stringify({ version: 1, supervision: { askWhoSignsIn: true } }), path)).askWhoSignsIn).toBe(true);
  });

  it('asks who signs in under a policy file that cannot be trusted, as the sign-in does', () => {
    const lockedDown = parseMachinePolicy('{ not json', path);
    expect(lockedDown.kind).toBe('lockedDown');
    expect(policyView(lockedDown).askWhoSignsIn).toBe(true);
  });

  it('leaves the choice to each profile when the policy does not decide it', () => {
    expect(policyView(parseMachinePolicy(JSON.stringify({ version: 1, supervision: { askWhoSignsIn: false } }), path))).not.toHaveProperty('askWhoSignsIn');
    expect(policyView(parseMachinePolicy(JSON.stringify({ version: 1 }), path))).not.toHaveProperty('askWhoSignsIn');
  });
});
