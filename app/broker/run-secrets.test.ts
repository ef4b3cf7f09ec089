import { describe, expect, it } from 'vitest';
import { RunSecrets, runSecretLength } from './run-secrets.js';

describe('RunSecrets', () => {
  it('issues a fresh 32-byte base64url secret per run', () => {
    const secrets = new RunSecrets();
    const a = secrets.issue('run-a', 'p');
    const b = secrets.issue('run-b', 'p');
    expect(a).toHaveLength(runSecretLength);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(secrets.lookup(a)).toEqual({ kind: 'live', runId: 'run-a', profileId: 'p' });
  });

  it('treats missing, wrong-length, wrong-alphabet and unknown secrets as invalid without throwing', () => {
    const secrets = new RunSecrets();
    const real = secrets.issue('run-a', 'p');
    for (const presented of [undefined, '', 'short', `${real}x`, `${real.slice(0, 42)}!`, 'A'.repeat(43)]) {
      expect(secrets.lookup(presented)).toEqual({ kind: 'invalid' });
    }
  });

  it('answers finished for a revoked secret and forgets the oldest beyond the bound', () => {
    const secrets = new RunSecrets({ maxRevoked: 1 });
    const a = secrets.issue('run-a', 'p');
    const b = secrets.issue('run-b', 'p');
    expect(secrets.revoke('run-a')).toBe(true);
    expect(secrets.revoke('run-a')).toBe(false);
    expect(secrets.lookup(a)).toEqual({ kind: 'finished', runId: 'run-a' });
    secrets.revoke('run-b');
    expect(secrets.lookup(a)).toEqual({ kind: 'invalid' });
    expect(secrets.lookup(b)).toEqual({ kind: 'finished', runId: 'run-b' });
  });

  it('S34 keeps at most maxRevoked finished secrets (as many runs as the run history keeps, by default), however many runs end', () => {
    const secrets = new RunSecrets();
    const presented: string[] = [];
    for (let index = 0; index < 2500; index += 1) {
      presented.push(secrets.issue(`run-${index}`, 'p'));
      secrets.revoke(`run-${index}`);
    }
    expect(secrets.revokedCount).toBe(1000);
    expect(secrets.liveRunIds()).toEqual([]);
    expect(secrets.lookup(presented[1499])).toEqual({ kind: 'invalid' });
    expect(secrets.lookup(presented[1500])).toEqual({ kind: 'finished', runId: 'run-1500' });
    expect(secrets.lookup(presented[2499])).toEqual({ kind: 'finished', runId: 'run-2499' });
  });

  it('re-issuing for the same run revokes the previous secret', () => {
    const secrets = new RunSecrets();
    const first = secrets.issue('run-a', 'p');
    const second = secrets.issue('run-a', 'p');
    expect(secrets.lookup(first).kind).toBe('finished');
    expect(secrets.lookup(second).kind).toBe('live');
    expect(secrets.liveRunIds()).toEqual(['run-a']);
  });
});
