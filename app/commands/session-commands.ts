import type { ProviderTokens } from '../auth/provider-tokens.js';
import type { RedirectOutcome, SignInService } from '../auth/sign-in-service.js';
import type { SignInPurpose } from '../auth/sign-in-attempts.js';
import { personName } from '../audit/current-person.js';
import { actedByWords } from '../bots/acted-by-words.js';
import type { RunManager } from '../bots/run-manager.js';
import type { SignInStarted, UserView } from '../common/contract.js';
import type { ProfileLookup, ProfileRegistry } from '../config/profile-registry.js';
import { isDraft } from '../config/profile-validation.js';
import type { DeepLink } from '../deep-link/parse-deep-link.js';
import { supervisorError } from '../error-catalogue.js';
import type { NoticeBoard } from '../notice-board.js';
import type { CompanyConnections } from '../session/company-connections.js';
import type { SessionManager } from '../session/session-manager.js';
import type { SomeHandlers } from './command-handlers.js';

/** What completing a sign-in touches: the attempt, the session it creates, and HCSS companies. */
export interface SignInSteps {
  signIn: SignInService;
  sessions: SessionManager;
  companies: CompanyConnections;
  /** Revokes a sign-in that only proved a company's consent. */
  tokens: Pick<ProviderTokens, 'revoke'>;
}

/**
 * The one step that turns a provider's answer into a session: the sign-in service redeems it
 * (and never stores anything), a partner sign-in records its company, and only then is the
 * session put in place. Every route (custom scheme, bounce page, loopback) ends here.
 */
export async function completeSignIn(steps: SignInSteps, link: Exclude<DeepLink, { kind: 'selfTest' }>): Promise<RedirectOutcome> {
  const redeemed = await steps.signIn.redeem(link);
  if (redeemed.kind !== 'redeemed') return redeemed;
  const { profile, session } = redeemed;
  try {
    if (redeemed.purpose === 'connectCompany') {
      // HCSS: "ensure that they are signed in, then perform the PKCE flow … and associate the
      // CompanyId with your app's user". Someone else's live sign-in stays the supervisor; the new
      // sign-in only proves the company's consent (a manager's account at a second clinic).
      const current = steps.sessions.session(profile.id);
      const keep = current !== undefined && current.subject !== session.subject && steps.sessions.status(profile.id).status !== 'expired';
      // A partner's company must be known before its session serves bots; a failure fails the sign-in.
      const association = await steps.companies.connect(profile, session, keep ? userOf(current) : undefined);
      const verifier = userOf(session);
      if (keep) {
        steps.signIn.succeed(redeemed, false);
        // Its tokens are never kept or served; cancelled at the provider too, they cannot outlive this
        // moment anywhere. A provider that cannot revoke (no endpoint, a JWT) lets them expire.
        await steps.tokens.revoke(session);
        return { kind: 'signedIn', profileId: profile.id, companyConnected: { companyId: association.companyId, person: userOf(current), verifiedBy: verifier } };
      }
      steps.signIn.succeed(redeemed, await steps.sessions.establish(session));
      return { kind: 'signedIn', profileId: profile.id, companyConnected: { companyId: association.companyId, person: verifier } };
    }
    const reauthenticated = await steps.sessions.establish(session);
    steps.signIn.succeed(redeemed, reauthenticated);
    return { kind: 'signedIn', profileId: profile.id };
  } catch (error) {
    return { kind: 'failed', profileId: profile.id, error: steps.signIn.fail({ profileId: profile.id, state: redeemed.state }, error) };
  }
}

function userOf(session: { subject: string; name?: string }): UserView {
  return { subject: session.subject, ...(session.name !== undefined ? { name: session.name } : {}) };
}

/** Starts a sign-in whose loopback answer, if any, is completed by the same step as a deep link. */
export function startSignIn(steps: SignInSteps, profileId: string, options: { prompt?: 'login'; purpose?: SignInPurpose } = {}): Promise<SignInStarted> {
  return steps.signIn.start(profileId, { ...options, onLoopbackAnswer: async (link) => (await completeSignIn(steps, link)).kind === 'signedIn' });
}

/** A draft (no client id yet) cannot sign in; it says what is missing instead of failing at the provider. */
function requireSignInReady(profiles: ProfileLookup, profileId: string): void {
  const profile = profiles.get(profileId);
  if (profile && isDraft(profile)) throw supervisorError('profile_draft', profile.name);
}

export interface SignOutDeps {
  profiles: ProfileLookup;
  signIn: SignInService;
  sessions: SessionManager;
  tokens: ProviderTokens;
  runs: Pick<RunManager, 'haltProfile'>;
  notices: NoticeBoard;
}

/**
 * Signing out is a human ending supervision, so unlike expiry (where bots may wait for
 * re-authentication) it halts that profile's runs, revoking their broker secrets (S29).
 */
export async function signOutProfile(deps: SignOutDeps, profileId: string, reason = 'The supervisor signed out.'): Promise<void> {
  if (!deps.profiles.get(profileId)) throw supervisorError('unknown_profile', profileId);
  deps.signIn.cancel(profileId);
  await deps.runs.haltProfile(profileId, reason, 'signOut');
  // Taken first: a local step that fails (deleting the stored copy) must not keep the tokens alive
  // at the provider, so they are revoked whatever happens here, and the failure still reaches the caller.
  const live = deps.sessions.session(profileId);
  let session: typeof live;
  try {
    session = await deps.sessions.signOut(profileId);
  } finally {
    const ending = session ?? live;
    if (ending && (await deps.tokens.revoke(ending)) === 'failed') deps.notices.post('warning', supervisorError('revocation_failed'));
  }
}

export type SessionCommandDeps = SignInSteps &
  SignOutDeps & {
    profiles: Pick<ProfileRegistry, 'get' | 'list'>;
    runs: Pick<RunManager, 'haltProfile' | 'stopAll'>;
    /** Who pressed Stop all: its runs' stop reason names them. */
    person: () => UserView;
  };

export function sessionCommands(deps: SessionCommandDeps): SomeHandlers<'signIn' | 'cancelSignIn' | 'signOut' | 'stopAll' | 'connectCompany'> {
  return {
    signIn: async ({ profileId, prompt }) => {
      requireSignInReady(deps.profiles, profileId);
      return startSignIn(deps, profileId, prompt ? { prompt } : {});
    },
    cancelSignIn: async ({ profileId }) => deps.signIn.cancel(profileId),
    // The halted runs name the human whose session it was; a profile change that ends a session keeps the plain sentence.
    signOut: async ({ profileId }) => {
      const human = deps.sessions.session(profileId);
      await signOutProfile(deps, profileId, human ? actedByWords.signedOut(personName(human)) : undefined);
    },
    // The kill switch: every bot is asked to stop first (they end cancelled), then, when asked,
    // every session ends. The sign-outs start at once rather than after the stop grace, so a bot
    // that ignores SIGTERM loses its access now, not when it is finally killed.
    stopAll: async ({ signOut }) => {
      const stopping = deps.runs.stopAll(actedByWords.stoppedAll(personName(deps.person())));
      if (!signOut) return stopping;
      await Promise.all([stopping, ...deps.profiles.list().map((profile) => signOutProfile(deps, profile.id))]);
    },
    // HCSS: the consent-and-verify sign-in, once per company. The provider shows its login page
    // even to a browser already signed in there: one HCSS account names one company, so the person
    // must be able to choose the account of the company they are connecting.
    connectCompany: async ({ profileId }) => {
      const profile = deps.profiles.get(profileId);
      if (!profile) throw supervisorError('unknown_profile', profileId);
      if (profile.kind !== 'partner') throw supervisorError('not_partner_profile', profile.name);
      requireSignInReady(deps.profiles, profileId);
      return startSignIn(deps, profileId, { purpose: 'connectCompany', prompt: 'login' });
    },
  };
}
