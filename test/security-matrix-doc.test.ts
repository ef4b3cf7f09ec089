import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/security-matrix.md is the project's list of security cases. These checks keep it true:
 * one entry per case, every "S12"-style reference anywhere resolves to an entry, and every test
 * it names exists under that name.
 */
const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs', 'security-matrix.md'), 'utf8');
const caseCount = 124;
const entries = [...doc.matchAll(/^\*\*S(\d+)\. /gm)].map((match) => Number(match[1]));

const skipped = new Set(['node_modules', 'out', 'dist', 'release', 'reports', 'reports-under-load', 'test-results', 'playwright-report', 'screenshots', '.git', '.tmp', '.bench-tmp']);
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|mjs|cjs|js|md|json|yml|yaml|nsh|sh|html|css)$/.test(entry.name) && entry.name !== 'package-lock.json' ? [path] : [];
  });
}

describe('docs/security-matrix.md', () => {
  it('has exactly one entry for each of S1–S104, in order', () => {
    expect(entries).toEqual(Array.from({ length: caseCount }, (_, index) => index + 1));
  });

  it('every S-number mentioned in the code, tests and docs has an entry', () => {
    const unresolved: string[] = [];
    for (const file of sourceFiles(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bS(\d{1,2})\b/g)) {
        if (!entries.includes(Number(match[1]))) unresolved.push(`${relative(root, file)}: S${match[1]}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('every test it names exists, under that name', () => {
    const named = [...doc.matchAll(/^- `([^`]+)` — "([^"]+)"/gm)].map((match) => ({ file: match[1] as string, title: match[2] as string }));
    expect(named.length).toBeGreaterThan(100);
    const missing = named.filter(({ file, title }) => {
      const path = join(root, file);
      return !existsSync(path) || !readFileSync(path, 'utf8').replace(/\\'/g, "'").includes(title);
    });
    expect(missing).toEqual([]);
  });

  it('names at least one test for every case up to S56, and every case is either tested or planned', () => {
    const sections = doc.split(/^(?=\*\*S\d+\. )/m).slice(1);
    expect(sections).toHaveLength(caseCount);
    sections.forEach((section, index) => {
      const tested = /^- `[^`]+` — "/m.test(section);
      const planned = section.includes('Planned —');
      expect({ case: index + 1, tested, planned }).toEqual({ case: index + 1, tested: index < 56 || !planned, planned: index >= 56 && !tested });
    });
  });
});
