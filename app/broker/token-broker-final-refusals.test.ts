import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionAccess, TokenGrant } from '../bots/session-access.js';
import { ListenerSet } from '../common/listener-set.js';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { SupervisionGate, SupervisionHold } from './supervision-gate.js';
import { TokenBroker } from './token-broker.js';

/**
 * Refusals that waiting cannot cure (a run the supervisor refused, a company removed in
 * Settings) are answered at once, whether they arrive while a request is parked (S87) or when a
 * request with `waitMs` comes in after the fact (S97). The clock is manual, so a request the broker
 * parks stays parked: nothing but the broker's own decision answers it.
 */
let clock: FakeClock;
let grant: TokenGrant;
let hold: SupervisionHold | undefined;
let broker: TokenBroker;
const sessionChanges = new ListenerSet<string>();

const sessions: SessionAccess = {
  tokenFor: () => grant,
  onDidChange: (listener) => sessionChanges.add(listener),
};
const gate: SupervisionGate = {
  hold: () => hold,
  checkpoint: () => 'continue',
  ask: () => undefined,
  onDidChange: () => ({ dispose: () => undefined }),
};

beforeEach(async () => {
  clock = new FakeClock();
  hold = undefined;
  grant = { ok: true, accessToken: 'company-token-0123456789', expiresAt: clock.now() + 3_600_000, profileId: 'hcss', company: 'c-1', supervisor: { subject: 'u1' } };
  broker = new TokenBroker({ sessions, clock, logger: nullLogger, gate });
  await broker.start();
});

afterEach(async () => {
  await broker.close();
});

/** Asks with a long `waitMs`; resolves with the status and code, and whether the broker parked it. */
async function askWaiting(secret: string): Promise<{ status: number; error: unknown; parked: boolean }> {
  let answered = false;
  const reply = fetch(`${broker.url}/v1/token?waitMs=60000`, { headers: { authorization: `RunSecret ${secret}` } }).then(async (response) => {
    answered = true;
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  });
  await vi.waitFor(() => expect(answered || broker.waitingCount > 0).toBe(true), { timeout: 5000, interval: 5 });
  const parked = broker.waitingCount > 0;
  // A parked request is let go by its bound, so the test ends either way.
  if (parked) clock.advance(60_000);
  const { status, body } = await reply;
  return { status, error: body.error, parked };
}

describe('TokenBroker: refusals that waiting cannot cure', () => {
  it('S97 a request with waitMs after the company was removed is answered company_not_connected at once, not parked', async () => {
    const secret = broker.registerRun('run-1', 'hcss', 'c-1');
    grant = { ok: false, code: 'company_not_connected', message: 'Company c-1 is not connected to HCSS.' };
    const parkedFor: string[] = [];
    broker.onDidParkChange((runId) => parkedFor.push(runId));
    expect(await askWaiting(secret)).toEqual({ status: 403, error: 'company_not_connected', parked: false });
    // The run never shows "waiting for the company" for a company that is gone.
    expect(parkedFor).toEqual([]);
  });

  it('S97 a request with waitMs from a run the supervisor refused is answered run_refused at once, not parked', async () => {
    const secret = broker.registerRun('run-1', 'hcss', 'c-1');
    hold = 'run_refused';
    expect(await askWaiting(secret)).toEqual({ status: 403, error: 'run_refused', parked: false });
    expect(broker.parkedReason('run-1')).toBeUndefined();
  });

  it('a request with waitMs still waits out what can change: the company token on its way', async () => {
    const secret = broker.registerRun('run-1', 'hcss', 'c-1');
    grant = { ok: false, code: 'company_token_pending', message: 'The token for company c-1 is on its way.' };
    expect(await askWaiting(secret)).toEqual({ status: 503, error: 'company_token_pending', parked: true });
  });
});
