import type { ApprovalView, AttentionItemView, CompanyView, PresenceView, QueuedRunView, QuestionView, RunView, SessionView } from '../common/contract.js';

/** What needs a human now comes from these; each is already a view. */
export interface AttentionSources {
  runs: RunView[];
  /** Waiting runs; fleet runs whose pool no approved worker takes need someone. */
  queued?: QueuedRunView[];
  sessions: SessionView[];
  questions: QuestionView[];
  approvals: ApprovalView[];
  /** HCSS companies, with their profile's name: one in error needs someone (the company row says the same). */
  companies?: Array<CompanyView & { profileName: string }>;
  presence: PresenceView;
  /** Failed runs older than this are history, not attention. */
  now: number;
  isAcknowledged: (itemId: string) => boolean;
}

/** A failed run needs attention for a day; after that it is history. */
export const failedRunAttentionMs = 24 * 3_600_000;

type PendingItem = AttentionItemView extends infer T ? (T extends unknown ? Omit<T, 'acknowledged'> : never) : never;

const levelRank = { error: 0, warning: 1, info: 2 } as const;

/** A run ended this way needs someone to look; an interrupted one may have stopped half way through its work. */
function failedRun(run: RunView): boolean {
  return run.status === 'failed' || run.status === 'interrupted' || run.status === 'timedOut' || (run.status === 'halted' && run.haltedBy !== 'shutdown' && run.haltedBy !== 'signOut');
}

/**
 * The one model of "what needs a human now" (docs/ui.md, "Needs attention"): failed runs, runs
 * waiting for a sign-in or for the supervisor, bots' questions, approvals, expiring and expired
 * sessions, and an open "Still supervising?" check. Ids are stable (they name the thing, not the
 * moment), so an acknowledgement sticks across snapshots and restarts. Unacknowledged and most
 * urgent first.
 */
export function buildAttention(sources: AttentionSources): AttentionItemView[] {
  const { now, isAcknowledged } = sources;
  const items: PendingItem[] = [];
  if (sources.presence.attestation) {
    const { requestedAt, deadlineAt } = sources.presence.attestation;
    items.push({ kind: 'attestation', id: `attestation:${requestedAt}`, at: requestedAt, level: 'warning', requestedAt, deadlineAt });
  }
  for (const question of sources.questions) items.push({ kind: 'question', id: `question:${question.id}`, at: question.askedAt, level: 'warning', question });
  for (const approval of sources.approvals) items.push({ kind: 'approval', id: `approval:${approval.runId}`, at: approval.requestedAt, level: 'warning', approval });
  for (const run of sources.runs) {
    if (run.status === 'waitingForSignIn' || (run.status === 'waitingForSupervisor' && run.waitingFor === 'presence')) {
      // Questions and approvals have their own items; a run waiting for them is not repeated. The
      // id names this wait (from when), so a run that waits again later is raised again.
      items.push({ kind: 'runWaiting', id: `waiting:${run.id}:${run.status}:${run.since ?? run.startedAt}`, at: run.since ?? run.startedAt, level: 'warning', run });
    } else if (failedRun(run)) {
      // An interrupted run's end is when it was last known alive; with neither heartbeat nor log, its start.
      const endedAt = run.endedAt ?? (run.status === 'interrupted' ? run.startedAt : undefined);
      if (endedAt !== undefined && now - endedAt < failedRunAttentionMs) {
        items.push({ kind: 'runFailed', id: `failed:${run.id}`, at: endedAt, level: run.status === 'interrupted' ? 'warning' : 'error', run });
      }
    }
  }
  for (const company of sources.companies ?? []) {
    if (!company.error) continue;
    const { profileId, profileName, companyId, connectedAt, error } = company;
    // The id names the company's connection and what went wrong, so a new kind of refusal, or a
    // refusal after the company was connected again, is raised again.
    const level = error.code === 'company_consent_withdrawn' || error.code === 'company_client_refused' ? 'error' : 'warning';
    items.push({ kind: 'companyUnavailable', id: `company:${profileId}:${companyId}:${connectedAt}:${error.code}`, at: company.errorAt ?? now, level, profileId, profileName, companyId, error });
  }
  for (const item of noWorkerItems(sources.queued ?? [])) items.push(item);
  for (const item of workersDownItems(sources.queued ?? [])) items.push(item);
  for (const session of sources.sessions) {
    if (session.status === 'expiring' && session.expiresAt !== undefined) {
      items.push({
        kind: 'sessionExpiring',
        id: `expiring:${session.profileId}:${session.expiresAt}`,
        // When the warning it is at began (so each later warning brings it forward), never the
        // expiry still to come, which would put it before everything that happened since.
        at: Math.min(now, session.expiresAt - (session.warningMinutes ?? 0) * 60_000),
        level: 'warning',
        profileId: session.profileId,
        profileName: session.profileName,
        expiresAt: session.expiresAt,
      });
    } else if (session.status === 'expired') {
      items.push({ kind: 'sessionExpired', id: `expired:${session.profileId}:${session.expiresAt ?? 0}`, at: session.expiresAt ?? now, level: 'error', profileId: session.profileId, profileName: session.profileName });
    }
  }
  return items
    .map((item) => ({ ...item, acknowledged: isAcknowledged(item.id) }) as AttentionItemView)
    .sort((a, b) => Number(a.acknowledged) - Number(b.acknowledged) || levelRank[a.level] - levelRank[b.level] || b.at - a.at);
}

/**
 * One item per pool that waiting runs need and no approved worker takes, naming their bots. The
 * id names the pool, so a pool acknowledged once is not raised again by its next run.
 */
function noWorkerItems(queued: readonly QueuedRunView[]): PendingItem[] {
  const byPool = new Map<string, { at: number; botNames: string[] }>();
  for (const run of queued) {
    if (run.noWorkerForPool !== true || run.pool === undefined) continue;
    const entry = byPool.get(run.pool) ?? { at: run.enqueuedAt, botNames: [] };
    entry.at = Math.min(entry.at, run.enqueuedAt);
    if (!entry.botNames.includes(run.botName)) entry.botNames.push(run.botName);
    byPool.set(run.pool, entry);
  }
  return [...byPool].map(([pool, { at, botNames }]) => ({ kind: 'noWorkerForPool', id: `no-worker:${pool}`, at, level: 'warning', pool, botNames }));
}

/** Unacknowledged items: the title count, the tray badge, and what a notification is for. */
export function unacknowledgedCount(items: readonly AttentionItemView[]): number {
  return items.filter((item) => !item.acknowledged).length;
}

/**
 * One item per pool whose approved workers are none of them up, naming the bots that wait. The id
 * names the pool and when its workers were last heard from, so an acknowledged outage stays
 * acknowledged while it lasts, and the next one (after a worker came back) is raised again.
 */
function workersDownItems(queued: readonly QueuedRunView[]): PendingItem[] {
  const byPool = new Map<string, { at: number; botNames: string[]; down: NonNullable<QueuedRunView['workersDown']> }>();
  for (const run of queued) {
    if (run.workersDown === undefined || run.pool === undefined) continue;
    const entry = byPool.get(run.pool) ?? { at: run.enqueuedAt, botNames: [], down: run.workersDown };
    entry.at = Math.min(entry.at, run.enqueuedAt);
    if (!entry.botNames.includes(run.botName)) entry.botNames.push(run.botName);
    byPool.set(run.pool, entry);
  }
  return [...byPool].map(([pool, { at, botNames, down }]) => ({
    kind: 'poolWorkersDown',
    id: `workers-down:${pool}:${down.lastHeardAt ?? 0}`,
    at,
    level: 'warning',
    pool,
    botNames,
    workerNames: [...down.workerNames],
    ...(down.lastHeardAt === undefined ? {} : { lastHeardAt: down.lastHeardAt }),
  }));
}
