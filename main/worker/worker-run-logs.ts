import type { Redis } from 'ioredis';
import { PatientRedactor } from '../../app/bots/patient-redactor.js';
import type { Redactor } from '../../app/bots/redactor.js';
import { defaultRedactionSettings, patientIdentifierKinds, type RedactionCounts, type RedactionSettings } from '../../app/common/patient-data.js';
import { fleetKeys, remoteLogCap } from '../../app/fleet/fleet-channels.js';
import type { Clock } from '../../app/ports/clock.js';

type PatientCounts = ReturnType<PatientRedactor['counts']>;

/**
 * Characters of a run's lines handed to Redis and not yet answered. Past it the bot's output is
 * read no further until Redis has taken half of them (as the desktop does with its log file): a
 * bot flooding its output while Redis is slow or away blocks on its own writes instead of growing
 * the worker's memory.
 */
export const remoteLogBacklogChars = 128 * 1024;

/**
 * Each run's output on its way to the desktop through Redis. Secrets and patient identifiers are
 * replaced here, on the worker, so neither is ever stored in Redis: the desktop redacts again
 * (markers are not identifiers), and adds what was replaced here from each entry's `redacted`
 * field to the run's counts.
 */
export class WorkerRunLogs {
  readonly #o: { redis: Redis; clock: Clock; secrets: Redactor };
  readonly #patients = new Map<string, { redactor: PatientRedactor; reported: PatientCounts; settings: RedactionSettings; questions?: PatientRedactor }>();

  /** Each run's lines waiting for Redis, and who waits for them to fall to half the limit. */
  readonly #backlog = new Map<string, { chars: number; drained: (() => void)[] }>();

  constructor(options: { redis: Redis; clock: Clock; secrets: Redactor }) {
    this.#o = options;
  }

  /**
   * `signed`: the run's profile's settings from its lease, which only the supervisor can sign.
   * Without them (a supervisor from before leases carried them), the queued ticket's, which anyone
   * who can write to Redis could change, so they can only add to the defaults, never turn one off.
   */
  open(runId: string, signed: RedactionSettings | undefined, queued?: RedactionSettings): void {
    const valid = validSettings(signed) ?? atLeastDefaults(validSettings(queued));
    this.#patients.set(runId, { redactor: new PatientRedactor(valid), reported: {}, settings: valid });
  }

  /**
   * A bot's question, before it is published: the run's patient identifiers out, as from its
   * lines. A redactor of its own, so a question's identifiers are not counted as the log's.
   */
  redactQuestionText(runId: string, text: string): string {
    const patient = this.#patients.get(runId);
    if (patient === undefined) return new PatientRedactor(defaultRedactionSettings).redact(text);
    patient.questions ??= new PatientRedactor(patient.settings);
    return patient.questions.redact(text);
  }

  close(runId: string): void {
    this.#patients.delete(runId);
  }

  /** What a run's bot process (RemoteBot) gives its lines to, and asks before it reads more. */
  output(runId: string): { onLine: (stream: 'out' | 'err', text: string) => void; backpressure: () => Promise<void> | undefined } {
    return { onLine: (stream, text) => void this.write(runId, stream, text), backpressure: () => this.#backpressure(runId) };
  }

  async write(runId: string, stream: 'out' | 'err', text: string): Promise<void> {
    let line = this.#o.secrets.redact(text);
    const patient = this.#patients.get(runId);
    const fields = ['stream', stream, 'line', line, 'at', String(this.#o.clock.now())];
    if (patient !== undefined) {
      const redacted = patient.redactor.redact(line);
      if (redacted !== line) {
        line = redacted;
        fields[3] = line;
        const now = patient.redactor.counts();
        const added: RedactionCounts = {};
        for (const kind of patientIdentifierKinds) {
          const more = (now[kind] ?? 0) - (patient.reported[kind] ?? 0);
          if (more > 0) added[kind] = more;
        }
        patient.reported = now;
        fields.push('redacted', JSON.stringify(added));
      }
    }
    const chars = line.length;
    this.#hold(runId, chars);
    await this.#o.redis.xadd(fleetKeys.log(runId), 'MAXLEN', '~', String(remoteLogCap), '*', ...fields).catch(() => undefined);
    this.#hold(runId, -chars);
  }

  #backpressure(runId: string): Promise<void> | undefined {
    const backlog = this.#backlog.get(runId);
    if (backlog === undefined || backlog.chars <= remoteLogBacklogChars) return undefined;
    return new Promise((resolve) => backlog.drained.push(resolve));
  }

  #hold(runId: string, chars: number): void {
    const backlog = this.#backlog.get(runId) ?? { chars: 0, drained: [] };
    backlog.chars += chars;
    if (backlog.chars <= remoteLogBacklogChars / 2) for (const resolve of backlog.drained.splice(0)) resolve();
    if (backlog.chars <= 0) this.#backlog.delete(runId);
    else this.#backlog.set(runId, backlog);
  }
}

function atLeastDefaults(settings: RedactionSettings | undefined): RedactionSettings {
  const merged = { ...defaultRedactionSettings };
  for (const kind of patientIdentifierKinds) merged[kind] ||= settings?.[kind] === true;
  return merged;
}

function validSettings(settings: unknown): RedactionSettings | undefined {
  if (typeof settings !== 'object' || settings === null) return undefined;
  const record = settings as Record<string, unknown>;
  return patientIdentifierKinds.every((kind) => typeof record[kind] === 'boolean') ? (settings as RedactionSettings) : undefined;
}
