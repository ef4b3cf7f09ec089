import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { artifactMediaType, isPreviewable, safeArtifactName } from '../../app/artifacts/artifact-names.js';
import type { ArtifactIntake } from '../../app/broker/token-broker.js';
import { formatBytes } from '../../app/common/format-bytes.js';
import { supervisorError } from '../../app/error-catalogue.js';
import type { DesktopPublicKey } from '../../app/fleet/desktop-key.js';
import type { DesktopEnvelope } from '../../app/fleet/desktop-message.js';
import { artifactLifetimeMs, signArtifact, type ArtifactAnnouncement, type ArtifactFacts, type ArtifactReply } from '../../app/fleet/fleet-artifact.js';
import { fleetChannels, fleetKeys, parseMessage } from '../../app/fleet/fleet-channels.js';
import { sealTo } from '../../app/fleet/sealed-box.js';
import type { WorkerIdentity } from '../../app/fleet/worker-identity.js';
import type { Clock } from '../../app/ports/clock.js';

/** The desktop's own per-run cap (RunArtifacts' default): no single file may hold more of Redis. */
export const maxRemoteArtifactBytes = 50 * 1024 * 1024;

export interface WorkerArtifactsDeps {
  identity: Pick<WorkerIdentity, 'fingerprint' | 'privateKey'>;
  /** Commands (SET, PUBLISH). */
  redis: Pick<Redis, 'set' | 'publish' | 'del'>;
  /** The worker's pub/sub connection: the replies channel is added to it. */
  subscriber: Redis;
  /** The pinned desktop's keys (DesktopTrust.desktop): artifacts are sealed to its X25519 half. */
  desktop: () => DesktopPublicKey | undefined;
  /** Checks a reply's signature against the pinned desktop key. */
  openSigned: (signed: unknown) => Promise<DesktopEnvelope | undefined>;
  clock: Clock;
  /** Per run, as on the desktop. */
  maxRunBytes?: number;
  /** How long the bot's upload waits for the desktop's word. */
  replyWaitMs?: number;
}

/**
 * The worker broker's `POST /v1/artifacts` (the same route and checks as the desktop's broker):
 * each file is read into memory, never a file, sealed to the pinned desktop's key, signed with
 * this worker's key, and left in Redis (with a TTL) for the desktop, which keeps it with the run
 * through its own store. The bot hears what the desktop decided: stored, `screenshots_not_allowed`,
 * or `artifact_too_large`, as it would on the desktop. A file past this worker's own cap is refused
 * here, and only the signed facts of the refusal go to the desktop, which keeps it with the run.
 */
export class WorkerArtifacts implements ArtifactIntake {
  readonly #deps: WorkerArtifactsDeps;
  readonly #used = new Map<string, number>();
  /** Bytes of each run's uploads under way (read, or waiting for the desktop): they count against its cap too. */
  readonly #inFlight = new Map<string, number>();
  readonly #waiting = new Map<string, (reply: ArtifactReply) => void>();

  constructor(deps: WorkerArtifactsDeps) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    this.#deps.subscriber.on('message', (channel: string, text: string) => {
      if (channel === fleetChannels.artifactReplies) void this.#onReply(text);
    });
    await this.#deps.subscriber.subscribe(fleetChannels.artifactReplies);
  }

  async attach(request: { runId: string; profileId: string; name: string; kind: 'screenshot' | 'file' }, body: AsyncIterable<Uint8Array>): Promise<{ id: string; name: string; bytes: number }> {
    const { runId } = request;
    const name = safeArtifactName(request.name);
    // An image is a screenshot whatever the bot calls it; the desktop decides whether it may keep one.
    const kind = isPreviewable(artifactMediaType(name)) ? 'screenshot' : request.kind;
    const desktop = this.#deps.desktop();
    if (desktop === undefined) throw new Error('No supervisor key is pinned on this worker yet.');
    // Files a bot sends side by side share the run's room, so together they never hold more of this worker's memory or of Redis.
    const room = Math.max(0, Math.min(maxRemoteArtifactBytes, (this.#deps.maxRunBytes ?? maxRemoteArtifactBytes) - (this.#used.get(runId) ?? 0) - (this.#inFlight.get(runId) ?? 0)));
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    let held = 0;
    try {
      for await (const chunk of body) {
        bytes += chunk.byteLength;
        if (bytes > room) {
          for (const held of chunks) held.fill(0);
          // The desktop keeps the refusal with the run, as it does its own: signed facts, no content.
          await this.#announce({ runId, artifactId: randomBytes(18).toString('base64url'), name, kind, bytes, refusedRoom: room }, '').catch(() => undefined);
          throw supervisorError('artifact_too_large', formatBytes(room, 'down'));
        }
        this.#hold(runId, chunk.byteLength);
        held += chunk.byteLength;
        chunks.push(chunk);
      }
      return await this.#send({ runId, name, kind, bytes }, desktop, chunks);
    } finally {
      this.#hold(runId, -held);
    }
  }

  /** Seals and hands over a file that was read whole, and waits for the desktop's word. */
  async #send({ runId, name, kind, bytes }: Omit<ArtifactFacts, 'artifactId'>, desktop: DesktopPublicKey, chunks: Uint8Array[]): Promise<{ id: string; name: string; bytes: number }> {
    const content = Buffer.concat(chunks);
    for (const held of chunks) held.fill(0);
    const artifactId = randomBytes(18).toString('base64url');
    const sealed = await sealTo(content, desktop.sealingPublicKey, desktop.fingerprint).finally(() => content.fill(0));
    const replied = this.#reply(artifactId);
    const key = await this.#announce({ runId, artifactId, name, kind, bytes }, sealed);
    const reply = await replied;
    if (reply === undefined) {
      // Nobody took it: it must not wait in Redis for a desktop that may come back later.
      await this.#deps.redis.del(key).catch(() => undefined);
      throw new Error('The supervisor did not confirm the file in time.');
    }
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
    this.#used.set(runId, (this.#used.get(runId) ?? 0) + bytes);
    return { id: reply.id, name: reply.name, bytes: reply.bytes };
  }

  #hold(runId: string, bytes: number): void {
    const held = (this.#inFlight.get(runId) ?? 0) + bytes;
    if (held > 0) this.#inFlight.set(runId, held);
    else this.#inFlight.delete(runId);
  }

  /** The run ended on this worker: its byte count goes. */
  forget(runId: string): void {
    this.#used.delete(runId);
  }

  /** Signs the facts, leaves the envelope in Redis for the desktop and tells it; returns the envelope's key. */
  async #announce(facts: ArtifactFacts, sealed: string): Promise<string> {
    const { identity, clock } = this.#deps;
    const signed = await signArtifact(facts, sealed, { workerId: identity.fingerprint, privateKey: identity.privateKey }, clock.now());
    const key = fleetKeys.artifact(facts.runId, facts.artifactId);
    await this.#deps.redis.set(key, JSON.stringify({ signed, sealed }), 'PX', artifactLifetimeMs);
    const announcement: ArtifactAnnouncement = { runId: facts.runId, artifactId: facts.artifactId };
    await this.#deps.redis.publish(fleetChannels.artifacts, JSON.stringify(announcement));
    return key;
  }

  #reply(artifactId: string): Promise<ArtifactReply | undefined> {
    return new Promise((resolve) => {
      const timer = this.#deps.clock.setTimer(() => {
        this.#waiting.delete(artifactId);
        resolve(undefined);
      }, this.#deps.replyWaitMs ?? 30_000);
      this.#waiting.set(artifactId, (reply) => {
        timer.dispose();
        this.#waiting.delete(artifactId);
        resolve(reply);
      });
    });
  }

  async #onReply(text: string): Promise<void> {
    const envelope = await this.#deps.openSigned(parseMessage<{ signed?: unknown }>(text)?.signed);
    const reply = envelope?.body as ArtifactReply | undefined;
    if (typeof reply?.artifactId !== 'string') return;
    this.#waiting.get(reply.artifactId)?.(reply);
  }
}
