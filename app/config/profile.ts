import { z } from 'zod';
import { hasWellKnownPath, issuerAsMeant } from '../common/issuer-address.js';
import { isLoopbackHost } from '../common/loopback.js';
import { defaultRedactionSettings, defaultRetentionDays, maxRetentionDays } from '../common/patient-data.js';
import { presetOrder } from '../common/provider-presets.js';

/**
 * Field messages are predicates that read after the field's name ("The issuer URL must start
 * with https://…"): the editor, the import list and the core's own summary all put a name first.
 */
export const httpsOnly = 'must start with https:// (plain http:// is allowed only for 127.0.0.1, this computer)';
const notDiscoveryAddress = 'must be the provider’s issuer, not a discovery address: leave out /.well-known/ and what follows it (for example https://auth.example.org)';
const pathCharacters = 'must start with / and use only letters, digits, /, _ or -';
/** Inner whitespace or control characters in a client id are a paste gone wrong, never part of an issued id. */
export const clientIdCharacters = /^[^\s\u0000-\u001f\u007f-\u009f]*$/;
/**
 * Authorization request parameters the app sets for every sign-in (the code flow with PKCE, its
 * state and nonce, its client id and redirect): a profile's extra parameters cannot replace them.
 */
export const appSetAuthParams: ReadonlySet<string> = new Set([
  'response_type',
  'response_mode',
  'client_id',
  'redirect_uri',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'request',
  'request_uri',
]);
export const appSetAuthParamsMessage = `must not set ${[...appSetAuthParams].join(', ')}: the app sets them for every sign-in`;

export const clientIdCharactersMessage = 'must not contain spaces, tabs, line breaks or control characters: copy it again exactly as the provider issued it';

/**
 * A provider profile: where to sign in and how. Secrets (client secrets) are never part of a
 * profile; they live in the SecretStore under `clientSecretKey(profileId)`.
 */
export const redirectConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('customScheme') }).strict(),
  z
    .object({
      mode: z.literal('loopback'),
      /** 0 = ephemeral. A fixed port is for providers that match redirect URIs exactly. */
      port: z.number().int().min(0).max(65535).default(0),
      path: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, pathCharacters).default('/callback'),
    })
    .strict(),
  z
    .object({
      mode: z.literal('bounce'),
      /** The https page the organisation hosts (http is accepted only on loopback, for tests). */
      url: z.url({ protocol: /^https?$/ }).refine(isSecureOrLoopback, httpsOnly),
    })
    .strict(),
]);

/**
 * Endpoints for a provider without a discovery document. With them, the issuer is still the
 * expected `iss` of ID tokens and callbacks, but nothing is fetched from `/.well-known`.
 */
export const explicitEndpointsSchema = z
  .object({
    authorization: z.url({ protocol: /^https?$/ }).refine(isSecureOrLoopback, httpsOnly),
    token: z.url({ protocol: /^https?$/ }).refine(isSecureOrLoopback, httpsOnly),
    revocation: z.url({ protocol: /^https?$/ }).refine(isSecureOrLoopback, httpsOnly).optional(),
    userinfo: z.url({ protocol: /^https?$/ }).refine(isSecureOrLoopback, httpsOnly).optional(),
    jwks: z.url({ protocol: /^https?$/ }).refine(isSecureOrLoopback, httpsOnly).optional(),
  })
  .strict();

/** Which patient identifiers a profile's bot output has redacted; absent keys take the defaults. */
export const redactionSettingsSchema = z
  .object({
    nhsNumber: z.boolean().default(defaultRedactionSettings.nhsNumber),
    dateOfBirth: z.boolean().default(defaultRedactionSettings.dateOfBirth),
    postcode: z.boolean().default(defaultRedactionSettings.postcode),
    email: z.boolean().default(defaultRedactionSettings.email),
    phone: z.boolean().default(defaultRedactionSettings.phone),
  })
  .strict();

/** https anywhere; plain http only on this computer's loopback address (RFC 8252 §8.3, S15). */
export function isSecureOrLoopback(value: string): boolean {
  const url = URL.parse(value);
  if (!url) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

export const profileSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores, with no spaces'),
    name: z.string().min(1).max(100),
    kind: z.enum(['oidc', 'partner', 'sandbox']).default('oidc'),
    /** Which preset the profile started from; it only guides the editor. */
    preset: z.enum(presetOrder).default('custom'),
    issuer: z
      .url({ protocol: /^https?$/ })
      .refine(isSecureOrLoopback, httpsOnly)
      .refine((value) => !hasWellKnownPath(issuerAsMeant(value)), notDiscoveryAddress)
      .transform(issuerAsMeant),
    /** Only for providers without a discovery document; otherwise discovery finds them. */
    endpoints: explicitEndpointsSchema.optional(),
    /** Empty only in a draft (validateProfile's `allowDraft`): saved before the provider issued one. */
    clientId: z.string().trim().max(200),
    clientAuth: z.enum(['none', 'client_secret_basic', 'client_secret_post']).default('none'),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be one word, without spaces, quotes or backslashes')).max(50).default(['openid', 'profile']),
    /** Extra authorization request parameters, e.g. `resource`, `audience`, `prompt`. */
    extraAuthParams: z.record(z.string().regex(/^[a-z_]{1,40}$/, 'must have names of at most 40 lower-case letters or underscores'), z.string().max(500)).default({}),
    redirect: redirectConfigSchema.default({ mode: 'customScheme' }),
    /** Minutes before expiry at which to warn, most distant first. */
    warningMinutes: z.array(z.number().int().min(1).max(24 * 60)).max(10).default([60, 15, 5]),
    /** Lifetime assumed when the provider gives neither `expires_in` nor a JWT `exp`. */
    defaultTokenLifetimeMs: z.number().int().min(60_000).max(7 * 24 * 3_600_000).default(3_600_000),
    signInTimeoutMs: z.number().int().min(10_000).max(60 * 60_000).default(10 * 60_000),
    /**
     * False (the default): every sign-in asks the provider for its login page (`prompt=login`), so
     * a shared computer's browser cannot silently sign in whoever used it last. True: the browser's
     * provider session may be reused (single sign-on). A machine policy's `supervision.askWhoSignsIn`
     * overrides it.
     */
    reuseBrowserSignIn: z.boolean().default(false),
    /** What running bots do when the session ends: wait for re-authentication, or be stopped. */
    expiryPolicy: z.enum(['wait', 'stop']).default('wait'),
    /**
     * While the supervisor is away (screen locked, idle, or a missed "Still supervising?" check):
     * `wait` (the broker stops serving; bots wait) or `stop` (runs are halted). A machine policy's
     * `supervision.onAbsence` overrides it. Absent: `wait`.
     */
    absencePolicy: z.enum(['wait', 'stop']).optional(),
    /** Partner profiles: the claim that carries the company id. */
    companyClaim: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, colons, dashes or underscores').default('CompanyId'),
    /** Patient identifiers redacted from this profile's bot output; the machine policy can force kinds on. */
    redaction: redactionSettingsSchema.default(defaultRedactionSettings),
    /** Whether this profile's bots may attach screenshots (they may show patient data); the policy can decide instead. */
    screenshots: z.boolean().default(false),
    /** Days run logs and artifacts are kept before retention deletes them; the policy can set it instead. */
    retentionDays: z.number().int().min(1).max(maxRetentionDays).default(defaultRetentionDays),
    locked: z.boolean().default(false),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type RedirectConfig = z.infer<typeof redirectConfigSchema>;
export type ExplicitEndpoints = z.infer<typeof explicitEndpointsSchema>;

export const sandboxProfileId = 'sandbox';
/** The Local sandbox's HCSS partner profile, present only when the host asks for it. */
export const sandboxPartnerProfileId = 'sandbox-partner';

export function clientSecretKey(profileId: string): string {
  return `client-secret:${profileId}`;
}
