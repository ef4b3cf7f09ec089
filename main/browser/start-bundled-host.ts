import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeCacheLoader } from './code-cache-loader.js';

/** The bundle's real entry (`launch.cjs`, or the cold-start benchmark's host), set by the build. */
declare const __BROWSER_HOST_ENTRY__: string;

/**
 * What `node dist/browser-host/start.cjs` runs: the browser host's bundle through V8's code
 * cache (code-cache-loader.ts). The cache is written when the host exits, or once it has been
 * up for a while, so it holds what a whole start compiled.
 */
const cacheWriteDelayMs = 10_000;
const bundleDir = dirname(fileURLToPath(import.meta.url));
const loader = new CodeCacheLoader(bundleDir);
process.once('exit', () => loader.save());
setTimeout(() => loader.save(), cacheWriteDelayMs).unref();
loader.install();
createRequire(import.meta.url)(join(bundleDir, __BROWSER_HOST_ENTRY__));
