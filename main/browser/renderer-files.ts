import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The page and every file not pinned by it: fetched afresh each time, never stored. */
export const noStore = 'no-store';
/** A pinned file: its name changes with its content, and the page checks its hash. */
export const immutable = 'public, max-age=31536000, immutable';

/** A file name that carries its content's hash, as the renderer's build names its assets. */
const hashedAssetName = /^assets\/[\w.-]+-[\w-]{8}\.(?:js|css)$/;
const tagPattern = /<(script|link)\b[^>]*>/g;

export interface RendererFile {
  body: Buffer;
  contentType: string;
  cacheControl: string;
  /** The path under the renderer folder, `/` separated (`index.html`, `assets/…`). */
  path: string;
  /** Response headers beyond the usual ones. */
  headers: Record<string, string>;
  /**
   * The page only: the browser that asked was sent this build's pinned files before (its
   * cookie says so), so it will most likely take them from its cache and ask the host for none.
   */
  pinnedFilesCached: boolean;
}

/**
 * Names the build whose pinned files a browser was sent. Not a secret (every loopback port of
 * that browser sees it) and never read by the page: it only tells the host that the page will
 * not be fetching its files, so the core can start loading at once (browser-host.ts).
 */
export const pinnedBuildCookie = 'rpa-renderer-build';

/**
 * The built renderer as the browser host serves it. The page itself (index.html) is never
 * stored by the browser. The files it loads first (its script, any chunks it modulepreloads
 * and its stylesheet) are pinned: the page names each with a Subresource Integrity hash of the
 * host's own copy, and the browser may keep them for a year, so a second start loads the
 * renderer from the browser's HTTP cache, and its one classic script from the browser's code
 * cache (Chromium parses a module entry on every load: docs/benchmarks.md, cold start). A copy planted in
 * that cache by another program that held the port while the host was down fails the
 * integrity check and never runs. Secrets never reach any of these files: the page secret
 * lives in the URL fragment and on the WebSocket (docs/architecture.md, "Browser host caching").
 */
export class RendererFiles {
  readonly #root: string;
  #page: { source: string; served: Buffer; build: string } | undefined;
  #pinned = new Map<string, Buffer>();

  constructor(rendererDir: string) {
    this.#root = normalize(rendererDir + sep);
  }

  /** The paths the last page served pins: the page has what it needs once each was sent. */
  get pinnedPaths(): ReadonlySet<string> {
    return new Set(this.#pinned.keys());
  }

  /** The file for a request path, or undefined when there is none (or it is outside the folder). */
  async read(pathname: string, cookieHeader?: string): Promise<RendererFile | undefined> {
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      return undefined;
    }
    const file = normalize(join(this.#root, relative));
    if (!file.startsWith(this.#root)) return undefined;
    const path = file.slice(this.#root.length).split(sep).join('/');
    const contentType = contentTypes[extname(file)] ?? 'application/octet-stream';
    const pinned = this.#pinned.get(path);
    if (pinned && this.#page) {
      const cookie = `${pinnedBuildCookie}=${this.#page.build}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict`;
      return { body: pinned, contentType, cacheControl: immutable, path, headers: { 'Set-Cookie': cookie }, pinnedFilesCached: false };
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return undefined;
    }
    let pinnedFilesCached = false;
    if (path === 'index.html') {
      body = await this.#pin(body);
      pinnedFilesCached = this.#pinned.size > 0 && cookieValue(cookieHeader, pinnedBuildCookie) === this.#page?.build;
    }
    return { body, contentType, cacheControl: noStore, path, headers: {}, pinnedFilesCached };
  }

  /** The page with an integrity hash on each file it pins; recomputed only when the page changes. */
  async #pin(page: Buffer): Promise<Buffer> {
    const source = page.toString('utf8');
    if (this.#page?.source === source) return this.#page.served;
    const pinned = new Map<string, Buffer>();
    const tags = [...source.matchAll(tagPattern)].map((match) => match[0]);
    const integrity = new Map<string, string>();
    for (const tag of new Set(tags)) {
      const path = pinnablePath(tag);
      if (path === undefined) continue;
      try {
        const body = await readFile(join(this.#root, ...path.split('/')));
        pinned.set(path, body);
        integrity.set(tag, `sha384-${createHash('sha384').update(body).digest('base64')}`);
      } catch {
        // A missing file is not pinned; the browser's request for it gets a 404 as before.
      }
    }
    const served = Buffer.from(
      source.replace(tagPattern, (tag) => {
        const hash = integrity.get(tag);
        return hash === undefined ? tag : `${tag.replace(/\s*\/?>$/, '')} integrity="${hash}">`;
      }),
    );
    this.#pinned = pinned;
    this.#page = { source, served, build: createHash('sha256').update(served).digest('base64url').slice(0, 22) };
    return served;
  }
}

/** `assets/…` for a script, a modulepreload or a stylesheet named by its hash; else undefined. */
function pinnablePath(tag: string): string | undefined {
  if (/\sintegrity=/i.test(tag)) return undefined;
  // Classic (the build's `<script defer>`, classic-script-plugin.ts) or module alike.
  const isScript = tag.startsWith('<script');
  const isLink = tag.startsWith('<link') && /\srel="(?:modulepreload|stylesheet)"/.test(tag);
  if (!isScript && !isLink) return undefined;
  const url = /\s(?:src|href)="\.\/(assets\/[^"]+)"/.exec(tag)?.[1];
  return url !== undefined && hashedAssetName.test(url) ? url : undefined;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
