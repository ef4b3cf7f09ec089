import { z } from 'zod';
import { addFieldProblem, fieldErrorsFrom, type FieldErrors } from '../config/profile-validation.js';
import { editDistance } from '../common/edit-distance.js';

/**
 * Schema failures of a policy file, one sentence per dotted key, in the words an administrator
 * needs to correct it: an unknown key is a policy setting (not a profile one) with the key that
 * was probably meant, the file's top level and `version` say what they must be, and the rest are
 * the profile editor's sentences ("must be true or false").
 */
export function policyFieldProblems(error: z.ZodError, schema: z.ZodType): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const at = path.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) addFieldProblem(fields, at === '' ? key : `${at}.${key}`, unknownKey(key, keysAt(schema, path)));
    } else if (at === '') {
      fields[''] ??= 'must be one group of settings in braces, { "version": 1, … }';
    } else if (at === 'version') {
      fields.version ??= issue.input === undefined ? 'is required: "version": 1' : 'must be 1';
    } else if (issue.code === 'too_small' && issue.origin === 'array' && issue.minimum === 1) {
      fields[at] ??= 'must have at least one entry';
    } else {
      for (const [field, problem] of Object.entries(fieldErrorsFrom(new z.ZodError([issue])))) addFieldProblem(fields, field, problem);
    }
  }
  return fields;
}

function unknownKey(key: string, known: readonly string[]): string {
  if (/secret|password/i.test(key)) return 'is not a policy setting, and a password or secret must never be in this file, which every user can read';
  const meant = closest(key, known);
  if (meant !== undefined) return `is not a policy setting (did you mean ${meant}?)`;
  return known.length === 0 ? 'is not a policy setting' : `is not a policy setting (the settings here are ${known.join(', ')})`;
}

/** The keys the schema allows in the object at `path`, looking through optional, default and list wrappers. */
function keysAt(schema: z.ZodType, path: readonly string[]): string[] {
  let node: unknown = schema;
  for (const part of [...path, undefined]) {
    while (node instanceof z.ZodOptional || node instanceof z.ZodDefault) node = node.unwrap();
    if (part === undefined) break;
    if (node instanceof z.ZodArray) node = node.element;
    else if (node instanceof z.ZodObject) node = (node.shape as Record<string, unknown>)[part];
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape as object) : [];
}

/** The known key a typo most likely meant: same but for case, a missing tail, or one or two letters off. */
function closest(key: string, known: readonly string[]): string | undefined {
  const folded = key.toLowerCase();
  const byCase = known.find((candidate) => candidate.toLowerCase() === folded);
  if (byCase !== undefined) return byCase;
  const scored = known
    .map((candidate) => ({ candidate, distance: editDistance(folded, candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= Math.min(2, Math.floor(candidate.length / 3)) || (folded.length >= 4 && candidate.toLowerCase().startsWith(folded)))
    .sort((a, b) => a.distance - b.distance);
  return scored[0]?.candidate;
}
