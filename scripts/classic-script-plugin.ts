import type { Plugin } from 'vite';

/**
 * Makes the built page load its one script as a classic deferred script (`<script defer>`)
 * rather than a module: Chromium keeps a code cache for a classic script it has run twice and
 * then no longer parses it, while it parses a module entry on every load (docs/benchmarks.md,
 * cold start). The build outputs a single IIFE with the lazy screens inlined (no module to
 * import), so the page runs the same, in the same order: a deferred script runs after the
 * document is parsed, as a module does. Build only; the dev server serves modules.
 */
export function classicScriptPlugin(): Plugin {
  return { name: 'rpa-supervisor-classic-script', apply: 'build', transformIndexHtml: { order: 'post', handler: asClassicScript } };
}

const moduleScript = /<script type="module" crossorigin src="([^"]+)"><\/script>/g;

/**
 * The page with its module script tag made classic, and its stylesheet fetched without CORS
 * (`crossorigin` asks for a CORS request, which a `file://` page, as the Electron window loads
 * it, cannot make); a page with no script, or two, fails the build.
 */
export function asClassicScript(html: string): string {
  const tags = [...html.matchAll(moduleScript)];
  if (tags.length !== 1) throw new Error(`the built page should load exactly one script, found ${tags.length}`);
  if (/<link rel="modulepreload"/.test(html)) throw new Error('the built page still preloads modules: the renderer must build as one script');
  return html.replace(moduleScript, (_tag, src: string) => `<script defer src="${src}"></script>`).replace(/<link rel="stylesheet" crossorigin href=/g, '<link rel="stylesheet" href=');
}
