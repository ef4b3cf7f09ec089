/** Part of the contract's views (see views.ts): plain data, no tokens, free of Node, DOM and zod. */
import type { RedactionSettings } from './patient-data.js';
import type { ErrorView, UserView } from './views.js';

export type ProfileKind = 'oidc' | 'partner' | 'sandbox';
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';
export type RedirectMode = 'customScheme' | 'loopback' | 'bounce';
export type ProviderPreset = 'healthcodeProduction' | 'healthcodeUat' | 'hcssPartner' | 'custom' | 'sandbox';

/** A provider profile as the UI may see and edit it: everything but the client secret. */
export interface ProfileView {
  id: string;
  name: string;
  kind: ProfileKind;
  preset: ProviderPreset;
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthMethod;
  /** True when a client secret is stored for this profile (the secret itself never leaves). */
  hasClientSecret: boolean;
  scopes: string[];
  extraAuthParams: Record<string, string>;
  redirectMode: RedirectMode;
  /** Loopback only: 0 means an ephemeral port. */
  loopbackPort?: number;
  loopbackPath?: string;
  /** Bounce only: the https page the organisation hosts. */
  bounceUrl?: string;
  /** The exact redirect URI to register with the provider. */
  redirectUri: string;
  /** Providers without a discovery document: the endpoints the admin entered. */
  endpoints?: { authorization: string; token: string; revocation?: string; userinfo?: string; jwks?: string };
  warningMinutes: number[];
  defaultTokenLifetimeMs: number;
  signInTimeoutMs: number;
  /** False: every sign-in asks the provider who is signing in (`prompt=login`); true allows single sign-on. */
  reuseBrowserSignIn: boolean;
  expiryPolicy: 'wait' | 'stop';
  /** While the supervisor is away: bots wait or runs stop; absent means `wait` (the machine policy's `supervision.onAbsence` wins). */
  absencePolicy?: 'wait' | 'stop';
  /** HCSS partner profiles: the claim that carries the company id (default `CompanyId`). */
  companyClaim?: string;
  /** Patient identifiers redacted from this profile's bot output (the profile's own choice; see PatientDataPolicyView). */
  redaction: RedactionSettings;
  /** Whether this profile's bots may attach screenshots (off by default: they may show patient data). */
  screenshots: boolean;
  /** Days this profile's run logs and artifacts are kept. */
  retentionDays: number;
  locked: boolean;
  /** Ships with the app or comes from the host (the Local sandbox profiles): never editable. */
  builtIn: boolean;
  /** Saved without a client id yet (while waiting for the provider to issue one): cannot sign in. */
  draft: boolean;
}

/** An HCSS company connected through a partner profile. */
export interface CompanyView {
  profileId: string;
  companyId: string;
  connectedBy: UserView;
  connectedAt: number;
  /** The HCSS account whose sign-in proved the company's consent, when it was not `connectedBy`'s own. */
  verifiedBy?: UserView;
  /** Others who connected it too, each with a sign-in of their own; their sessions may use it as well. */
  alsoConnectedBy?: (UserView & { connectedAt: number; verifiedBy?: UserView })[];
  status: 'connected' | 'tokenValid' | 'error';
  tokenExpiresAt?: number;
  error?: ErrorView;
  /** `error`: when the provider last refused the company's token (or could not be reached). */
  errorAt?: number;
}

/**
 * A company the person signed in to a partner profile may use (S67), and whether its bots would
 * get a token now. Times and states only: never a token.
 */
export interface SessionCompanyView {
  companyId: string;
  /**
   * `live`: a company token is held until `tokenExpiresAt`; `onRequest`: one is obtained when a bot
   * asks; `refused`: the provider refused it and a person must act (`error`); `retrying`: the
   * provider refused it or could not be reached, and the app asks again by itself (`error`).
   */
  token: 'live' | 'onRequest' | 'refused' | 'retrying';
  tokenExpiresAt?: number;
  error?: ErrorView;
  /** The person did not connect it: the machine policy names them an admin (`companyAccess.admins`). */
  asAdmin?: true;
}
