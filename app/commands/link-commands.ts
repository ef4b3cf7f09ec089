import type { LinkResult } from '../common/contract.js';
import { errorView } from '../common/error-view.js';
import type { ProfileLookup } from '../config/profile-registry.js';
import { parseDeepLink, type DeepLink } from '../deep-link/parse-deep-link.js';
import type { DeepLinkSelfTest } from '../self-test/deep-link-self-test.js';
import type { SomeHandlers } from './command-handlers.js';
import { completeSignIn, type SignInSteps } from './session-commands.js';

export interface LinkDeps extends SignInSteps {
  selfTest: Pick<DeepLinkSelfTest, 'answer'>;
  profiles: ProfileLookup;
}

/**
 * Opens a link a host has parsed once: a self-test link is answered here and never reaches OAuth
 * code; a sign-in answer goes to `completeSignIn`, the one step every route ends in. The result
 * says what became of it, in words a person can act on, and never carries the link: S7 and S8
 * rejections are logged by the sign-in service with a fixed reason only.
 */
export async function openLink(deps: LinkDeps, link: DeepLink): Promise<LinkResult> {
  if (link.kind === 'selfTest') {
    return deps.selfTest.answer(link.nonce) ? { kind: 'selfTestPassed' } : { kind: 'refused', error: errorView('self_test_link_stale') };
  }
  const outcome = await completeSignIn(deps, link);
  switch (outcome.kind) {
    case 'signedIn': {
      const summary = deps.sessions.summary(outcome.profileId);
      return {
        kind: 'signedIn',
        profileId: outcome.profileId,
        profileName: deps.profiles.get(outcome.profileId)?.name ?? outcome.profileId,
        ...(summary ? { user: { subject: summary.subject, ...(summary.name !== undefined ? { name: summary.name } : {}) } } : {}),
        ...(summary?.company !== undefined ? { company: summary.company } : {}),
        ...(outcome.companyConnected ? { connectedCompany: outcome.companyConnected.companyId, ...(outcome.companyConnected.verifiedBy ? { userStays: true } : {}) } : {}),
      };
    }
    case 'failed':
      return { kind: 'refused', error: outcome.error };
    case 'ignored':
      return { kind: 'refused', error: outcome.code === 'invalid_redirect' ? errorView('invalid_redirect', outcome.reason) : errorView(outcome.code) };
  }
}

/**
 * The waiting card's paste box: the link a plain browser could not open. It is parsed here, once,
 * by the same parser as every other entry, against this instance's scheme only.
 */
export function linkCommands(deps: LinkDeps & { scheme: string }): SomeHandlers<'openPastedLink'> {
  return {
    openPastedLink: async ({ url }) => openLink(deps, parseDeepLink(url, { scheme: deps.scheme })),
  };
}
