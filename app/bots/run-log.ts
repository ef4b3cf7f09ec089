import { readFileSync } from 'node:fs';
import type { LogLine, LogPage, LogStream } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import { canSayWhy, lastErrorText } from './last-error-line.js';
import { formatLogLine, parseLogLine } from './log-file-format.js';
import { patientIdentifierKinds, type RedactionCounts } from '../common/patient-data.js';
import type { LogMemoryBudget } from './log-memory-budget.js';
import { LogRing } from './log-ring.js';
import type { PatientRedactor } from './patient-redactor.js';
import type { PreparedLines } from './prepared-lines.js';
import type { Redactor } from './redactor.js';
import type { RotatingLogFile } from './rotating-log-file.js';
import { redactWholeLines, sanitizeLogText, truncateLogText } from './sanitize-log-text.js';

export interface RunLogLimits {
  /** Longest line kept, in UTF-8 bytes, before the truncation marker. */
  maxLineBytes: number;
  ringLines: number;
  ringChars: number;
}

export const defaultRunLogLimits: RunLogLimits = { maxLineBytes: 8 * 1024, ringLines: 10_000, ringChars: 4 * 1024 * 1024 };

/**
 * What all runs' rings may hold together (see LogMemoryBudget), about 16 MB: with fifty bots
 * flooding, each keeps its newest ~2,000 lines in memory; everything stays in the log files.
 * Every held line is eventually old-generation garbage, and V8 sizes the old generation as a
 * multiple of what is live, so this number drives the core's RSS during a flood.
 */
export const defaultLogMemoryBudgetUnits = 16 * 1024 * 1024;

/**
 * One run's log: numbers each line, sanitises and redacts it, and fans it out to the ring buffer,
 * the rotating file and the live listener. Everything a bot prints passes through `write`, so this
 * is the single place where "no token in the captured logs" (S44) is enforced.
 */
export class RunLog {
  readonly runId: string;
  readonly #ring: LogRing;
  readonly #file: RotatingLogFile | undefined;
  readonly #clock: Clock;
  readonly #redactor: Redactor;
  readonly #limits: RunLogLimits;
  readonly #onLine: (line: LogLine) => void;
  /** This run's patient-identifier redaction (its profile's settings), after the shared secret redaction. */
  readonly #patient: PatientRedactor | undefined;
  readonly #secretCount = { secret: 0 };
  /** Patient identifiers another machine replaced before the lines came here (a fleet worker). */
  readonly #elsewhere: RedactionCounts = {};
  /** The newest error-output line that can say why the bot failed (see `canSayWhy`), as logged. */
  #lastError: string | undefined;

  constructor(options: {
    runId: string;
    clock: Clock;
    redactor: Redactor;
    patient?: PatientRedactor | undefined;
    file?: RotatingLogFile;
    limits?: RunLogLimits;
    onLine?: (line: LogLine) => void;
    budget?: LogMemoryBudget | undefined;
  }) {
    this.runId = options.runId;
    this.#clock = options.clock;
    this.#redactor = options.redactor;
    this.#file = options.file;
    this.#limits = options.limits ?? defaultRunLogLimits;
    this.#ring = new LogRing({ maxLines: this.#limits.ringLines, maxChars: this.#limits.ringChars, budget: options.budget });
    this.#onLine = options.onLine ?? (() => undefined);
    this.#patient = options.patient;
  }

  /** Rebuilds a read-only log from the files of a run that is no longer in memory. */
  static fromFile(options: { runId: string; path: string; clock: Clock; redactor: Redactor; limits?: RunLogLimits; budget?: LogMemoryBudget | undefined }): RunLog {
    const log = new RunLog(options);
    for (const path of [`${options.path}.1`, options.path]) {
      let content: string;
      try {
        content = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      for (const text of content.split('\n')) {
        const line = parseLogLine(text);
        if (line && line.seq >= log.#ring.nextSeq) log.#ring.push(line);
      }
    }
    return log;
  }

  /** Bytes a bot may emit per line before the splitter stops holding them: room for redaction. */
  get keepBytes(): number {
    return this.#limits.maxLineBytes * 3;
  }

  get fileBacklogBytes(): number {
    return this.#file?.backlogBytes ?? 0;
  }

  /**
   * Redacts the whole lines of a captured chunk together (see `redactWholeLines`); each line
   * then comes back to `write` with `prepared` set. Undefined: write them one by one.
   */
  prepare(wholeLines: string): PreparedLines | undefined {
    return redactWholeLines(wholeLines, this.#redactor, this.#patient, this.#secretCount);
  }

  /** `prepared`: the text already went through `prepare`, so only truncation is left to do. */
  write(stream: LogStream, raw: string, droppedBytes = 0, prepared = false): LogLine {
    const line: LogLine = {
      seq: this.#ring.nextSeq,
      at: this.#clock.now(),
      stream,
      text: prepared
        ? truncateLogText(raw, droppedBytes, this.#limits.maxLineBytes)
        : sanitizeLogText(raw, droppedBytes, this.#redactor, this.#limits.maxLineBytes, this.#patient, this.#secretCount),
    };
    this.#ring.push(line);
    this.#file?.append(formatLogLine(line));
    if (stream === 'stderr' && canSayWhy(line.text)) this.#lastError = line.text;
    this.#onLine(line);
    return line;
  }

  /** A line a fleet worker already redacted: `redacted` counts what it replaced there. */
  writeRedactedElsewhere(stream: LogStream, text: string, redacted: RedactionCounts | undefined): LogLine {
    for (const kind of patientIdentifierKinds) {
      const more = redacted?.[kind];
      if (more !== undefined) this.#elsewhere[kind] = (this.#elsewhere[kind] ?? 0) + more;
    }
    return this.write(stream, text);
  }

  /**
   * What the bot last wrote to its error output that can say why it failed, redacted as the log
   * holds it and cut to a sentence's length; undefined when it wrote nothing such.
   */
  lastError(): string | undefined {
    return this.#lastError === undefined ? undefined : lastErrorText(this.#lastError);
  }

  /** What this log's lines had redacted so far, by kind; kinds with none are absent. */
  redactionCounts(): RedactionCounts {
    const counts: RedactionCounts = { ...this.#patient?.counts() };
    for (const kind of patientIdentifierKinds) {
      const more = this.#elsewhere[kind];
      if (more !== undefined) counts[kind] = (counts[kind] ?? 0) + more;
    }
    if (this.#secretCount.secret > 0) counts.secret = this.#secretCount.secret;
    return counts;
  }

  system(text: string): LogLine {
    return this.write('system', text);
  }

  /**
   * What the supervisor says about this run outside its log (why it ended), redacted as the log's
   * lines are: secrets, then this run's patient identifiers. Not counted: the counts are what the
   * log hides, and such a text either repeats a line the log holds (a start that failed) or is the
   * supervisor's own words.
   */
  redactOutsideLog(text: string): string {
    const withoutSecrets = this.#redactor.redact(text);
    return this.#patient ? this.#patient.redactUncounted(withoutSecrets) : withoutSecrets;
  }

  page(fromSeq: number | undefined, limit: number): LogPage {
    return { runId: this.runId, ...this.#ring.page(fromSeq, limit) };
  }

  tail(count: number): LogLine[] {
    return this.#ring.tail(count);
  }

  /** The log is no longer kept: its lines stop counting against the shared memory budget. */
  release(): void {
    this.#ring.release();
  }

  async whenFileDrained(): Promise<void> {
    await this.#file?.whenDrained();
  }

  /** Every line written so far is in the file (lines written later are not waited for). */
  async whenFileWritten(): Promise<void> {
    await this.#file?.whenWritten();
  }

  async close(): Promise<void> {
    await this.#file?.close();
  }
}
