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

/** A person as the app's sentences name them: their name, else their subject. */
export function personName(person: UserView): string {
  return person.name ?? person.subject;
}

function safeAccountName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * Who an automatic task of the app (a retention pass on its daily timer) is recorded as. No person
 * acted, and the signed-in user did not ask for it, so naming them would mislead an auditor: the
 * record names the computer account the app runs under, marked as automatic, the same way the
 * records made while nobody is signed in name it (docs/clinical-safety.md, "Who the audit names").
 */
export function automaticActor(task: string, accountName: () => string = safeAccountName): UserView {
  const account = accountName();
  return { subject: `os:${account}`, name: `${account} (computer account; automatic ${task}, no person acted)` };
}
