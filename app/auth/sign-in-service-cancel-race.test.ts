import { describe, expect, it } from 'vitest';
import { signOutProfile } from '../commands/session-commands.js';
import type { Profile } from '../config/profile.js';
import type { NoticeBoard } from '../notice-board.js';
import type { MisbehavingProvider, Rewrite } from './test-support/misbehaving-provider.js';
import { useSignInService } from './test-support/sign-in-service-fixture.js';

/**
 * SignInService against the real sandbox: a sign-out or Cancel that arrives while the provider's
 * answer is being redeemed ends that sign-in; the redeemed token never becomes a session (S124).
 */
let profile: Profile;
let provider: MisbehavingProvider;
const { setup, startAndLogIn } = useSignInService((started) => {
  ({ profile, provider } = started);
});

/** Holds an endpoint's real answer until `release`, and says when the app asked. */
function holdAnswer(pathname: string) {
  let asked!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (asked = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  provider.rewrite(pathname, async (): Promise<Rewrite> => {
    asked();
    await released;
    return 'passthrough';
  });
  return { reached, release };
}

describe('SignInService: ended while the answer is redeemed', () => {
  it('S124 a sign-out (the kill switch) while the code is being redeemed stays signed out: the late token is not put in place', async () => {
    const { rig, sessions, events } = await setup();
    const callback = await startAndLogIn(rig);
    const held = holdAnswer('/token');
    try {
      const delivering = rig.deliver(callback);
      await held.reached;
      const notices = { post: () => undefined } as unknown as NoticeBoard;
      await signOutProfile({ profiles: rig.profiles, signIn: rig.signIn, sessions, tokens: rig.tokens, runs: { haltProfile: async () => undefined }, notices }, profile.id);
      held.release();
      const outcome = await delivering;
      expect(outcome).toMatchObject({ kind: 'failed', profileId: profile.id, error: { code: 'sign_in_cancelled' } });
      expect(sessions.session(profile.id)).toBeUndefined();
      expect(await rig.secrets.get(`session:${profile.id}`)).toBeUndefined();
      expect(rig.signIn.phase(profile.id)).toEqual({ phase: 'idle' });
      expect(events.filter((e) => e.type === 'completed')).toEqual([]);
      expect(events).toContainEqual({ type: 'ended', profileId: profile.id, reason: 'cancelled', code: 'sign_in_cancelled' });
    } finally {
      provider.clear();
    }
  });

  it('S124 Cancel while the code is being redeemed, then a new sign-in: only the new one signs in', async () => {
    const { rig, sessions } = await setup();
    const first = await startAndLogIn(rig);
    const held = holdAnswer('/token');
    let late: Awaited<ReturnType<typeof rig.deliver>>;
    try {
      const delivering = rig.deliver(first);
      await held.reached;
      rig.signIn.cancel(profile.id);
      provider.clear();
      held.release();
      late = await delivering;
    } finally {
      provider.clear();
    }
    expect(late).toMatchObject({ kind: 'failed', error: { code: 'sign_in_cancelled' } });
    expect(sessions.session(profile.id)).toBeUndefined();
    const second = await startAndLogIn(rig);
    expect(await rig.deliver(second)).toMatchObject({ kind: 'signedIn' });
    expect(sessions.session(profile.id)).toBeDefined();
  });

  it('S124 a sign-out while the sign-in is still starting (its pre-flight out) opens no browser and leaves nothing waiting', async () => {
    const { rig, sessions, opened, events } = await setup();
    const authorization = (await rig.providers.configuration(profile)).serverMetadata().authorization_endpoint ?? '';
    const held = holdAnswer(new URL(authorization).pathname);
    let starting: Promise<unknown>;
    try {
      starting = rig.start(profile.id).catch((error: unknown) => error);
      await held.reached;
      const notices = { post: () => undefined } as unknown as NoticeBoard;
      await signOutProfile({ profiles: rig.profiles, signIn: rig.signIn, sessions, tokens: rig.tokens, runs: { haltProfile: async () => undefined }, notices }, profile.id);
      held.release();
      expect(await starting).toMatchObject({ code: 'sign_in_cancelled' });
    } finally {
      provider.clear();
    }
    expect(opened).toEqual([]);
    expect(rig.signIn.phase(profile.id)).toEqual({ phase: 'idle' });
    expect(events.filter((e) => e.type === 'started')).toEqual([]);
  });
});
