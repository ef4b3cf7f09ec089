import { describe, expect, it } from 'vitest';
import type { BotView, ErrorView } from '../../app/common/contract.js';
import { groupBlockedReasons } from './group-blocked-reasons.js';

const expired: ErrorView = { code: 'session_expired', message: 'Your session for Local sandbox has expired. Re-authenticate to continue.' };
const otherExpired: ErrorView = { code: 'session_expired', message: 'Your session for Healthcode has expired. Re-authenticate to continue.' };
const tooLong: ErrorView = { code: 'run_would_outlast_token', message: 'This bot is expected to run longer than your sign-in has left (1 minute). Re-authenticate first, then start it.' };
const running: ErrorView = { code: 'bot_already_running', message: 'Claims is already running once, which is its limit. Wait for it to finish or stop it first.' };

function bot(id: string, startBlockedReason?: ErrorView, profileId = 'sandbox'): BotView {
  return { id, name: id, description: '', profileId, tokenDelivery: 'broker', ...(startBlockedReason ? { startBlockedReason } : {}) };
}

describe('groupBlockedReasons', () => {
  it('says a reason every bot shares once, naming the bots, and nothing on the cards', () => {
    const grouped = groupBlockedReasons([bot('a', expired), bot('b', expired), bot('c', expired)]);
    expect(grouped.shared).toEqual([{ reason: expired, botIds: ['a', 'b', 'c'], profileId: 'sandbox' }]);
    expect(grouped.own.size).toBe(0);
  });

  it('keeps a reason only one bot has on that bot’s card', () => {
    const grouped = groupBlockedReasons([bot('a', expired), bot('b', expired), bot('long', tooLong), bot('free')]);
    expect(grouped.shared.map((s) => s.botIds)).toEqual([['a', 'b']]);
    expect([...grouped.own]).toEqual([['long', tooLong]]);
  });

  it('treats the same code with different words (another profile) as different reasons', () => {
    const grouped = groupBlockedReasons([bot('a', expired), bot('b', otherExpired, 'healthcode')]);
    expect(grouped.shared).toEqual([]);
    expect([...grouped.own.keys()]).toEqual(['a', 'b']);
  });

  it('names the profile only when every bot in a group signs in with it', () => {
    const notSignedIn: ErrorView = { code: 'unknown_company', message: 'The company 7 is not connected to Partner. Connect it first with "Connect a company".' };
    const grouped = groupBlockedReasons([bot('a', notSignedIn, 'p1'), bot('b', notSignedIn, 'p2')]);
    expect(grouped.shared[0]?.profileId).toBeUndefined();
  });

  it('gives a healthy running bot no warning at all, even when several run', () => {
    const grouped = groupBlockedReasons([bot('a', running), bot('b', { ...running, message: running.message.replace('Claims', 'B') }), bot('c')]);
    expect(grouped.shared).toEqual([]);
    expect(grouped.own.size).toBe(0);
    expect([...grouped.quiet.keys()]).toEqual(['a', 'b']);
  });

  it('is empty when every bot may start', () => {
    const grouped = groupBlockedReasons([bot('a'), bot('b')]);
    expect(grouped).toEqual({ shared: [], own: new Map(), quiet: new Map() });
  });
});
