import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startSignInRig, type SignInRig } from '../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../config/profile.js';
import { demoColleagueUser, demoUser, type SandboxUser } from '../sandbox/sandbox-accounts.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import { chromiumLaunchOptions } from '../sandbox/test-support/browser-login.js';
import { chromiumMissing } from '../test-support/prerequisites.js';

/**
 * A shared clinic computer: one system browser (one Chromium context, so the provider's session
 * cookie survives between sign-ins, as it does in a real browser) and two people. The first one
 * signs in; the second presses Sign in later and must be asked who they are, not silently get
 * the first person's identity. A profile that allows single sign-on reuses the browser's session,
 * unless the machine policy says every sign-in asks.
 */
const scheme = 'uk.co.rpasupervisor';
let sandbox: RunningSandbox;
let browser: Browser;
let systemBrowser: BrowserContext;
let rig: SignInRig | undefined;

beforeAll(async () => {
  if (chromiumMissing()) return;
  [sandbox, browser] = await Promise.all([startSandbox({ customSchemes: [scheme], users: [demoUser, demoColleagueUser] }), chromium.launch(chromiumLaunchOptions)]);
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), browser?.close()]);
});
afterEach(async () => {
  rig?.dispose();
  await systemBrowser?.close();
});

async function signInRig(reuseBrowserSignIn: boolean, askWhoSignsIn?: () => boolean): Promise<{ profile: Profile; rig: SignInRig }> {
  const profile = profileSchema.parse({ id: 'clinic', name: 'Clinic', issuer: sandbox.issuer, clientId: sandbox.clientId, scopes: ['openid', 'profile', 'api'], reuseBrowserSignIn });
  systemBrowser = await browser.newContext();
  rig = await startSignInRig({ scheme, profiles: [profile], ...(askWhoSignsIn ? { askWhoSignsIn } : {}) });
  return { profile, rig };
}

/**
 * Presses Sign in and follows the provider in the shared browser. When it shows its login page,
 * `person` types their account in; the app link it ends on is handed to the app. Says whether the
 * login page was shown.
 */
async function signIn(signingIn: SignInRig, profileId: string, person: SandboxUser): Promise<{ askedWhoSignsIn: boolean; prompt: string | null }> {
  const { authorizationUrl } = await signingIn.start(profileId);
  const page = await systemBrowser.newPage();
  page.setDefaultTimeout(15_000);
  try {
    const answer = new Promise<string>((resolve) => page.on('request', (request) => request.url().startsWith(`${scheme}://`) && resolve(request.url())));
    // A silent sign-on ends in the app link, which Chromium cannot open: the navigation is aborted.
    await page.goto(authorizationUrl).catch(() => undefined);
    const loginPage = page.getByLabel('Username');
    const shown = await Promise.race([answer.then(() => false), loginPage.waitFor().then(() => true)]);
    if (shown) {
      await loginPage.fill(person.username);
      await page.getByLabel('Password').fill(person.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    const outcome = await signingIn.deliver(await answer);
    expect(outcome.kind).toBe('signedIn');
    return { askedWhoSignsIn: shown, prompt: new URL(authorizationUrl).searchParams.get('prompt') };
  } finally {
    await page.close();
  }
}

describe.skipIf(chromiumMissing())('who is signed in on a shared clinic computer', () => {
  it('S94 by default a second Sign in shows the login page again, and the second person is the one signed in', async () => {
    const { profile, rig: signingIn } = await signInRig(false);

    expect((await signIn(signingIn, profile.id, demoUser)).askedWhoSignsIn).toBe(true);
    expect(signingIn.sessions.session(profile.id)?.subject).toBe(demoUser.subject);

    expect(await signIn(signingIn, profile.id, demoColleagueUser)).toEqual({ askedWhoSignsIn: true, prompt: 'login' });
    expect(signingIn.sessions.session(profile.id)?.subject).toBe(demoColleagueUser.subject);
  });

  it('S94 a profile that allows single sign-on reuses the browser’s provider session', async () => {
    const { profile, rig: signingIn } = await signInRig(true);

    expect(await signIn(signingIn, profile.id, demoUser)).toEqual({ askedWhoSignsIn: true, prompt: null });
    expect(await signIn(signingIn, profile.id, demoColleagueUser)).toEqual({ askedWhoSignsIn: false, prompt: null });
    expect(signingIn.sessions.session(profile.id)?.subject).toBe(demoUser.subject);
  });

  it('S94 a machine policy that asks who signs in overrides a profile’s single sign-on', async () => {
    const { profile, rig: signingIn } = await signInRig(true, () => true);

    await signIn(signingIn, profile.id, demoUser);
    expect(await signIn(signingIn, profile.id, demoColleagueUser)).toEqual({ askedWhoSignsIn: true, prompt: 'login' });
    expect(signingIn.sessions.session(profile.id)?.subject).toBe(demoColleagueUser.subject);
  });
});
