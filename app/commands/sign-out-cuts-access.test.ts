import { describe, expect, it } from 'vitest';
import type { RunView } from '../common/contract.js';
import { misbehaving, runToEnd, useRunFixture, waitForLog } from '../bots/testing/run-fixture.js';
import type { RunManager } from '../bots/run-manager.js';
import { sessionCommands, signOutProfile, type SessionCommandDeps } from './session-commands.js';

/**
 * From the moment a human ends supervision the bot loses access, even a bot that ignores SIGTERM
 * and so lives on for the whole stop grace (S29). The real RunManager, broker and bot process;
 * the session end itself is the fake session access signing out.
 */
const fixture = useRunFixture();
const stopGraceMs = 4_000;

function commandDeps(manager: RunManager): SessionCommandDeps {
  return {
    profiles: { get: (id: string) => (id === 'sandbox' ? { id } : undefined), list: () => [{ id: 'sandbox' }] },
    signIn: { cancel: () => undefined },
    runs: manager,
    sessions: {
      session: () => undefined,
      signOut: async (profileId: string) => {
        fixture.sessions.signOut(profileId);
        return undefined;
      },
    },
    tokens: { revoke: async () => 'revoked' },
    notices: { post: () => undefined },
    person: () => ({ subject: 'demo-user', name: 'Demo User' }),
  } as unknown as SessionCommandDeps;
}

async function stubbornRun(): Promise<{ manager: RunManager; run: RunView; secret: string }> {
  const manager = fixture.newManager({ stopGraceMs });
  manager.setBots([misbehaving('hang', { env: { MISBEHAVE_IGNORE_SIGTERM: '1' } })]);
  const run = await manager.start('misbehaving-hang');
  await waitForLog(manager, run.id, /now hanging/);
  return { manager, run, secret: fixture.issuedSecrets.get(run.id) as string };
}

async function tokenAnswer(secret: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const reply = await fetch(`${fixture.broker.url}/v1/token`, { headers: { authorization: `RunSecret ${secret}` } });
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}

describe('a bot that ignores SIGTERM while supervision ends', () => {
  it('S29 from the moment Sign out is pressed it gets run_finished, not the token, while it is being stopped', async () => {
    const { manager, run, secret } = await stubbornRun();
    expect((await tokenAnswer(secret)).body.access_token).toBe(fixture.token);
    const signingOut = signOutProfile(commandDeps(manager), 'sandbox');
    await waitForLog(manager, run.id, /ignoring SIGTERM/);
    // Still alive, inside the grace (a stopping run shows as running): the session is not even ended yet.
    expect(manager.getRun(run.id)?.status).toBe('running');
    const during = await tokenAnswer(secret);
    expect(during.status).toBe(401);
    expect(during.body).toMatchObject({ error: 'run_finished' });
    expect(JSON.stringify(during.body)).not.toContain(fixture.token);
    await signingOut;
    expect(await runToEnd(manager, run)).toMatchObject({ status: 'halted', haltedBy: 'signOut' });
  });

  it('S29 Stop all and sign out: the runs end cancelled, and their access ends as the sign-out starts, not after the grace', async () => {
    const { manager, run, secret } = await stubbornRun();
    const stopping = sessionCommands(commandDeps(manager)).stopAll({ signOut: true });
    await waitForLog(manager, run.id, /ignoring SIGTERM/);
    expect(manager.getRun(run.id)?.status).toBe('running');
    const during = await tokenAnswer(secret);
    expect(during.status).toBe(401);
    expect(during.body).toMatchObject({ error: 'run_finished' });
    await stopping;
    expect(await runToEnd(manager, run)).toMatchObject({ status: 'cancelled' });
  });

  it('a plain Stop keeps the secret through the grace, so a bot winding down can still attach what it did', async () => {
    const { manager, run, secret } = await stubbornRun();
    const stopping = manager.stop(run.id, 'Stopped by the operator.');
    await waitForLog(manager, run.id, /ignoring SIGTERM/);
    expect(manager.getRun(run.id)?.status).toBe('running');
    expect((await tokenAnswer(secret)).body.access_token).toBe(fixture.token);
    await stopping;
    expect(await runToEnd(manager, run)).toMatchObject({ status: 'cancelled' });
    expect((await tokenAnswer(secret)).status).toBe(401);
  });
});
