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
    return this.#replaceAll(text);
  }

  /**
   * `redact` for many lines at once (each ends in '\n'). One prefilter scan over all of them
   * finds the lines that can hold an identifier; only those are cut out and redacted, one by one,
   * and the scan goes on from the next line. Neither a pattern nor a prefilter matches across a
   * line feed, so every line comes out as `redact` would give it.
   */
  redactLines(text: string): string {
    const scan = this.#pattern.anyPrefilterGlobal;
    if (scan === undefined) return text;
    scan.lastIndex = 0;
    let result = '';
    let copiedTo = 0;
    while (scan.test(text)) {
      const lineStart = text.lastIndexOf('\n', scan.lastIndex - 1) + 1;
      const newline = text.indexOf('\n', scan.lastIndex);
      const lineEnd = newline === -1 ? text.length : newline;
      const line = text.slice(lineStart, lineEnd);
      const redacted = this.#replaceAll(line);
      if (redacted !== line) {
        result += text.slice(copiedTo, lineStart) + redacted;
        copiedTo = lineEnd;
      }
      if (newline === -1) break;
      scan.lastIndex = newline + 1;
    }
    return copiedTo === 0 ? text : result + text.slice(copiedTo);
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

