// @ts-check
/**
 * `attach`: hands a file to RPA Supervisor, which keeps it with the run (docs/bots.md, "Run
 * artifacts"). Sent to the token broker with the run secret, as a stream, so a large file never
 * sits in memory twice.
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { BotSdkError } from './index.mjs';
import { brokerUnreachable } from './supervisor-gone.mjs';

/**
 * @param {string} name  A file name; with the file's first bytes it decides how the supervisor shows it (a `.png` that is a PNG is previewed).
 * @param {string | Uint8Array | { path: string }} data  The content, or `{ path }` of a file to send.
 * @param {{ kind?: 'screenshot' | 'file'; timeoutMs?: number }} [options]
 *   kind: `screenshot` is refused (`screenshots_not_allowed`) unless the profile or policy allows screenshots.
 * @returns {Promise<{ id: string; name: string; bytes: number }>}
 */
export async function attach(name, data, options = {}) {
  const brokerUrl = process.env.RPA_BROKER_URL;
  const secret = process.env.RPA_RUN_SECRET;
  if (!brokerUrl || !secret) throw new BotSdkError('not_supervised', 'RPA_BROKER_URL and RPA_RUN_SECRET are not set; start this bot from RPA Supervisor.');
  const url = new URL(brokerUrl);
  const kind = options.kind ?? 'file';
  const body =
    typeof data === 'string' || data instanceof Uint8Array
      ? Readable.from([typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength)])
      : createReadStream(data.path);
  const timeoutMs = options.timeoutMs ?? 60_000;
  /** @type {{ status: number; text: string }} */
  const response = await new Promise((resolve, reject) => {
    /** Set once the broker took the connection, and once it started its answer. */
    let connected = false;
    let answered = false;
    /** @type {(Error & { code?: string }) | undefined} */
    let unreadable;
    /** @type {Error | undefined} */
    let timedOut;
    // A connection of its own (no keep-alive reuse), so "connected" says the broker took this upload.
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: `/v1/artifacts?name=${encodeURIComponent(name)}&kind=${encodeURIComponent(kind)}`,
        method: 'POST',
        agent: false,
        headers: { authorization: `RunSecret ${secret}`, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      },
      (answer) => {
        answered = true;
        /** @type {Buffer[]} */
        const chunks = [];
        answer.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        const cut = () => reject(cutShort(url, answer.statusCode));
        answer.on('error', cut);
        answer.on('aborted', cut);
      },
    );
    request.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    request.setTimeout(timeoutMs, () => request.destroy((timedOut = new Error(`No answer within ${timeoutMs} ms.`))));
    request.on('error', (error) => {
      if (unreadable && typeof data === 'object' && 'path' in data) {
        reject(new BotSdkError('file_unreadable', `Could not read ${data.path} to attach it (${unreadable.code ?? unreadable.message}).`, { cause: unreadable }));
        return;
      }
      // The broker refuses an upload (a screenshot, past a cap) as soon as it knows, reads the rest
      // of the body within bounds, then closes: past those bounds the write fails after its answer.
      // That is a live supervisor saying no, never "the supervisor has gone" (docs/bots.md §6).
      if (answered) return;
      if (connected && error !== timedOut) {
        reject(cutShort(url, undefined, error));
        return;
      }
      brokerUnreachable();
      reject(new BotSdkError('broker_unreachable', `The RPA Supervisor token broker at ${url.origin} did not take the file.`, { cause: error }));
    });
    body.on('error', (/** @type {Error & { code?: string }} */ error) => {
      unreadable = error;
      request.destroy(error);
    });
    body.pipe(request);
  });
  /** @type {any} */
  let parsed;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    parsed = undefined;
  }
  if (response.status === 201 && parsed && typeof parsed.id === 'string') return { id: parsed.id, name: parsed.name, bytes: parsed.bytes };
  const code = parsed && typeof parsed.error === 'string' ? parsed.error : 'broker_error';
  const message = parsed && typeof parsed.message === 'string' ? parsed.message : `The broker answered HTTP ${response.status}.`;
  throw new BotSdkError(code, message, { status: response.status });
}

/**
 * The broker took the upload but closed the connection before its whole answer arrived: it refused
 * the file part-way (the run's log says why), or it stopped.
 * @param {URL} url
 * @param {number | undefined} status
 * @param {unknown} [cause]
 */
function cutShort(url, status, cause) {
  const said = status === undefined ? '' : ` (HTTP ${status})`;
  return new BotSdkError('broker_error', `The RPA Supervisor token broker at ${url.origin} closed the connection before the file was kept${said}; it may have refused it (too large, or a screenshot while screenshots are off): the run's log says why.`, { status, cause });
}

