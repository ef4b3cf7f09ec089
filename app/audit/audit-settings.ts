import { z } from 'zod';
import type { AuditStatusView, Disposable, UserView } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { MachinePolicy } from '../policy/machine-policy.js';
import type { Clock } from '../ports/clock.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { AuditForwarder } from './forwarding/audit-forwarder.js';
import type { SyslogTarget } from './forwarding/syslog-connection.js';
import type { AuditLog } from './open-audit-trail.js';

export const auditForwardingSettingsKey = 'auditForwarding';
const dayMs = 24 * 60 * 60_000;
const checkEveryMs = 60 * 60_000;

const targetSchema = z
  .object({ host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535), tls: z.boolean(), ca: z.string().max(65536).optional() })
  .strict();

/**
 * The audit trail's settings side: where records are forwarded (the machine policy's
 * `auditForwarding` wins over the user's own setting), the daily signed checkpoint, and the status
 * Settings shows (checkpoint key fingerprint, forwarding state).
 */
export class AuditSettings implements Disposable {
  readonly #deps: { audit: AuditLog; forwarder: AuditForwarder; settings: SettingsStore; policy: MachinePolicy; clock: Clock };
  #timer: Disposable | undefined;
  #disposed = false;

  constructor(deps: { audit: AuditLog; forwarder: AuditForwarder; settings: SettingsStore; policy: MachinePolicy; clock: Clock }) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    await this.#deps.forwarder.load();
    const managed = this.#deps.policy.auditForwarding;
    this.#deps.forwarder.configure(managed ? toTarget(managed) : this.#userTarget(), managed !== undefined);
    await this.#dailyCheckpoint();
  }

  async status(): Promise<AuditStatusView> {
    const keys = this.#deps.audit.keys;
    if (!keys) throw supervisorError('audit_unavailable');
    const last = await this.#deps.audit.latestCheckpoint();
    return {
      publicKey: keys.publicKey,
      fingerprint: keys.fingerprint,
      keyed: keys.persistent ? 'persistent' : 'session',
      ...(last ? { lastCheckpoint: { seq: last.seq, at: last.at } } : {}),
      forwarding: this.#deps.forwarder.view(),
    };
  }

  /** The user's own forwarding setting; refused while the machine policy sets it. Recorded with the person. */
  async saveForwarding(target: SyslogTarget | null, actor: UserView): Promise<AuditStatusView> {
    if (this.#deps.policy.auditForwarding) throw supervisorError('audit_forwarding_managed');
    const before = this.#deps.forwarder.view();
    const waiting = before.target === null ? 0 : before.pending;
    this.#deps.settings.set(auditForwardingSettingsKey, target);
    this.#deps.forwarder.configure(target, false);
    // Records the collector had not taken stay in the trail (the outbox); the trail says so.
    const kept = waiting === 0 ? '' : ` ${waiting} record${waiting === 1 ? '' : 's'} had not reached the collector; they stay in the audit trail and are sent first when forwarding is switched on again.`;
    this.#deps.audit.record({
      type: 'settingsChanged',
      actor,
      detail: target === null ? `Audit forwarding switched off.${kept}` : `Audit forwarding set to ${target.host}:${target.port} (${target.tls ? 'TLS' : 'plain TCP'}).`,
    });
    return this.status();
  }

  dispose(): void {
    this.#disposed = true;
    this.#timer?.dispose();
    this.#timer = undefined;
  }

  /** Stops the daily timer and waits for a batch in flight to the collector. */
  async close(): Promise<void> {
    this.dispose();
    await this.#deps.forwarder.close();
  }

  #userTarget(): SyslogTarget | null {
    const parsed = targetSchema.nullable().safeParse(this.#deps.settings.get(auditForwardingSettingsKey) ?? null);
    return parsed.success ? parsed.data : null;
  }

  /** A signed checkpoint once a day while the app runs (and at start when the last is older). */
  async #dailyCheckpoint(): Promise<void> {
    try {
      const last = await this.#deps.audit.latestCheckpoint();
      if (!last || this.#deps.clock.now() - last.at >= dayMs) await this.#deps.audit.checkpoint('daily');
    } catch {
      // An unavailable trail has already said so; the next check tries again.
    }
    // A check still under way when the app closed must not arm the next one.
    if (!this.#disposed) this.#timer = this.#deps.clock.setTimer(() => void this.#dailyCheckpoint(), checkEveryMs);
  }
}

function toTarget(policy: NonNullable<MachinePolicy['auditForwarding']>): SyslogTarget {
  return { host: policy.host, port: policy.port, tls: policy.tls, ...(policy.ca === undefined ? {} : { ca: policy.ca }) };
}
