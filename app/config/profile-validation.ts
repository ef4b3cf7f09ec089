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

/** Checks one profile as an admin typed or imported it, after filling in its preset's defaults. */
export function validateProfile(input: unknown): ProfileValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, fields: { '': 'a profile must be an object' } };
  const parsed = profileSchema.safeParse(withPresetDefaults(input as Record<string, unknown>));
  return parsed.success ? { ok: true, profile: parsed.data } : { ok: false, fields: fieldErrorsFrom(parsed.error) };
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'is required';
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'must be a full web address, e.g. https://auth.example.org';
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_union') return 'is not a valid redirect setting (mode must be customScheme, loopback or bounce)';
  return issue.message.replace(/^Invalid input: /, '');
}
