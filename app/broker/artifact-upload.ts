import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../ports/logger.js';
import { deny, runFinished, type DenyAnswer } from './broker-denial.js';
import { parseRunSecret, sendJson } from './broker-http.js';
import type { SecretLookup } from './run-secrets.js';

/** The broker's view of the artifact store: a run's upload, and the catalogue code when it is refused. */
export interface ArtifactIntake {
  attach(request: { runId: string; profileId: string; name: string; kind: 'screenshot' | 'file' }, body: AsyncIterable<Uint8Array>): Promise<{ id: string; name: string; bytes: number }>;
}

/** What an upload needs from the broker: its refusal path, the run secrets and the log. */
export interface UploadContext {
  deny(res: ServerResponse, answer: DenyAnswer, closeConnection: boolean, runId?: string): void;
  lookup(presented: string | undefined): SecretLookup;
  logger: Logger;
}

/**
 * `POST /v1/artifacts?name=…&kind=screenshot|file` with the file as an `application/octet-stream`
 * body and the run secret: stored under the run (RunArtifacts checks the caps and screenshots).
 * A web page cannot send this: it has an Origin (refused before this) and the content type needs
 * a CORS preflight, which gets no CORS headers.
 */
export async function uploadArtifact(context: UploadContext, req: IncomingMessage, res: ServerResponse, artifacts: ArtifactIntake): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return context.deny(res, deny(405, 'method_not_allowed', 'Use POST to attach a file.'), true);
  }
  if (req.headers['content-type'] !== 'application/octet-stream') {
    return context.deny(res, deny(400, 'invalid_request', 'Send the file as application/octet-stream.'), true);
  }
  const found = context.lookup(parseRunSecret(req.headers.authorization));
  if (found.kind === 'invalid') {
    res.setHeader('WWW-Authenticate', 'RunSecret');
    return context.deny(res, deny(401, 'invalid_secret', 'Missing or unknown run secret.'), true);
  }
  if (found.kind === 'finished') return context.deny(res, runFinished(), true, found.runId);
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  const name = query.get('name') ?? '';
  const kind = query.get('kind') ?? 'file';
  if (name.length === 0 || name.length > 200 || (kind !== 'screenshot' && kind !== 'file')) {
    return context.deny(res, deny(400, 'invalid_request', 'Give a name (up to 200 characters) and kind=screenshot or kind=file.'), true, found.runId);
  }
  try {
    // Not destroyed when the store stops reading part-way: that would close the socket under the refusal.
    const body = { [Symbol.asyncIterator]: () => req.iterator({ destroyOnReturn: false }) };
    const stored = await artifacts.attach({ runId: found.runId, profileId: found.profileId, name, kind }, body);
    sendJson(res, 201, { id: stored.id, name: stored.name, bytes: stored.bytes });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : 'The file was not kept.';
    if (code === 'screenshots_not_allowed') return context.deny(res, deny(403, 'screenshots_not_allowed', message), true, found.runId);
    if (code === 'artifact_too_large') return context.deny(res, deny(413, 'artifact_too_large', message), true, found.runId);
    context.logger.error('Storing an artifact failed', { runId: found.runId, error: error instanceof Error ? error.name : 'unknown' });
    context.deny(res, deny(500, 'internal_error', 'The file could not be stored; see the supervisor log.'), true, found.runId);
  }
}
