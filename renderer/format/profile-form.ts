import type { ClientAuthMethod, ProfileKind, ProfileView, ProviderPreset, RedirectMode } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import { defaultRetentionDays } from '../../app/common/patient-data.js';
import { providerPresets } from '../../app/common/provider-presets.js';
import { copy } from '../copy.js';
import type { FieldError } from './field-error.js';

/** The profile editor's fields, as the user types them (numbers and lists stay text until saved). */
export interface ProfileFormValues {
  id: string;
  name: string;
  preset: ProviderPreset;
  kind: ProfileKind;
  issuer: string;
  clientId: string;
  /** Empty means "keep the stored secret" (or none). Never pre-filled: secrets do not leave the core. */
  clientSecret: string;
  clientAuth: ClientAuthMethod;
  /** Space- or comma-separated. */
  scopes: string;
  redirectMode: RedirectMode;
  loopbackPort: string;
  loopbackPath: string;
  bounceUrl: string;
  /** Comma-separated minutes, e.g. "60, 15, 5". */
  warningMinutes: string;
  signInTimeoutMinutes: string;
  expiryPolicy: 'wait' | 'stop';
  absencePolicy: 'wait' | 'stop';
  companyClaim: string;
  /** Carried through unchanged: the editor has no fields for them. */
  extraAuthParams: Record<string, string>;
  /** False (the default) makes every sign-in ask who is signing in; the machine policy can force that. */
  reuseBrowserSignIn: boolean;
  /** A provider without discovery: carried through unchanged, so saving never drops them. */
  endpoints?: ProfileView['endpoints'];
  defaultTokenLifetimeMs?: number;
  /** Days run logs and files are kept, as typed (docs/providers.md section 9). */
  retentionDays: string;
  /** Redaction and screenshots (docs/providers.md section 9), carried through unchanged. */
  patientData?: Pick<ProfileView, 'redaction' | 'screenshots'>;
}

/** Field names the editor can show an error next to. */
export type ProfileField = Exclude<keyof ProfileFormValues, 'extraAuthParams' | 'defaultTokenLifetimeMs' | 'kind' | 'patientData' | 'endpoints'> | 'extraAuthParams';

export function formFromProfile(view: ProfileView): ProfileFormValues {
  return {
    id: view.id,
    name: view.name,
    preset: view.preset,
    kind: view.kind,
    issuer: view.issuer,
    clientId: view.clientId,
    clientSecret: '',
    clientAuth: view.clientAuth,
    scopes: view.scopes.join(' '),
    redirectMode: view.redirectMode,
    loopbackPort: String(view.loopbackPort ?? 0),
    loopbackPath: view.loopbackPath ?? '/callback',
    bounceUrl: view.bounceUrl ?? '',
    warningMinutes: view.warningMinutes.join(', '),
    signInTimeoutMinutes: String(Math.round(view.signInTimeoutMs / 60_000)),
    expiryPolicy: view.expiryPolicy,
    absencePolicy: view.absencePolicy ?? 'wait',
    companyClaim: view.companyClaim ?? 'CompanyId',
    extraAuthParams: { ...view.extraAuthParams },
    reuseBrowserSignIn: view.reuseBrowserSignIn,
    ...(view.endpoints ? { endpoints: { ...view.endpoints } } : {}),
    defaultTokenLifetimeMs: view.defaultTokenLifetimeMs,
    retentionDays: String(view.retentionDays),
    patientData: { redaction: { ...view.redaction }, screenshots: view.screenshots },
  };
}

export function formFromPreset(preset: ProviderPreset, existingIds: readonly string[]): ProfileFormValues {
  const defaults = providerPresets[preset];
  return {
    id: uniqueProfileId(defaults.idBase, existingIds),
    name: defaults.profileName,
    preset,
    kind: defaults.kind,
    issuer: defaults.issuer ?? '',
    clientId: '',
    clientSecret: '',
    clientAuth: defaults.clientAuth,
    scopes: defaults.scopes.join(' '),
    redirectMode: 'customScheme',
    loopbackPort: '0',
    loopbackPath: '/callback',
    bounceUrl: '',
    warningMinutes: '60, 15, 5',
    signInTimeoutMinutes: '10',
    expiryPolicy: 'wait',
    absencePolicy: 'wait',
    companyClaim: 'CompanyId',
    extraAuthParams: {},
    reuseBrowserSignIn: false,
    retentionDays: String(defaultRetentionDays),
  };
}

export interface ProfileSaveInput {
  profile: Record<string, unknown>;
  clientSecret?: string;
}

/**
 * Turns the form into `saveProfile` input in the shape of the core's profile schema. Only what
 * cannot be sent at all (a word where a number goes) is checked here; every other rule is the
 * core's, and its field errors come back in ErrorView.fields.
 */
export function profileInputFromForm(values: ProfileFormValues): { input: ProfileSaveInput; errors: Partial<Record<ProfileField, FieldError>> } {
  const errors: Partial<Record<ProfileField, FieldError>> = {};
  const warningMinutes = parseNumberList(values.warningMinutes);
  if (warningMinutes === null) errors.warningMinutes = errorView('warning_minutes_invalid');
  const timeoutMinutes = parseWholeNumber(values.signInTimeoutMinutes);
  if (timeoutMinutes === null) errors.signInTimeoutMinutes = errorView('minutes_invalid');
  const loopbackPort = parseWholeNumber(values.loopbackPort);
  if (values.redirectMode === 'loopback' && loopbackPort === null) errors.loopbackPort = errorView('port_invalid');
  // Never guessed from what was typed: "-5" or "1e3" must not become 5 or 13 days of logs kept.
  const retentionDays = parseWholeNumber(values.retentionDays);
  if (retentionDays === null) errors.retentionDays = errorView('retention_days_invalid');

  const redirect =
    values.redirectMode === 'loopback'
      ? { mode: 'loopback', port: loopbackPort ?? 0, path: values.loopbackPath.trim() || '/callback' }
      : values.redirectMode === 'bounce'
        ? { mode: 'bounce', url: values.bounceUrl.trim() }
        : { mode: 'customScheme' };

  const profile: Record<string, unknown> = {
    id: values.id.trim(),
    name: values.name.trim(),
    kind: values.kind,
    preset: values.preset,
    issuer: values.issuer.trim(),
    clientId: values.clientId.trim(),
    clientAuth: values.clientAuth,
    scopes: values.scopes.split(/[\s,]+/).filter(Boolean),
    extraAuthParams: values.extraAuthParams,
    redirect,
    warningMinutes: warningMinutes ?? [],
    signInTimeoutMs: (timeoutMinutes ?? 0) * 60_000,
    expiryPolicy: values.expiryPolicy,
    absencePolicy: values.absencePolicy,
    reuseBrowserSignIn: values.reuseBrowserSignIn,
  };
  if (values.endpoints) profile.endpoints = values.endpoints;
  if (values.defaultTokenLifetimeMs !== undefined) profile.defaultTokenLifetimeMs = values.defaultTokenLifetimeMs;
  if (values.kind === 'partner') profile.companyClaim = values.companyClaim.trim();
  if (values.patientData) Object.assign(profile, values.patientData);
  if (retentionDays !== null) profile.retentionDays = retentionDays;
  // Only surrounding whitespace (a pasted value) goes; the core refuses anything worse inside.
  const secret = values.clientSecret.trim();
  return { input: secret === '' ? { profile } : { profile, clientSecret: secret }, errors };
}

/**
 * The saved and the new retention period when the new one is shorter, so older run logs and
 * files would be deleted by the next retention pass; undefined when nothing more would go.
 */
export function retentionShortening(saved: string, next: string): { fromDays: number; toDays: number } | undefined {
  const fromDays = parseWholeNumber(saved);
  const toDays = parseWholeNumber(next);
  if (fromDays === null || toDays === null || toDays < 1 || toDays >= fromDays) return undefined;
  return { fromDays, toDays };
}

function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

function parseNumberList(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const numbers = parts.map(parseWholeNumber);
  return numbers.every((n): n is number => n !== null) ? numbers : null;
}

/**
 * The core reports field problems by dotted path (`clientId`, `redirect.url`, `scopes.2`, and
 * for imports `profiles.0.clientId`); this maps them onto the editor's fields. Paths it does not
 * know stay in `other`, shown above the form, so no message is lost.
 */
export function profileFieldErrors(fields: Record<string, string> | undefined): {
  byField: Partial<Record<ProfileField, string>>;
  other: string[];
} {
  const byField: Partial<Record<ProfileField, string>> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const field = fieldForPath(path);
    if (field && byField[field] === undefined) byField[field] = asSentence(copy.profileForm.fieldNames[field], message);
    else if (!field) other.push(asSentence(path === '' ? copy.profileForm.wholeEntry : copy.profileForm.otherSetting(path), message));
  }
  return { byField, other };
}

const directFields: ReadonlySet<string> = new Set<ProfileField>([
  'id',
  'name',
  'preset',
  'issuer',
  'clientId',
  'clientSecret',
  'clientAuth',
  'scopes',
  'warningMinutes',
  'expiryPolicy',
  'absencePolicy',
  'companyClaim',
  'reuseBrowserSignIn',
  'extraAuthParams',
  'retentionDays',
]);

function fieldForPath(path: string): ProfileField | undefined {
  const parts = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  // Drop a leading container such as `profile` or `profiles`.
  if (parts[0] === 'profile' || parts[0] === 'profiles') parts.shift();
  const [head, next] = parts;
  if (head === undefined) return undefined;
  if (head === 'redirect') {
    if (next === 'url') return 'bounceUrl';
    if (next === 'port') return 'loopbackPort';
    if (next === 'path') return 'loopbackPath';
    return 'redirectMode';
  }
  if (head === 'signInTimeoutMs') return 'signInTimeoutMinutes';
  if (head === 'kind') return 'preset';
  return directFields.has(head) ? (head as ProfileField) : undefined;
}

/**
 * The core words field problems as predicates ("is required", "must be a full web address…")
 * so they read after a field name; beside the field they become whole sentences.
 */
export function asSentence(subject: string, message: string): string {
  const text = message.trim();
  const sentence = !/^[a-z]/.test(text) ? text : subject === '' ? text.charAt(0).toUpperCase() + text.slice(1) : `${subject} ${text}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueProfileId(base: string, existingIds: readonly string[]): string {
  const taken = new Set(existingIds);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A client secret typed while client authentication is "None" would be dropped (the core refuses
 * it with a field error): the form switches to Basic instead and says so (`switched`). Clearing
 * the secret of a new profile goes back to the preset's method.
 */
export function withClientSecret(values: ProfileFormValues, secret: string): { values: ProfileFormValues; switched: boolean } {
  if (secret.trim() !== '' && values.clientAuth === 'none') return { values: { ...values, clientSecret: secret, clientAuth: 'client_secret_basic' }, switched: true };
  return { values: { ...values, clientSecret: secret }, switched: false };
}
