import { describe, expect, it } from 'vitest';
import { NoticeBoard } from '../notice-board.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { signOutProfile, type SignOutDeps } from './session-commands.js';

/** Sign-out with a local step that fails: the provider is still told to cancel the tokens (S29). */
function setup(options: { deleteFails: boolean; revocation?: 'revoked' | 'failed' }) {
  const session = { subject: 'dr-a', name: 'Dr A', accessToken: 'access-token-of-dr-a', refreshToken: 'refresh-token-of-dr-a' };
  const revoked: string[] = [];
  let live = true;
  const notices = new NoticeBoard(new FakeClock());
  const deps = {
    profiles: { get: (id: string) => (id === 'clinic' ? { id, name: 'Clinic' } : undefined) },
    signIn: { cancel: () => undefined },
    runs: { haltProfile: async () => undefined },
    sessions: {
      session: () => (live ? session : undefined),
      signOut: async () => {
        // The session is gone from memory first; then the stored copy's delete fails.
        live = false;
        if (options.deleteFails) throw new Error('EACCES: the stored session could not be deleted');
        return session;
      },
    },
    tokens: {
      revoke: async (which: typeof session) => {
        revoked.push(which.accessToken);
        return options.revocation ?? 'revoked';
      },
    },
    notices,
  } as unknown as SignOutDeps;
  return { deps, revoked, notices };
}

describe('signOutProfile', () => {
  it('S29 revokes the tokens at the provider even when deleting the stored session fails, and still reports the failure', async () => {
    const { deps, revoked } = setup({ deleteFails: true });
    await expect(signOutProfile(deps, 'clinic')).rejects.toThrow('EACCES');
    expect(revoked).toEqual(['access-token-of-dr-a']);
  });

  it('a failed revocation after a failed delete is noticed as well', async () => {
    const { deps, revoked, notices } = setup({ deleteFails: true, revocation: 'failed' });
    await expect(signOutProfile(deps, 'clinic')).rejects.toThrow('EACCES');
    expect(revoked).toEqual(['access-token-of-dr-a']);
    expect(notices.list().map((notice) => notice.code)).toEqual(['revocation_failed']);
  });

  it('revokes once after a clean sign-out', async () => {
    const { deps, revoked, notices } = setup({ deleteFails: false });
    await signOutProfile(deps, 'clinic');
    expect(revoked).toEqual(['access-token-of-dr-a']);
    expect(notices.list()).toEqual([]);
  });
});
