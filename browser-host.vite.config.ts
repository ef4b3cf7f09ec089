/**
 * The browser host as it runs: an ES module bundle for plain `node` in dist/browser-host/ (not
 * out/, which the Electron package ships), which `npm run start:browser` builds and starts, and
 * which the cold-start benchmark builds the same way around its own entry (docs/benchmarks.md).
 * The core's dependencies are bundled in: resolving and reading a few hundred small files (ajv
 * alone is over a hundred) is most of a cold start's module loading. Every chunk sits beside
 * the entry, so paths taken from `import.meta.url` (default-paths.ts) hold in each.
 */
import { resolve } from 'node:path';
import { defineConfig, type InlineConfig } from 'vite';
import { browserHostStubsPlugin } from './scripts/browser-host-stubs-plugin.js';

const root = import.meta.dirname;

/**
 * Left as packages: oidc-provider (the Local sandbox, loaded only when offered) and its
 * dependencies, playwright-core (handed to bots as a folder), and the fleet's Redis clients.
 */
export const browserHostExternalPackages = ['oidc-provider', 'playwright-core', 'bullmq', 'ioredis'];

/** The build of `entry` into `outDir` as `<entry name>.mjs`, with lazy chunks beside it. */
export function browserHostBuild(entry: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    logLevel: 'warn',
    // Code the host never reaches (conf's ajv and semver, zod's other locales) stays out.
    plugins: [browserHostStubsPlugin()],
    ssr: { noExternal: true, external: browserHostExternalPackages },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      // Readable stack traces in a host people run by hand; size matters little to `node`.
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' } },
    },
  };
}

export default defineConfig(browserHostBuild(resolve(root, 'main/browser/launch.ts'), resolve(root, 'dist/browser-host')));
