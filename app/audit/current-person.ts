import { userInfo } from 'node:os';
import type { UserView } from '../common/contract.js';

/**
 * Who is at the app when a person acts (a settings change, an export): the signed-in user of the
 * first profile with a live session, else the computer account, marked as such, so every record
 * still names someone an auditor can follow up.
 */
export function currentPerson(
  sessions: { session(profileId: string): { subject: string; name?: string } | undefined },
  profileIds: readonly string[],
  accountName: () => string = safeAccountName,
): UserView {
  for (const profileId of profileIds) {
    const session = sessions.session(profileId);
    if (session) return { subject: session.subject, ...(session.name === undefined ? {} : { name: session.name }) };
  }
  const account = accountName();
  return { subject: `os:${account}`, name: `${account} (computer account; nobody signed in)` };
}

function safeAccountName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
