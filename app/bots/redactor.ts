import type { Disposable } from '../contract.js';

export const redactedMarker = '[REDACTED]';

/**
 * Shapes that look like a JWT: base64url JSON header (`eyJ`), then a payload, then an optional
 * signature. Two segments are enough, so a JWT cut short by line truncation is still caught.
 */
const jwtPattern = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g;

/** Secrets shorter than this are not redacted literally: they would shred ordinary text. */
const minimumSecretLength = 8;

/**
 * Replaces known secrets (access tokens, run secrets) and anything JWT-shaped with `[REDACTED]`.
 *
 * Shared by every run so that a token printed by one bot is redacted even if another bot asked
 * for it. Each `add` returns a Disposable so a run can withdraw its own secret when it ends, which
 * keeps the list short however many runs the app has seen.
 */
export class Redactor {
  readonly #secrets = new Map<string, number>();

  add(secret: string): Disposable {
    if (secret.length < minimumSecretLength) return { dispose: () => undefined };
    this.#secrets.set(secret, (this.#secrets.get(secret) ?? 0) + 1);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const count = (this.#secrets.get(secret) ?? 1) - 1;
        if (count <= 0) this.#secrets.delete(secret);
        else this.#secrets.set(secret, count);
      },
    };
  }

  get size(): number {
    return this.#secrets.size;
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets.keys()) {
      if (result.includes(secret)) result = result.split(secret).join(redactedMarker);
    }
    return result.replace(jwtPattern, redactedMarker);
  }
}
