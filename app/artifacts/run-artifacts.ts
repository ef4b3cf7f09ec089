import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactContent, ArtifactList, ArtifactView } from '../common/views.js';
import { formatBytes } from '../common/format-bytes.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import { readRefusals, recordRefusal, refusalCodeOf, refusalLogLine, type RefusalCode } from './artifact-refusals.js';
import { artifactMediaType, hasNoExtension, isPreviewable, isTextMediaType, safeArtifactName } from './artifact-names.js';
import { ArtifactRoom, uploadTempName, type RoomAnswer } from './artifact-room.js';
import { keptLogLine } from './kept-log-line.js';
import { startsLikeText, StreamedTextRedaction } from './streamed-text-redaction.js';
import { imageSniffBytes, sniffImageType } from './sniff-image.js';

export type ArtifactKind = ArtifactView['kind'];

export interface RunArtifactsDeps {
  /** `<dataDir>/artifacts`: one folder per run, each file 0600. */
  dir: string;
  clock: Clock;
  /** Whether the profile's bots may attach screenshots (the profile with the policy applied). */
  screenshotsAllowed(profileId: string): boolean;
  /** Redacts a text artifact as the run's log lines are: secrets, then the profile's patient identifiers. */
  redactText(profileId: string, text: string): { text: string; redactions: ArtifactView['redactions'] };
  /** Per run. Default 50 MB. */
  maxRunBytes?: number;
  /** All runs together. Default 1 GB. */
  maxTotalBytes?: number;
  /** A system line in the live run's log: a kept file (keptLogLine), or a refused file's name and why (refusalLogLine). */
  writeRunLine?: (runId: string, text: string) => void;
}

/** What the bot says about a file it attaches. */
export interface AttachRequest {
  runId: string;
  profileId: string;
  name: string;
  kind: ArtifactKind;
  mediaType?: string | undefined;
}

const indexFile = 'artifacts.json';
/** How much of a file with no extension is looked at to tell text from binary. */
const textSniffBytes = 512;
/** A preview or download travels to the page as base64 in one message: keep it bounded. */
export const maxArtifactContentBytes = 8 * 1024 * 1024;

/**
 * Files bots attach to their runs (`attach` in the SDK): screenshots and reports, stored under the
 * run in the data folder as 0600 files, listed in the run detail, deleted by retention with the
 * run's log. Screenshots are refused unless the profile or the policy allows them, because they
 * may show whole patient records. Text files are redacted like log lines before they are stored.
 */
export class RunArtifacts {
  readonly #deps: RunArtifactsDeps;
  readonly #maxRunBytes: number;
  readonly #maxTotalBytes: number;
  /** Bytes stored and streaming in, known after the first look at the folder. */
  #room: Promise<ArtifactRoom> | undefined;
  /** One rewrite of an index or a refusal record at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: RunArtifactsDeps) {
    this.#deps = deps;
    this.#maxRunBytes = deps.maxRunBytes ?? 50 * 1024 * 1024;
    this.#maxTotalBytes = deps.maxTotalBytes ?? 1024 * 1024 * 1024;
  }

  /** Stores one file from a stream of chunks; refuses it (and keeps nothing) past a cap. */
  attach(request: AttachRequest, body: AsyncIterable<Uint8Array>): Promise<ArtifactView> {
    // Files stream in side by side (ArtifactRoom keeps the caps); only the index and refusal record are written one at a time.
    return this.#attach(request, body).catch(async (error: unknown) => {
      const code = refusalCodeOf(error);
      if (code !== undefined) await this.refused(request, code, error instanceof Error ? error.message : '');
      throw error;
    });
  }

  /** A file refused before it reached this store (by a fleet worker's own cap): recorded as if refused here. */
  refused(request: AttachRequest, code: RefusalCode, message: string): Promise<void> {
    const next = this.#queue.then(() => this.#noteRefusal(request, code, message));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async list(runId: string): Promise<ArtifactView[]> {
    return this.#readIndex(runId);
  }

  /** The run's files for the run detail: those kept, and those refused, by reason. */
  async listAll(runId: string): Promise<ArtifactList> {
    return { files: await this.#readIndex(runId), refused: await readRefusals(this.#runDir(runId)) };
  }

  /** A stored file as base64, for a preview or a download. */
  async read(runId: string, artifactId: string): Promise<ArtifactContent> {
    const artifact = (await this.#readIndex(runId)).find((entry) => entry.id === artifactId);
    if (!artifact) throw supervisorError('artifact_missing');
    if (artifact.bytes > maxArtifactContentBytes) throw supervisorError('artifact_too_large_to_open', formatBytes(artifact.bytes, 'up'), formatBytes(maxArtifactContentBytes, 'down'), runId);
    const content = await readFile(join(this.#runDir(runId), fileNameOf(artifact))).catch(() => undefined);
    if (!content) throw supervisorError('artifact_missing');
    return { fileName: artifact.name, mediaType: artifact.mediaType, base64: content.toString('base64') };
  }

  /** Retention removed the run's folder: forget its bytes. */
  forget(runId: string): void {
    void this.#room?.then((room) => room.forget(runId));
  }

  /** Kept with the run (never the content) and said in its log; a failure to record does not hide the refusal. */
  async #noteRefusal(request: AttachRequest, code: RefusalCode, message: string): Promise<void> {
    const name = this.#safeName(request);
    let count = 1;
    try {
      const dir = this.#runDir(request.runId);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      count = await recordRefusal(dir, { name, code, message }, this.#deps.clock.now());
    } catch {
      // Unrecorded, the refusal is still told to the bot and written to the run's log.
    }
    const line = refusalLogLine({ name, message, count });
    if (line !== undefined) this.#deps.writeRunLine?.(request.runId, line);
  }

  /**
   * The name is the bot's words too, shown and kept in the index: "referral 943 476 5919.pdf" loses the number.
   * Redacted again once made safe: "943,476,5919.pdf" only becomes an NHS number's shape
   * ("943_476_5919.pdf") when the commas are replaced; redacting first catches "943%20476%205919".
   */
  #safeName(request: AttachRequest): string {
    const safe = (text: string) => safeArtifactName(this.#deps.redactText(request.profileId, text).text);
    return safe(safe(request.name));
  }

  async #attach(request: AttachRequest, body: AsyncIterable<Uint8Array>): Promise<ArtifactView> {
    const { runId, profileId } = request;
    const name = this.#safeName(request);
    const named = artifactMediaType(name, request.mediaType);
    // An image is a screenshot whatever the bot calls it: it is what would show a patient record.
    const namedImage = isPreviewable(named);
    const allowed = this.#deps.screenshotsAllowed(profileId);
    if ((namedImage || request.kind === 'screenshot') && !allowed) throw supervisorError('screenshots_not_allowed');
    const room = await this.#loadRoom();
    const dir = this.#runDir(runId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(8).toString('hex');
    const temp = join(dir, uploadTempName(id));
    let taken = 0;
    const handle = await open(temp, 'w', 0o600);
    try {
      // The first bytes say what the file is; a screenshot under another name is refused as soon as they are in.
      let sniffed: string | undefined;
      let decided = false;
      let text: StreamedTextRedaction | undefined;
      const pending: Buffer[] = [];
      let pendingBytes = 0;
      const decide = () => {
        decided = true;
        const head = (pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending)).subarray(0, textSniffBytes);
        sniffed = sniffImageType(head.subarray(0, imageSniffBytes));
        if (sniffed !== undefined && !allowed) throw supervisorError('screenshots_not_allowed');
        const isText = isTextMediaType(named) || (hasNoExtension(name) && startsLikeText(head));
        if (sniffed === undefined && isText) text = new StreamedTextRedaction((content) => this.#deps.redactText(profileId, content));
      };
      const tooLarge = (answer: Extract<RoomAnswer, { ok: false }>) => supervisorError('artifact_too_large', formatBytes(answer.room, 'down'), answer.allRuns ? 'allRuns' : undefined);
      // Redaction can make a file larger ("01/02/1980" is "[date of birth]"): the caps hold what is stored, and the line still open.
      const holdRedacted = (redacted: StreamedTextRedaction) => {
        const needed = redacted.bytes + redacted.heldBytes;
        if (needed <= taken) return;
        const answer = room.take(runId, needed - taken, taken);
        if (!answer.ok) throw tooLarge(answer);
        taken = needed;
      };
      const flush = async () => {
        const chunk = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
        pending.length = 0;
        pendingBytes = 0;
        const out = text ? text.push(chunk) : chunk;
        if (text) holdRedacted(text);
        await handle.write(out);
      };
      for await (const piece of body) {
        pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
        pendingBytes += piece.byteLength;
        if (!decided && pendingBytes >= imageSniffBytes) decide();
        const answer = room.take(runId, piece.byteLength, taken);
        if (!answer.ok) throw tooLarge(answer);
        taken += piece.byteLength;
        if (decided) await flush();
      }
      if (!decided) decide();
      await flush();
      if (text) {
        const last = text.end();
        holdRedacted(text);
        await handle.write(last);
      }
      await handle.close();
      // What the bytes are wins over the name: PNG bytes named .jpg are a PNG; a page named .png is only bytes.
      const mediaType = sniffed ?? (namedImage ? 'application/octet-stream' : text && !isTextMediaType(named) ? 'text/plain' : named);
      const kind: ArtifactKind = sniffed !== undefined || namedImage ? 'screenshot' : request.kind;
      const bytes = text ? text.bytes : taken;
      const artifact: ArtifactView = { id, runId, name, kind, mediaType, bytes, createdAt: this.#deps.clock.now(), previewable: isPreviewable(mediaType) };
      const redactions = text?.redactions;
      if (redactions) artifact.redactions = redactions;
      // Redaction may change the size: the room follows what is stored.
      room.add(runId, bytes - taken);
      taken = bytes;
      return await this.#keep(artifact, temp);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
      room.add(runId, -taken);
      throw error;
    }
  }

  /** Moves a file in and lists it: one run's index is rewritten by one file at a time. */
  #keep(artifact: ArtifactView, temp: string): Promise<ArtifactView> {
    const next = this.#queue.then(async () => {
      const dir = this.#runDir(artifact.runId);
      const path = join(dir, fileNameOf(artifact));
      await rename(temp, path);
      try {
        const index = await this.#readIndex(artifact.runId);
        index.push(artifact);
        await writeFile(join(dir, `.${indexFile}.tmp`), JSON.stringify(index), { mode: 0o600 });
        await rename(join(dir, `.${indexFile}.tmp`), join(dir, indexFile));
        const line = keptLogLine(artifact, index.length);
        if (line !== undefined) this.#deps.writeRunLine?.(artifact.runId, line);
      } catch (error) {
        // Unlisted, it could never be opened or counted: not kept.
        await rm(path, { force: true });
        throw error;
      }
      return artifact;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #readIndex(runId: string): Promise<ArtifactView[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(join(this.#runDir(runId), indexFile), 'utf8'));
      return Array.isArray(parsed) ? (parsed as ArtifactView[]).filter((entry) => entry.runId === runId) : [];
    } catch {
      return [];
    }
  }

  #loadRoom(): Promise<ArtifactRoom> {
    this.#room ??= ArtifactRoom.load(this.#deps.dir, this.#maxRunBytes, this.#maxTotalBytes);
    return this.#room;
  }

  #runDir(runId: string): string {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(runId)) throw supervisorError('unknown_run', runId);
    return join(this.#deps.dir, runId);
  }
}

/** On disk the id comes first, so two files with the same name never collide. */
function fileNameOf(artifact: ArtifactView): string {
  return `${artifact.id}-${artifact.name}`;
}
