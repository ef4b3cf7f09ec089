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
