import type { ErrorView } from '../common/contract.js';
import { listInWords } from '../common/list-in-words.js';
import type { CompanyAssociation, CompanyRefusal } from '../session/company-connections.js';
import type { AuditEvent } from './audit-record.js';

/** The audit records of HCSS company links: who connected a company, and every refusal (S67). */
export function companyAuditRecords(audit: { record(event: AuditEvent): void }): {
  onRefused(refusal: CompanyRefusal): void;
  onConnected(connection: Pick<CompanyAssociation, 'profileId' | 'companyId' | 'connectedBy' | 'verifiedBy'>): void;
  onTokenRefused(refusal: { association: CompanyAssociation; error: ErrorView }): void;
} {
  return {
    // Everyone who connected it, as the refused person is told; unlike the message, never shortened to "N others".
    onRefused: ({ profileId, companyId, requester, owner, others = [] }) =>
      audit.record({
        type: 'companyRefused',
        actor: requester,
        profileId,
        company: companyId,
        detail: `Refused the company's token: it was connected by ${listInWords([owner, ...others].map((person) => `${person.name ?? person.subject} (${person.subject})`))}.`,
      }),
    onConnected: ({ profileId, companyId, connectedBy, verifiedBy }) => {
      const proof = verifiedBy ? ` The company's consent was verified with the HCSS sign-in of ${verifiedBy.name ?? verifiedBy.subject} (${verifiedBy.subject}); this person stayed signed in.` : '';
      audit.record({ type: 'companyConnected', actor: connectedBy, profileId, company: companyId, detail: `Company ${companyId} connected; its tokens are served to this person's sessions (and to others who connect it with their own sign-in).${proof}` });
    },
    // Once per kind of refusal, not per retry; the person's own session is untouched by it.
    onTokenRefused: ({ association: { profileId, companyId, connectedBy }, error }) =>
      audit.record({ type: 'companyTokenRefused', actor: connectedBy, profileId, company: companyId, detail: `${error.code}: ${error.message}` }),
  };
}
