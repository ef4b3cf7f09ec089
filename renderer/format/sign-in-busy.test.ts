import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../app/common/contract.js';
import { signInBusy, signInsUnderway } from './sign-in-busy.js';

describe('signInsUnderway', () => {
  it('names the profiles whose sign-in waits in the browser or is being finished, and no other', () => {
    const statuses: SessionStatus[] = ['signedOut', 'waitingForBrowser', 'exchanging', 'active', 'expiring', 'expired', 'error'];
    const underway = signInsUnderway(statuses.map((status) => ({ profileId: `p-${status}`, status })));
    expect([...underway]).toEqual([
      ['p-waitingForBrowser', 'waiting'],
      ['p-exchanging', 'finishing'],
    ]);
  });

  it('is empty with no sessions', () => {
    expect(signInsUnderway([]).size).toBe(0);
  });
});

describe('signInBusy', () => {
  it.each([
    [false, undefined, undefined],
    [true, undefined, 'starting'],
    [false, 'waiting', 'waiting'],
    [true, 'waiting', 'waiting'],
    [false, 'finishing', 'finishing'],
    [true, 'finishing', 'finishing'],
  ] as const)('starting %s, under way %s: %s', (starting, underway, expected) => {
    expect(signInBusy(starting, underway)).toBe(expected);
  });
});
