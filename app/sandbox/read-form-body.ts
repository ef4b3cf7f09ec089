import type { IncomingMessage } from 'node:http';

/** Login forms are tiny; anything bigger is not a person typing a password. */
const maxFormBytes = 16 * 1024;

export class FormBodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'FormBodyError';
  }
}

/** Reads an `application/x-www-form-urlencoded` request body with a size limit. */
export async function readFormBody(req: IncomingMessage): Promise<URLSearchParams> {
  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw new FormBodyError(415, 'The form must be sent as application/x-www-form-urlencoded.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxFormBytes) throw new FormBodyError(413, 'The form is too large.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
