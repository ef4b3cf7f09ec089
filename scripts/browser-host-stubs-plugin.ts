import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * What the browser host bundle leaves out, because the host never reaches it yet would compile
 * and run it at every start (docs/benchmarks.md, cold start):
 *
 * - conf validates with ajv (and ajv-formats) only when given a schema, and runs semver only for
 *   migrations; ConfSettingsStore gives it neither. Bundled, ajv, its formats and semver's
 *   ranges were over a third of the settings chunk, evaluated (regexes compiled, tables built)
 *   on import. Their stand-ins throw if conf ever reaches them, so a schema added later fails at
 *   once instead of going unchecked.
 * - zod exports every message locale (`z.locales`, `z.core.locales`) but configures English
 *   only; the app never switches locale, so only English is kept.
 *
 * Only those importers are redirected: any other package importing the same names keeps the real
 * ones.
 */
export function browserHostStubsPlugin(): Plugin {
  return {
    name: 'rpa-supervisor-browser-host-stubs',
    enforce: 'pre',
    resolveId(source, importer) {
      return stubIdFor(source, importer);
    },
    load(id) {
      if (!id.startsWith(stubPrefix)) return null;
      const name = id.slice(stubPrefix.length);
      if (name.startsWith(zodLocales)) return `export { default as en } from ${JSON.stringify(name.slice(zodLocales.length))};`;
      return Object.hasOwn(confStubs, name) ? (confStubs[name] as string) : null;
    },
  };
}

const stubPrefix = '\0browser-host-stub:';
const zodLocales = 'zod-locales:';
const fromConf = /[\\/]node_modules[\\/]conf[\\/]/;
const fromZod = /[\\/]node_modules[\\/]zod[\\/]v4[\\/](?:classic|core)[\\/]/;

const refuse = (what: string) =>
  `() => { throw new Error(${JSON.stringify(`conf reached ${what}, which the browser host bundle leaves out (scripts/browser-host-stubs-plugin.ts): give conf no schema or migrations, or bundle it again.`)}); }`;

const confStubs: Record<string, string> = {
  'ajv/dist/2020.js': `const refuse = ${refuse('ajv')};\nexport class Ajv2020 { constructor() { refuse(); } }\nexport default Ajv2020;`,
  'ajv-formats': `export default { default: ${refuse('ajv-formats')} };`,
  semver: `const refuse = ${refuse('semver')};\nexport default { eq: refuse, clean: refuse, satisfies: refuse, lte: refuse, gt: refuse };`,
};

/** The stand-in's id for an import, or null to resolve it as usual. */
export function stubIdFor(source: string, importer: string | undefined): string | null {
  if (importer === undefined) return null;
  if (fromConf.test(importer) && Object.hasOwn(confStubs, source)) return stubPrefix + source;
  // The id carries where English is, beside the locales index the importer asked for.
  if (fromZod.test(importer) && source === '../locales/index.js') return stubPrefix + zodLocales + resolve(dirname(importer), '../locales/en.js');
  return null;
}
