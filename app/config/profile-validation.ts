import type { z } from 'zod';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import { withPresetDefaults } from './profile-presets.js';
import { profileSchema, type Profile } from './profile.js';

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
}

/** A profile saved without a client id yet: it cannot sign in until one is added. */
export function isDraft(profile: Pick<Profile, 'clientId'>): boolean {
  return profile.clientId === '';
}

/** Checks one profile as an admin typed or imported it, after filling in its preset's defaults. */
export function validateProfile(input: unknown, options: ValidateProfileOptions = {}): ProfileValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, fields: { '': 'a profile must be an object' } };
  // reportInput: so a wrong type ("soon" for a number) is not mistaken for a missing value.
  const parsed = profileSchema.safeParse(withPresetDefaults(input as Record<string, unknown>), { reportInput: true });
  const fields = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const clientId = (input as Record<string, unknown>).clientId;
  const missingClientId = clientId === undefined || (typeof clientId === 'string' && clientId.trim() === '');
  if (missingClientId && !options.allowDraft) fields.clientId ??= 'is required';
  if (parsed.success && Object.keys(fields).length === 0) return { ok: true, profile: parsed.data };
  return { ok: false, fields };
}

/** zod issues to one readable sentence per dotted path; the first problem of a field wins. */
export function fieldErrorsFrom(error: z.ZodError, prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = base === '' ? key : `${base}.${key}`;
        fields[path] ??= /secret/i.test(key)
          ? 'secrets are never stored in a profile; enter the client secret in the profile editor'
          : 'is not a profile setting';
      }
      continue;
    }
    fields[base] ??= describeIssue(issue);
  }
  return fields;
}

export function fieldValidationError(fields: FieldErrors): FieldValidationError {
  const entries = Object.entries(fields);
  const summary = entries
    .slice(0, 3)
    .map(([path, message]) => `${path === '' ? 'the profile' : path} ${message}`)
    .join('; ');
  const more = entries.length > 3 ? ` and ${entries.length - 3} more` : '';
  return Object.assign(supervisorError('profile_invalid', `${summary}${more}`), { fields });
}

const typeNames: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  array: 'a list',
  object: 'a group of settings',
  boolean: 'true or false',
};

/**
 * zod's words ("Too small: expected number to be >=1") are for programmers; these are the
 * predicates the editor shows after a field's name ("Each warning time must be at least 1.").
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'is required' : `must be at least ${String(issue.minimum)} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${String(issue.minimum)} entries`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${String(issue.maximum)} entries`;
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'must be a full web address, e.g. https://auth.example.org';
      // A pattern with its own words (the profile id's) keeps them; zod's own name the regex.
      return issue.message.startsWith('Invalid') ? 'contains characters that are not allowed here' : issue.message;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'is not a valid redirect setting (mode must be customScheme, loopback or bounce)';
    case 'not_multiple_of':
      return 'must be a whole number';
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}
