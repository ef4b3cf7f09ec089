import { z } from 'zod';

/**
 * `auditForwarding`: the clinic's syslog collector. When the policy sets it, Settings shows it
 * read-only and users cannot switch forwarding off or point it elsewhere.
 */
export const auditForwardingPolicySchema = z
  .object({
    host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address'),
    port: z.number().int().min(1).max(65535),
    /** TLS (RFC 5425) unless the collector is on a trusted network segment. */
    tls: z.boolean().default(true),
    /** Extra CA certificates (PEM) for the collector's certificate. */
    ca: z.string().max(65536).optional(),
  })
  .strict();

/**
 * `companyAccess`: who may use HCSS companies other people connected. By default a company's
 * tokens are served only to the session of the person who connected it (S67).
 */
export const companyAccessPolicySchema = z
  .object({
    /** Subjects (the `sub` claim) served every company connected on this machine. */
    admins: z.array(z.string().min(1).max(200)).max(100).default([]),
  })
  .strict();
