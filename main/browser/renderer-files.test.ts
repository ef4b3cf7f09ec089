import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { immutable, noStore, pinnedBuildCookie, RendererFiles } from './renderer-files.js';

/** A renderer folder shaped like the build's: hashed assets, one lazy chunk, one unhashed file. */
const files: Record<string, string> = {
  'assets/index-Ab12_x-Z.js': 'import "./shared-Qq34Rr56.js"; console.log("entry");',
  'assets/shared-Qq34Rr56.js': 'export const shared = 1;',
  'assets/index-Cc78Dd90.css': 'body { margin: 0 }',
  'assets/settings-Ee12Ff34.js': 'export const lazy = 1;',
  'assets/plain.js': 'console.log("unhashed");',
};
const page = (entry = 'index-Ab12_x-Z.js') => `<!doctype html><html><head>
<script type="module" crossorigin src="./assets/${entry}"></script>
<link rel="modulepreload" crossorigin href="./assets/shared-Qq34Rr56.js">
<link rel="stylesheet" crossorigin href="./assets/index-Cc78Dd90.css">
<script type="module" src="./assets/plain.js"></script>
<link rel="icon" href="data:," />
</head><body><div id="root"></div></body></html>`;

const sri = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-renderer-files-'));
  await mkdir(join(dir, 'assets'));
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  await writeFile(join(dir, 'index.html'), page());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RendererFiles', () => {
  it('serves the page never stored, naming each hashed file it loads first by its integrity hash', async () => {
    const renderer = new RendererFiles(dir);
    const index = await renderer.read('/');
    expect(index?.cacheControl).toBe(noStore);
    const html = index?.body.toString() ?? '';
    expect(html).toContain(`src="./assets/index-Ab12_x-Z.js" integrity="${sri(files['assets/index-Ab12_x-Z.js'] as string)}">`);
    expect(html).toContain(`href="./assets/shared-Qq34Rr56.js" integrity="${sri(files['assets/shared-Qq34Rr56.js'] as string)}">`);
    expect(html).toContain(`href="./assets/index-Cc78Dd90.css" integrity="${sri(files['assets/index-Cc78Dd90.css'] as string)}">`);
    // A name without a content hash may change under the same URL: never pinned, never cached.
    expect(html).toContain('<script type="module" src="./assets/plain.js"></script>');
    expect(html).toContain('<link rel="icon" href="data:," />');
    expect([...renderer.pinnedPaths].sort()).toEqual(['assets/index-Ab12_x-Z.js', 'assets/index-Cc78Dd90.css', 'assets/shared-Qq34Rr56.js']);
  });

  it('pins a classic deferred script, as the build writes it, like a module', async () => {
    await writeFile(join(dir, 'index.html'), '<!doctype html><script defer src="./assets/index-Ab12_x-Z.js"></script><link rel="stylesheet" crossorigin href="./assets/index-Cc78Dd90.css">');
    const renderer = new RendererFiles(dir);
    const html = (await renderer.read('/'))?.body.toString() ?? '';
    expect(html).toContain(`<script defer src="./assets/index-Ab12_x-Z.js" integrity="${sri(files['assets/index-Ab12_x-Z.js'] as string)}"></script>`);
    expect([...renderer.pinnedPaths].sort()).toEqual(['assets/index-Ab12_x-Z.js', 'assets/index-Cc78Dd90.css']);
  });

  it('lets the browser keep pinned files for a year, and fetch everything else afresh', async () => {
    const renderer = new RendererFiles(dir);
    await renderer.read('/');
    const entry = await renderer.read('/assets/index-Ab12_x-Z.js');
    expect(entry).toMatchObject({ cacheControl: immutable, contentType: 'text/javascript; charset=utf-8', path: 'assets/index-Ab12_x-Z.js' });
    expect(entry?.body.toString()).toBe(files['assets/index-Ab12_x-Z.js']);
    expect((await renderer.read('/assets/index-Cc78Dd90.css'))?.cacheControl).toBe(immutable);
    expect((await renderer.read('/assets/settings-Ee12Ff34.js'))?.cacheControl).toBe(noStore);
    expect((await renderer.read('/assets/plain.js'))?.cacheControl).toBe(noStore);
  });

  it('pins nothing before the page is served, and re-pins when a new build changes the page', async () => {
    const renderer = new RendererFiles(dir);
    expect((await renderer.read('/assets/index-Ab12_x-Z.js'))?.cacheControl).toBe(noStore);
    await renderer.read('/');
    await writeFile(join(dir, 'assets', 'index-Gg56Hh78.js'), 'console.log("rebuilt");');
    await writeFile(join(dir, 'index.html'), page('index-Gg56Hh78.js'));
    const html = (await renderer.read('/'))?.body.toString() ?? '';
    expect(html).toContain(`src="./assets/index-Gg56Hh78.js" integrity="${sri('console.log("rebuilt");')}">`);
    expect((await renderer.read('/assets/index-Gg56Hh78.js'))?.cacheControl).toBe(immutable);
    expect((await renderer.read('/assets/index-Ab12_x-Z.js'))?.cacheControl).toBe(noStore);
  });

  it('leaves a file the page names but the folder lacks unpinned, and finds nothing outside the folder', async () => {
    await rm(join(dir, 'assets', 'shared-Qq34Rr56.js'));
    const renderer = new RendererFiles(dir);
    const html = (await renderer.read('/'))?.body.toString() ?? '';
    expect(html).toContain('<link rel="modulepreload" crossorigin href="./assets/shared-Qq34Rr56.js">');
    expect(renderer.pinnedPaths.has('assets/shared-Qq34Rr56.js')).toBe(false);
    expect(await renderer.read('/assets/shared-Qq34Rr56.js')).toBeUndefined();
    expect(await renderer.read('/..%2f..%2fetc%2fpasswd')).toBeUndefined();
    expect(await renderer.read('/%E0%A4%A')).toBeUndefined();
  });
});

describe('RendererFiles and the browser that has the pinned files', () => {
  it('marks the pinned files with a cookie naming the build, and knows the page of a browser that has them', async () => {
    const renderer = new RendererFiles(dir);
    expect((await renderer.read('/'))?.pinnedFilesCached).toBe(false);
    const entry = await renderer.read('/assets/index-Ab12_x-Z.js');
    const cookie = entry?.headers['Set-Cookie'] ?? '';
    expect(cookie).toMatch(new RegExp(`^${pinnedBuildCookie}=[\\w-]{22}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict$`));
    const sent = cookie.split(';')[0] as string;
    expect((await renderer.read('/', `other=1; ${sent}`))?.pinnedFilesCached).toBe(true);
    expect((await renderer.read('/', `${pinnedBuildCookie}=an-older-build`))?.pinnedFilesCached).toBe(false);
    // A new build names new files: a browser holding the old ones fetches them again.
    await writeFile(join(dir, 'assets', 'index-Gg56Hh78.js'), 'console.log("rebuilt");');
    await writeFile(join(dir, 'index.html'), page('index-Gg56Hh78.js'));
    expect((await renderer.read('/', sent))?.pinnedFilesCached).toBe(false);
    expect((await renderer.read('/assets/plain.js'))?.headers).toEqual({});
  });
});
