/** "A", "A and B", "A, B and C" (or "A, B or C"): names in a sentence. */
export function listInWords(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1] ?? ''}`;
}
