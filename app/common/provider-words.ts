/**
 * Words a provider wrote (an OAuth `error` or `error_description`) as they may reach the user's
 * screen and the log: as text, one line, bounded. Decoded controls (a newline, an ANSI escape)
 * would let them forge extra log lines or styling, so they become spaces; bidirectional and
 * invisible format characters (U+202E and its kind) would let them reorder or hide what the card
 * says, so they go. RFC 6749 §5.2 allows none of these in either field anyway.
 */
export function providerWords(text: string, maxChars: number): string {
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
  return plain.length > maxChars ? `${plain.slice(0, maxChars)}…` : plain;
}
