/**
 * The browser host as it runs: a CommonJS bundle for plain `node` in dist/browser-host/ (not
 * out/, which the Electron package ships), which `npm run start:browser` builds and starts, and
 * which the cold-start benchmark builds the same way around its own entry (docs/benchmarks.md).
 * The core's dependencies are bundled in: resolving and reading a few hundred small files (ajv
 * alone is over a hundred) is most of a cold start's module loading. Every chunk sits beside
 * the entry, so paths taken from `import.meta.url` (default-paths.ts) hold in each.
 */
import { basename, resolve } from 'node:path';
import { defineConfig, type InlineConfig } from 'vite';
import { browserHostStubsPlugin } from './scripts/browser-host-stubs-plugin.js';
import { nativeCompileManifestPlugin } from './scripts/native-compile-manifest-plugin.js';

const root = import.meta.dirname;

/**
 * Left as packages: oidc-provider (the Local sandbox, loaded only when offered) and its
 * dependencies, playwright-core (handed to bots as a folder), and the fleet's Redis clients.
 */
export const browserHostExternalPackages = ['oidc-provider', 'playwright-core', 'bullmq', 'ioredis'];

/**
 * The build of `entry` into `outDir` as `<entry name>.cjs`, with lazy chunks beside it, and
 * `start.cjs`, which runs it through V8's code cache (main/browser/start-bundled-host.ts).
 * CommonJS rather than ES modules because only a script can be compiled with cached data on
 * Node 20; the ES module packages left out of the bundle (oidc-provider) are still loaded with
 * `import()`.
 */
export function browserHostBuild(entry: string, outDir: string): InlineConfig {
  const entryName = basename(entry).replace(/\.ts$/, '');
  return {
    configFile: false,
    logLevel: 'warn',
    // Code the host never reaches (conf's ajv and semver, zod's other locales) stays out.
    plugins: [browserHostStubsPlugin(), nativeCompileManifestPlugin()],
    define: { __BROWSER_HOST_ENTRY__: JSON.stringify(`${entryName}.cjs`) },
    ssr: { noExternal: true, external: browserHostExternalPackages },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      // Readable stack traces in a host people run by hand; size matters little to `node`.
      minify: false,
      rollupOptions: {
        input: { start: resolve(root, 'main/browser/start-bundled-host.ts'), [entryName]: entry },
        // No comments and only ASCII: Node reads and V8 keeps a file with any other character as
        // two bytes a character, which a start pays for in reading, hashing and compiling
        // (docs/benchmarks.md, cold start). Names and line structure stay for stack traces.
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', comments: false, charset: 'ascii' },
      },
    },
  };
}

export default defineConfig(browserHostBuild(resolve(root, 'main/browser/launch.ts'), resolve(root, 'dist/browser-host')));
