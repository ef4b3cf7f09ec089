import { redactionMarkers, type PatientIdentifierKind, type RedactionSettings } from '../common/patient-data.js';
import { isValidNhsNumber, looksLikePhone, patientPattern, type MatchGroup, type PatientPattern } from './patient-identifiers.js';

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
  readonly #counts = new Map<PatientIdentifierKind, number>();

  constructor(settings: RedactionSettings) {
    this.#pattern = patientPattern(settings);
  }

  /** True when no kind is on: `redact` returns its input. */
  get isOff(): boolean {
    return this.#pattern.kinds.length === 0;
  }

  redact(text: string): string {
    const { anyPrefilter } = this.#pattern;
    if (anyPrefilter === undefined || !anyPrefilter.test(text)) return text;
    return this.#redactCandidate(text);
  }

  /**
   * `redact` for many lines at once (each ends in '\n'). One prefilter scan over all of them
   * finds the lines that can hold an identifier and which kinds each can hold; only those lines
   * are cut out and redacted, each by the regex of its kinds. Neither a pattern nor a prefilter
   * matches across a line feed, so every line comes out as `redact` would give it.
   *
   * After a hit the scan goes on from the next character, not from the end of the hit, so a
   * fragment overlapping another is still found: no two prefilters can match at one position
   * (a DOB label starts with a letter, '@' is itself, and after a digit a chain has a digit or a
   * separator where a postcode's inward code has a letter), so the kinds found for a line are
   * exactly those whose prefilter the line passes on its own.
   */
  redactLines(text: string): string {
    const { prefilterScan: scan, prefilters } = this.#pattern;
    if (scan === undefined) return text;
    const allBits = (1 << this.#pattern.kinds.length) - 1;
    scan.lastIndex = 0;
    let result = '';
    let copiedTo = 0;
    let lineStart = 0;
    let lineEnd = -1;
    let mask = 0;
    for (;;) {
      const hit = scan.exec(text);
      if (hit !== null && hit.index < lineEnd) {
        mask |= bitsOf(hit, prefilters);
        scan.lastIndex = mask === allBits ? lineEnd : hit.index + 1;
        continue;
      }
      if (mask !== 0) {
        const line = text.slice(lineStart, lineEnd);
        const redacted = this.#replaceAll(line, mask);
        if (redacted !== line) {
          result += text.slice(copiedTo, lineStart) + redacted;
          copiedTo = lineEnd;
        }
      }
      if (hit === null) break;
      lineStart = text.lastIndexOf('\n', hit.index) + 1;
      const newline = text.indexOf('\n', hit.index);
      lineEnd = newline === -1 ? text.length : newline;
      mask = bitsOf(hit, prefilters);
      scan.lastIndex = mask === allBits ? lineEnd : hit.index + 1;
    }
    return copiedTo === 0 ? text : result + text.slice(copiedTo);
  }

  /** A text that passed the combined prefilter: the kinds it can hold, then their one regex. */
  #redactCandidate(text: string): string {
    const { prefilters } = this.#pattern;
    let mask = 0;
    for (const prefilter of prefilters) if (prefilters.length === 1 || prefilter.regex.test(text)) mask |= prefilter.bits;
    return mask === 0 ? text : this.#replaceAll(text, mask);
  }

  #replaceAll(text: string, mask: number): string {
    const { regex, groups } = this.#pattern.forKinds(mask);
    this.#groups = groups;
    return text.replace(regex, this.#replacer);
  }

  /** The groups of the regex `#replaceAll` is running; read by `#replacer`. */
  #groups: readonly MatchGroup[] = [];

  /**
   * One function for every match, with the (at most six) captured groups as parameters rather than
   * a rest array: no allocation per match on the hottest path of capture. Parameters past the
   * regex's own groups are the offset and the whole text, so only the first `#groups.length` count.
   */
  readonly #replacer = (match: string, g0: unknown, g1: unknown, g2: unknown, g3: unknown, g4: unknown, g5: unknown): string => {
    const groups = this.#groups;
    const index = g0 !== undefined ? 0 : g1 !== undefined ? 1 : g2 !== undefined ? 2 : g3 !== undefined ? 3 : g4 !== undefined ? 4 : g5 !== undefined ? 5 : -1;
    if (index < 0 || index >= groups.length) return match;
    const group = groups[index] as MatchGroup;
    // The label of a date of birth stays; only the date goes. Dates of birth are the first
    // alternative (patient-identifiers.ts), so their label is always the first group.
    return group === 'dobLabel' ? `${g0 as string}${this.#marker('dateOfBirth')}` : this.#replace(match, group);
  };

  /** Redactions so far, by kind (kinds with none are absent). */
  counts(): Partial<Record<PatientIdentifierKind, number>> {
    return Object.fromEntries(this.#counts);
  }

  #replace(match: string, group: Exclude<MatchGroup, 'dobLabel'>): string {
    switch (group) {
      case 'nhs':
        if (isValidNhsNumber(match)) return this.#marker('nhsNumber');
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
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
    return redactionMarkers[kind];
  }
}

/** The kinds behind the prefilter a scan hit: its capturing group says which one it was. */
function bitsOf(hit: RegExpExecArray, prefilters: readonly { bits: number }[]): number {
  for (let group = 0; group < prefilters.length; group += 1) if (hit[group + 1] !== undefined) return (prefilters[group] as { bits: number }).bits;
  return 0;
}
