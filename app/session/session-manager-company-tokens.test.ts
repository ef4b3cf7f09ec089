import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../ports/secret-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { SessionManager } from './session-manager.js';
import { issuer, session } from './test-support/session-manager-fixture.js';

/** A company token is only as good as the user session it was granted under. */
describe('SessionManager company tokens', () => {
  it('serves a company token only while the user session is live, and passes denials through', async () => {
    const clock = new FakeClock();
    const companyTokens = {
      tokenFor: (_p: string, companyId: string) =>
        companyId === 'c1'
          ? { ok: true as const, accessToken: 'company-token', expiresAt: clock.now() + 3_600_000 }
          : { ok: false as const, code: 'company_not_connected' as const, message: 'not connected' },
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const manager = new SessionManager({
      clock,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      notifier: { notify: () => undefined },
      secrets: new MemorySecretStore(),
      profiles: { get: () => ({ name: 'HCSS', warningMinutes: [60, 15, 5], issuer }) },
      companyTokens,
    });
    expect(manager.tokenFor('sandbox', 0, 'c1')).toMatchObject({ ok: false, code: 'signed_out' });
    await manager.establish(session(clock));
    expect(manager.tokenFor('sandbox', 0, 'c1')).toMatchObject({ ok: true, accessToken: 'company-token', company: 'c1', supervisor: { subject: 'demo' } });
    expect(manager.tokenFor('sandbox', 0, 'c2')).toMatchObject({ ok: false, code: 'company_not_connected', message: 'not connected' });
    clock.advance(86_400_000);
    expect(manager.tokenFor('sandbox', 0, 'c1')).toMatchObject({ ok: false, code: 'session_expired' });
  });
});
