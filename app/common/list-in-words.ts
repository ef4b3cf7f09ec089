/** "A", "A and B", "A, B and C" (or "A, B or C"): names in a sentence. */
export function listInWords(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1] ?? ''}`;
}

/** "A, B and C", or past three "A, B and 4 others": a message names people without growing long. */
export function peopleInWords(names: readonly string[]): string {
  return listInWords(names.length <= 3 ? names : [...names.slice(0, 2), `${names.length - 2} others`]);
}
