import { describe, expect, it } from 'vitest';
import { supervisionCopy } from './supervision-copy.js';

describe('the sign-out confirmation’s words', () => {
  it('name how many bots will stop while some run', () => {
    expect(supervisionCopy.signOut.body(2)).toBe('2 bots are running with this sign-in and will stop.');
    expect(supervisionCopy.signOut.confirm(1)).toBe('Sign out and stop 1 bot');
  });

  // The dialog stays open while the count falls: a bot may finish after Sign out was pressed.
  it('never speak of stopping 0 bots once the last one has finished', () => {
    expect(supervisionCopy.signOut.body(0)).toBe('No bot is running with this sign-in any more.');
    expect(supervisionCopy.signOut.confirm(0)).toBe('Sign out');
  });
});
