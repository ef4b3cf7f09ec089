/**
 * Bundles a TypeScript entry into one ES module for plain `node`, with packages left external,
 * as electron-vite builds the app's main process. Memory is then measured without tsx's loader
 * (about 30 MB of its own).
 */
export async function bundleForNode(entry: string, outDir: string): Promise<string> {
  // Loaded only here: vite is large, and most benchmark runs never need it.
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
  const name = entry.split(/[\\/]/).at(-1)?.replace(/\.ts$/, '') ?? 'entry';
  return `${outDir}/${name}.mjs`;
}
