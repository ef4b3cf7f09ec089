import type { Plugin } from 'vite';
import { nativeCompileManifest } from '../main/browser/code-cache-loader.js';

/** What the manifest needs to know of a built chunk. */
export interface BuiltChunk {
  fileName: string;
  dynamicImports: readonly string[];
}

/**
 * The chunks that `import()` a module from outside the bundle (an ES module package such as
 * oidc-provider): on Node 20 a script compiled from V8's cached data cannot run `import()`, so
 * the code cache loader leaves these to Node (main/browser/code-cache-loader.ts).
 */
export function chunksImportingOutside(chunks: readonly BuiltChunk[]): string[] {
  const inBundle = new Set(chunks.map((chunk) => chunk.fileName));
  return chunks.filter((chunk) => chunk.dynamicImports.some((id) => !inBundle.has(id))).map((chunk) => chunk.fileName).sort();
}

/** Writes `native-compile.json` beside the browser host's bundle. */
export function nativeCompileManifestPlugin(): Plugin {
  return {
    name: 'rpa-supervisor-native-compile-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [{ fileName: output.fileName, dynamicImports: output.dynamicImports }] : []));
      this.emitFile({ type: 'asset', fileName: nativeCompileManifest, source: `${JSON.stringify(chunksImportingOutside(chunks), null, 2)}\n` });
    },
  };
}
