import type { BotView, QueuedRunView, RunView } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import type { SupervisorError } from '../errors.js';
import type { BotManifest } from './bot-manifest.js';
import type { WaitingTicket } from './run-queue.js';

/** What the Overview shows of one catalogued bot: its manifest, why it may not start now, and its last run. */
export function botView(bot: BotManifest, state: { blocked: SupervisorError | undefined; lastRun: RunView | undefined; requiresApproval: boolean; removed?: boolean }): BotView {
  return {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    profileId: bot.profileId,
    ...(bot.company === undefined ? {} : { company: bot.company }),
    tokenDelivery: bot.tokenDelivery,
    ...(bot.expectedDurationMs === undefined ? {} : { expectedDurationMs: bot.expectedDurationMs }),
    priority: bot.priority ?? 'normal',
    exclusive: bot.exclusive === true,
    ...(state.requiresApproval ? { requiresApproval: true } : {}),
    ...(state.blocked ? { startBlockedReason: toErrorView(state.blocked, 'internal_error') } : {}),
    ...(state.lastRun ? { lastRun: state.lastRun } : {}),
    ...(state.removed ? { removedFromFolder: true } : {}),
  };
}

/** What the queued list shows of one waiting run, with why it waits. */
export function queuedRunView(ticket: WaitingTicket, botName: string): QueuedRunView {
  return {
    runId: ticket.runId,
    botId: ticket.botId,
    botName,
    profileId: ticket.profileId,
    priority: ticket.priority,
    exclusive: ticket.exclusive,
    enqueuedAt: ticket.enqueuedAt,
    waitingFor: ticket.waitingFor,
    ...(ticket.moved ? { moved: ticket.moved } : {}),
  };
}
