import { z } from 'zod';
import { maxRetentionDays, patientIdentifierKinds, type PatientIdentifierKind, type RedactionSettings } from '../common/patient-data.js';
import type { PatientDataPolicyView } from '../common/views.js';

/**
 * The machine policy's `patientData` section: what an administrator forces about patient data for
 * every profile on this computer. A profile can always be stricter than the policy, never looser.
 */
export const patientDataPolicySchema = z
  .object({
    /** Identifier kinds redacted from every profile's bot output, whatever the profile says. */
    forceRedaction: z.array(z.enum(patientIdentifierKinds)).max(patientIdentifierKinds.length).optional(),
    /** `never`: no bot may attach screenshots; `always`: every profile's bots may; `profile` (default): each profile decides. */
    screenshots: z.enum(['never', 'profile', 'always']).optional(),
    /** Days run logs, run artifacts and diagnostic logs are kept, for every profile. */
    retentionDays: z.number().int().min(1).max(maxRetentionDays).optional(),
  })
  .strict();

export type PatientDataPolicy = z.infer<typeof patientDataPolicySchema>;

/** The strictest section, for a policy file that cannot be trusted: redact everything, no screenshots. */
export const lockedDownPatientDataPolicy: PatientDataPolicy = { forceRedaction: [...patientIdentifierKinds], screenshots: 'never' };

/** What a profile's runs actually get: the profile's own settings with the policy applied on top. */
export interface EffectivePatientData {
  redaction: RedactionSettings;
  screenshots: boolean;
  retentionDays: number;
}

export function effectivePatientData(
  profile: { redaction: RedactionSettings; screenshots: boolean; retentionDays: number },
  policy: PatientDataPolicy | undefined,
): EffectivePatientData {
  const redaction = { ...profile.redaction };
  for (const kind of policy?.forceRedaction ?? []) redaction[kind] = true;
  const screenshots = policy?.screenshots === 'never' ? false : policy?.screenshots === 'always' ? true : profile.screenshots;
  return { redaction, screenshots, retentionDays: policy?.retentionDays ?? profile.retentionDays };
}

/** What the page shows about the section (switches the policy decides are disabled, with the reason). */
export function patientDataPolicyView(policy: PatientDataPolicy | undefined): PatientDataPolicyView | undefined {
  if (!policy || (policy.forceRedaction === undefined && policy.screenshots === undefined && policy.retentionDays === undefined)) return undefined;
  const forcedRedaction: PatientIdentifierKind[] = [...(policy.forceRedaction ?? [])];
  return { forcedRedaction, screenshots: policy.screenshots ?? 'profile', ...(policy.retentionDays === undefined ? {} : { retentionDays: policy.retentionDays }) };
}
