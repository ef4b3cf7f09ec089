import type { Redis } from 'ioredis';
import { fleetChannels, parseMessage, type ControlMessage, type ControlVerb } from '../../app/fleet/fleet-channels.js';
import type { DesktopTrust } from './desktop-trust.js';

const verbs: readonly ControlVerb[] = ['stop', 'kill', 'safeStop', 'pause', 'resume'];

/** What the worker does with each kind of message once its signature is checked. */
export interface DesktopInboxHandlers {
  /** A fresh lease is waiting in Redis (the lease itself is signed and sealed; the announcement is a hint). */
  leaseAnnounced(runId: string): void;
  /** `holder`: for `already_started`, the worker the run was granted to. */
  refused(runId: string, reason: string, detail: string, holder: string | undefined): void;
  revoked(runIds: string[] | 'all'): void;
  control(runIds: string[] | 'all', message: ControlMessage): Promise<void>;
}

/**
 * The worker's side of the supervisor → worker channels: every message that makes the worker act
 * is opened through the DesktopTrust (pinned key, this worker, fresh, not seen before); unsigned,
 * forged, misaddressed or replayed ones are refused there and change nothing here.
 */
export class DesktopInbox {
  constructor(private readonly trust: Pick<DesktopTrust, 'open'>, private readonly handlers: DesktopInboxHandlers) {}

  async start(subscriber: Redis): Promise<void> {
    subscriber.on('message', (channel: string, text: string) => void this.#onMessage(channel, text));
    await subscriber.subscribe(fleetChannels.leases, fleetChannels.refusals, fleetChannels.revoke, fleetChannels.control);
  }

  async #onMessage(channel: string, text: string): Promise<void> {
    if (channel === fleetChannels.leases) {
      const message = parseMessage<{ runId?: unknown }>(text);
      if (typeof message?.runId === 'string') this.handlers.leaseAnnounced(message.runId);
      return;
    }
    const kind = channel === fleetChannels.refusals ? 'refusal' : channel === fleetChannels.revoke ? 'revoke' : channel === fleetChannels.control ? 'control' : undefined;
    if (kind === undefined) return;
    const envelope = await this.trust.open(kind, parseMessage<{ signed?: unknown }>(text)?.signed);
    if (envelope === undefined) return;
    const body = (typeof envelope.body === 'object' && envelope.body !== null ? envelope.body : {}) as Record<string, unknown>;
    if (kind === 'refusal') {
      if (envelope.runId !== undefined) this.handlers.refused(envelope.runId, String(body.reason), String(body.detail), typeof body.holder === 'string' ? body.holder : undefined);
    } else if (kind === 'revoke') {
      if (body.all === true) this.handlers.revoked('all');
      else if (Array.isArray(body.runIds)) this.handlers.revoked(body.runIds.filter((id): id is string => typeof id === 'string'));
    } else {
      const verb = verbs.find((v) => v === body.verb);
      if (verb === undefined) return;
      const mode = body.mode === 'checkpoint' || body.mode === 'signal' ? body.mode : undefined;
      const message: ControlMessage = { verb, ...(mode ? { mode } : {}) };
      if (body.all === true) await this.handlers.control('all', { ...message, all: true });
      else if (envelope.runId !== undefined) await this.handlers.control([envelope.runId], { ...message, runId: envelope.runId });
    }
  }
}
