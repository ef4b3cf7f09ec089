/**
 * The error catalogue's section for HCSS partner companies: connecting them, their tokens, and who
 * may use them (docs/providers.md). Spread into errorCatalogue.
 */
import { peopleInWords } from './list-in-words.js';

export const companyErrorMessages = {
  not_partner_profile: (profileName: string) =>
    `${profileName} is not an HCSS partner profile, so it cannot connect companies. Choose a profile made from the HCSS partner preset.`,
  company_claim_missing: (claim: string) =>
    `The provider did not say which company was connected (no "${claim}" claim in the access token, ID token or user info). Check that the company approved the app in the HCSS Marketplace, and that the claim name in the profile is right, then connect again.`,
  company_not_yours: (companyId: string, owner: string, ...others: string[]) =>
    others.length === 0
      ? `The company ${companyId} was connected by ${owner}, so only ${owner}'s sign-in can use it. Sign in as ${owner}, connect the company again with your own HCSS sign-in, or ask your administrator.`
      : `The company ${companyId} was connected by ${peopleInWords([owner, ...others])}, so only their sign-ins can use it. Sign in as one of them, connect the company again with your own HCSS sign-in, or ask your administrator.`,
  unknown_company: (companyId: string, profileName: string) =>
    `The company ${companyId} is not connected to ${profileName}. Connect it first with "Connect a company".`,
  company_token_failed: (companyId: string, detail: string) =>
    `No token could be obtained for company ${companyId}: ${detail}. If the company removed the app in the HCSS Marketplace, connect it again.`,
  company_consent_withdrawn: (companyId: string, profileName: string) =>
    `Company ${companyId} no longer allows RPA Supervisor to act for it: HCSS refused its token, as it does once the company removes the app in the HCSS Marketplace. Ask the company's HCSS administrator to add the app again, then choose "Connect a company" for ${profileName}. Your own sign-in and your other companies are not affected.`,
  company_client_refused: (profileName: string) =>
    `HCSS refused the client id or client secret of ${profileName} when asked for a company token, so no company's bots can get one. Ask your administrator to check the client id and secret in Settings (the secret may have been changed in the HCSS developer portal). Your own sign-in is not affected.`,
  company_provider_unavailable: (companyId: string, provider: string) =>
    `The provider at ${provider} could not be reached (or answered with an error) when asked for company ${companyId}'s token. RPA Supervisor tries again by itself and the company's bots wait; if it lasts, check this computer's network. Your own sign-in is not affected.`,
  companies_dropped: (companies: string) =>
    `The saved connection of ${companies} could not be read, so it was removed; the other companies stay connected. Connect it again with "Connect a company". A copy of the old settings was kept for your administrator.`,
};
