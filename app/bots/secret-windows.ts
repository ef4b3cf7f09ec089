/** A printed piece of a secret this long or longer is redacted (S64). */
export const secretWindowLength = 24;

const base = 0x01000193;
/** base^(window - 1), mod 2^32: what the outgoing character contributed to a window's hash. */
const outgoingWeight = (() => {
  let weight = 1;
  for (let i = 1; i < secretWindowLength; i += 1) weight = Math.imul(weight, base);
  return weight;
})();

/** What `spans` gives the texts that hold no piece of a secret. */
const noSpans: readonly (readonly [number, number])[] = [];

/**
 * Finds every stretch of text that is a substring of a known secret at least 24 characters long.
 *
 * Every 24-character window of every secret is indexed by a rolling hash (Rabin–Karp), so the
 * text is scanned once, one multiply and one map lookup per character, however many secrets are
 * known. A hit is confirmed character by character and then grown left and right for as long as
 * text and secret agree, so the whole printed piece goes, not just 24 characters of it.
 */
export class SecretWindows {
  readonly #secrets: string[];
  /** Window hash → flattened (secret index, offset) pairs. */
  readonly #table = new Map<number, number[]>();
  /**
   * One bit per value of a hash's low 16 bits, set for every window's hash: most windows of a
   * text are ruled out by one array read instead of a map look-up.
   */
  readonly #seen = new Uint32Array(65536 / 32);

  constructor(secrets: Iterable<string>) {
    this.#secrets = [...secrets].filter((secret) => secret.length >= secretWindowLength);
    this.#secrets.forEach((secret, index) => {
      let hash = hashAt(secret, 0);
      for (let offset = 0; ; offset += 1) {
        let entries = this.#table.get(hash);
        if (!entries) {
          entries = [];
          this.#table.set(hash, entries);
        }
        entries.push(index, offset);
        this.#seen[(hash & 0xffff) >>> 5] = (this.#seen[(hash & 0xffff) >>> 5] ?? 0) | (1 << (hash & 31));
        if (offset + secretWindowLength >= secret.length) break;
        hash = roll(hash, secret.charCodeAt(offset), secret.charCodeAt(offset + secretWindowLength));
      }
    });
  }

  get isEmpty(): boolean {
    return this.#secrets.length === 0;
  }

  /**
   * Sorted, non-overlapping [start, end) stretches of `text` that are pieces of a secret. Almost
   * every text holds none: those share one empty array instead of garbage of their own.
   */
  spans(text: string): readonly (readonly [number, number])[] {
    if (this.#secrets.length === 0 || text.length < secretWindowLength) return noSpans;
    let spans: [number, number][] | undefined;
    let at = 0;
    let hash = hashAt(text, 0);
    for (;;) {
      const entries = ((this.#seen[(hash & 0xffff) >>> 5] ?? 0) >>> (hash & 31)) & 1 ? this.#table.get(hash) : undefined;
      const found = entries ? this.#grow(text, at, entries) : undefined;
      if (found) {
        spans ??= [];
        const previous = spans.at(-1);
        if (previous && found[0] < previous[1]) previous[1] = Math.max(previous[1], found[1]);
        else spans.push(found);
        // Start afresh after the stretch: nothing inside it needs looking at again.
        at = found[1];
        if (at + secretWindowLength > text.length) break;
        hash = hashAt(text, at);
        continue;
      }
      if (at + secretWindowLength >= text.length) break;
      hash = roll(hash, text.charCodeAt(at), text.charCodeAt(at + secretWindowLength));
      at += 1;
    }
    return spans ?? noSpans;
  }

  #grow(text: string, at: number, entries: number[]): [number, number] | undefined {
    let best: [number, number] | undefined;
    for (let i = 0; i < entries.length; i += 2) {
      const secret = this.#secrets[entries[i] as number] as string;
      const offset = entries[i + 1] as number;
      if (!sameWindow(text, at, secret, offset)) continue;
      let start = at;
      let from = offset;
      while (start > 0 && from > 0 && text.charCodeAt(start - 1) === secret.charCodeAt(from - 1)) {
        start -= 1;
        from -= 1;
      }
      let end = at + secretWindowLength;
      let to = offset + secretWindowLength;
      while (end < text.length && to < secret.length && text.charCodeAt(end) === secret.charCodeAt(to)) {
        end += 1;
        to += 1;
      }
      best = best ? [Math.min(best[0], start), Math.max(best[1], end)] : [start, end];
    }
    return best;
  }
}

function hashAt(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + secretWindowLength && i < text.length; i += 1) hash = (Math.imul(hash, base) + text.charCodeAt(i)) | 0;
  return hash;
}

function roll(hash: number, outgoing: number, incoming: number): number {
  return (Math.imul((hash - Math.imul(outgoing, outgoingWeight)) | 0, base) + incoming) | 0;
}

function sameWindow(text: string, at: number, secret: string, offset: number): boolean {
  for (let i = 0; i < secretWindowLength; i += 1) if (text.charCodeAt(at + i) !== secret.charCodeAt(offset + i)) return false;
  return true;
}
