import { describe, expect, it } from 'vitest';
import { copy } from '../copy.js';
import { profileSignInMode } from './profile-sign-in-mode.js';

describe('profileSignInMode', () => {
  it('says a profile asks who is signing in unless it reuses the browser’s sign-in', () => {
    expect(profileSignInMode({ reuseBrowserSignIn: false }, false)).toBe('asks');
    expect(profileSignInMode({ reuseBrowserSignIn: true }, false)).toBe('reusesBrowser');
  });

  it('says the organisation’s policy asks, whatever the profile says, so the card never shows reuse the policy overrules', () => {
    expect(profileSignInMode({ reuseBrowserSignIn: true }, true)).toBe('asksByPolicy');
    expect(profileSignInMode({ reuseBrowserSignIn: false }, true)).toBe('asksByPolicy');
  });

  it('words each mode for the profile card', () => {
    expect(copy.settings.signInModes).toEqual({
      asks: 'Asks who is signing in',
      reusesBrowser: 'Uses the browser’s existing sign-in (one-person computer)',
      asksByPolicy: 'Asks who is signing in (organisation policy)',
    });
  });
});
