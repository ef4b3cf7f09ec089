/**
 * Patient data handling shared by the core, the hosts and the page: the kinds of identifier the
 * log redaction knows, the marker each is replaced with, and their defaults. Free of zod and
 * Node like the rest of app/common/.
 */

/** Patient identifiers redacted from bot output (after secrets). */
export type PatientIdentifierKind = 'nhsNumber' | 'dateOfBirth' | 'postcode' | 'email' | 'phone';

/** Every kind of redaction counted per run: the patient identifiers, and secrets (tokens, run secrets). */
export type RedactionKind = PatientIdentifierKind | 'secret';

/** How many of each kind a run's output had redacted; kinds with none are absent. */
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

/** Which patient identifiers a profile redacts. */
export type RedactionSettings = Record<PatientIdentifierKind, boolean>;

export const patientIdentifierKinds = ['nhsNumber', 'dateOfBirth', 'postcode', 'email', 'phone'] as const satisfies readonly PatientIdentifierKind[];

export const redactionKinds = [...patientIdentifierKinds, 'secret'] as const satisfies readonly RedactionKind[];

/** What replaces each identifier in a log line: visible, so a reader knows something was there. */
export const redactionMarkers: Record<RedactionKind, string> = {
  nhsNumber: '[NHS number]',
  dateOfBirth: '[date of birth]',
  postcode: '[postcode]',
  email: '[email]',
  phone: '[phone number]',
  secret: '[REDACTED]',
};

/**
 * On by default for what identifies a patient on its own or nearly so (NHS number, date of birth,
 * postcode); email addresses and phone numbers are options, because bots print the clinic's own
 * addresses and numbers often and patients' rarely.
 */
export const defaultRedactionSettings: RedactionSettings = { nhsNumber: true, dateOfBirth: true, postcode: true, email: false, phone: false };

/** Days a run's log, artifacts and the diagnostic logs are kept, unless a profile or the policy says otherwise. */
export const defaultRetentionDays = 30;

export const maxRetentionDays = 3650;

export const dayMs = 24 * 60 * 60 * 1000;
