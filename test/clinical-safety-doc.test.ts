import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/clinical-safety.md is the hazard log: every control it claims must be proven by a test that
 * exists under the name it gives, so the log cannot cite evidence that was renamed or deleted.
 */
const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs', 'clinical-safety.md'), 'utf8');

describe('docs/clinical-safety.md', () => {
  it('every hazard has a cause, an effect, a control and evidence', () => {
    const hazards = doc.split(/^(?=## H\d+\. )/m).slice(1);
    expect(hazards.length).toBeGreaterThanOrEqual(6);
    for (const hazard of hazards) {
      const title = hazard.split('\n')[0];
      for (const part of ['**Cause.**', '**Effect.**', '**Control.**', '**Evidence.**']) expect(hazard.includes(part), `${title}: ${part}`).toBe(true);
      expect(/^- `[^`]+` — "/m.test(hazard), `${title} names a test`).toBe(true);
    }
  });

  it('every test it names exists, under that name', () => {
    const named = [...doc.matchAll(/^- `([^`]+)` — "(.+)"(?: \([^)]*\))?$/gm)].map((match) => ({ file: match[1] as string, title: match[2] as string }));
    expect(named.length).toBeGreaterThan(15);
    const missing = named.filter(({ file, title }) => {
      const path = join(root, file);
      return !existsSync(path) || !readFileSync(path, 'utf8').replace(/\\'/g, "'").includes(title);
    });
    expect(missing).toEqual([]);
  });
});
