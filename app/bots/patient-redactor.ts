import { redactionMarkers, type PatientIdentifierKind, type RedactionSettings } from '../common/patient-data.js';
import { isValidNhsNumber, looksLikePhone, patientPattern, type PatientPattern } from './patient-identifiers.js';

/** Every identifier needs a digit, except an email address, which needs an `@`. */
const worthScanning = /[\d@]/;

interface MatchGroups {
  nhs?: string;
  dobLabel?: string;
  dob?: string;
  postcode?: string;
  email?: string;
  phone?: string;
}

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
    return text.replace(this.#pattern.forKinds(mask), (match: string, ...rest: unknown[]) => this.#replace(match, rest.at(-1) as MatchGroups));
  }

  /** Redactions so far, by kind (kinds with none are absent). */
  counts(): Partial<Record<PatientIdentifierKind, number>> {
    return Object.fromEntries(this.#counts);
  }

  #replace(match: string, groups: MatchGroups): string {
    if (groups.nhs !== undefined) {
      if (isValidNhsNumber(match)) return this.#marker('nhsNumber');
      // Ten digits with a bad check digit are left alone, unless they are a phone number to redact.
      return this.#pattern.phone && looksLikePhone(match) ? this.#marker('phone') : match;
    }
    if (groups.dob !== undefined) return `${groups.dobLabel ?? ''}${this.#marker('dateOfBirth')}`;
    if (groups.postcode !== undefined) return this.#marker('postcode');
    if (groups.email !== undefined) return this.#marker('email');
    if (groups.phone !== undefined) return this.#marker('phone');
    return match;
  }

  #marker(kind: PatientIdentifierKind): string {
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
    return redactionMarkers[kind];
  }
}
