/**
 * One build, a section per process: main and preload for Electron, and the renderer,
 * which the browser host serves from out/renderer as well.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { classicScriptPlugin } from './scripts/classic-script-plugin.js';
import { rendererCspPlugin } from './scripts/renderer-csp-plugin.js';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // electron-vite externalizes package.json dependencies (openid-client, oidc-provider,
      // electron-store, zod…) by default; they load from node_modules at run time.
      rollupOptions: {
        input: { index: resolve(root, 'main/electron/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { preload: resolve(root, 'main/electron/preload.ts') },
        // A sandboxed preload must be CommonJS, even though package.json says "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs work from file:// (Electron) and from the browser host's http root.
    base: './',
    // The built index.html carries the CSP meta tag (a file:// page gets no headers), written
    // from the one policy builder; scripts/renderer-csp-plugin.test.ts keeps it strict.
    plugins: [react(), rendererCspPlugin(), classicScriptPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves minification off; the renderer is served to a browser too, so
      // ship it small (React's production build, minified).
      minify: true,
      // One classic script and one stylesheet (scripts/classic-script-plugin.ts): a browser
      // that ran the page before loads the script from its code cache instead of parsing it.
      modulePreload: false,
      cssCodeSplit: false,
      rollupOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
        // Only ASCII: a script with any other character is decoded and kept as two bytes a
        // character, which the page's start pays for (docs/benchmarks.md, cold start).
        output: { format: 'iife', charset: 'ascii' },
      },
    },
  },
});
