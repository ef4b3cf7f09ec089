import { posix, win32 } from 'node:path';
import { z } from 'zod';
import { httpsOnly, isSecureOrLoopback } from '../config/profile.js';
import { lockedDownPatientDataPolicy, patientDataPolicySchema } from './patient-data-policy.js';
import { auditForwardingPolicySchema, companyAccessPolicySchema } from './audit-policy.js';
import { lockedDownSupervision, supervisionPolicySchema } from './supervision-policy.js';
import { fleetPolicySchema, lockedDownFleet } from './fleet-policy.js';

/**
 * The machine-wide policy an administrator writes (docs/providers.md, "For administrators"). It is
 * read-only to the app: nothing in RPA Supervisor writes it, and a user's own settings can never
 * loosen it. Each section is optional; an absent section means "no restriction beyond the app's
 * own defaults". A file that fails this schema locks the app down (see `lockedDownPolicy`).
 */
export const machinePolicySchema = z
  .object({
    version: z.literal(1),
    /**
     * Turns on the Local sandbox and the demo bots in a packaged production build. Development
     * builds and the browser host have them on unless this says `false`.
     */
    demoMode: z.boolean().optional(),
    /**
     * Provider profiles the administrator manages. They are shown locked: users can sign in with
     * them but cannot edit or delete them, and a user profile can never take one's id. Validated
     * field by field like an imported profile when the policy is loaded.
     */
    profiles: z.array(z.record(z.string(), z.unknown())).max(50).default([]),
    /** False: users cannot add, edit, import or delete profiles of their own. */
    allowUserProfiles: z.boolean().default(true),
    bots: z
      .object({
        /**
         * Absolute folders bots may be loaded from. The bots folder preference must be one of
         * them (or inside one); absent means any folder the user chooses.
         */
        allowedFolders: z
          .array(
            z
              .string()
              .min(1)
              .max(4096)
              .refine((folder) => posix.isAbsolute(folder) || win32.isAbsolute(folder), 'must be an absolute path'),
          )
          .min(1)
          .max(20)
          .optional(),
        /** False: bots whose manifest asks for `tokenDelivery: "env"` are refused at start. */
        allowEnvTokenDelivery: z.boolean().default(true),
      })
      .strict()
      .default({ allowEnvTokenDelivery: true }),
    updates: z
      .object({
        /** A generic electron-updater feed (https). Without it the app never looks for updates. */
        feedUrl: z.url({ protocol: /^https?$/ }).refine(isSecureOrLoopback, httpsOnly),
      })
      .strict()
      .optional(),
    /** Patient-identifier redaction forced on, screenshots, and the retention period (patient-data-policy.ts). */
    patientData: patientDataPolicySchema.optional(),
    auditForwarding: auditForwardingPolicySchema.optional(),
    companyAccess: companyAccessPolicySchema.optional(),
    /** Presence, attestation and approvals (app/policy/supervision-policy.ts). */
    supervision: supervisionPolicySchema.optional(),
    /** Fleet mode: bots on worker hosts through Redis (app/policy/fleet-policy.ts); absent is single-machine mode. */
    fleet: fleetPolicySchema.optional(),
  })
  .strict();

export type MachinePolicy = z.infer<typeof machinePolicySchema>;

/**
 * No policy file: the app's own defaults, as the schema fills them in for `{ "version": 1 }`
 * (read-machine-policy.test.ts holds the two equal). Written out rather than parsed at import,
 * which would compile the whole schema's parser on every start without a policy file.
 */
export const defaultMachinePolicy: MachinePolicy = { version: 1, profiles: [], allowUserProfiles: true, bots: { allowEnvTokenDelivery: true } };

/**
 * What applies when a policy file exists but cannot be trusted (unreadable, invalid, or writable
 * by the user, S56): the most restrictive setting of every section. An administrator meant to
 * restrict this machine, so guessing in the permissive direction would be the unsafe mistake.
 */
export const lockedDownPolicy: MachinePolicy = {
  version: 1,
  demoMode: false,
  profiles: [],
  allowUserProfiles: false,
  bots: { allowEnvTokenDelivery: false },
  patientData: lockedDownPatientDataPolicy,
  // No forwarding target can be guessed; the user's own setting, if any, still applies.
  companyAccess: { admins: [] },
  supervision: lockedDownSupervision,
  fleet: lockedDownFleet,
};
