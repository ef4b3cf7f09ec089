import type { RedactionCounts, RedactionSettings } from '../common/patient-data.js';
import { PatientRedactor } from '../bots/patient-redactor.js';
import type { Redactor } from '../bots/redactor.js';

/** A text file a bot attached, redacted as its log lines are: secrets first, then patient identifiers. */
export function redactArtifactText(text: string, redactor: Redactor, settings: RedactionSettings): { text: string; redactions: RedactionCounts } {
  const counter = { secret: 0 };
  const patient = new PatientRedactor(settings);
  const redacted = text
    .split('\n')
    .map((line) => patient.redact(redactor.redact(line, counter)))
    .join('\n');
  const redactions: RedactionCounts = { ...patient.counts() };
  if (counter.secret > 0) redactions.secret = counter.secret;
  return { text: redacted, redactions };
}
