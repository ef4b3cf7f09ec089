import { redactionMarkers, type PatientIdentifierKind, type RedactionSettings } from '../common/patient-data.js';
import { isValidNhsNumber, looksLikePhone, patientPattern, type MatchGroup, type PatientPattern } from './patient-identifiers.js';

/** Every identifier needs a digit, except an email address, which needs an `@`. */
const worthScanning = /[\d@]/;

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
    const { prefilters, anyPrefilter } = this.#pattern;
    if (anyPrefilter === undefined || !worthScanning.test(text) || !anyPrefilter.test(text)) return text;
    if (prefilters.length === 1) return this.#replaceAll(text, 1);
    let mask = 0;
    for (let index = 0; index < prefilters.length; index += 1) if ((prefilters[index] as RegExp).test(text)) mask |= 1 << index;
    return mask === 0 ? text : this.#replaceAll(text, mask);
  }

  #replaceAll(text: string, mask: number): string {
    const { regex, groups } = this.#pattern.forKinds(mask);
    return text.replace(regex, (match: string, ...captured: unknown[]) => {
      for (let index = 0; index < groups.length; index += 1) {
        const value = captured[index];
        if (value === undefined) continue;
        const group = groups[index] as MatchGroup;
        // The label of a date of birth stays; only the date goes.
        return group === 'dobLabel' ? `${value as string}${this.#marker('dateOfBirth')}` : this.#replace(match, group);
      }
      return match;
    });
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
