import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { BullmqRunQueue, type FleetTicket } from '../../../app/fleet/bullmq-run-queue.js';
import { FleetCoordinator, type RemoteRunTicket } from '../../../app/fleet/fleet-coordinator.js';
import { createDesktopKey } from '../../../app/fleet/desktop-key.js';
import type { ApprovedWorker } from '../../../app/fleet/run-claim.js';
import { systemClock } from '../../../app/ports/clock.js';
import { TestSession } from './fleet-harness.js';

/**
 * The supervisor side (queue + coordinator) as a process of its own, so a test can SIGKILL it
 * (S72). Its settings, the access token among them, come as one JSON line on stdin, never argv
 * or the environment. It prints one JSON line per fleet event.
 */
interface SupervisorSettings {
  redisUrl: string;
  queueName: string;
  leaseTtlMs: number;
  accessToken: string;
  approved: ApprovedWorker[];
  runIds: string[];
}

const lines = createInterface({ input: process.stdin });
const first = await new Promise<string>((resolve) => lines.once('line', resolve));
// The test process went away: so does this one (a SIGKILL from the test is the fault under test).
lines.once('close', () => process.exit(0));
const settings = JSON.parse(first) as SupervisorSettings;
const client = (): Redis => new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
const queue = new BullmqRunQueue({ connection: client(), eventsConnection: client(), queueName: settings.queueName, maxConcurrentRuns: 8, maxQueuedRuns: 100 });
await queue.ready();
const tickets = new Map<string, RemoteRunTicket>(settings.runIds.map((runId) => [runId, { runId, profileId: 'p1', pool: 'ward', expectedDurationMs: 1000 }]));
const coordinator = new FleetCoordinator({
  redis: client(), subscriber: client(), sessions: new TestSession(settings.accessToken), clock: systemClock, leaseTtlMs: settings.leaseTtlMs,
  approved: (id) => settings.approved.find((w) => w.workerId === id), ticket: (id) => tickets.get(id), desktopKey: createDesktopKey(),
});
coordinator.onDidChange((event) => console.log(JSON.stringify(event)));
await coordinator.start();
for (const runId of settings.runIds) {
  const ticket: FleetTicket = { runId, botId: 'api-probe', profileId: 'p1', enqueuedAt: Date.now(), priority: 'normal', exclusive: false, companyId: '', supervisorId: 'demo', pool: 'ward', expectedDurationMs: 1000 };
  queue.enqueue(ticket);
}
console.log(JSON.stringify({ kind: 'ready' }));
