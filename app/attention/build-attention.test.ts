import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../ports/settings-store.js';
import type { AttentionItemView, PresenceView, QueuedRunView, RunView } from '../common/contract.js';
import { attentionBody, attentionTitle } from '../common/attention-text.js';
import { AttentionAcknowledgements } from './attention-acknowledgements.js';
import { AttentionNotifications } from './attention-notifications.js';
import { buildAttention, unacknowledgedCount } from './build-attention.js';

const now = 1_000_000_000;
const present: PresenceView = { status: 'present', since: 0 };
const run = (id: string, fields: Partial<RunView>): RunView => ({ id, botId: 'b', botName: 'Claims bot', profileId: 'sandbox', status: 'running', startedAt: now - 1000, ...fields });

function board(runs: RunView[], isAcknowledged: (id: string) => boolean = () => false, presence = present): AttentionItemView[] {
  return buildAttention({ runs, sessions: [], questions: [], approvals: [], presence, now, isAcknowledged });
}

describe('buildAttention', () => {
  it('lists failed runs and runs waiting for sign-in, with stable ids, most urgent first', () => {
    const items = board([run('r1', { status: 'waitingForSignIn', since: now - 10 }), run('r2', { status: 'failed', endedAt: now - 5, reason: 'exit 3' }), run('r3', { status: 'succeeded', endedAt: now })]);
    expect(items.map((item) => item.id)).toEqual(['failed:r2', `waiting:r1:waitingForSignIn:${now - 10}`]);
    expect(board([run('r2', { status: 'failed', endedAt: now - 5 })])[0]?.id).toBe('failed:r2');
  });

  it('raises a run that waits again after it went on, even when its earlier wait was acknowledged', () => {
    const acknowledgements = new AttentionAcknowledgements(new MemorySettingsStore());
    const first = board([run('r1', { status: 'waitingForSignIn', since: now - 7_200_000 })], (id) => acknowledgements.has(id));
    acknowledgements.acknowledge(first.map((item) => item.id));
    expect(board([run('r1', { status: 'waitingForSignIn', since: now - 7_200_000 })], (id) => acknowledgements.has(id)).map((item) => item.acknowledged)).toEqual([true]);
    // Signed in, the run went on, and the next expiry stopped it again: a new wait, for whoever is there now.
    const again = board([run('r1', { status: 'waitingForSignIn', since: now - 10 })], (id) => acknowledgements.has(id));
    expect(again.map((item) => [item.kind, item.acknowledged])).toEqual([['runWaiting', false]]);
    const notifier = { notified: [] as string[], notify(notice: { itemId?: string }) { this.notified.push(notice.itemId ?? ''); } };
    const notifications = new AttentionNotifications(notifier);
    notifications.update(first);
    notifications.update(again);
    expect(notifier.notified).toEqual([`waiting:r1:waitingForSignIn:${now - 10}`]);
  });

  it('raises one item per pool that waiting fleet runs need and no approved worker takes, naming their bots', () => {
    const waiting = (runId: string, botName: string, pool: string, noWorkerForPool: boolean, enqueuedAt: number): QueuedRunView => ({ runId, botId: botName, botName, profileId: 'sandbox', priority: 'normal', exclusive: false, enqueuedAt, waitingFor: 'worker', pool, ...(noWorkerForPool ? { noWorkerForPool } : {}) });
    const queued = [waiting('q1', 'Ward round list', 'ward', true, now - 30), waiting('q2', 'Bed board', 'ward', true, now - 10), waiting('q3', 'Ward round list', 'ward', true, now - 5), waiting('q4', 'Billing', 'billing', false, now)];
    const items = buildAttention({ runs: [], queued, sessions: [], questions: [], approvals: [], presence: present, now, isAcknowledged: () => false });
    expect(items).toEqual([{ kind: 'noWorkerForPool', id: 'no-worker:ward', at: now - 30, level: 'warning', pool: 'ward', botNames: ['Ward round list', 'Bed board'], acknowledged: false }]);
    const [item] = items as [AttentionItemView];
    expect(attentionTitle(item)).toBe('No approved worker takes pool ward');
    expect(attentionBody(item)).toBe('Ward round list and Bed board wait for one. Approve a worker with pool ward in Settings → Workers, or set the bot to run on this computer there.');
  });

  it('raises one item per pool whose approved workers are none of them up, with its own id for each outage', () => {
    const down = { workerNames: ['ward-pc-1', 'ward-pc-2'], lastHeardAt: now - 600_000 };
    const waiting = (runId: string, botName: string, pool: string, enqueuedAt: number, workersDown?: QueuedRunView['workersDown']): QueuedRunView => ({ runId, botId: botName, botName, profileId: 'sandbox', priority: 'normal', exclusive: false, enqueuedAt, waitingFor: 'worker', pool, ...(workersDown ? { workersDown } : {}) });
    const queued = [waiting('q1', 'Ward round list', 'ward', now - 30, down), waiting('q2', 'Bed board', 'ward', now - 10, down), waiting('q3', 'Billing', 'billing', now)];
    const items = buildAttention({ runs: [], queued, sessions: [], questions: [], approvals: [], presence: present, now, isAcknowledged: () => false });
    expect(items).toEqual([{ kind: 'poolWorkersDown', id: `workers-down:ward:${now - 600_000}`, at: now - 30, level: 'warning', pool: 'ward', botNames: ['Ward round list', 'Bed board'], workerNames: ['ward-pc-1', 'ward-pc-2'], lastHeardAt: now - 600_000, acknowledged: false }]);
    const [item] = items as [AttentionItemView];
    expect(attentionTitle(item)).toBe('No worker of pool ward is up');
    expect(attentionBody(item)).toBe("Ward round list and Bed board wait for one. Start the worker program on ward-pc-1 or ward-pc-2, or check that it reaches the fleet's server.");
    const never = buildAttention({ runs: [], queued: [waiting('q4', 'Bed board', 'ward', now, { workerNames: ['ward-pc-1'] })], sessions: [], questions: [], approvals: [], presence: present, now, isAcknowledged: () => false });
    expect(never.map((entry) => entry.id)).toEqual(['workers-down:ward:0']);
  });

  it('lists an interrupted run (its supervisor or worker program stopped under it) as a warning: it may have stopped half way through its work', () => {
    const reason = 'Interrupted — the worker program on Ward PC 1 was stopped while the run was under way (its bot stopped when told to (SIGTERM)). It was not started again by itself; check what the bot had done, then use Run again if needed.';
    const items = board([run('r1', { status: 'interrupted', endedAt: now - 5, reason }), run('r2', { status: 'interrupted', endedAt: now - 25 * 3_600_000 })]);
    expect(items.map((item) => [item.id, item.level])).toEqual([['failed:r1', 'warning']]);
    const [item] = items as [AttentionItemView];
    expect(attentionTitle(item)).toBe('Claims bot was interrupted');
    expect(attentionBody(item)).toBe(reason);
  });

  it('does not list runs halted by sign-out or by closing the app, nor failures older than a day', () => {
    expect(board([run('a', { status: 'halted', haltedBy: 'signOut', endedAt: now }), run('b', { status: 'halted', haltedBy: 'shutdown', endedAt: now }), run('c', { status: 'failed', endedAt: now - 25 * 3_600_000 })])).toEqual([]);
  });

  it('puts acknowledged items last and leaves them out of the count', () => {
    const items = board([run('r1', { status: 'failed', endedAt: now }), run('r2', { status: 'timedOut', endedAt: now - 1 })], (id) => id === 'failed:r1');
    expect(items.map((item) => [item.id, item.acknowledged])).toEqual([
      ['failed:r2', false],
      ['failed:r1', true],
    ]);
    expect(unacknowledgedCount(items)).toBe(1);
  });

  it('shows an open "Still supervising?" check', () => {
    const items = board([], undefined, { ...present, attestation: { requestedAt: now, deadlineAt: now + 60_000 } });
    expect(items).toMatchObject([{ kind: 'attestation', id: `attestation:${now}`, deadlineAt: now + 60_000 }]);
  });
});

describe('AttentionAcknowledgements', () => {
  it('remembers acknowledgements across restarts through the settings store', () => {
    const settings = new MemorySettingsStore();
    expect(new AttentionAcknowledgements(settings).acknowledge(['failed:r1'])).toBe(true);
    const reopened = new AttentionAcknowledgements(settings);
    expect(reopened.has('failed:r1')).toBe(true);
    expect(reopened.acknowledge(['failed:r1'])).toBe(false);
  });
});

describe('AttentionNotifications', () => {
  it('announces each new unacknowledged item once, and not the ones already there at start-up', () => {
    const sent: { title: string; itemId?: string }[] = [];
    const notifications = new AttentionNotifications({ notify: (notice) => sent.push(notice) });
    notifications.update(board([run('old', { status: 'failed', endedAt: now })]));
    const next = board([run('old', { status: 'failed', endedAt: now }), run('new', { status: 'failed', endedAt: now })]);
    notifications.update(next);
    notifications.update(next);
    expect(sent).toEqual([expect.objectContaining({ title: 'Claims bot failed', itemId: 'failed:new' })]);
  });
});

describe('an interrupted run whose end nobody knows', () => {
  it('is still listed, from when it started: no heartbeat and no log must not hide it', () => {
    const items = board([run('r1', { status: 'interrupted', startedAt: now - 60_000 }), run('r2', { status: 'interrupted', startedAt: now - 25 * 3_600_000 })]);
    expect(items.map((item) => [item.id, item.level, item.at])).toEqual([['failed:r1', 'warning', now - 60_000]]);
  });
});

describe('an expiring session among other warnings', () => {
  it('counts from when its warning began, not from its expiry still to come: a question asked since comes first', () => {
    const expiresAt = now + 50 * 60_000;
    const question = { id: 'q1', runId: 'r1', botId: 'b', botName: 'Remittance poster', profileId: 'sandbox', profileName: 'Local sandbox', text: 'Post it?', choices: ['Yes', 'No'], fields: [], askedAt: now - 1_000, expiresAt: now + 120_000 };
    const sessions = [{ profileId: 'sandbox', profileName: 'Local sandbox', status: 'expiring' as const, scopes: [], expiresAt, warningMinutes: 60 }];
    const items = buildAttention({ runs: [], sessions, questions: [question], approvals: [], presence: present, now, isAcknowledged: () => false });
    expect(items.map((item) => [item.kind, item.at])).toEqual([
      ['question', now - 1_000],
      ['sessionExpiring', expiresAt - 60 * 60_000],
    ]);
  });
});
