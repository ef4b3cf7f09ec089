import { z } from 'zod';

const personSchema = z.object({ subject: z.string(), name: z.string().optional() });

export const associationSchema = z.object({
  profileId: z.string().min(1),
  companyId: z.string().min(1).max(200),
  connectedBy: personSchema,
  connectedAt: z.number(),
  /** The HCSS account whose sign-in proved the company's consent, when it was not `connectedBy`'s own. */
  verifiedBy: personSchema.optional(),
  /** Others who connected the same company later, each with a sign-in of their own: they may use it too. */
  alsoConnectedBy: z.array(personSchema.extend({ connectedAt: z.number(), verifiedBy: personSchema.optional() })).optional(),
});

export type CompanyAssociation = z.infer<typeof associationSchema>;
export type CompanyPerson = z.infer<typeof personSchema>;

/** One person's connection of a company: who may use it, when, and which HCSS sign-in proved it. */
export interface CompanyConnection {
  person: CompanyPerson;
  at: number;
  /** Set when the proving sign-in was another HCSS account than `person`'s own session. */
  verifiedBy?: CompanyPerson;
}

/**
 * The association after `connection`: a new one, the same person's connection renewed, or a
 * second person added. A colleague connecting a company the manager connected must not take it
 * from the manager (each would lock the other out at every reconnect), so people are added,
 * never replaced; the first stays `connectedBy`, and Remove takes the company away from all.
 */
export function withConnection(previous: CompanyAssociation | undefined, ids: { profileId: string; companyId: string }, connection: CompanyConnection): CompanyAssociation {
  const { person, at, verifiedBy } = connection;
  const proof = verifiedBy ? { verifiedBy } : {};
  if (!previous || previous.connectedBy.subject === person.subject) {
    const { verifiedBy: _old, ...rest } = previous ?? { ...ids, connectedBy: person, connectedAt: at };
    return { ...rest, connectedBy: person, connectedAt: at, ...proof };
  }
  const others = (previous.alsoConnectedBy ?? []).filter((other) => other.subject !== person.subject);
  return { ...previous, alsoConnectedBy: [...others, { ...person, connectedAt: at, ...proof }] };
}

/** Whether `subject`'s session may use the company: anyone who connected it. */
export function mayUseCompany(association: CompanyAssociation, subject: string): boolean {
  return association.connectedBy.subject === subject || (association.alsoConnectedBy ?? []).some((other) => other.subject === subject);
}
