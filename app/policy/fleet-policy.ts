import { z } from 'zod';

const minuteMs = 60_000;

/**
 * A worker the administrator approves in the policy file, as Settings → Workers would: the
 * fingerprint the worker printed, the name to show, the pools it may take runs of.
 */
export const policyWorkerSchema = z
  .object({
    fingerprint: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, 'must be the fingerprint the worker printed, such as 8TN4-H9VB-2D4G-YD8H'),
    name: z.string().trim().min(1).max(120),
    pools: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and dashes (at most 40)')).min(1).max(50),
  })
  .strict();

export type PolicyWorker = z.infer<typeof policyWorkerSchema>;

/**
 * The machine policy's `fleet` section (docs/fleet.md): bots on worker hosts through BullMQ on
 * Redis. Absent or `enabled: false` is single-machine mode: no Redis, nothing changes. The Redis
 * password is never here; it lives in the SecretStore under `redisPasswordSecret`.
 */
export const fleetPolicySchema = z
  .object({
    enabled: z.boolean().default(false),
    /** `rediss://` for TLS; `redis://` only on loopback or a private network the admin vouches for. */
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// address')
      .refine((url) => !/^rediss?:\/\/[^/@]*:[^/@]*@/.test(url), 'must not hold the password: store it in the secret named by fleet.redisPasswordSecret')
      .optional(),
    /** PEM file of the CA that signs the Redis server's certificate (rediss:// with a private root). */
    redisCaFile: z.string().min(1).max(4096).optional(),
    /** The SecretStore key that holds the Redis password (or ACL user:password). */
    redisPasswordSecret: z.string().min(1).max(200).optional(),
    /** How long a token lease lives in Redis unless renewed (default 120 s). */
    leaseTtlMs: z.number().int().min(5_000).max(10 * minuteMs).default(120_000),
    /** Workers whose supervisor has gone quiet (lease lapsed) hold their bots or stop them. */
    onSupervisorLost: z.enum(['wait', 'stop']).default('wait'),
    /** False: only an administrator's policy file may approve workers, not Settings → Workers. */
    allowApprovalInSettings: z.boolean().default(true),
    /** Workers approved by this file (shown read-only in Settings → Workers); taking one out revokes it. */
    approvedWorkers: z
      .array(policyWorkerSchema)
      .max(500)
      .refine((workers) => new Set(workers.map((w) => w.fingerprint)).size === workers.length, 'must list each fingerprint once')
      .optional(),
  })
  .strict()
  .refine((fleet) => !fleet.enabled || fleet.redisUrl !== undefined, { message: 'is required when the fleet is enabled', path: ['redisUrl'] });

export type FleetPolicy = z.infer<typeof fleetPolicySchema>;

/** A policy that cannot be trusted never turns fleet mode on: runs stay on this machine. */
export const lockedDownFleet: FleetPolicy = { enabled: false, leaseTtlMs: 30_000, onSupervisorLost: 'stop', allowApprovalInSettings: false };

/** Renewal cadence: a third of the TTL, so two renewals may fail before a lease lapses. */
export function leaseRenewEveryMs(policy: Pick<FleetPolicy, 'leaseTtlMs'>): number {
  return Math.floor(policy.leaseTtlMs / 3);
}
