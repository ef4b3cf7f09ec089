import type { BotView, ErrorView } from '../../app/common/contract.js';
import type { ErrorCode } from '../../app/common/error-catalogue.js';

/** A reason two or more bots share: said once, above the bots, instead of on every card. */
export interface SharedBlockedReason {
  reason: ErrorView;
  /** The bots it holds back, in list order. */
  botIds: string[];
  /** The profile of those bots when they all sign in with one (so one button can fix it). */
  profileId: string | undefined;
}

export interface BlockedReasons {
  shared: SharedBlockedReason[];
  /** Bots whose reason is theirs alone: the card says it. */
  own: ReadonlyMap<string, ErrorView>;
  /** Bots whose Start is held back by their own healthy state (already running): no warning. */
  quiet: ReadonlyMap<string, ErrorView>;
}

/**
 * Reasons that are not a problem: a bot already running as often as it may is healthy, and its
 * status and Stop button say so. Start is still disabled, described by the reason for screen
 * readers, but nothing on the card warns.
 */
const quietCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['bot_already_running']);

/**
 * Sorts bots' start-blocked reasons: one shared note per reason that two or more bots have (same
 * code and same words), per-card notes only where a bot's reason differs from the others', and
 * no warning at all for a healthy running bot. So an expired session reads once, with one
 * Re-authenticate, not once per bot.
 */
export function groupBlockedReasons(bots: readonly BotView[]): BlockedReasons {
  const byKey = new Map<string, { reason: ErrorView; bots: BotView[] }>();
  const quiet = new Map<string, ErrorView>();
  for (const bot of bots) {
    const reason = bot.startBlockedReason;
    if (!reason) continue;
    if (quietCodes.has(reason.code)) {
      quiet.set(bot.id, reason);
      continue;
    }
    const key = `${reason.code}\n${reason.message}`;
    const group = byKey.get(key);
    if (group) group.bots.push(bot);
    else byKey.set(key, { reason, bots: [bot] });
  }
  const shared: SharedBlockedReason[] = [];
  const own = new Map<string, ErrorView>();
  for (const { reason, bots: holding } of byKey.values()) {
    if (holding.length === 1) {
      const [only] = holding;
      if (only) own.set(only.id, reason);
      continue;
    }
    const profiles = new Set(holding.map((bot) => bot.profileId));
    shared.push({ reason, botIds: holding.map((bot) => bot.id), profileId: profiles.size === 1 ? holding[0]?.profileId : undefined });
  }
  return { shared, own, quiet };
}
