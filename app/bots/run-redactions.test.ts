import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListenerSet } from '../common/listener-set.js';
import { Redactor } from './redactor.js';
import { RunRedactions } from './run-redactions.js';
import type { SessionAccess, TokenGrant } from './session-access.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';
import { hour, logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

const fixture = useRunFixture();

const newToken = () => `tok_${randomBytes(24).toString('base64url')}`;

describe('RunRedactions with real bots', () => {
  it('S44 a printed token and run secret are redacted in the buffer and the file', async () => {
    const { token, issuedSecrets, dataDir } = fixture;
    const manager = fixture.newManager();
    manager.setBots([misbehaving('print-token'), misbehaving('print-token', { id: 'env-printer', tokenDelivery: 'env' })]);
    for (const botId of ['misbehaving-print-token', 'env-printer']) {
      const ended = await runToEnd(manager, await manager.start(botId));
      expect(ended.status).toBe('succeeded');
      const text = logText(manager, ended.id);
      const file = await readFile(join(dataDir, 'logs', `${ended.id}.log`), 'utf8');
      const secret = issuedSecrets.get(ended.id) as string;
      for (const captured of [text, file]) {
        expect(captured).not.toContain(token);
        expect(captured).not.toContain(token.slice(10));
        expect(captured).not.toContain(secret);
        expect(captured).toContain('broker token: [REDACTED]');
        expect(captured).toContain('secret on stderr: [REDACTED]');
      }
      if (botId === 'env-printer') expect(text).toContain('env token: [REDACTED]');
    }
  });

  it('also redacts a token swapped in by re-authentication while the run is live', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('hang')]);
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /now hanging/);
    const swapped = newToken();
    fixture.sessions.signIn('sandbox', { accessToken: swapped, expiresAt: Date.now() + hour });
    // A supervisor-side line mentioning it goes through the same redaction path as bot output.
    await manager.stop(run.id, `reason mentioning ${swapped}`);
    expect(logText(manager, run.id)).not.toContain(swapped);
    expect(manager.listRuns()[0]?.reason).toBe('reason mentioning [REDACTED]');
  });
});

describe('RunRedactions bookkeeping', () => {
  function setUp() {
    const redactor = new Redactor();
    const sessions = new FakeSessionAccess();
    const redactions = new RunRedactions({ redactor, sessions });
    return { redactor, sessions, redactions };
  }

  it('keeps a run secret until its run is released, and a profile\'s tokens until its last run is', () => {
    const { redactor, redactions } = setUp();
    const [secretA, secretB, token] = [newToken(), newToken(), newToken()];
    redactions.add('run-a', 'p', undefined);
    redactions.add('run-b', 'p', undefined);
    redactions.addRunSecret('run-a', secretA);
    redactions.addRunSecret('run-b', secretB);
    redactions.trackToken('p', token);
    expect(redactor.redact(`${secretA} ${secretB} ${token}`)).toBe('[REDACTED] [REDACTED] [REDACTED]');

    redactions.release('run-a');
    expect(redactor.redact(`${secretA} ${secretB} ${token}`)).toBe(`${secretA} [REDACTED] [REDACTED]`);
    redactions.release('run-b');
    expect(redactor.redact(`${secretB} ${token}`)).toBe(`${secretB} ${token}`);
    expect(redactor.size).toBe(0);
  });

  it('tracks a re-authenticated token, and its live runs\' company tokens, only for profiles with live runs', () => {
    const redactor = new Redactor();
    const changes = new ListenerSet<string>();
    const served = new Map<string, string>();
    const grant = (accessToken: string): TokenGrant => ({ ok: true, accessToken, expiresAt: Date.now() + hour, profileId: 'p', supervisor: { subject: 's' } });
    const sessions: SessionAccess = {
      tokenFor: (profileId, _minValidityMs, company) => {
        const token = served.get(company === undefined ? profileId : `${profileId}/${company}`);
        return token === undefined ? { ok: false, code: 'signed_out', message: 'no' } : grant(token);
      },
      onDidChange: (listener) => changes.add(listener),
    };
    const redactions = new RunRedactions({ redactor, sessions });
    const [idle, swapped, company1, company2] = [newToken(), newToken(), newToken(), newToken()];
    served.set('idle-profile', idle);
    changes.emit('idle-profile');
    expect(redactor.redact(idle)).toBe(idle);

    redactions.add('run-a', 'p', 'company-1');
    served.set('p', swapped);
    served.set('p/company-1', company1);
    served.set('p/company-2', company2);
    changes.emit('p');
    expect(redactor.redact(`${swapped} ${company1} ${company2}`)).toBe(`[REDACTED] [REDACTED] ${company2}`);
    redactions.release('run-a');
    expect(redactor.redact(`${swapped} ${company1}`)).toBe(`${swapped} ${company1}`);
    redactions.dispose();
  });

  it('forgets the oldest of more than eight tokens per profile', () => {
    const { redactor, redactions } = setUp();
    redactions.add('run-a', 'p', undefined);
    const tokens = Array.from({ length: 9 }, newToken);
    for (const token of tokens) redactions.trackToken('p', token);
    expect(redactor.redact(tokens[0] as string)).toBe(tokens[0]);
    for (const token of tokens.slice(1)) expect(redactor.redact(token)).toBe('[REDACTED]');
  });

  it('drops a secret at once for a run it does not know, and everything on dispose', () => {
    const { redactor, redactions } = setUp();
    redactions.addRunSecret('run-unknown', newToken());
    expect(redactor.size).toBe(0);
    redactions.add('run-a', 'p', undefined);
    redactions.addRunSecret('run-a', newToken());
    redactions.trackToken('p', newToken());
    expect(redactor.size).toBe(2);
    redactions.dispose();
    expect(redactor.size).toBe(0);
  });
});
