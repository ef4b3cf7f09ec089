import { redactionMarkers, type PatientIdentifierKind, type RedactionSettings } from '../common/patient-data.js';
import { isValidNhsNumber, looksLikePhone, patientPattern, type MatchGroup, type PatientPattern } from './patient-identifiers.js';
import { preparedText } from './prepared-lines.js';

/**
 * Replaces patient identifiers in one run's output with visible markers (`[NHS number]`,
 * `[date of birth]`, …) and counts them by kind. One instance per run, because the settings are
 * the run's profile's and the counts are the run's. Runs after secret redaction (RunLog).
 *
 * An NHS number is redacted only when its modulus 11 check digit is right, so an order number or
 * a timestamp that happens to have ten digits survives; a date only next to a date-of-birth label.
 */
export class PatientRedactor {
  readonly #pattern: PatientPattern;
  /** A plain object: a Map's get and set cost more, once per identifier on the hottest path of capture. */
  readonly #counts: Partial<Record<PatientIdentifierKind, number>> = {};
  readonly #settings: RedactionSettings;

  constructor(settings: RedactionSettings) {
    this.#settings = settings;
    this.#pattern = patientPattern(settings);
  }

  /** True when no kind is on: `redact` returns its input. */
  get isOff(): boolean {
    return this.#pattern.kinds.length === 0;
  }

  redact(text: string): string {
    const { anyPrefilter } = this.#pattern;
    if (anyPrefilter === undefined || !anyPrefilter.test(text)) return text;
    return this.#replaceAll(text);
  }

  /**
   * `redact` by the same settings, leaving the counts alone: for text that is not the run's log,
   * such as why the run ended, since the counts say what the log hides (docs/providers.md, section 9).
   */
  redactUncounted(text: string): string {
    return new PatientRedactor(this.#settings).redact(text);
  }

  /** `redact` for many lines at once (each ends in '\n'): see `rewriteLines`. */
  redactLines(text: string): string {
    const rewrittenAt: number[] = [];
    const rewritten: string[] = [];
    this.rewriteLines(text, rewrittenAt, rewritten);
    return rewrittenAt.length === 0 ? text : preparedText({ text, rewrittenAt, rewritten });
  }

  /**
   * Redacts many lines at once (each ends in '\n'), appending where each line it changes starts
   * and that line's new text to `rewrittenAt` and `rewritten`; lines it leaves alone cost no
   * string. One prefilter scan over all of them finds the fragments; the full pattern runs only
   * on the lines that hold one, and within such a line only from `reach` characters before a
   * fragment (no identifier starts earlier) to its next match. After each match the prefilter
   * finds the next fragment, in the same line or a later one, so a line's digit-heavy head and
   * its tail after the last identifier cost the prefilter's scan, not the full pattern's. Neither
   * a pattern nor a prefilter matches across a line feed, so every line comes out as `redact`
   * would give it.
   */
  rewriteLines(text: string, rewrittenAt: number[], rewritten: string[]): void {
    const scan = this.#pattern.anyPrefilterGlobal;
    if (scan === undefined) return;
    // `test`, not `exec`: the scan runs once or twice per identifier, and a match object each
    // time is garbage the flood's young generation then has to make room for.
    scan.lastIndex = 0;
    let found = scan.test(text);
    while (found) {
      const lineStart = text.lastIndexOf('\n', scan.lastIndex - 1) + 1;
      const newline = text.indexOf('\n', scan.lastIndex);
      const lineEnd = newline === -1 ? text.length : newline;
      const line = text.slice(lineStart, lineEnd);
      const { regex, groups, reach, digitReach } = this.#pattern.forKinds(this.#pattern.maskFor(line));
      let redacted = '';
      let copiedTo = 0;
      let searchedTo = 0;
      for (;;) {
        regex.lastIndex = Math.max(searchedTo, searchFrom(line, scan.lastIndex - lineStart, reach, digitReach));
        const match = regex.exec(line);
        if (match === null) {
          // Nothing more to redact in this line: the next fragment that matters is in a later one.
          scan.lastIndex = lineEnd + 1;
          found = newline !== -1 && scan.test(text);
          break;
        }
        searchedTo = match.index + match[0].length;
        const replacement = this.#replacement(match, groups);
        if (replacement !== match[0]) {
          redacted += line.slice(copiedTo, match.index) + replacement;
          copiedTo = searchedTo;
        }
        scan.lastIndex = lineStart + searchedTo;
        found = scan.test(text);
        if (!found || scan.lastIndex > lineEnd) break;
      }
      if (copiedTo > 0) {
        rewrittenAt.push(lineStart);
        rewritten.push(redacted + line.slice(copiedTo));
      }
    }
  }

  /**
   * Every identifier in a line that passed the prefilter. An `exec` loop rather than `replace`
   * with a callback, which costs about half as much again per line on the hottest path of capture.
   */
  #replaceAll(text: string): string {
    const { regex, groups } = this.#pattern.forKinds(this.#pattern.maskFor(text));
    regex.lastIndex = 0;
    let result = '';
    let copiedTo = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      const replacement = this.#replacement(match, groups);
      if (replacement === match[0]) continue;
      result += text.slice(copiedTo, match.index) + replacement;
      copiedTo = match.index + match[0].length;
    }
    return copiedTo === 0 ? text : result + text.slice(copiedTo);
  }

  /** What replaces one match: group i + 1 of the regex holds `groups[i]`; no alternative matches empty text. */
  #replacement(match: RegExpExecArray, groups: readonly MatchGroup[]): string {
    for (let index = 0; index < groups.length; index += 1) {
      const captured = match[index + 1];
      if (captured === undefined) continue;
      const group = groups[index] as MatchGroup;
      // The label of a date of birth stays; only the date goes.
      return group === 'dobLabel' ? `${captured}${this.#marker('dateOfBirth')}` : this.#replace(match[0], group);
    }
    return match[0];
  }

  /** Redactions so far, by kind (kinds with none are absent). */
  counts(): Partial<Record<PatientIdentifierKind, number>> {
    return { ...this.#counts };
  }

  #replace(match: string, group: Exclude<MatchGroup, 'dobLabel'>): string {
    switch (group) {
      case 'nhs':
        // The digits of a `%20` between the groups are not the number's.
        if (isValidNhsNumber(match.includes('%') ? match.replaceAll('%20', '') : match)) return this.#marker('nhsNumber');
        // Ten digits with a bad check digit are left alone, unless they are a phone number to redact.
        return this.#pattern.phone && looksLikePhone(match) ? this.#marker('phone') : match;
      case 'dob':
        return this.#marker('dateOfBirth');
      case 'postcode':
        return this.#marker('postcode');
      case 'email':
        return this.#marker('email');
      case 'phone':
        return this.#marker('phone');
    }
  }

  #marker(kind: PatientIdentifierKind): string {
    this.#counts[kind] = (this.#counts[kind] ?? 0) + 1;
    return redactionMarkers[kind];
  }
}

/**
 * Where the full pattern must start for a prefilter fragment that ends at `end` of `line`: the
 * digit fragments are the only ones that end in a digit, and they hold at most ten digits, so
 * counting ten digits back from the end reaches their first digit or earlier, and `digitReach`
 * goes before it; the others (a date-of-birth label's start, '@', an inward code) are at most
 * seven characters long, and `reach` goes before that.
 */
function searchFrom(line: string, end: number, reach: number, digitReach: number): number {
  const last = line.charCodeAt(end - 1);
  if (last < 48 || last > 57) return end - 7 - reach;
  let digits = 0;
  let at = end;
  while (at > 0 && digits < 10) {
    at -= 1;
    const code = line.charCodeAt(at);
    if (code >= 48 && code <= 57) digits += 1;
  }
  return at - digitReach;
}
