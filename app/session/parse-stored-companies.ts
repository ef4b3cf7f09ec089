import { z } from 'zod';
import { associationSchema, type CompanyAssociation } from './company-people.js';

const storedSchema = z.object({ schemaVersion: z.literal(1), companies: z.array(z.unknown()) });

/**
 * The stored company connections: the valid ones, and the invalid ones named ("company c2 of
 * hcss", else "entry 2"). `undefined` when the value as a whole is unreadable (another version,
 * not a list). One bad entry must not disconnect a clinic's other companies.
 */
export function parseStoredCompanies(raw: unknown): { companies: CompanyAssociation[]; dropped: string[] } | undefined {
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const companies: CompanyAssociation[] = [];
  const dropped: string[] = [];
  parsed.data.companies.forEach((entry, index) => {
    const association = associationSchema.safeParse(entry);
    if (association.success) companies.push(association.data);
    else dropped.push(nameOf(entry, index));
  });
  return { companies, dropped };
}

function nameOf(entry: unknown, index: number): string {
  const { companyId, profileId } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  if (typeof companyId !== 'string' || companyId === '') return `entry ${index + 1}`;
  const company = `company ${companyId.slice(0, 200)}`;
  return typeof profileId === 'string' && profileId !== '' ? `${company} of ${profileId.slice(0, 200)}` : company;
}
