import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserHostStubsPlugin, stubIdFor } from './browser-host-stubs-plugin.js';

/**
 * The browser host bundle leaves out what conf never reaches without a schema or migrations, and
 * zod's locales other than English (cold start). The bundle itself is built and run in
 * main/browser/browser-host-bundle.test.ts; this checks which imports are redirected.
 */
const modules = join('/repo', 'node_modules');
const confIndex = join(modules, 'conf', 'dist', 'source', 'index.js');

/** A stand-in's code as a module of its own. */
async function importStub<T>(code: string): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'stub-'));
  try {
    const file = join(dir, 'stub.mjs');
    await writeFile(file, code);
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function load(id: string): string {
  const hook = browserHostStubsPlugin().load;
  const handler = typeof hook === 'function' ? hook : hook?.handler;
  const code = handler?.call({} as never, id);
  if (typeof code !== 'string') throw new Error(`no stand-in for ${id}`);
  return code;
}

describe('browserHostStubsPlugin', () => {
  it('redirects conf’s ajv, ajv-formats and semver, and nothing else conf imports', () => {
    for (const source of ['ajv/dist/2020.js', 'ajv-formats', 'semver']) expect(stubIdFor(source, confIndex)).toMatch(/^\0browser-host-stub:/);
    for (const source of ['atomically', 'dot-prop', 'env-paths', 'node:fs', 'constructor']) expect(stubIdFor(source, confIndex)).toBeNull();
  });

  it('leaves the same packages alone for any other importer', () => {
    expect(stubIdFor('semver', join(modules, 'electron-updater', 'out', 'main.js'))).toBeNull();
    expect(stubIdFor('ajv/dist/2020.js', join('/repo', 'app', 'config', 'settings.ts'))).toBeNull();
    expect(stubIdFor('semver', undefined)).toBeNull();
  });

  it('keeps only English of zod’s locales, from beside the index zod asked for', () => {
    const id = stubIdFor('../locales/index.js', join(modules, 'zod', 'v4', 'classic', 'external.js'));
    expect(id).not.toBeNull();
    expect(load(id as string)).toBe(`export { default as en } from ${JSON.stringify(join(modules, 'zod', 'v4', 'locales', 'en.js'))};`);
    expect(stubIdFor('../locales/index.js', join(modules, 'zod', 'v4', 'core', 'index.js'))).toBe(id);
    expect(stubIdFor('../locales/en.js', join(modules, 'zod', 'v4', 'classic', 'schemas.js'))).toBeNull();
  });

  it('stand-ins throw with a message that says what to do, if conf ever reaches them', async () => {
    const ajv = load(stubIdFor('ajv/dist/2020.js', confIndex) as string);
    const { Ajv2020 } = await importStub<{ Ajv2020: new () => unknown }>(ajv);
    expect(() => new Ajv2020()).toThrow(/leaves out .*give conf no schema or migrations/);
    const semver = load(stubIdFor('semver', confIndex) as string);
    const { default: stand } = await importStub<{ default: { satisfies(): boolean } }>(semver);
    expect(() => stand.satisfies()).toThrow(/conf reached semver/);
  });
});
