import { createHash, timingSafeEqual } from 'node:crypto';

/** A person who can sign in to the Local sandbox. Passwords are demo values, never real secrets. */
export interface SandboxUser {
  username: string;
  password: string;
  subject: string;
  name: string;
  /** When set, the user's access tokens carry a `CompanyId` claim, as HCSS partner tokens do. */
  companyId?: string;
}

/** The documented demo sign-in for the Local sandbox: username `demo`, password `demo-password`. */
export const demoUser: SandboxUser = Object.freeze({
  username: 'demo',
  password: 'demo-password',
  subject: 'demo-user-0001',
  name: 'Dr Demo Supervisor',
  companyId: 'demo-clinic-1001',
});

/**
 * The same manager's HCSS account at the practice group's second clinic. An HCSS sign-in names
 * one company (one `CompanyId` claim), so a person who looks after two HCSS companies has an
 * account in each, and connects the second with this one.
 */
export const demoSecondClinicUser: SandboxUser = Object.freeze({
  username: 'demo-1002',
  password: 'demo-password',
  subject: 'demo-user-1002',
  name: 'Dr Demo Supervisor',
  companyId: 'demo-clinic-1002',
});

/** A second supervisor at the first clinic, with an HCSS account of her own. */
export const demoColleagueUser: SandboxUser = Object.freeze({
  username: 'colleague',
  password: 'colleague-password',
  subject: 'colleague-0003',
  name: 'Nurse Demo Colleague',
  companyId: 'demo-clinic-1001',
});

/** The accounts of the Local sandbox (HCSS partner): a practice group with two clinics. */
export const partnerDemoUsers: readonly SandboxUser[] = Object.freeze([demoUser, demoSecondClinicUser, demoColleagueUser]);

/** A documented demo sign-in the login page may show. */
export interface DemoSignInHint {
  username: string;
  password: string;
  /** Shown only when the page lists several accounts, so each says which company it signs in to. */
  companyId?: string;
}

/** The documented demo accounts present among `users`, with unchanged passwords, in that order. */
export function demoSignInHints(users: readonly SandboxUser[]): DemoSignInHint[] {
  const documented = users.filter((user) => partnerDemoUsers.some((demo) => demo.username === user.username && demo.password === user.password));
  return documented.map(({ username, password, companyId }) => ({ username, password, ...(documented.length > 1 && companyId !== undefined ? { companyId } : {}) }));
}

/** Looks up sandbox users and checks their passwords. */
export class SandboxAccounts {
  private readonly byUsername = new Map<string, SandboxUser>();
  private readonly bySubject = new Map<string, SandboxUser>();

  constructor(users: readonly SandboxUser[]) {
    if (users.length === 0) throw new Error('The sandbox needs at least one user.');
    for (const user of users) {
      if (this.byUsername.has(user.username) || this.bySubject.has(user.subject)) {
        throw new Error(`Sandbox user "${user.username}" is listed twice (same username or subject).`);
      }
      this.byUsername.set(user.username, user);
      this.bySubject.set(user.subject, user);
    }
  }

  /** Returns the user only when both the username and the password match. */
  authenticate(username: string, password: string): SandboxUser | undefined {
    const user = this.byUsername.get(username);
    // Compare digests so that the comparison is constant-time whatever the password lengths.
    const expected = digest(user?.password ?? '');
    const matches = timingSafeEqual(expected, digest(password));
    return user && matches ? user : undefined;
  }

  findBySubject(subject: string): SandboxUser | undefined {
    return this.bySubject.get(subject);
  }

  /** Companies a partner client may ask for tokens for with the `company` grant. */
  companyIds(): Set<string> {
    const ids = new Set<string>();
    for (const user of this.bySubject.values()) if (user.companyId) ids.add(user.companyId);
    return ids;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
