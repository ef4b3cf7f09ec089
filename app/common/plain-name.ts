/**
 * C0 and C1 controls, line separators, the bidirectional embeddings, overrides and isolates
 * (U+202E and its kind) and invisible characters (zero-width space, word joiner, BOM): in a name a
 * person reads on a card, an approval or the audit trail they would reorder or hide what it says.
 * The joiners and direction marks that Persian, Indic scripts and emoji need stay allowed.
 */
const unsafeNameCharacters = /[\u0000-\u001f\u007f-\u009f\u200b\u2028-\u202e\u2060-\u2069\ufeff]/;

export const unsafeNameMessage = 'must not contain control characters or invisible formatting characters (such as a right-to-left override); type the name again as plain text';

export function isPlainName(name: string): boolean {
  return !unsafeNameCharacters.test(name);
}
