import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * auth/ obtains tokens and session/ holds them: auth may import session (it builds sessions),
 * session never imports auth, so the two cannot form a cycle. Every import form counts, `import
 * type` and dynamic `import()` included. Tests and test-support wire both and are left out.
 */
const root = join(import.meta.dirname, '..');

function productionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : productionFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Project files `source` (at `file`) imports, as paths relative to the repository. */
function importsOf(file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((entry) => entry.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

/** Edges between the top folders under app/ (`auth`, `session`, …), with one file that makes each. */
function folderEdges(files: string[], read: (file: string) => string): Map<string, string> {
  const edges = new Map<string, string>();
  const folderOf = (path: string) => /^app\/([^/]+)\//.exec(path)?.[1];
  for (const file of files) {
    const from = folderOf(relative(root, file));
    for (const target of importsOf(file, read(file))) {
      const to = folderOf(target);
      if (from && to && from !== to && !edges.has(`${from}→${to}`)) edges.set(`${from}→${to}`, relative(root, file));
    }
  }
  return edges;
}

const files = [...productionFiles(join(root, 'app', 'auth')), ...productionFiles(join(root, 'app', 'session'))];

describe('auth/ and session/ import each other one way only', () => {
  it('session/ imports nothing from auth/, in any import form', () => {
    const edges = folderEdges(files, (file) => readFileSync(file, 'utf8'));
    expect(edges.get('session→auth')).toBeUndefined();
    // The allowed direction exists, so the scan sees real imports.
    expect(edges.get('auth→session')).toBeDefined();
  });

  it('the scan catches a planted import of each form', () => {
    const probe = join(root, 'app', 'session', 'probe.ts');
    for (const line of [
      "import { SignInService } from '../auth/sign-in-service.js';",
      "import type { SignInEvent } from '../auth/sign-in-service.js';",
      "export { parseDeepLink } from '../auth/sign-in-service.js';",
      "const lazy = () => import('../auth/sign-in-service.js');",
    ]) {
      expect(folderEdges([probe], () => line).get('session→auth'), line).toBe('app/session/probe.ts');
    }
  });
});
