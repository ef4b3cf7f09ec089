import type { Redis } from 'ioredis';
import type { RunArtifacts } from '../artifacts/run-artifacts.js';
import { formatBytes } from '../common/format-bytes.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { DesktopKey } from './desktop-key.js';
import { signDesktopMessage } from './desktop-message.js';
import { checkArtifact, type ArtifactAnnouncement, type ArtifactEnvelope, type ArtifactReply } from './fleet-artifact.js';
import { fleetChannels, fleetKeys, parseMessage } from './fleet-channels.js';
import type { ApprovedWorker } from './run-claim.js';
import { openSealed } from './sealed-box.js';

export interface RemoteArtifactsDeps {
  /** Commands (GET, DEL, PUBLISH). */
  redis: Pick<Redis, 'get' | 'del' | 'publish'>;
  /** A connection used only for SUBSCRIBE. */
  subscriber: Redis;
  /** The desktop's own artifact store: caps, screenshot policy, redaction of text files, retention. */
  store: Pick<RunArtifacts, 'attach' | 'refused'>;
  /** The worker a live run was granted to (FleetCoordinator.holderOf); undefined for anything else. */
  holderOf: (runId: string) => ApprovedWorker | undefined;
  /** The live remote run's profile; undefined once it has ended. */
  profileOf: (runId: string) => string | undefined;
  desktopKey: DesktopKey;
  clock: Clock;
  logger: Logger;
}

/**
 * The desktop's side of `attach()` from bots on workers: an artifact a worker sealed to this
 * desktop's key is taken out of Redis at once, checked (signed by the worker the run was granted
 * to, for that run, covering that content), opened and stored with the run's other artifacts
 * through the same store as local ones, so the same caps, screenshot policy, redaction and
 * retention apply. The worker hears, signed, whether it was kept; anything forged is dropped and
 * logged with `fleet_artifact_refused`. A file the worker refused itself comes as its signed facts
 * alone, and is kept with the run as a refusal, like one refused here.
 */
export class RemoteArtifacts {
  readonly #deps: RemoteArtifactsDeps;
  /** Artifact ids already taken: a replayed announcement stores nothing twice. */
  readonly #seen = new Set<string>();

  constructor(deps: RemoteArtifactsDeps) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    this.#deps.subscriber.on('message', (channel: string, text: string) => {
      if (channel === fleetChannels.artifacts) void this.#onArtifact(text);
    });
    await this.#deps.subscriber.subscribe(fleetChannels.artifacts);
  }

  async close(): Promise<void> {
    await this.#deps.subscriber.unsubscribe(fleetChannels.artifacts).catch(() => undefined);
  }

  async #onArtifact(text: string): Promise<void> {
    const announced = parseMessage<ArtifactAnnouncement>(text);
    if (typeof announced?.runId !== 'string' || typeof announced.artifactId !== 'string') return this.#drop(undefined, 'the message is not an artifact');
    const { runId, artifactId } = announced;
    if (this.#seen.has(artifactId)) return this.#drop(runId, 'the artifact was taken before (a replay)');
    const key = fleetKeys.artifact(runId, artifactId);
    const stored = await this.#deps.redis.get(key).catch(() => null);
    const envelope = stored === null ? undefined : parseMessage<ArtifactEnvelope>(stored);
    if (typeof envelope?.signed !== 'string' || typeof envelope.sealed !== 'string') return this.#drop(runId, 'no sealed artifact is waiting under that name');
    const holder = this.#deps.holderOf(runId);
    const profileId = this.#deps.profileOf(runId);
    const check = await checkArtifact(envelope, { runId, artifactId, holder: profileId === undefined ? undefined : holder, now: this.#deps.clock.now() });
    if (!check.ok || holder === undefined || profileId === undefined) return this.#drop(runId, check.ok ? 'the run is not live' : check.detail);
    // The same announcement twice at once: both read the envelope before either took it, so look again now.
    if (this.#seen.has(artifactId)) return this.#drop(runId, 'the artifact was taken before (a replay)');
    // Only the holder's own artifact leaves Redis: a forged one cannot remove the real one.
    this.#seen.add(artifactId);
    if (this.#seen.size > 10_000) this.#seen.delete(this.#seen.values().next().value as string);
    await this.#deps.redis.del(key).catch(() => undefined);
    const { name, kind, refusedRoom } = check.facts;
    // Refused on the worker (its own cap): nothing to open; the bot was told there.
    if (refusedRoom !== undefined) return this.#deps.store.refused({ runId, profileId, name, kind }, 'artifact_too_large', supervisorError('artifact_too_large', formatBytes(refusedRoom, 'down')).message);
    const bytes = await openSealed(envelope.sealed, this.#deps.desktopKey.sealingPrivateKey);
    if (bytes === undefined) return this.#reply(holder, runId, { artifactId, ok: false, code: 'internal_error', message: 'The file was not sealed to this supervisor\'s key.' });
    try {
      const kept = await this.#deps.store.attach({ runId, profileId, name, kind }, (async function* () {
        yield bytes;
      })());
      await this.#reply(holder, runId, { artifactId, ok: true, id: kept.id, name: kept.name, bytes: kept.bytes });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      await this.#reply(holder, runId, { artifactId, ok: false, code: typeof code === 'string' ? code : 'internal_error', message: error instanceof Error ? error.message : 'The file was not kept.' });
    } finally {
      bytes.fill(0);
    }
  }

  async #reply(holder: ApprovedWorker, runId: string, reply: ArtifactReply): Promise<void> {
    const signed = await signDesktopMessage(this.#deps.desktopKey, { kind: 'artifactReply', workerId: holder.workerId, runId, body: reply }, this.#deps.clock.now());
    await this.#deps.redis.publish(fleetChannels.artifactReplies, JSON.stringify({ signed })).catch((error: unknown) => this.#deps.logger.warn('An artifact reply could not be sent to its worker', { runId, error: String(error) }));
  }

  #drop(runId: string | undefined, detail: string): void {
    const error = supervisorError('fleet_artifact_refused', detail);
    this.#deps.logger.warn('An artifact from a worker was dropped', { code: error.code, runId, detail });
  }
}
