import { randomBytes } from 'node:crypto';
import type { BotManifest } from '../bots/bot-manifest.js';
import type { RunPriority, RunView } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { RemoteRunsDeps } from './remote-runs.js';
import { fleetTicket, type RemoteRun } from './remote-run.js';

/**
 * A run asked for on a worker, once the local start policy and the queue's room allow it: its id,
 * the ticket a worker claims, its first view (stored, so it shows at once) and its log. It waits
 * for the approval until RemoteRuns sends it on.
 */
export function newRemoteRun(
  deps: Pick<RemoteRunsDeps, 'policy' | 'queue' | 'clock' | 'supervisorOf' | 'logs' | 'history'>,
  request: { bot: BotManifest; pool: string; priority?: RunPriority | undefined; liveForBot: number; waiting: number },
): RemoteRun {
  const { bot, pool, priority } = request;
  const blocked = deps.policy.blocker(bot, request.liveForBot);
  if (blocked) throw blocked;
  if (request.waiting >= deps.queue.maxQueuedRuns) throw supervisorError('run_queue_full', deps.queue.maxQueuedRuns);
  const now = deps.clock.now();
  const id = `run-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
  const supervisor = deps.supervisorOf(bot.profileId);
  const ticket = fleetTicket({ id, at: now, bot, pool, supervisor, redaction: deps.logs.redactionOf(bot.profileId), ...(priority ? { priority } : {}) });
  const view: RunView = { id, botId: bot.id, botName: bot.name, profileId: bot.profileId, status: 'queued', startedAt: now, pool, ...(supervisor ? { supervisor } : {}) };
  deps.history.upsert(view);
  return { view, bot, ticket, log: deps.logs.open(id, bot.profileId), phase: 'approval', started: false };
}
