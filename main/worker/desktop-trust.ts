import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { publishedDesktopKey, readDesktopPublicKey, type DesktopPublicKey } from '../../app/fleet/desktop-key.js';
import { desktopMessageWindowMs, verifyDesktopMessage, type DesktopEnvelope, type DesktopMessageKind } from '../../app/fleet/desktop-message.js';
import { fleetKeys } from '../../app/fleet/fleet-channels.js';
import { supervisorError } from '../../app/error-catalogue.js';
import { formatDuration } from '../../app/common/format-duration.js';
import type { Clock } from '../../app/ports/clock.js';
import type { Logger } from '../../app/ports/logger.js';

/** Beside the worker's own keys in its data folder, 0600. */
export const desktopPinFileName = 'desktop-pin.json';

/** Ids of accepted messages kept against replays: more than a busy fleet sends within the window. */
const maxSeenIds = 20_000;

export interface DesktopTrustDeps {
  workerId: string;
  /** Reads the published key before anything is pinned. */
  redis: Pick<Redis, 'get'>;
  clock: Clock;
  logger: Logger;
  /** Where the pin is kept; without one it lasts as long as the process (tests). */
  dataDir?: string;
  /** A strict pin (`--desktop-fingerprint`): only this key is ever trusted, first use included. */
  fingerprint?: string;
}

/**
 * The worker's trust in its supervisor desktop, like SSH's known hosts: trust on first use, or a
 * strict pin from the configuration. The key is pinned when the desktop first grants this worker
 * a run (its first lease: only an approved worker gets one); the worker prints the fingerprint
 * for the admin to compare with Settings → Workers and keeps it beside its own keys. From then on
 * every lease, answer, control verb, revoke and refusal must be signed by that key, for this
 * worker (or all), fresh (± the window) and new (each message id is acted on once). Anything else
 * is refused and logged with a code; re-pinning is a deliberate command (`--repin-desktop`).
 */
export class DesktopTrust {
  readonly #deps: DesktopTrustDeps;
  #pinned: DesktopPublicKey | undefined;
  /** Accepted message ids with their issued-at, oldest first. */
  readonly #seen = new Map<string, number>();
  /** Foreign keys already reported: a desktop signing with another key is logged once, not per message. */
  readonly #reported = new Set<string>();
  /** One message at a time, in the order they came: a pause and its resume are never swapped. */
  #queue: Promise<unknown> = Promise.resolve();
  /** How far the last message refused as out of date was from this worker's clock (its issue time minus now). */
  #lastStaleByMs: number | undefined;

  constructor(deps: DesktopTrustDeps) {
    this.#deps = deps;
    const stored = deps.dataDir === undefined ? undefined : readPin(join(deps.dataDir, desktopPinFileName));
    if (stored !== undefined && deps.fingerprint !== undefined && stored.fingerprint !== deps.fingerprint) {
      throw supervisorError('fleet_desktop_key_mismatch', stored.fingerprint, deps.fingerprint);
    }
    this.#pinned = stored;
  }

  /** Forgets the pin on purpose (`--repin-desktop`): the next desktop that grants a run is pinned. */
  static forget(dataDir: string): void {
    rmSync(join(dataDir, desktopPinFileName), { force: true });
  }

  /** The pinned desktop's fingerprint, if any. */
  get fingerprint(): string | undefined {
    return this.#pinned?.fingerprint;
  }

  /**
   * Why a lease for a claimed run could not be opened, for the refusal the claim ends with: a
   * supervisor whose messages arrive out of date is a clock set wrong (here or there), not a key.
   */
  leaseTrouble(detail: string, configuredFingerprint: string | undefined): string {
    if (this.#lastStaleByMs !== undefined) {
      const by = `${formatDuration(Math.abs(this.#lastStaleByMs))} ${this.#lastStaleByMs < 0 ? 'before' : 'after'}`;
      return `the supervisor's messages are dated ${by} this worker's clock, more than the ${desktopMessageWindowMs / 1000} s allowed, so one of the two computers' clocks is wrong; see fleet_desktop_message_refused in the worker's log`;
    }
    return `${detail} (${this.#pinned?.fingerprint ?? configuredFingerprint ?? 'none'}); see fleet_desktop_key_mismatch in the worker's log`;
  }

  /** The pinned desktop's public keys (artifacts are sealed to its X25519 key). */
  get desktop(): DesktopPublicKey | undefined {
    return this.#pinned;
  }

  /** A message's `signed` field, checked; undefined (and logged once) when refused. */
  open(kind: DesktopMessageKind, signed: unknown): Promise<DesktopEnvelope | undefined> {
    const next = this.#queue.then(() => this.#open(kind, signed));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #open(kind: DesktopMessageKind, signed: unknown): Promise<DesktopEnvelope | undefined> {
    if (typeof signed !== 'string') return this.#refuse(kind, 'fleet_desktop_message_refused', 'the message is not signed by a supervisor');
    const now = this.#deps.clock.now();
    const key = this.#pinned ?? (await this.#published());
    // Another key than the strict pin: reported once by #published.
    if (key === 'mismatch') return undefined;
    if (key === undefined) return this.#refuse(kind, 'fleet_desktop_message_refused', 'no supervisor key is published in Redis');
    const check = await verifyDesktopMessage(signed, key, { kind, workerId: this.#deps.workerId, now });
    if (!check.ok) {
      // Addressed to another worker: not ours to judge or to log.
      if (check.reason === 'other_worker') return undefined;
      if (check.reason === 'other_key') return this.#mismatch(kind, check.kid ?? '?', key.fingerprint);
      if (check.reason === 'stale') this.#lastStaleByMs = check.issuedAt - now;
      return this.#refuse(kind, 'fleet_desktop_message_refused', check.detail);
    }
    this.#lastStaleByMs = undefined;
    const { envelope } = check;
    if (this.#seen.has(envelope.id)) return this.#refuse(kind, 'fleet_desktop_message_refused', 'the message was acted on before (a replay)');
    this.#remember(envelope.id, envelope.issuedAt, now);
    // Trust on first use, when the desktop first grants this worker a run.
    if (this.#pinned === undefined && kind === 'lease' && envelope.workerId === this.#deps.workerId) this.#pin(key);
    return envelope;
  }

  async #published(): Promise<DesktopPublicKey | 'mismatch' | undefined> {
    const key = readDesktopPublicKey(await this.#deps.redis.get(fleetKeys.desktopKey).catch(() => null));
    if (key !== undefined && this.#deps.fingerprint !== undefined && key.fingerprint !== this.#deps.fingerprint) {
      this.#mismatch('lease', key.fingerprint, this.#deps.fingerprint);
      return 'mismatch';
    }
    return key;
  }

  #pin(key: DesktopPublicKey): void {
    this.#pinned = key;
    if (this.#deps.dataDir !== undefined) {
      const path = join(this.#deps.dataDir, desktopPinFileName);
      writeFileSync(path, JSON.stringify({ ...publishedDesktopKey(key), pinnedAt: this.#deps.clock.now() }), { mode: 0o600 });
      chmodSync(path, 0o600);
    }
    this.#deps.logger.info(`Pinned the supervisor's key, fingerprint ${key.fingerprint}: compare it with "This supervisor's fingerprint" in RPA Supervisor, Settings → Workers. From now on this worker acts only on messages signed by it.`, { fingerprint: key.fingerprint });
  }

  #remember(id: string, issuedAt: number, now: number): void {
    this.#seen.set(id, issuedAt);
    // Ids older than the window are refused as stale anyway; the cap bounds memory under a flood.
    for (const [seenId, at] of this.#seen) {
      if (this.#seen.size <= maxSeenIds && now - at <= desktopMessageWindowMs * 2) break;
      this.#seen.delete(seenId);
    }
  }

  #mismatch(kind: DesktopMessageKind, foreign: string, pinned: string): undefined {
    if (this.#reported.has(foreign)) return undefined;
    this.#reported.add(foreign);
    return this.#refuse(kind, 'fleet_desktop_key_mismatch', supervisorError('fleet_desktop_key_mismatch', pinned, foreign).message);
  }

  #refuse(kind: DesktopMessageKind, code: 'fleet_desktop_message_refused' | 'fleet_desktop_key_mismatch', detail: string): undefined {
    this.#deps.logger.warn('A message from the supervisor was refused', { code, kind, detail });
    return undefined;
  }
}

function readPin(path: string): DesktopPublicKey | undefined {
  if (!existsSync(path)) return undefined;
  const key = readDesktopPublicKey(readFileSync(path, 'utf8'));
  if (key === undefined) throw supervisorError('fleet_desktop_pin_unreadable', path);
  chmodSync(path, 0o600);
  return key;
}
