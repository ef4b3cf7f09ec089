import type { z } from 'zod';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import { isPlainName, unsafeNameMessage } from '../common/plain-name.js';
import { withPresetDefaults } from './profile-presets.js';
import { appSetAuthParams, appSetAuthParamsMessage, clientIdCharacters, clientIdCharactersMessage, profileSchema, type Profile } from './profile.js';

/** Field-by-field problems keyed by a dotted path, e.g. `redirect.port` or `profiles.2.clientId`. */
export type FieldErrors = Record<string, string>;

/** A SupervisorError that also says which fields are wrong (ErrorView.fields). */
export type FieldValidationError = SupervisorError & { fields: FieldErrors };

export type ProfileValidation = { ok: true; profile: Profile } | { ok: false; fields: FieldErrors };

export interface ValidateProfileOptions {
  /**
   * Accept a profile without a client id: a draft, saved while the provider has not issued one
   * yet. Drafts come only from the editor (asked for) and the store; imports and policy files
   * must be complete.
   */
  allowDraft?: boolean;
  /**
   * A value a person typed or imported just now: a client id with inner spaces or control
   * characters is refused, and so are extra sign-in parameters the app sets itself and a name with
   * control or invisible formatting characters. Off for what earlier versions stored (and policy files), so such a
   * profile is not dropped on upgrade; it is refused the next time someone saves it.
   */
  asEntered?: boolean;
}

/** A profile saved without a client id yet: it cannot sign in until one is added. */
export function isDraft(profile: Pick<Profile, 'clientId'>): boolean {
  return profile.clientId === '';
}

/** Checks one profile as an admin typed or imported it, after filling in its preset's defaults. */
export function validateProfile(input: unknown, options: ValidateProfileOptions = {}): ProfileValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, fields: { '': 'must be a group of settings in braces, { … }' } };
  // reportInput: so a wrong type ("soon" for a number) is not mistaken for a missing value.
  const parsed = profileSchema.safeParse(withPresetDefaults(input as Record<string, unknown>), { reportInput: true });
  const fields = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const clientId = (input as Record<string, unknown>).clientId;
  const missingClientId = clientId === undefined || (typeof clientId === 'string' && clientId.trim() === '');
  if (missingClientId && !options.allowDraft) fields.clientId ??= 'is required';
  if (options.asEntered && typeof clientId === 'string' && !clientIdCharacters.test(clientId.trim())) fields.clientId ??= clientIdCharactersMessage;
  if (options.asEntered && namesAppSetAuthParam((input as Record<string, unknown>).extraAuthParams)) fields.extraAuthParams ??= appSetAuthParamsMessage;
  const { name, issuer } = input as Record<string, unknown>;
  if (options.asEntered && typeof name === 'string' && !isPlainName(name)) fields.name ??= unsafeNameMessage;
  // Shown on every card and in every discovery error: a password in it would be too.
  if (options.asEntered && typeof issuer === 'string' && hasUserInfo(issuer)) fields.issuer ??= 'must not contain a user name or password: give the provider\'s address only, as its documentation shows it';
  if (parsed.success && Object.keys(fields).length === 0) return { ok: true, profile: parsed.data };
  return { ok: false, fields };
}

function hasUserInfo(value: string): boolean {
  const url = URL.parse(value.trim());
  return url !== null && (url.username !== '' || url.password !== '');
}

function namesAppSetAuthParam(extra: unknown): boolean {
  return typeof extra === 'object' && extra !== null && Object.keys(extra).some((name) => appSetAuthParams.has(name));
}

/** zod issues to one readable sentence per dotted path; the first problem of a field wins. */
export function fieldErrorsFrom(error: z.ZodError, prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = base === '' ? key : `${base}.${key}`;
        addFieldProblem(fields, path, /secret/i.test(key) ? 'must not be in a profile: secrets are never stored there; enter the client secret in the profile editor' : 'is not a profile setting');
      }
      continue;
    }
    addFieldProblem(fields, base, describeIssue(issue));
  }
  return fields;
}

/**
 * Keeps a field's first problem as the object's own entry. Keys come from the file: `fields[key]`
 * would set the prototype for `__proto__` and see `constructor` as already set, so the problem,
 * and with it the only reason an entry was refused, would vanish.
 */
export function addFieldProblem(fields: FieldErrors, path: string, problem: string): void {
  if (!Object.hasOwn(fields, path)) Object.defineProperty(fields, path, { value: problem, enumerable: true, writable: true, configurable: true });
}

export function fieldValidationError(fields: FieldErrors): FieldValidationError {
  const entries = Object.entries(fields);
  const summary = entries
    .slice(0, 3)
    .map(([path, message]) => `${fieldLabel(path)} ${message}`)
    .join('; ');
  const more = entries.length > 3 ? ` and ${entries.length - 3} more` : '';
  return Object.assign(supervisorError('profile_invalid', `${summary}${more}`), { fields });
}

/**
 * What the summary calls a field, as the editor labels it, so the summary reads as sentences too
 * ("the issuer URL must start with https://…"). Imports and policies prefix an index
 * (`profiles.2.issuer`): the last named part decides.
 */
const fieldLabels: Record<string, string> = {
  id: 'the profile id',
  name: 'the profile name',
  kind: 'the provider kind',
  preset: 'the provider',
  issuer: 'the issuer URL',
  clientId: 'the client id',
  clientSecret: 'the client secret',
  clientAuth: 'the client authentication',
  scopes: 'each scope',
  extraAuthParams: 'the extra sign-in parameters',
  redirect: 'the redirect setting',
  'redirect.url': 'the bounce page URL',
  'redirect.port': 'the loopback port',
  'redirect.path': 'the loopback path',
  endpoints: 'the endpoints',
  warningMinutes: 'each warning time',
  defaultTokenLifetimeMs: 'the default token lifetime',
  signInTimeoutMs: 'the sign-in time limit',
  reuseBrowserSignIn: 'the browser sign-in reuse setting',
  expiryPolicy: 'the expiry policy',
  absencePolicy: 'the absence policy',
  companyClaim: 'the company id claim',
  redaction: 'the redaction settings',
  screenshots: 'the screenshots setting',
  retentionDays: 'the retention period',
  locked: 'the locked setting',
};

export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  if (parts[0] === 'profile' || parts[0] === 'profiles') parts.shift();
  if (parts.length === 0) return 'the profile';
  const [head = '', next] = parts;
  if (head === 'endpoints' && next !== undefined) return `the ${next} endpoint`;
  // Own labels only: a key from the file such as `constructor` would otherwise read Object's.
  const labelOf = (key: string): string | undefined => (Object.hasOwn(fieldLabels, key) ? fieldLabels[key] : undefined);
  return labelOf(next === undefined ? head : `${head}.${next}`) ?? labelOf(head) ?? `the setting “${parts.join('.')}”`;
}

const typeNames: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  array: 'a list',
  object: 'a group of settings',
  boolean: 'true or false',
};

/** Limits in the unit the editor shows: minutes for `…Minutes` and `…Ms` fields, days for `…Days`. */
function limit(path: readonly PropertyKey[], value: number | bigint): string {
  const name = String(path.findLast((part) => typeof part === 'string') ?? '');
  const n = Number(value);
  if (name.endsWith('Ms')) return n < 60_000 ? plural(n / 1000, 'second') : plural(Math.round(n / 60_000), 'minute');
  if (name.endsWith('Minutes')) return plural(n, 'minute');
  if (name.endsWith('Days')) return plural(n, 'day');
  return String(n);
}

function plural(n: number, unit: string): string {
  return `${n.toLocaleString('en-GB')} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * zod's words ("Too small: expected number to be >=1") are for programmers; these are the
 * predicates the editor shows after a field's name ("Each warning time must be at least 1 minute.").
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'is required' : `must be at least ${String(issue.minimum)} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${String(issue.minimum)} entries`;
      return `must be at least ${limit(issue.path, issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${String(issue.maximum)} entries`;
      return `must be at most ${limit(issue.path, issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'must be a full web address, e.g. https://auth.example.org';
      // A pattern with its own words (the profile id's) keeps them; zod's own name the regex.
      return issue.message.startsWith('Invalid') ? 'contains characters that are not allowed here' : issue.message;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'is not a valid redirect setting (mode must be customScheme, loopback or bounce)';
    case 'invalid_key':
      return issue.issues.map(describeIssue)[0] ?? 'has a name that is not allowed';
    case 'not_multiple_of':
      return 'must be a whole number';
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}
